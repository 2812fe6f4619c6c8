"""Where the PostgreSQL client programs (pg_dump) are: one answer for the fast clone and the export."""

import os
import shutil
from pathlib import Path


class PgToolMissing(Exception):
    """No such program anywhere we look. Message in Indonesian."""


def pg_tool(name: str) -> str:
    """`VILLAGEWEB_PG_DUMP` (for pg_dump), else `VILLAGEWEB_PG_BIN`/<name>, else the pgserver wheel's
    (the embedded server's own version: a pg_dump older than the server refuses to dump), else PATH."""
    if name == "pg_dump" and os.environ.get("VILLAGEWEB_PG_DUMP"):
        return os.environ["VILLAGEWEB_PG_DUMP"]
    folder = os.environ.get("VILLAGEWEB_PG_BIN")
    if folder:
        return str(Path(folder) / name)
    try:
        from pgserver._commands import POSTGRES_BIN_PATH
    except ImportError:  # production: the server's client package is on PATH
        found = shutil.which(name)
        if found is None:
            raise PgToolMissing(f"Program {name} tidak ditemukan: pasang klien PostgreSQL.") from None
        return found
    return str(Path(POSTGRES_BIN_PATH) / name)
