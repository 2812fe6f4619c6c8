"""Operator actions: Diskominfo resets only the village's own people, every action on a village is
in an append-only audit log both sides read, and exports are private files only staff download."""

import stat
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError, connection, transaction

from provisioning.jobs.operator import export_job_run
from provisioning.models import AuditEntry, VillageExport
from provisioning.support.services import SUPPORT_USERNAME

from ..factories import admin_client_for, in_village, make_diskominfo_staff
from ..jobs.conftest import queue_empty

A = AuditEntry.Action


@pytest.fixture
def staff_client(client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    return client


@pytest.mark.django_db
def test_password_reset_never_reaches_the_support_account(platform, staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.create_user(username=SUPPORT_USERNAME, password=None, is_superuser=True)
    connection.set_schema_to_public()

    refused = staff_client.post(
        f"/admin/desa/{jlodro.code}/reset-password/",
        {"username": SUPPORT_USERNAME, "reason": "Minta akses"},
        follow=True,
    )

    assert "akun dukungan Diskominfo" in refused.text
    with in_village(jlodro):
        assert not get_user_model().objects.get(username=SUPPORT_USERNAME).has_usable_password()
    connection.set_schema_to_public()
    assert not AuditEntry.objects.filter(action=A.PASSWORD_RESET).exists()
    unknown = staff_client.post(
        f"/admin/desa/{jlodro.code}/reset-password/",
        {"username": "budi", "reason": "Salah ketik"},
        follow=True,
    )
    assert "tidak ada di" in unknown.text


@pytest.mark.django_db
def test_every_operator_action_is_audited_and_both_sides_read_it(platform, staff_client, village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        get_user_model().objects.create_user(username="sekdes", password="sandi-sekdes-123")
    connection.set_schema_to_public()
    village_admin = admin_client_for(jlodro)
    base = f"/admin/desa/{jlodro.code}/"
    staff_client.post(base + "reset-password/", {"username": "sekdes", "reason": "Sekdes baru"})
    staff_client.post(base + "suspend/", {"reason": "Pergantian kepala desa"})
    staff_client.post(base + "resume/")
    staff_client.post(base + "rename/", {"subdomain": "jlodro-baru", "reason": "Nama resmi"})
    staff_client.post(base + "add-domain/", {"domain": "jlodro.desa.id"})
    assert staff_client.post(base + "support/").status_code == 302

    entries = list(
        AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .order_by("id")
    )
    assert [(e.action, e.actor) for e in entries] == [
        (A.PASSWORD_RESET, "budi"),
        (A.SUSPEND, "budi"),
        (A.RESUME, "budi"),
        (A.RENAME, "budi"),
        (A.DOMAIN_ADD, "budi"),
        (A.SUPPORT_LOGIN, "budi"),
    ]
    assert entries[0].client_address == "127.0.0.1" and entries[3].detail == "jlodro-baru.localhost"
    assert "Ganti subdomain" in staff_client.get(base).text

    village_admin.defaults["HTTP_HOST"] = "jlodro-baru.localhost"
    report = village_admin.get("/admin/log-tindakan-diskominfo/")
    assert report.status_code == 200
    for label in ("Kata sandi sekali pakai diterbitkan", "Nonaktifkan sementara", "Tambah domain", "budi"):
        assert label in report.text
    assert "jlodro.desa.id" in report.text


@pytest.mark.django_db
def test_a_village_reads_only_its_own_audit_entries(platform, staff_client, village_factory):
    jlodro, wangi = village_factory("Jlodro"), village_factory("Wangi")
    staff_client.post(f"/admin/desa/{wangi.code}/add-domain/", {"domain": "wangi.desa.id"})
    report = admin_client_for(jlodro).get("/admin/log-tindakan-diskominfo/")
    assert report.status_code == 200 and "wangi.desa.id" not in report.text
    assert report.text.count("Situs desa dibuat") == 1 and "Tambah domain" not in report.text


@pytest.mark.django_db
def test_audit_log_refuses_updates_and_deletes(platform):
    entry = AuditEntry.objects.create(village_code="35.23.01.2001", action=A.SUSPEND, actor="budi")
    for attempt in (
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(actor="orang lain"),
        lambda: AuditEntry.objects.filter(pk=entry.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert AuditEntry.objects.get(pk=entry.pk).actor == "budi"


@pytest.mark.django_db(transaction=True)
def test_export_is_private_has_no_sessions_and_only_staff_download_it(
    transactional_village_factory, client_for, settings, tmp_path
):
    settings.VILLAGEWEB_EXPORT_ROOT = str(tmp_path / "exports")
    jlodro = transactional_village_factory("Jlodro")
    with in_village(jlodro):
        session = SessionStore()
        session["secret"] = "masuk"
        session.create()
    connection.set_schema_to_public()
    staff = client_for("localhost")
    staff.force_login(make_diskominfo_staff())

    queue_empty()
    started = staff.post(f"/admin/desa/{jlodro.code}/export/")
    assert started.status_code == 302
    export_job_run(job_id=started["Location"].rstrip("/").rsplit("/", 1)[1])
    queue_empty()
    response = staff.get(started["Location"] + "unduh/")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    export = VillageExport.objects.get(code=jlodro.code)
    path = Path(export.path)
    assert path.parent == tmp_path / "exports" and not path.is_relative_to(Path(settings.BASE_DIR) / "media")
    assert len(path.name) > len(f"{jlodro.code}-20261202-000000-.tar.gz") + 20  # random token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with tarfile.open(path) as tar:
        pages = tar.extractfile("data/wagtailcore_page.copy").read().decode()
        assert "data/django_session.copy" not in tar.getnames()
        everything = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    assert "Desa Jlodro" in pages and session.session_key.encode() not in everything

    download = f"/admin/desa/{jlodro.code}/ekspor/{export.pk}/unduh/"
    assert staff.get(download).status_code == 200
    outsider = client_for("localhost")
    outsider.force_login(make_diskominfo_staff("tamu", in_group=False))
    refused = outsider.get(download)  # Wagtail turns PermissionDenied into a redirect home
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client_for(jlodro.domain).get(download).status_code in (302, 404)
    assert [
        e.action
        for e in AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .order_by("id")
    ] == [
        A.EXPORT,
        A.DOWNLOAD,
        A.DOWNLOAD,
    ]
