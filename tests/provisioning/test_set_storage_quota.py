"""`set_storage_quota`: Diskominfo raises (or resets) a village's storage quota from the server's shell,
and the change is in the audit log both sides read."""

import pytest
from django.core.management.base import CommandError

from provisioning.models import AuditEntry

from ..factories import command_run, village_of

pytestmark = pytest.mark.django_db


def test_quota_is_raised_then_reset_to_the_default_and_each_change_is_audited(village_factory, settings):
    settings.VILLAGEWEB_STORAGE_QUOTA_MB = 1024
    jlodro = village_factory("Jlodro")

    raised = command_run("set_storage_quota", jlodro.code, mb=4096, alasan="Arsip video musyawarah")

    assert "Kuota penyimpanan Desa Jlodro: 1.024 MB → 4.096 MB" in raised
    assert "Ruang penyimpanan: 0 KB dari 4.096 MB terpakai" in raised
    assert village_of(jlodro).storage_quota_mb == 4096

    reset = command_run("set_storage_quota", jlodro.code, bawaan=True)

    assert "4.096 MB → 1.024 MB" in reset
    assert village_of(jlodro).storage_quota_mb is None
    entries = (
        AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .order_by("created_at", "id")
    )
    assert [(entry.action, entry.detail, entry.reason) for entry in entries] == [
        (AuditEntry.Action.STORAGE_QUOTA, "1.024 MB → 4.096 MB", "Arsip video musyawarah"),
        (AuditEntry.Action.STORAGE_QUOTA, "4.096 MB → 1.024 MB", ""),
    ]
    assert all(entry.actor.startswith("cli:") for entry in entries)


def test_a_quota_of_zero_is_refused_and_nothing_changes(village_factory):
    jlodro = village_factory("Jlodro")

    with pytest.raises(CommandError, match="antara 1 dan"):
        command_run("set_storage_quota", jlodro.code, mb=0)

    assert village_of(jlodro).storage_quota_mb is None
    assert (
        not AuditEntry.objects.filter(village_code=jlodro.code)
        .exclude(action=AuditEntry.Action.PROVISION)
        .exists()
    )
