"""refill_spare_schemas: keeps ready copies of the template for instant provisioning."""

import io

import pytest
from django.core.management import call_command

from provisioning import schema_clone

pytestmark = pytest.mark.django_db


def test_refill_makes_the_configured_number_of_spares_and_discard_all_replaces_them(
    no_spares, platform, settings
):
    settings.VILLAGEWEB_SPARE_SCHEMAS = 2
    out = io.StringIO()
    call_command("refill_spare_schemas", stdout=out)
    assert "Skema cadangan dibuat: 2." in out.getvalue()
    first = set(schema_clone.spares_list())
    assert len(first) == 2
    call_command("refill_spare_schemas", stdout=io.StringIO())
    assert set(schema_clone.spares_list()) == first  # already full
    call_command("refill_spare_schemas", "--discard-all", stdout=io.StringIO())
    second = set(schema_clone.spares_list())
    assert len(second) == 2 and not second & first


def test_size_option_overrides_the_setting(no_spares, platform):
    call_command("refill_spare_schemas", "--size", "1", stdout=io.StringIO())
    assert len(schema_clone.spares_list()) == 1
