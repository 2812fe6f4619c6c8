"""`seed_demo`'s cases: every status, an overdue one, an extended one, and one forwarded keeping its code."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from villageweb.cases.demo import DEMO_CASES, cases_demo_fill
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
    assert Case.objects.filter(provider=village_of(first)).count() == len(DEMO_CASES)
    objection = mine.get(objection_at__isnull=False)
    assert objection.objection_open and objection.objection_due_on > objection.due_on
    assigned = mine.exclude(assignee="").get()
    with in_village(second):
        official = get_user_model().objects.get(username=assigned.assignee)
        assert (
            not official.has_usable_password() and official.get_full_name() == "Sutrisno (Kaur Perencanaan)"
        )
