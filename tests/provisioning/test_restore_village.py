import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from tenants.models import Village

from ..factories import command_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_restore_village_under_a_new_code_serves_a_copy(transactional_village_factory, tmp_path, client_for):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    command_run("export_village", jlodro.code, output=str(archive))
    try:
        out = command_run("restore_village", str(archive), code="35.23.99.8002", subdomain="jlodro-salinan")
        assert "Desa Jlodro (35.23.99.8002) dipulihkan: http://jlodro-salinan.localhost/" in out
        assert client_for("jlodro-salinan.localhost").get("/").status_code == 200
    finally:
        with connection.cursor() as cursor:
            cursor.execute('DROP SCHEMA IF EXISTS "village_3523998002" CASCADE')
        shutil.rmtree(Path(settings.MEDIA_ROOT) / "village_3523998002", ignore_errors=True)
        Village.objects.filter(code="35.23.99.8002").delete()


def test_restore_village_from_a_missing_file_fails(transactional_village_factory, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        command_run("restore_village", str(tmp_path / "hilang.tar.gz"))
