"""The SOTK chart never loses an official, whatever the editors typed in 'reports to'."""

from types import SimpleNamespace

from villageweb.village.orgchart import org_chart


def official(position, reports_to=""):
    return SimpleNamespace(name=f"Nama {position}", position=position, reports_to=reports_to)


def flatten(nodes):
    for node in nodes:
        yield node.official
        yield from flatten(node.children)


def test_chart_follows_reports_to_case_insensitively():
    head = official("Kepala Desa")
    secretary = official("Sekretaris Desa", "kepala desa")
    finance = official("Kaur Keuangan", "Sekretaris Desa ")
    roots = org_chart([head, secretary, finance])
    assert [n.official for n in roots] == [head]
    assert roots[0].children[0].official is secretary
    assert roots[0].children[0].children[0].official is finance


def test_unknown_superior_and_loops_become_roots_so_nobody_disappears():
    a = official("Kasi A", "Kasi B")
    b = official("Kasi B", "Kasi A")
    stray = official("Kasi C", "Jabatan yang tidak ada")
    roots = org_chart([a, b, stray])
    assert sorted(o.position for o in flatten(roots)) == ["Kasi A", "Kasi B", "Kasi C"]
    assert stray in [n.official for n in roots]
