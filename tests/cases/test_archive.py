"""cases.json of a village archive is hostile input: a restore cleans every field with the model's own
field and refuses what does not fit, before anything stays (the restore's transaction)."""

import pytest

from villageweb.cases.archive import CasesRefused, cases_archive_export, cases_archive_restore
from villageweb.cases.models import Case
from villageweb.cases.services import Submission, case_create

from ..factories import village_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(village_factory):
    jlodro = village_factory("Jlodro")
    case = case_create(
        provider=village_of(jlodro),
        submission=Submission(kind="pengaduan", category="lainnya", subject="Lampu", message="Mati"),
    )
    data = cases_archive_export(provider=village_of(jlodro))
    Case.objects.filter(pk=case.pk).delete()
    return village_of(jlodro), data


def test_a_clean_archive_loads(exported):
    provider, data = exported
    assert cases_archive_restore(provider=provider, data=data) == 1


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("code", "'; DROP TABLE cases_case; --", "kode lacak"),
        ("status", "dibajak", "status"),
        ("subject", "x" * 201, "subject"),
        ("due_on", "kemarin", "due_on"),
        ("received_at", None, "received_at"),
        ("reply_file", "../../etc/passwd", "berkas jawaban"),
    ],
)
def test_a_bad_field_is_refused_and_named(exported, field, value, message):
    provider, data = exported
    data["cases"][0][field] = value
    with pytest.raises(CasesRefused, match=message):
        cases_archive_restore(provider=provider, data=data)
    assert not Case.objects.filter(provider=provider).exists()


def test_an_unknown_format_is_refused(exported):
    provider, data = exported
    with pytest.raises(CasesRefused):
        cases_archive_restore(provider=provider, data={**data, "format": 99})
    with pytest.raises(CasesRefused):
        cases_archive_restore(provider=provider, data=[])
