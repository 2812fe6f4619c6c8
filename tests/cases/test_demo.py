"""`seed_demo`'s cases: every status, an overdue one, an extended one, and one forwarded keeping its code."""

import pytest
from django.db import connection

from villageweb.cases.demo import cases_demo_fill
from villageweb.cases.models import Case, CaseEvent
from villageweb.cases.services import case_is_overdue

from ..factories import in_village, village_of

pytestmark = pytest.mark.django_db


def test_demo_has_cases_in_every_state_with_a_forwarded_and_an_overdue_one(village_factory, client_for):
    first, second = village_factory("Kaliuntu"), village_factory("Tasikmadu")
    for result in (first, second):
        with in_village(result):
            cases_demo_fill(village=village_of(result), demo=None)
            cases_demo_fill(village=village_of(result), demo=None)  # idempotent
    connection.set_schema_to_public()
    mine = Case.objects.filter(provider=village_of(second))
    assert {case.status for case in mine} == {"diterima", "diproses", "dijawab", "selesai"}
    assert any(case_is_overdue(case) for case in mine)
    assert mine.filter(extended_at__isnull=False).exists()
    forwarded = mine.get(events__kind=CaseEvent.Kind.FORWARDED)
    assert forwarded.submitted_to == village_of(first)
    assert (
        "Diteruskan dari Desa Kaliuntu" in client_for("localhost").get(f"/lacak/?kode={forwarded.code}").text
    )
    assert Case.objects.filter(provider=village_of(first)).count() == 7
