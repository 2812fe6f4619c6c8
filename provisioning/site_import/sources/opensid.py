"""OpenSID's public web content from its MySQL backup (Admin -> Database -> Backup, a mysqldump-style
file) or from its live database.

Personal data stays behind by construction: only the tables in ALLOWED are read. In a backup file
every statement is tokenised by sqlglot (a maintained SQL parser, MySQL dialect) to find where it ends,
its kind and its table; only INSERTs into allowed tables are parsed into rows, the population
register's statements (tweb_penduduk, tweb_keluarga, surat, bantuan...) are passed over without one
of their values becoming a row. Nothing is executed: no server runs the file, so a hostile backup can
do nothing but be refused. A statement a database backup does not contain (GRANT, SELECT, UPDATE,
DELETE, CALL, DELIMITER, CREATE FUNCTION/PROCEDURE/TRIGGER/USER, LOAD DATA...) refuses the whole file.
A live database is read with SELECTs of the allowed tables' columns only.
"""

import datetime
import zoneinfo
from urllib.parse import unquote, urlparse

import pymysql
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

from provisioning.site_import.items import (
    Album,
    Entry,
    MediaFile,
    SiteImportError,
    SiteSource,
    Skipped,
    Taxonomy,
    text_decode,
)

LOCAL_TIME = zoneinfo.ZoneInfo("Asia/Jakarta")
# The only tables read, and the only columns of `user` (staff accounts: names of authors, never
# their password hashes or e-mail addresses).
ALLOWED = {
    "artikel": None,
    "kategori": None,
    "agenda": None,
    "gambar_gallery": None,
    "user": ("id", "nama"),
}
# OpenSID's fixed categories of artikel (before `artikel.tipe` existed, 2023).
STATIC_CATEGORY, AGENDA_CATEGORY, FINANCE_CATEGORY = 999, 1000, 1001
# First keywords of the statements a MySQL/MariaDB backup is made of.
BACKUP_STATEMENTS = {
    "SET",
    "DROP",
    "CREATE",
    "INSERT",
    "REPLACE",
    "LOCK TABLES",
    "UNLOCK TABLES",
    "ALTER",
    "START",
    "BEGIN",
    "COMMIT",
    "USE",
}
# What CREATE and DROP may create or drop in a backup.
BACKUP_OBJECTS = {"TABLE", "VIEW", "DATABASE", "SCHEMA", "INDEX"}
FOREIGN_OBJECTS = {"FUNCTION", "PROCEDURE", "TRIGGER", "USER", "EVENT", "SERVER", "ROLE"}

_dialect = Dialect.get_or_raise("mysql")


def _statements(tokens: list[Token]):
    statement: list[Token] = []
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            if statement:
                yield statement
            statement = []
        else:
            statement.append(token)
    if statement:
        yield statement


def _keyword(token: Token) -> str:
    return token.text.upper()


def _statement_check(statement: list[Token]) -> None:
    first = _keyword(statement[0])
    words = [_keyword(token) for token in statement[:12] if token.token_type != TokenType.STRING]
    line = statement[0].line
    if first not in BACKUP_STATEMENTS:
        raise SiteImportError(
            f"Cadangan OpenSID memuat perintah SQL yang bukan bagian cadangan basis data (baris {line}: "
            f"{first}). Berkas ditolak dan tidak ada yang diimpor."
        )
    if first in {"CREATE", "DROP"}:
        kinds = [word for word in words[1:] if word in BACKUP_OBJECTS | FOREIGN_OBJECTS]
        if not kinds or kinds[0] not in BACKUP_OBJECTS:
            kind = kinds[0] if kinds else ""
            raise SiteImportError(
                f"Cadangan OpenSID memuat perintah {first} {kind} (baris {line}) yang bukan bagian "
                "cadangan basis data OpenSID. Berkas ditolak dan tidak ada yang diimpor."
            )


def _table_of(statement: list[Token]) -> str | None:
    """The table an INSERT/REPLACE or CREATE TABLE statement names (never parsing its values)."""
    words = [_keyword(token) for token in statement[:8]]
    if words[0] in {"INSERT", "REPLACE"}:
        for position, word in enumerate(words):
            if word == "INTO" and position + 1 < len(statement):
                return statement[position + 1].text.lower()
    if words[:2] == ["CREATE", "TABLE"]:
        rest = [token for token in statement[2:8] if _keyword(token) not in {"IF", "NOT", "EXISTS"}]
        return rest[0].text.lower() if rest else None
    return None


def _value(expression: exp.Expression):
    if isinstance(expression, exp.Null):
        return None
    if isinstance(expression, exp.Literal):
        return expression.this if expression.is_string else expression.this
    if isinstance(expression, exp.Neg):
        return f"-{_value(expression.this)}"
    if isinstance(expression, exp.Boolean):
        return "1" if expression.this else "0"
    if isinstance(expression, exp.HexString | exp.BitString):
        return ""
    if isinstance(expression, exp.Introducer):
        return _value(expression.expression)
    raise SiteImportError(
        f"Cadangan OpenSID memuat nilai yang bukan data ({expression.sql(dialect='mysql')[:60]}). "
        "Berkas ditolak dan tidak ada yang diimpor."
    )


def _parse(statement: list[Token], text: str) -> exp.Expression:
    try:
        parsed = _dialect.parser().parse(statement, text)
    except SqlglotError as error:
        raise SiteImportError(
            f"Cadangan OpenSID rusak di baris {statement[0].line}: pernyataan SQL tidak dapat dibaca."
        ) from error
    if not parsed or parsed[0] is None:
        raise SiteImportError(f"Cadangan OpenSID rusak di baris {statement[0].line}.")
    return parsed[0]


def backup_tables(data: bytes) -> dict[str, list[dict]]:
    """The allowed tables' rows from a backup file (column name -> text or None)."""
    text = text_decode(data)
    try:
        tokens = _dialect.tokenize(text)
    except SqlglotError as error:
        raise SiteImportError(f"Berkas ini bukan cadangan SQL yang utuh: {str(error)[:200]}") from error
    columns: dict[str, list[str]] = {}
    tables: dict[str, list[dict]] = {}
    seen_create = False
    for statement in _statements(tokens):
        _statement_check(statement)
        table = _table_of(statement)
        if table not in ALLOWED:
            seen_create = seen_create or _keyword(statement[0]) == "CREATE"
            continue
        expression = _parse(statement, text)
        if isinstance(expression, exp.Create):
            seen_create = True
            schema = expression.this
            columns[table] = [
                column.name for column in schema.expressions if isinstance(column, exp.ColumnDef)
            ]
            continue
        if not isinstance(expression, exp.Insert) or not isinstance(expression.expression, exp.Values):
            raise SiteImportError(
                f"Cadangan OpenSID: INSERT ke {table} tanpa VALUES (baris {statement[0].line})."
            )
        target = expression.this
        names = (
            [column.name for column in target.expressions]
            if isinstance(target, exp.Schema)
            else columns.get(table)
        )
        if not names:
            raise SiteImportError(
                f"Cadangan OpenSID: kolom tabel {table} tidak diketahui (baris {statement[0].line})."
            )
        keep = ALLOWED[table]
        for row in expression.expression.expressions:
            values = [_value(value) for value in row.expressions]
            if len(values) != len(names):
                raise SiteImportError(f"Cadangan OpenSID: jumlah nilai tidak cocok di tabel {table}.")
            record = dict(zip(names, values, strict=True))
            tables.setdefault(table, []).append(
                {name: value for name, value in record.items() if keep is None or name in keep}
            )
    if not seen_create or "artikel" not in columns and "artikel" not in tables:
        raise SiteImportError("Berkas ini bukan cadangan basis data OpenSID: tabel artikel tidak ada.")
    return tables


def opensid_read_backup(data: bytes) -> SiteSource:
    return _site(backup_tables(data))


def database_tables(url: str) -> dict[str, list[dict]]:
    """The allowed tables' rows from a live OpenSID database (mysql://user:password@host:port/name)."""
    parsed = urlparse(url)
    database = parsed.path.lstrip("/")
    if not database:
        raise SiteImportError(
            "Alamat basis data OpenSID harus menyebut nama basis datanya (mysql://.../nama)."
        )
    options = (
        {"unix_socket": unquote(parsed.query.split("socket=", 1)[1])} if "socket=" in parsed.query else {}
    )
    try:
        connection = pymysql.connect(
            host=parsed.hostname or "localhost",
            port=parsed.port or 3306,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            database=database,
            charset="utf8mb4",
            use_unicode=False,
            connect_timeout=10,
            **options,
        )
    except pymysql.MySQLError as error:
        raise SiteImportError(f"Tidak dapat tersambung ke basis data OpenSID: {error.args[-1]}") from error
    tables: dict[str, list[dict]] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW TABLES")
            present = {text_decode(row[0]).lower() for row in cursor.fetchall()}
            if "artikel" not in present:
                raise SiteImportError("Basis data ini bukan basis data OpenSID: tabel artikel tidak ada.")
            for table, keep in ALLOWED.items():
                if table not in present:
                    continue
                selected = ", ".join(f"`{name}`" for name in keep) if keep else "*"
                cursor.execute(f"SELECT {selected} FROM `{table}`")  # noqa: S608 - names from ALLOWED only
                names = [column[0] for column in cursor.description]
                tables[table] = [
                    {
                        text_decode(name) if isinstance(name, bytes) else name: (
                            text_decode(value) if isinstance(value, bytes) else value
                        )
                        for name, value in zip(names, row, strict=True)
                    }
                    for row in cursor.fetchall()
                ]
    except pymysql.MySQLError as error:
        raise SiteImportError(f"Basis data OpenSID tidak dapat dibaca: {error.args[-1]}") from error
    finally:
        connection.close()
    return tables


def opensid_read_database(url: str) -> SiteSource:
    return _site(database_tables(url))


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _datetime(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=LOCAL_TIME)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time(), tzinfo=LOCAL_TIME)
    text = _text(value)
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=LOCAL_TIME)
    except ValueError:
        return None


def _both(path: str) -> list[str]:
    """OpenSID answers with and without index.php in its addresses."""
    return [path, f"/index.php{path}"]


def _upload(folder: str, name: str, source_id: str, title: str) -> MediaFile | None:
    name = _text(name)
    if not name:
        return None
    return MediaFile(
        source_id=f"{folder}:{source_id}:{name}",
        path=f"{folder}/sedang_{name}",
        alternatives=[f"{folder}/{name}", f"{folder}/kecil_{name}"],
        title=title,
        old_paths=[f"/desa/upload/{folder}/{prefix}{name}" for prefix in ("", "sedang_", "kecil_")],
    )


def _site(tables: dict[str, list[dict]]) -> SiteSource:
    site = SiteSource(source="opensid", home_paths=[*_both("/first"), "/index.php"])
    authors = {_text(row.get("id")): _text(row.get("nama")) for row in tables.get("user", [])}
    categories = {}
    for row in tables.get("kategori", []):
        number, name = _text(row.get("id")), _text(row.get("kategori"))
        categories[number] = name
        paths = _both(f"/first/kategori/{number}")
        if _text(row.get("slug")):
            paths += _both(f"/artikel/kategori/{_text(row.get('slug'))}")
        if name:
            site.taxonomies.append(Taxonomy(kind="category", name=name, old_paths=paths))
    agenda = {_text(row.get("id_artikel")): row for row in tables.get("agenda", [])}
    for row in tables.get("artikel", []):
        number, title = _text(row.get("id")), _text(row.get("judul"))
        category = _int(row.get("id_kategori"))
        kind_name = _text(row.get("tipe")).lower()
        if kind_name == "statis" or category == STATIC_CATEGORY:
            kind = "page"
        elif kind_name == "agenda" or category == AGENDA_CATEGORY:
            kind = "event"
        else:
            kind = "news"
        if _text(row.get("enabled")) not in {"1", "True", "true"}:
            site.skipped.append(Skipped("artikel", number, title, "tidak aktif (draf) di OpenSID"))
            continue
        date = _datetime(row.get("tgl_upload")) or datetime.datetime.now(tz=LOCAL_TIME)
        slug = _text(row.get("slug"))
        paths = _both(f"/first/artikel/{number}") + _both(f"/artikel/{number}")
        if slug:
            paths += _both(f"/artikel/{date:%Y/%m/%d}/{slug}")
        category_names = []
        if kind == "news":
            if category == FINANCE_CATEGORY or kind_name == "keuangan":
                category_names = ["Keuangan"]
            elif categories.get(_text(row.get("id_kategori"))):
                category_names = [categories[_text(row.get("id_kategori"))]]
        documents = []
        if _text(row.get("dokumen")):
            name = _text(row.get("dokumen"))
            documents.append(
                MediaFile(
                    source_id=f"dokumen:{number}:{name}",
                    path=f"dokumen/{name}",
                    title=_text(row.get("link_dokumen")) or title,
                    old_paths=[f"/desa/upload/dokumen/{name}"],
                )
            )
        entry = Entry(
            kind=kind,
            source_id=number,
            title=title,
            slug=slug or title,
            html=_text(row.get("isi")),
            date=date,
            author=authors.get(_text(row.get("id_user")), ""),
            categories=category_names,
            image=_upload("artikel", row.get("gambar"), number, title),
            documents=documents,
            scheduled=date > datetime.datetime.now(tz=LOCAL_TIME),
            old_paths=paths,
        )
        extra_images = [_upload("artikel", row.get(f"gambar{n}"), number, title) for n in (1, 2, 3)]
        extra = [image for image in extra_images if image]
        if extra:
            entry.html += "".join(
                f'<p><img src="/desa/upload/{image.alternatives[0]}" alt=""></p>' for image in extra
            )
            site.media.extend(extra)
        if document := documents[0] if documents else None:
            entry.html += f'<p><a href="{document.old_paths[0]}">{document.title}</a></p>'
        if kind == "event":
            details = agenda.get(number, {})
            start = _datetime(details.get("tgl_agenda")) or date
            entry.date = start
            entry.end = start
            entry.scheduled = False
            entry.place = _text(details.get("lokasi_kegiatan"))
        site.entries.append(entry)
    photos: dict[str, list] = {}
    albums = []
    for row in tables.get("gambar_gallery", []):
        if _text(row.get("enabled")) not in {"1", "True", "true"}:
            continue
        parent = _text(row.get("parrent")) or "0"
        if parent == "0":
            albums.append(row)
        else:
            photos.setdefault(parent, []).append(row)
    for row in albums:
        number = _text(row.get("id"))
        album_photos = []
        for photo in photos.get(number, []):
            media = _upload("galeri", photo.get("gambar"), _text(photo.get("id")), _text(photo.get("nama")))
            if media:
                album_photos.append((media, _text(photo.get("nama"))))
        date = _datetime(row.get("tgl_upload"))
        site.albums.append(
            Album(
                source_id=number,
                title=_text(row.get("nama")) or "Album",
                date=date.date() if date else None,
                photos=album_photos,
                old_paths=_both(f"/first/sub_gallery/{number}") + _both(f"/galeri/{number}"),
            )
        )
    return site
