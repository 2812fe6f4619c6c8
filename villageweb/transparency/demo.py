from villageweb.transparency.disclosures import disclosures_refresh


def disclosures_demo_fill(*, village, demo) -> None:
    """Measure the demo village once its content is in, so the portal's ranking has it from the start."""
    disclosures_refresh(provider=village)
