"""Audit is written by the lifecycle services alone, inside each action's own transaction.

For every lifecycle action: after the management command and after the Diskominfo admin, the
village's log holds the action's entry (who, from where, why); and when PostgreSQL refuses the
entry, the action is undone with it. Before, the commands wrote their entry after the service had
committed (a suspended village with no entry was possible) and the admin wrapped each step itself.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.utils import timezone

from provisioning.jobs import operator
from provisioning.models import AuditEntry, LoginLockout, SupportGrant, VillageExport
from provisioning.services.archive import village_export
from tenants.models import Domain, Village
from villageweb.accounts.models import SetupLink

from ..factories import command_run, in_village, make_diskominfo_staff, village_of

A = AuditEntry.Action
NEW_CODE = "35.23.99.8301"


def _audit_refused(request) -> None:
    """From here on PostgreSQL refuses every new audit row (a real failure inside the action's
    transaction, not a stand-in); the test's rollback, or the finalizer after a committing test,
    takes the trigger away again."""

    def drop():
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_refuse ON public.provisioning_auditentry")
            cursor.execute("DROP FUNCTION IF EXISTS audit_refuse()")

    request.addfinalizer(drop)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER audit_refuse BEFORE INSERT ON public.provisioning_auditentry "
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse()"
        )


def _archived_with_export(village, tmp_path) -> None:
    code = village.code
    Village.objects.filter(code=code).update(status=Village.Status.ARCHIVED)
    village_export(code=code, output=tmp_path / f"{code}.tar.gz", actor="persiapan")


def _exported(village, tmp_path) -> None:
    village_export(code=village.code, output=tmp_path / "arsip.tar.gz", actor="persiapan")


def _suspended(village, tmp_path) -> None:
    Village.objects.filter(code=village.code).update(status=Village.Status.SUSPENDED)


def _locked_out(village, tmp_path) -> None:
    now = timezone.now()
    LoginLockout.objects.create(
        village=village_of(village),
        username="admin",
        ip_address="10.0.0.5",
        locked_at=now,
        last_attempt_at=now,
    )


def _export_via_job(client, village, tmp_path) -> None:
    client.post(f"/admin/desa/{village.code}/export/")
    job = operator.OperatorJob.objects.get(kind=operator.OperatorJob.Kind.EXPORT, village_code=village.code)
    operator.export_job_run(job_id=str(job.pk))


def _lockout_lift(client, village, tmp_path) -> None:
    lockout = LoginLockout.objects.get(village__code=village.code)
    client.post(f"/admin/desa/kesehatan/kunci/{lockout.pk}/buka/", {"reason": "Kades lupa sandi"})


def _post(action: str, data: dict | None = None):
    def run(client, village, tmp_path):
        return client.post(f"/admin/desa/{village.code}/{action}/", {"reason": "Alasan uji", **(data or {})})

    return run


def _village_state(village) -> tuple:
    """Everything the actions below change, read fresh from the database."""
    row = Village.objects.filter(code=village.code).first()
    if row is None:
        return ("gone",)
    with in_village(village):
        admin = get_user_model().objects.get(username="admin")
        links = SetupLink.objects.filter(user=admin, used_at__isnull=True, expires_at__gt=timezone.now())
        people = (admin.password, sorted(links.values_list("token_hash", flat=True)))
    connection.set_schema_to_public()
    return (
        row.status,
        row.storage_quota_mb,
        sorted(Domain.objects.filter(tenant=row).values_list("domain", "is_primary")),
        people,
        VillageExport.objects.filter(code=village.code).count(),
        SupportGrant.objects.filter(village_code=village.code).count(),
        LoginLockout.objects.filter(village=row).count(),
        Village.objects.filter(code=NEW_CODE).exists(),
    )


@dataclass
class Case:
    action: str
    command: Callable | None = None  # (village, tmp_path) -> None
    admin: Callable | None = None  # (client, village, tmp_path) -> None
    setup: Callable = field(default=lambda village, tmp_path: None)
    # Dropping a schema with pending trigger events needs a committed one (purge).
    committing: bool = False


CASES = [
    Case(
        A.PROVISION,
        command=lambda v, p: command_run(
            "provision_village",
            "--code",
            NEW_CODE,
            "--name",
            "Baru",
            "--district",
            "Kenduruan",
            "--subdomain",
            "baru",
        ),
        admin=lambda c, v, p: c.post(
            "/admin/desa/baru/",
            {
                "code": NEW_CODE,
                "name": "Baru",
                "district_name": "Kenduruan",
                "kind": "desa",
                "subdomain": "baru",
                "override": "on",
                "override_reason": "Alasan uji",
            },
        ),
    ),
    Case(A.SUSPEND, command=lambda v, p: command_run("suspend_village", v.code), admin=_post("suspend")),
    Case(
        A.RESUME,
        command=lambda v, p: command_run("resume_village", v.code),
        admin=_post("resume"),
        setup=_suspended,
    ),
    Case(A.ARCHIVE, command=lambda v, p: command_run("archive_village", v.code), admin=_post("archive")),
    Case(
        A.RENAME,
        command=lambda v, p: command_run("rename_village", v.code, subdomain="jlodro-baru"),
        admin=_post("rename", {"subdomain": "jlodro-baru"}),
    ),
    Case(
        A.DOMAIN_ADD,
        command=lambda v, p: command_run("add_domain", v.code, "jlodro.desa.id"),
        admin=_post("add-domain", {"domain": "jlodro.desa.id"}),
    ),
    Case(
        A.STORAGE_QUOTA,
        command=lambda v, p: command_run("set_storage_quota", v.code, mb=2048),
        admin=_post("storage-quota", {"megabytes": "2048"}),
    ),
    Case(
        A.PASSWORD_RESET,
        command=lambda v, p: command_run("reset_village_admin", v.code),
        admin=_post("reset-password", {"username": "admin"}),
    ),
    Case(
        A.SETUP_LINK,
        command=lambda v, p: command_run("reset_village_admin", v.code, setup_link=True),
        admin=_post("setup-link", {"username": "admin"}),
    ),
    Case(
        A.EXPORT,
        command=lambda v, p: command_run("export_village", v.code, output=str(p / "keluar.tar.gz")),
        admin=_export_via_job,
    ),
    Case(
        A.PURGE,
        command=lambda v, p: command_run("purge_village", v.code, interactive=False),
        admin=lambda c, v, p: c.post(f"/admin/desa/{v.code}/purge/", {"confirm_code": v.code}),
        setup=_archived_with_export,
        committing=True,
    ),
    Case(
        A.RESTORE,
        command=lambda v, p: command_run(
            "restore_village", str(p / "arsip.tar.gz"), code=NEW_CODE, subdomain="salinan"
        ),
        setup=_exported,
    ),
    Case(A.SUPPORT_LOGIN, admin=_post("support")),
    Case(A.LOGIN_UNLOCK, admin=_lockout_lift, setup=_locked_out),
]


def _params(cases) -> list:
    return [
        pytest.param(case, id=case.action, marks=pytest.mark.django_db(transaction=case.committing))
        for case in cases
    ]


VIA_COMMAND = _params(case for case in CASES if case.command)
VIA_ADMIN = _params(case for case in CASES if case.admin)


@pytest.fixture
def village(request, case, tmp_path, settings):
    """Jlodro, ready for the case's action (committed when the case needs it)."""
    settings.VILLAGEWEB_EXPORT_ROOT = str(tmp_path / "ekspor")
    factory = request.getfixturevalue(
        "transactional_village_factory" if case.committing else "village_factory"
    )
    jlodro = factory("Jlodro")
    case.setup(jlodro, tmp_path)
    return jlodro


@pytest.fixture
def staff_client(village, client_for):
    client = client_for("localhost")
    client.force_login(make_diskominfo_staff())
    return client


def _entries(village, action) -> list[AuditEntry]:
    code = NEW_CODE if action in (A.PROVISION, A.RESTORE) else village.code
    return list(AuditEntry.objects.filter(village_code=code, action=action))


@pytest.mark.django_db
def test_every_lifecycle_action_has_a_case():
    """The tables below are the services' list: an action added to the log without a case fails."""
    not_lifecycle = {A.DOWNLOAD, A.MIGRATE}  # audited by their own tests (operator, migrate job)
    assert {case.action for case in CASES} == set(A.values) - not_lifecycle


@pytest.mark.parametrize("case", VIA_COMMAND)
def test_the_command_leaves_the_actions_audit_entry(case, village, tmp_path):
    before = _village_state(village)

    case.command(village, tmp_path)

    assert _village_state(village) != before
    (entry,) = _entries(village, case.action)
    assert entry.actor.startswith("cli:")


@pytest.mark.parametrize("case", VIA_ADMIN)
def test_the_admin_leaves_the_actions_audit_entry(case, village, staff_client, tmp_path):
    before = _village_state(village)

    case.admin(staff_client, village, tmp_path)

    assert _village_state(village) != before
    (entry,) = _entries(village, case.action)
    assert (entry.actor, entry.client_address) == ("budi", "127.0.0.1")


@pytest.mark.parametrize("case", VIA_COMMAND)
def test_a_refused_audit_entry_undoes_the_commands_action(case, village, tmp_path, request):
    before = _village_state(village)
    _audit_refused(request)

    with pytest.raises(DatabaseError, match="audit refused"):
        case.command(village, tmp_path)

    connection.set_schema_to_public()
    assert _village_state(village) == before
    assert _entries(village, case.action) == []


@pytest.mark.parametrize("case", VIA_ADMIN)
def test_a_refused_audit_entry_undoes_the_admins_action(case, village, staff_client, tmp_path, request):
    before = _village_state(village)
    _audit_refused(request)

    with pytest.raises(DatabaseError, match="audit refused"):
        case.admin(staff_client, village, tmp_path)

    connection.set_schema_to_public()
    assert _village_state(village) == before
    assert _entries(village, case.action) == []
