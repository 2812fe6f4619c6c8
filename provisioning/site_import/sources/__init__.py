"""Readers of old sites: each returns an `items.SiteSource` and reads nothing it does not need."""

from pathlib import Path

from provisioning.site_import.items import SiteImportError, SiteSource
from provisioning.site_import.sources import opensid as opensid_source
from provisioning.site_import.sources import wordpress as wordpress_source


def site_read(*, wordpress: Path | None = None, opensid: str | None = None) -> SiteSource:
    """The old site from a WordPress export file, an OpenSID backup file or a live OpenSID database."""
    if wordpress is not None:
        return wordpress_source.wordpress_read(_file_bytes(wordpress))
    if opensid and opensid.startswith(("mysql://", "mariadb://")):
        return opensid_source.opensid_read_database(opensid)
    if opensid:
        return opensid_source.opensid_read_backup(_file_bytes(Path(opensid)))
    raise SiteImportError("Sebutkan --wordpress atau --opensid.")


def _file_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise SiteImportError(f"Berkas '{path}' tidak ditemukan.")
    return path.read_bytes()
