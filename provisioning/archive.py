"""One village in one file: export to a tar.gz archive, and restore it into an empty slot.

Archive layout (format 1):
    manifest.json   format, code, schema, created_at, migrations applied in the schema
    public.json     the village's rows in the public schema: the tenant row and its domains
    schema.sql      `pg_dump --schema=<schema>` as plain SQL with INSERTs (runs in one transaction)
    media/...       the village's uploaded files (MEDIA_ROOT/<schema>/)
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from provisioning import subdomains
from provisioning.lifecycle import LifecycleError, village_get, village_last_change, village_media_root
from provisioning.models import VillageExport
from provisioning.pg_tools import PgToolMissing, pg_tool
from tenants.models import Domain, Village, schema_name_for_code, validate_village_code
from villageweb.database import client_environment

ARCHIVE_FORMAT = 1


def _pg_dump() -> str:
    try:
        return pg_tool("pg_dump")
    except PgToolMissing as missing:
        raise LifecycleError(str(missing)) from None


def schema_dump(schema: str) -> bytes:
    """Plain SQL of one schema, with INSERTs (not COPY) so that Django's cursor can run it."""
    result = subprocess.run(
        [
            _pg_dump(),
            f"--schema={schema}",
            "--no-owner",
            "--no-privileges",
            "--inserts",
            "--rows-per-insert=200",
        ],
        env={**os.environ, **client_environment(connection.settings_dict)},
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise LifecycleError(f"pg_dump gagal: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def schema_sql_rename(sql: str, *, old: str, new: str) -> str:
    """Rename the schema inside a dump; schema names (`village_` + ten digits) never occur by chance."""
    if old == new:
        return sql
    return re.sub(rf"\b{re.escape(old)}\b", new, sql)


def _applied_migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY id')
        return [list(row) for row in cursor.fetchall()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def village_export(*, code: str, output: Path, created_by: str = "") -> VillageExport:
    """Write the village into one archive and record it (timestamp, checksum) for purge checks.

    The recorded time is taken before the dump starts: anything changed after it makes the export
    stale, so the check errs on the safe side.
    """
    village = village_get(code=code)
    output = Path(output).resolve()
    if output.is_dir():
        raise LifecycleError(
            f"'{output}' adalah folder: sebutkan nama berkas, misalnya {village.code}.tar.gz."
        )
    if not output.parent.is_dir():
        raise LifecycleError(f"Folder '{output.parent}' tidak ada.")
    started = timezone.now()
    manifest = {
        "format": ARCHIVE_FORMAT,
        "code": village.code,
        "schema": village.schema_name,
        "created_at": started.isoformat(),
        "migrations": _applied_migrations(village.schema_name),
    }
    public = {
        "village": {
            "code": village.code,
            "name": village.name,
            "kind": village.kind,
            "district_code": village.district_code,
            "district_name": village.district_name,
            "status": village.status,
        },
        "domains": [
            {"domain": domain.domain, "is_primary": domain.is_primary}
            for domain in Domain.objects.filter(tenant=village).order_by("-is_primary", "domain")
        ],
    }
    sql = schema_dump(village.schema_name)
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(tar, "public.json", json.dumps(public, indent=2, ensure_ascii=False).encode())
        _add_bytes(tar, "schema.sql", sql)
        media = village_media_root(village)
        if media.is_dir():
            tar.add(media, arcname="media")
    partial.replace(output)
    return VillageExport.objects.create(
        code=village.code,
        schema_name=village.schema_name,
        path=str(output),
        sha256=_sha256(output),
        size_bytes=output.stat().st_size,
        created_at=started,
        created_by=created_by,
    )


def export_verified(*, code: str, after) -> VillageExport | None:
    """The newest export of `code` made at or after `after` whose file is intact, if any."""
    for export in VillageExport.objects.filter(code=code, created_at__gte=after):
        path = Path(export.path)
        if path.is_file() and _sha256(path) == export.sha256:
            return export
    return None


def _read_member(tar: tarfile.TarFile, name: str) -> bytes:
    try:
        member = tar.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise LifecycleError(f"Arsip tidak lengkap: {name} tidak ada.")
    return member.read()


def _migration_gap(applied: list[list[str]]) -> tuple[list[str], bool]:
    """Migrations in the archive this version does not know, and whether this version has newer ones."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    done = {tuple(pair) for pair in applied}
    unknown = [f"{app}.{name}" for app, name in sorted(done - set(loader.disk_migrations))]
    pending = False
    for leaf in loader.graph.leaf_nodes():
        squash = loader.replacements.get(leaf)
        if leaf not in done and not (squash and set(squash.replaces) <= done):
            pending = True
    return unknown, pending


def _restored_domains(public: dict, *, renamed: bool, subdomain: str | None, name: str, district: str):
    if not renamed:
        if subdomain is not None:
            raise LifecycleError("--subdomain hanya dipakai bersama --code.")
        return public["domains"]
    base = settings.VILLAGEWEB_BASE_DOMAIN
    candidates = (
        [subdomain]
        if subdomain is not None
        else [subdomains.subdomain_from_name(name), subdomains.subdomain_with_district(name, district)]
    )
    for candidate in candidates:
        problem = subdomains.subdomain_problem(candidate)
        if problem and subdomain is not None:
            raise LifecycleError(problem)
        if problem is None and not Domain.objects.filter(domain=f"{candidate}.{base}").exists():
            return [{"domain": f"{candidate}.{base}", "is_primary": True}]
    raise LifecycleError("Tidak ada subdomain bebas untuk desa yang dipulihkan: gunakan --subdomain.")


def village_restore(*, archive: Path, code: str | None = None, subdomain: str | None = None) -> Village:
    """Bring an exported village back into an empty slot, under its own code or a new one.

    Refused when the code, the schema, a domain or the media folder is taken. With a new `code`
    the dump is renamed to the new schema and the village gets a new subdomain (derived from its
    name as in provisioning, or `subdomain`). Pending migrations of this version run afterwards.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise LifecycleError(f"Berkas arsip '{archive}' tidak ada.")
    try:
        tar = tarfile.open(archive, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise LifecycleError(f"'{archive}' bukan arsip ekspor desa: {error}") from error
    with tar:
        manifest = json.loads(_read_member(tar, "manifest.json"))
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise LifecycleError(f"Format arsip {manifest.get('format')} tidak dikenal versi ini.")
        public = json.loads(_read_member(tar, "public.json"))
        row = public["village"]
        new_code = (code or manifest["code"]).strip()
        try:
            validate_village_code(new_code)
        except Exception as error:
            raise LifecycleError(f"Kode desa '{new_code}' tidak valid.") from error
        schema = schema_name_for_code(new_code)
        if Village.objects.filter(code=new_code).exists():
            raise LifecycleError(f"Desa dengan kode {new_code} sudah ada: pulihkan dengan --code kode lain.")
        if schema_exists(schema):
            raise LifecycleError(f"Skema {schema} sudah ada di basis data.")
        media = Path(settings.MEDIA_ROOT) / schema
        if media.exists() and any(media.iterdir()):
            raise LifecycleError(f"Folder media {media} sudah berisi berkas.")
        unknown, pending = _migration_gap(manifest["migrations"])
        if unknown:
            raise LifecycleError(
                "Arsip dibuat oleh versi VillageWeb yang lebih baru (migrasi tidak dikenal: "
                f"{', '.join(unknown[:5])}). Perbarui VillageWeb dulu."
            )
        domains = _restored_domains(
            public,
            renamed=new_code != manifest["code"],
            subdomain=subdomain,
            name=row["name"],
            district=row["district_name"],
        )
        taken = Domain.objects.filter(domain__in=[d["domain"] for d in domains]).values_list(
            "domain", flat=True
        )
        if taken:
            raise LifecycleError(
                f"Domain {', '.join(sorted(taken))} sudah dipakai: pulihkan dengan --code dan --subdomain."
            )
        sql = schema_sql_rename(_read_member(tar, "schema.sql").decode(), old=manifest["schema"], new=schema)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
            # The dump empties search_path; make django-tenants set it again on the next query.
            connection.set_schema_to_public()
            village = Village(
                schema_name=schema,
                code=new_code,
                name=row["name"],
                kind=row["kind"],
                district_code=new_code.rsplit(".", 1)[0],
                district_name=row["district_name"],
                status=row["status"],
            )
            village.save(verbosity=0)
            for entry in domains:
                Domain.objects.create(domain=entry["domain"], tenant=village, is_primary=entry["is_primary"])
            primary = next(entry["domain"] for entry in domains if entry["is_primary"])
            with schema_context(schema):
                Site.objects.filter(is_default_site=True).update(hostname=primary)
        _media_extract(tar, media)
    if pending:
        call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
    return village


def _media_extract(tar: tarfile.TarFile, media: Path) -> None:
    members = []
    for member in tar.getmembers():
        if member.name.startswith("media/") and (member.isfile() or member.isdir()):
            member.name = member.name[len("media/") :]
            members.append(member)
    if not members:
        return
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent) as staging:
        tar.extractall(staging, members=members, filter="data")
        for child in Path(staging).iterdir():
            shutil.move(str(child), media / child.name)


def village_purge(*, code: str) -> None:
    """Remove an archived village for good: schema, media, domains, tenant row and portal items.

    Refused unless the village is archived and an export was made after its last change whose file
    is still where it was written with the recorded checksum. Public rows about the village (its
    domains, the portal's federated news) go with the tenant row (foreign keys, ON DELETE CASCADE).
    """
    village = village_get(code=code)
    if village.status != Village.Status.ARCHIVED:
        raise LifecycleError(f"{village.display_name} belum diarsipkan: jalankan archive_village dulu.")
    last_change = village_last_change(village=village)
    if not export_verified(code=village.code, after=last_change):
        raise LifecycleError(
            f"Belum ada ekspor {village.display_name} yang dibuat setelah perubahan terakhir "
            f"({last_change:%Y-%m-%d %H:%M:%S %Z}) dan masih utuh: jalankan export_village dulu."
        )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{village.schema_name}" CASCADE')
        Domain.objects.filter(tenant=village).delete()
        Village.objects.filter(pk=village.pk).delete()
    shutil.rmtree(village_media_root(village), ignore_errors=True)
