"""Migration village.0003 keeps what a village typed on its old Kontak page: it moves to the branding."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from themes.models import VillageBranding

from ..factories import in_village

pytestmark = pytest.mark.django_db


def _migrate(target: tuple[str, str]) -> None:
    with connection.cursor() as cursor:
        # The test's own transaction still holds the village's deferred foreign-key checks, and
        # PostgreSQL refuses ALTER TABLE on a table with pending checks: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def test_contact_details_typed_on_the_old_kontak_page_fill_the_empty_branding_fields(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        VillageBranding.objects.update(phone="(0356) 111", address="")
        _migrate(("village", "0002_village_page_types"))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE village_contactpage SET address = %s, phone = %s, whatsapp = %s",
                ["Jl. Lama 1, Jlodro", "(0356) 999", "081234567890"],
            )
        _migrate(("village", "0003_contact_details_live_in_branding"))
        branding = VillageBranding.objects.get()
        # Empty fields take the page's values; what the branding already had wins.
        assert (branding.address, branding.whatsapp, branding.phone) == (
            "Jl. Lama 1, Jlodro",
            "081234567890",
            "(0356) 111",
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = 'village_contactpage'",
                [jlodro.schema],
            )
            assert not {"address", "phone", "whatsapp"} & {row[0] for row in cursor.fetchall()}
