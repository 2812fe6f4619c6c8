import pytest
from django.core.management.base import CommandError

from tenants.models import Village

from ..factories import command_run

pytestmark = pytest.mark.django_db


def test_purge_village_without_a_fresh_export_fails_and_keeps_everything(village_factory):
    jlodro = village_factory("Jlodro")
    command_run("archive_village", jlodro.code)
    with pytest.raises(CommandError, match="export_village"):
        command_run("purge_village", jlodro.code, interactive=False)
    assert Village.objects.filter(code=jlodro.code).exists()


def test_purge_village_of_an_active_village_fails(village_factory):
    jlodro = village_factory("Jlodro")
    with pytest.raises(CommandError, match="belum diarsipkan"):
        command_run("purge_village", jlodro.code, interactive=False)
