"""The committed Indonesian catalogues are complete, consistent and compiled from their sources.

Nothing here needs gettext tools: tools/locale_merge.py builds every file in memory (polib) and
the tests compare the result with what is committed.
"""

import importlib.util
import sys

import polib
import pytest
from django.conf import settings

from villageweb.settings.base import BASE_DIR

TOOL = BASE_DIR / "tools" / "locale_merge.py"


@pytest.fixture(scope="module")
def merge():
    spec = importlib.util.spec_from_file_location("locale_merge", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["locale_merge"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(merge):
    return merge.catalogues_build()


def test_committed_po_and_mo_files_are_what_the_merge_builds(built):
    files, _, _ = built
    stale = [str(path.relative_to(BASE_DIR)) for path, data in files.items() if path.read_bytes() != data]
    assert not stale, f"Jalankan `python tools/locale_merge.py` lalu commit: {stale}"


def test_every_msgid_of_every_source_catalogue_is_translated(built):
    _, reports, _ = built
    missing = {str(r.path.name): r.missing for r in reports if r.missing}
    assert not missing


def test_translations_keep_their_placeholders(built):
    _, _, errors = built
    assert not errors


def test_catalogues_use_indonesian_plural_forms():
    for domain in ("django", "djangojs"):
        po = polib.pofile(str(BASE_DIR / "villageweb" / "locale" / "id" / "LC_MESSAGES" / f"{domain}.po"))
        assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
        assert all(set(e.msgstr_plural) == {0} for e in po if e.msgid_plural)


def test_project_catalogue_is_first_in_locale_paths():
    assert settings.LOCALE_PATHS[0] == BASE_DIR / "villageweb" / "locale"
    assert settings.LANGUAGE_CODE == "id"


def test_placeholder_check_catches_a_dropped_placeholder(merge):
    entry = polib.POEntry(msgid="Page '%(page_title)s' deleted.", msgstr="Halaman dihapus.")
    assert merge.placeholder_errors(entry)
    entry.msgstr = "Halaman '%(page_title)s' dihapus."
    assert not merge.placeholder_errors(entry)


def test_placeholder_check_keeps_positional_plural_arguments(merge):
    entry = polib.POEntry(
        msgid="It must contain at least %d character.",
        msgid_plural="It must contain at least %d characters.",
        msgstr_plural={0: "Paling sedikit beberapa karakter."},
    )
    assert merge.placeholder_errors(entry)
    entry.msgstr_plural = {0: "Paling sedikit %d karakter."}
    assert not merge.placeholder_errors(entry)
