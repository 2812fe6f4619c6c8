"""The SOTK organisation chart, built from the officials' `reports_to` positions."""

from dataclasses import dataclass, field


@dataclass
class ChartNode:
    official: object
    children: list["ChartNode"] = field(default_factory=list)


def org_chart(officials: list) -> list[ChartNode]:
    """Officials as a forest, in their editor's order.

    An official whose `reports_to` names no listed position (or would close a loop) becomes a root,
    so a typo never hides anyone from the chart.
    """
    by_position = {}
    for official in officials:
        by_position.setdefault(official.position.strip().casefold(), official)
    parent_of = {}
    for official in officials:
        boss = by_position.get((official.reports_to or "").strip().casefold())
        if boss is not None and boss is not official:
            parent_of[id(official)] = boss
    for official in officials:  # break cycles: walk up; if we come back, cut this link
        seen, current = {id(official)}, parent_of.get(id(official))
        while current is not None:
            if id(current) in seen:
                parent_of.pop(id(official), None)
                break
            seen.add(id(current))
            current = parent_of.get(id(current))
    nodes = {id(official): ChartNode(official) for official in officials}
    roots = []
    for official in officials:
        boss = parent_of.get(id(official))
        (nodes[id(boss)].children if boss is not None else roots).append(nodes[id(official)])
    return roots
