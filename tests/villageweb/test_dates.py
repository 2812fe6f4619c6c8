"""Dates as Indonesians write them, in every template."""

import datetime

from django.template import engines
from django.utils import translation

from villageweb.dates import tanggal


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_dates_read_in_indonesian_with_the_local_day():
    with translation.override("id"):
        assert tanggal(datetime.date(2026, 8, 17)) == "17 Agustus 2026"
        # 20:00 UTC on the 27th is already the 28th in Tuban (Asia/Jakarta).
        evening = datetime.datetime(2026, 11, 27, 20, 0, tzinfo=datetime.UTC)
        assert tanggal(evening) == "28 November 2026"
        assert tanggal(datetime.datetime(2026, 11, 27, 20, 0)) == "27 November 2026"  # naive: as written
        assert tanggal(None) == "" and tanggal("") == ""


def test_formatted_dates_are_kept_per_language():
    """The formatting cache must not hand one language's month names to another."""
    day = datetime.date(2026, 8, 17)
    with translation.override("id"):
        assert tanggal(day) == "17 Agustus 2026"
    with translation.override("en"):
        assert tanggal(day) == "17 August 2026"
    with translation.override("id"):
        assert tanggal(day) == "17 Agustus 2026"


def test_waktu_writes_a_machine_readable_time_element_without_a_load_tag():
    with translation.override("id"):
        assert (
            _render("{% waktu d %}", d=datetime.date(2026, 1, 5))
            == '<time datetime="2026-01-05">5 Januari 2026</time>'
        )
        assert _render("{% waktu d %}|{{ d|tanggal }}", d=None) == "|"
