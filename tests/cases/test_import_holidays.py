"""`manage.py import_holidays PATH`: Diskominfo adds next year's SKB days; a bad file changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection

from villageweb.cases.models import Holiday

from ..factories import command_run, in_village, login_as, make_diskominfo_staff

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
    path.write_text("date,name,kind\n2028-02-27,Idulfitri,libur\n27/02/2028,Salah,libur\n")
    with pytest.raises(CommandError, match="Baris 3"):
        command_run("import_holidays", str(path))
    assert not Holiday.objects.filter(date=datetime.date(2028, 2, 27)).exists()


def test_holidays_are_edited_in_the_portal_admin_only(village_factory, client_for, holidays):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.filter(username="admin").update(is_superuser=True)
    connection.set_schema_to_public()
    village_admin = login_as(client_for(jlodro.domain), jlodro)
    assert village_admin.get("/admin/snippets/cases/holiday/").status_code == 404
    staff = make_diskominfo_staff()
    staff.is_superuser = True
    staff.save()
    portal = client_for("localhost")
    portal.force_login(staff)
    listing = portal.get("/admin/snippets/cases/holiday/")
    assert listing.status_code == 200 and "Idulfitri" in listing.text
