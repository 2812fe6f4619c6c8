"""How complete a village's site is: the score behind the dashboard panel "Kelengkapan Situs", the
portal's directory and Diskominfo's health screen.

Each content app contributes its own checklist items through the Wagtail hook
`villageweb_completeness_items` (a function `f(*, today) -> list[ChecklistItem]`, registered in its
wagtail_hooks.py with an `order`: the checklist lists them in that order). Plain functions over the
current schema, so the regency side can score any village with
`with schema_context(village.schema_name): site_completeness()`.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail import hooks

from villageweb.village.completeness import ChecklistItem

COMPLETENESS_ITEMS_HOOK = "villageweb_completeness_items"


@dataclass(frozen=True)
class Completeness:
    items: list[ChecklistItem]

    @property
    def score(self) -> int:
        """0–100: the share of checklist items done, rounded."""
        if not self.items:
            return 0
        return round(100 * sum(item.done for item in self.items) / len(self.items))

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "items": [{"key": i.key, "label": i.label, "done": i.done} for i in self.items],
        }


def site_completeness(*, today: datetime.date | None = None) -> Completeness:
    """The checklist for the site of the current schema, from every app's hook in order."""
    today = today or timezone.localdate()
    return Completeness(
        items=[item for fn in hooks.get_hooks(COMPLETENESS_ITEMS_HOOK) for item in fn(today=today)]
    )
