"""One village in one file: export to a tar.gz archive, and restore it into an empty slot.

Archive layout (format 3):
    manifest.json   format, code, schema, created_at, migrations applied in the schema, `tables`
                    (each exported table -> its column names) and the SHA-256 of every other member
                    ("checksums")
    public.json     the village's rows in the public schema: the tenant row and its domains
    cases.json      its complaints and information requests (public schema, villageweb.cases.archive;
                    optional: archives made before it have none)
    data/<table>.copy  the table's rows in PostgreSQL's COPY text format (no SQL anywhere), without
                    the sessions' rows (a session in an archive is a log-in in someone's hands)
    media/...       the village's uploaded files (MEDIA_ROOT/<schema>/)

A restore trusts nothing in the file and executes nothing from it: the whole archive must match an
export record (`VillageExport`, written by this platform when it made the file), every member its
manifest checksum, every public field the rules provisioning applies; the schema is made from the
platform's own template, and only the rows are loaded, as data, into the template's tables
(provisioning.schema_rows). Archives of format 2 and older held SQL and are refused.
"""

import hashlib
import io
import json
import os
import secrets
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from provisioning import subdomains
from provisioning.audit import audit_record
from provisioning.models import AuditEntry, VillageExport
from provisioning.schema_rows import (
    TABLES_NOT_EXPORTED,
    RowsRefused,
    schema_rows_load,
    schema_tables,
    table_rows_dump,
    tables_checked,
)
from provisioning.services.lifecycle import (
    LifecycleError,
    domain_problem,
    village_get,
    village_last_change,
    village_media_root,
)
from provisioning.services.villages import village_schema_create
from tenants.models import Domain, Village, schema_name_for_code, validate_village_code
from villageweb.cases.archive import CasesRefused, cases_archive_export, cases_archive_restore
from villageweb.media.image_metadata import IMAGE_FOLDERS, image_strip
from villageweb.portal.federation.services import federation_resync

ARCHIVE_FORMAT = 3


def _applied_migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY id')
        return [list(row) for row in cursor.fetchall()]


def _schema_rows(schema: str) -> tuple[list[list[str]], dict[str, list[str]], dict[str, bytes]]:
    """Migrations, table -> columns, and table -> rows of `schema`, all read in one snapshot."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:  # inside a caller's transaction the snapshot is the caller's
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        migrations = _applied_migrations(schema)
        tables = {
            table: columns
            for table, columns in schema_tables(schema).items()
            if table not in TABLES_NOT_EXPORTED
        }
        rows = {
            table: table_rows_dump(schema=schema, table=table, columns=columns)
            for table, columns in tables.items()
        }
    return migrations, tables, rows


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.mode = 0o600
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def village_export(
    *,
    code: str,
    output: Path,
    actor: str,
    reason: str = "",
    address: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> VillageExport:
    """Write the village into one archive and record it (timestamp, checksum) for purge checks.

    The recorded time is taken before the dump starts: anything changed after it makes the export
    stale, so the check errs on the safe side. `on_progress(done, total)` follows the steps: the
    database dump, then every media file (what makes a large village's export long). The export's
    record and its audit entry (the file's name, never the server's folders) commit together.
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
    }
    public = {
        "village": {
            "code": village.code,
            "name": village.name,
            "kind": village.kind,
            "district_code": village.district_code,
            "district_name": village.district_name,
            "status": village.status,
            "storage_quota_mb": village.storage_quota_mb,
        },
        "domains": [
            {"domain": domain.domain, "is_primary": domain.is_primary}
            for domain in Domain.objects.filter(tenant=village).order_by("-is_primary", "domain")
        ],
    }
    media = village_media_root(village)
    media_files = sorted(path for path in media.rglob("*") if path.is_file()) if media.is_dir() else []
    steps = 2 + len(media_files)  # the dump, the media files, the finished archive
    manifest["migrations"], manifest["tables"], rows = _schema_rows(village.schema_name)
    data = {f"data/{table}.copy": body for table, body in rows.items()}
    if on_progress:
        on_progress(1, steps)
    public_json = json.dumps(public, indent=2, ensure_ascii=False).encode()
    cases_json = json.dumps(cases_archive_export(provider=village), ensure_ascii=False).encode()
    manifest["checksums"] = {
        "public.json": hashlib.sha256(public_json).hexdigest(),
        "cases.json": hashlib.sha256(cases_json).hexdigest(),
        **{name: hashlib.sha256(body).hexdigest() for name, body in data.items()},
        **{f"media/{path.relative_to(media).as_posix()}": _sha256(path) for path in media_files},
    }
    partial = output.with_name(f"{output.name}.{secrets.token_hex(8)}.partial")
    # Only the platform's user may read an archive: it holds every account's password hash.
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            _add_bytes(tar, "public.json", public_json)
            _add_bytes(tar, "cases.json", cases_json)
            for name, body in data.items():
                _add_bytes(tar, name, body)
            for number, path in enumerate(media_files, start=2):
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
                if on_progress:
                    on_progress(number, steps)
    os.chmod(partial, 0o600)
    partial.replace(output)
    with transaction.atomic():
        export = VillageExport.objects.create(
            code=village.code,
            schema_name=village.schema_name,
            path=str(output),
            sha256=_sha256(output),
            size_bytes=output.stat().st_size,
            created_at=started,
            created_by=actor,
        )
        audit_record(
            village_code=village.code,
            action=AuditEntry.Action.EXPORT,
            actor=actor,
            address=address,
            detail=output.name,
            reason=reason,
        )
    return export


@transaction.atomic
def village_export_download(*, code: str, export_id: int, actor: str, address: str | None = None) -> Path:
    """The file of an earlier export of `code`, for Diskominfo to download; the download is audited."""
    export = VillageExport.objects.filter(pk=export_id, code=code).first()
    if export is None or not os.path.isfile(export.path):
        raise LifecycleError("Berkas ekspor ini tidak ada lagi.")
    path = Path(export.path)
    audit_record(
        village_code=export.code,
        action=AuditEntry.Action.DOWNLOAD,
        actor=actor,
        address=address,
        detail=path.name,
    )
    return path


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


def _migrations_unknown(applied) -> list[str]:
    """Migrations in the archive this version does not know (it was made by a newer VillageWeb)."""
    if not isinstance(applied, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)
        for pair in applied
    ):
        raise LifecycleError("Arsip ditolak: daftar migrasi di manifest tidak valid.")
    loader = MigrationLoader(None, ignore_no_migrations=True)
    done = {tuple(pair) for pair in applied}
    return [f"{app}.{name}" for app, name in sorted(done - set(loader.disk_migrations))]


def _media_path(name: str) -> PurePosixPath | None:
    """The path under the village's media folder of a `media/...` member, None when it would leave it."""
    parts = PurePosixPath(name).parts[1:]
    if not parts or any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts):
        return None
    return PurePosixPath(*parts)


def _members_checked(tar: tarfile.TarFile, tables: dict) -> list[tuple[tarfile.TarInfo, PurePosixPath]]:
    """Refuse any member that is not the manifest, public.json, a listed table's data or a plain media
    file under the village's folder; return the media files with their relative paths."""
    expected = {"manifest.json", "public.json", *(f"data/{table}.copy" for table in tables)}
    media = []
    names = set()
    for member in tar.getmembers():
        names.add(member.name)
        if member.name in (*expected, "cases.json") and member.isfile():
            continue
        if not member.name.startswith("media/"):
            raise LifecycleError(f"Arsip ditolak: isi {member.name[:120]} tidak dikenal di arsip desa.")
        path = _media_path(member.name)
        if path is None or not (member.isfile() or member.isdir()):
            raise LifecycleError(
                f"Arsip ditolak: berkas media {member.name[:120]} bukan berkas biasa di dalam folder "
                "media desa."
            )
        if member.isfile():
            media.append((member, path))
    missing = sorted(expected - names)
    if missing:
        raise LifecycleError(f"Arsip tidak lengkap: {', '.join(missing[:5])} tidak ada.")
    return media


def _archive_verify(archive: Path, tar: tarfile.TarFile, manifest: dict) -> VillageExport:
    """The export record this very file was written as, with every member matching the manifest.

    Refused when the file matches no record (changed after export, or not made by this platform),
    when a member differs from its manifest checksum, or when a member is not in the manifest.
    """
    digest = _sha256(archive)
    record = VillageExport.objects.filter(sha256=digest, code=manifest.get("code")).first()
    if record is None:
        raise LifecycleError(
            "Arsip ditolak: checksum berkas tidak cocok dengan catatan ekspor mana pun. Berkas telah "
            "diubah setelah diekspor, atau bukan ekspor platform ini. Tidak ada yang dipulihkan."
        )
    checksums = manifest.get("checksums")
    if not isinstance(checksums, dict):
        raise LifecycleError("Arsip ditolak: manifest tidak memuat checksum isi arsip.")
    seen = set()
    for member in tar.getmembers():
        if member.isdir() or member.name == "manifest.json":
            continue
        expected = checksums.get(member.name)
        handle = tar.extractfile(member) if member.isfile() else None
        if expected is None or handle is None:
            raise LifecycleError(f"Arsip ditolak: {member.name} tidak tercantum di manifest.")
        digest = hashlib.sha256()
        for chunk in iter(lambda handle=handle: handle.read(1024 * 1024), b""):
            digest.update(chunk)
        if digest.hexdigest() != expected:
            raise LifecycleError(f"Arsip ditolak: isi {member.name} tidak cocok dengan checksum di manifest.")
        seen.add(member.name)
    missing = set(checksums) - seen
    if missing:
        raise LifecycleError(f"Arsip tidak lengkap: {', '.join(sorted(missing)[:5])} tidak ada.")
    return record


def _text_field(row: dict, name: str, *, required: bool = True) -> str:
    value = row.get(name)
    limit = Village._meta.get_field(name).max_length
    valid = isinstance(value, str) and len(value) <= limit and "\x00" not in value
    if not valid or (required and not value.strip()):
        raise LifecycleError(f"Arsip ditolak: isian '{name}' desa tidak valid.")
    return value


def _public_row_checked(public) -> dict:
    """The tenant row of public.json, each field checked as provisioning would check it."""
    row = public.get("village") if isinstance(public, dict) else None
    if not isinstance(row, dict):
        raise LifecycleError("Arsip ditolak: public.json tidak memuat data desa.")
    if row.get("kind") not in (Village.Kind.DESA, Village.Kind.KELURAHAN):
        raise LifecycleError(f"Arsip ditolak: jenis desa '{row.get('kind')}' tidak dikenal.")
    if row.get("status") not in Village.Status.values:
        raise LifecycleError(f"Arsip ditolak: status desa '{row.get('status')}' tidak dikenal.")
    quota = row.get("storage_quota_mb")  # absent in archives made before quotas: the default
    if quota is not None and (not isinstance(quota, int) or isinstance(quota, bool) or quota < 1):
        raise LifecycleError("Arsip ditolak: kuota penyimpanan desa tidak valid.")
    return {
        "name": _text_field(row, "name"),
        "kind": row["kind"],
        "status": row["status"],
        "district_name": _text_field(row, "district_name", required=False),
        "storage_quota_mb": quota,
    }


def _domains_checked(domains) -> list[dict]:
    """The archive's domains, each by add_domain's rules, exactly one of them primary."""
    if not isinstance(domains, list) or not domains:
        raise LifecycleError("Arsip ditolak: daftar domain desa kosong atau tidak valid.")
    checked = []
    for entry in domains:
        domain = entry.get("domain") if isinstance(entry, dict) else None
        if not isinstance(domain, str) or not isinstance(entry.get("is_primary"), bool):
            raise LifecycleError("Arsip ditolak: daftar domain desa tidak valid.")
        problem = domain_problem(domain)
        if problem:
            raise LifecycleError(f"Arsip ditolak: {problem}")
        checked.append({"domain": domain, "is_primary": entry["is_primary"]})
    if sum(entry["is_primary"] for entry in checked) != 1:
        raise LifecycleError("Arsip ditolak: desa harus punya tepat satu domain utama.")
    return checked


def _restored_domains(public: dict, *, renamed: bool, subdomain: str | None, name: str, district: str):
    if not renamed:
        if subdomain is not None:
            raise LifecycleError("--subdomain hanya dipakai bersama --code.")
        return _domains_checked(public.get("domains"))
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


def _json_member(tar: tarfile.TarFile, name: str):
    try:
        return json.loads(_read_member(tar, name))
    except (ValueError, UnicodeDecodeError) as error:
        raise LifecycleError(f"Arsip ditolak: {name} bukan JSON yang sah.") from error


def _format_refusal(found) -> str:
    """Why an archive of another format is not restored, and what the operator can do instead.

    Formats 1 and 2 carried the village as SQL (`schema.sql`): restoring them would mean running
    statements from the file, which this version never does, so they are refused even with a
    matching export record; the village is still in the nightly database backups.
    """
    if found in (1, 2) and not isinstance(found, bool):
        return (
            f"Arsip ditolak: ini arsip format {found}, dibuat oleh VillageWeb versi lama yang menyimpan "
            "desa sebagai perintah SQL; versi ini tidak pernah menjalankan perintah dari arsip dan hanya "
            f"memulihkan arsip format {ARCHIVE_FORMAT}. Bila desanya masih ada, ekspor ulang dengan "
            "export_village; bila sudah dihapus, pulihkan skemanya dari cadangan basis data harian "
            "(docs/deployment.md, langkah 10). Tidak ada yang dipulihkan."
        )
    if isinstance(found, int) and not isinstance(found, bool) and found > ARCHIVE_FORMAT:
        return (
            f"Arsip ditolak: format {found} dibuat oleh versi VillageWeb yang lebih baru (versi ini "
            f"memulihkan format {ARCHIVE_FORMAT}). Perbarui VillageWeb dulu. Tidak ada yang dipulihkan."
        )
    return (
        "Arsip ditolak: manifest.json tidak menyebut format arsip ekspor desa yang dikenal. "
        "Tidak ada yang dipulihkan."
    )


def village_restore(
    *,
    archive: Path,
    code: str | None = None,
    subdomain: str | None = None,
    actor: str,
    reason: str = "",
    address: str | None = None,
) -> Village:
    """Bring an exported village back into an empty slot, under its own code or a new one.

    Nothing is written before the archive is proven to be the file this platform exported (export
    record and manifest checksums), every member is one an export writes (media paths inside the
    village's folder), its tables and columns are the template's and its public fields pass
    provisioning's rules. Refused when the code, the schema, a domain or the media folder is taken.
    The schema is made from the template as provisioning makes it and the archive's rows are loaded
    as data (provisioning.schema_rows); nothing from the archive is ever executed. With a new `code`
    the village gets a new subdomain (derived from its name as in provisioning, or `subdomain`).
    The village's news go back on the portal.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise LifecycleError(f"Berkas arsip '{archive}' tidak ada.")
    try:
        tar = tarfile.open(archive, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise LifecycleError(f"'{archive}' bukan arsip ekspor desa: {error}") from error
    with tar:
        manifest = _json_member(tar, "manifest.json")
        if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
            raise LifecycleError(
                _format_refusal(manifest.get("format") if isinstance(manifest, dict) else None)
            )
        _archive_verify(archive, tar, manifest)
        if manifest.get("schema") != schema_name_for_code(str(manifest.get("code"))):
            raise LifecycleError("Arsip ditolak: skema di manifest tidak sesuai kode desanya.")
        unknown = _migrations_unknown(manifest.get("migrations"))
        if unknown:
            raise LifecycleError(
                "Arsip dibuat oleh versi VillageWeb yang lebih baru (migrasi tidak dikenal: "
                f"{', '.join(unknown[:5])}). Perbarui VillageWeb dulu."
            )
        try:
            tables = tables_checked(schema=settings.TENANT_BASE_SCHEMA, tables=manifest.get("tables"))
        except RowsRefused as error:
            raise LifecycleError(str(error)) from error
        media_files = _members_checked(tar, tables)
        public = _json_member(tar, "public.json")
        row = _public_row_checked(public)
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
        media.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restore-") as staging:
            _media_stage(tar, media_files, Path(staging))
            with transaction.atomic():
                village = Village(
                    schema_name=schema,
                    code=new_code,
                    name=row["name"],
                    kind=row["kind"],
                    district_code=new_code.rsplit(".", 1)[0],
                    district_name=row["district_name"],
                    status=row["status"],
                    storage_quota_mb=row["storage_quota_mb"],
                )
                village_schema_create(village=village)
                for entry in domains:
                    Domain.objects.create(
                        domain=entry["domain"], tenant=village, is_primary=entry["is_primary"]
                    )
                try:
                    schema_rows_load(
                        schema=schema,
                        tables=tables,
                        read=lambda table: _read_member(tar, f"data/{table}.copy"),
                    )
                except RowsRefused as error:
                    raise LifecycleError(str(error)) from error
                if "cases.json" in manifest["checksums"]:
                    try:
                        cases_archive_restore(provider=village, data=_json_member(tar, "cases.json"))
                    except CasesRefused as error:
                        raise LifecycleError(str(error)) from error
                primary = next(entry["domain"] for entry in domains if entry["is_primary"])
                with schema_context(schema):
                    Site.objects.filter(is_default_site=True).update(hostname=primary)
                audit_record(
                    village_code=village.code,
                    action=AuditEntry.Action.RESTORE,
                    actor=actor,
                    address=address,
                    detail=archive.name,
                    reason=reason,
                )
            media.mkdir(exist_ok=True)
            for child in Path(staging).iterdir():
                shutil.move(str(child), media / child.name)
    federation_resync(village=village)
    return village


def _media_stage(
    tar: tarfile.TarFile, files: list[tuple[tarfile.TarInfo, PurePosixPath]], staging: Path
) -> None:
    """Write the archive's media files under `staging`, each at its checked relative path, image
    originals without their personal metadata (villageweb.media.image_metadata)."""
    for member, path in files:
        target = staging.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        with source, open(target, "xb") as handle:
            if path.as_posix().startswith(IMAGE_FOLDERS):  # a photo's GPS position stays behind
                data = source.read()
                handle.write(image_strip(data) or data)
            else:
                shutil.copyfileobj(source, handle, 1024 * 1024)


def village_purge(*, code: str, actor: str, reason: str = "", address: str | None = None) -> None:
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
        audit_record(
            village_code=village.code,
            action=AuditEntry.Action.PURGE,
            actor=actor,
            address=address,
            reason=reason,
        )
    shutil.rmtree(village_media_root(village), ignore_errors=True)
