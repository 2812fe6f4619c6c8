"""Bulk import of a regency's villages from the Kemendagri code list.

Each village is provisioned by `village_provision` in its own transaction, so a kill at any moment
(even SIGKILL) leaves every village either complete or absent, and a rerun skips the complete ones
and finishes the job. Several worker processes provision in parallel: while one waits for
PostgreSQL to build a schema, another runs Python.
"""

import ctypes
import multiprocessing
import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection, connections

from provisioning import schema_clone
from provisioning.services import ProvisioningError, village_provision
from provisioning.village_list import ListedVillage, RowError, village_list_read
from tenants.models import VILLAGE_CODE_PATTERN, Domain, Village


@dataclass
class ImportResult:
    created: list = field(default_factory=list)  # dicts: provision_village --json keys + setup
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # RowError
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "skipped": self.skipped,
            "errors": [error.as_dict() for error in self.errors],
        }


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    elapsed: float
    village_seconds: float = 0.0  # how long the village just finished took its worker

    @property
    def eta(self) -> float | None:
        if not self.done:
            return None
        return self.elapsed / self.done * (self.total - self.done)


def village_list_import(
    *,
    path: str,
    actor: str,
    district_code: str | None = None,
    limit: int | None = None,
    workers: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_created: Callable[[dict], None] | None = None,
) -> ImportResult:
    """Create every village of the list that does not exist yet (at most `limit` of them).

    `on_created` gets each new village's entry as soon as its transaction has committed, so a caller
    that records them (the admin's import job) loses at most the one being recorded when killed.
    Each village's audit entry names `actor`, as one made alone would.
    """
    started = time.monotonic()
    listing = village_list_read(path, regency_code=settings.VILLAGEWEB_REGENCY_CODE)
    result = ImportResult()
    result.errors = [error for error in listing.errors if _in_district(error.code, district_code)]
    existing = {village.code: village for village in Village.objects.villages()}
    todo = []
    for listed in listing.villages:
        if district_code and listed.district_code != district_code:
            continue
        current = existing.get(listed.code)
        if current is not None:
            result.skipped.append(_skipped_entry(listed, current))
        elif limit is None or len(todo) < limit:
            todo.append(listed)
    taken = set(Domain.objects.values_list("domain", flat=True))
    jobs = [(listed, _subdomain_free(listed, taken), actor) for listed in todo]
    for listed, outcome in _provision_all(jobs, workers or settings.VILLAGEWEB_IMPORT_WORKERS, on_progress):
        if isinstance(outcome, dict):
            outcome.pop("admin_password")
            entry = {
                **outcome,
                "name": listed.name,
                "kind": listed.kind,
                "district_code": listed.district_code,
                "district_name": listed.district_name,
            }
            result.created.append(entry)
            if on_created:
                on_created(entry)
        else:
            result.errors.append(RowError(line=listed.line, code=listed.code, reason=outcome))
    result.created.sort(key=lambda entry: entry["code"])
    result.errors.sort(key=lambda error: error.line)
    result.seconds = time.monotonic() - started
    return result


def _in_district(code: str, district_code: str | None) -> bool:
    """Errors of other kecamatan are left out of a --district run; rows with no readable code stay."""
    return (
        not district_code or code.startswith(district_code + ".") or not re.match(VILLAGE_CODE_PATTERN, code)
    )


def _skipped_entry(listed: ListedVillage, current: Village) -> dict:
    entry = {"code": listed.code, "name": current.name, "url": current.url and f"{current.url}/"}
    entry["name_changed"] = current.name != listed.name
    if entry["name_changed"]:
        entry["name_in_list"] = listed.name
    return entry


def _subdomain_free(listed: ListedVillage, taken: set) -> str:
    """The list's subdomain, or (as provision_village does) the next rule's when a village holds it."""
    base = settings.VILLAGEWEB_BASE_DOMAIN
    for candidate in (listed.subdomain, *listed.fallbacks):
        if f"{candidate}.{base}" not in taken:
            return candidate
    return listed.subdomain  # village_provision reports it as taken


def _provision_all(jobs: list, workers: int, on_progress):
    started = time.monotonic()
    if not jobs:
        return
    snapshot = _snapshot_or_none()
    if workers <= 1 or len(jobs) == 1:
        outcomes = (_provision_one(job, snapshot) for job in jobs)
        yield from _with_progress(jobs, outcomes, started, on_progress)
        return
    # Each worker opens its own connection: none may inherit (and later close) the parent's socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(jobs)), initializer=_worker_init, initargs=(snapshot,)) as pool:
        outcomes = pool.imap(_worker_provision, jobs)
        yield from _with_progress(jobs, outcomes, started, on_progress)


def _with_progress(jobs, outcomes, started, on_progress):
    for done, (job, (outcome, seconds)) in enumerate(zip(jobs, outcomes, strict=True), start=1):
        if on_progress:
            on_progress(
                Progress(
                    done=done, total=len(jobs), elapsed=time.monotonic() - started, village_seconds=seconds
                )
            )
        yield job[0], outcome


def _snapshot_or_none() -> schema_clone.TemplateSnapshot | None:
    try:
        return schema_clone.template_snapshot_current()
    except schema_clone.SchemaCloneUnavailable:
        return None


def _provision_one(job: tuple, snapshot) -> tuple[dict | str, float]:
    """(the village's --json entry or the reason it failed, seconds it took)."""
    started = time.monotonic()
    return _outcome(job, snapshot), time.monotonic() - started


def _outcome(job: tuple, snapshot) -> dict | str:
    listed, subdomain, actor = job
    try:
        result = village_provision(
            code=listed.code,
            name=listed.name,
            district_name=listed.district_name,
            kind=listed.kind,
            subdomain=subdomain,
            setup_link=True,
            snapshot=snapshot,
            actor=actor,
        )
    except ProvisioningError as error:
        return str(error)
    except DatabaseError as error:
        # One village failing in the database (a concurrent run, a lost connection) is one bad row.
        return f"kesalahan basis data: {error}".strip()
    finally:
        connection.set_schema_to_public()
    return result.as_dict()


_worker_snapshot = None


def _worker_init(snapshot) -> None:
    global _worker_snapshot
    _worker_snapshot = snapshot
    # Die with the parent: a killed import must not leave workers provisioning on their own.
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_provision(job: tuple) -> tuple[dict | str, float]:
    try:
        return _provision_one(job, _worker_snapshot)
    finally:
        # A fresh server process per village: one that has touched hundreds of new schemas carries
        # their catalog caches, and every other worker's DDL makes it process invalidations for them.
        connection.close()
