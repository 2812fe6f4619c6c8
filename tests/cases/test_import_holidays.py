"""`manage.py import_holidays PATH`: Diskominfo adds next year's SKB days; a bad file changes nothing."""

import datetime

import pytest
from django.core.management.base import CommandError

from villageweb.cases.models import Holiday

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_import_adds_and_corrects_days(tmp_path):
    path = tmp_path / "libur-2027.csv"
    path.write_text(
        "date,name,kind\n2027-03-10,Hari Raya Idulfitri 1448 H,libur\n2027-03-11,Cuti bersama,cuti_bersama\n"
    )
    assert "2 hari libur dimuat" in command_run("import_holidays", str(path))
    assert Holiday.objects.get(date=datetime.date(2027, 3, 11)).kind == "cuti_bersama"


def test_bad_line_is_named_and_nothing_is_loaded(tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text("date,name,kind\n2027-03-10,Idulfitri,libur\n10/03/2027,Salah,libur\n")
    with pytest.raises(CommandError, match="Baris 3"):
        command_run("import_holidays", str(path))
    assert not Holiday.objects.filter(date=datetime.date(2027, 3, 10)).exists()
