"""Kelengkapan Situs: the checklist and score, for the village dashboard and the regency."""

import datetime

import pytest
from django.db import connection

from provisioning.health import regency_health
from provisioning.jobs.services import completeness_measure
from villageweb.health.completeness import site_completeness

from ..factories import fill_demo_content, in_village

pytestmark = pytest.mark.django_db


def test_new_village_scores_zero_and_lists_what_is_missing(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        result = site_completeness()
    assert result.score == 0
    assert [item.key for item in result.items if not item.done] == [
        "visi_misi",
        "sejarah",
        "perangkat",
        "apbdes",
        "berita",
        "kontak",
    ]


def test_filled_profile_raises_the_score_and_is_readable_from_the_public_side(village_factory):
    village = village_factory("Kaliuntu")
    empty = village_factory("Jlodro")
    fill_demo_content(village)
    with in_village(village):
        result = site_completeness(today=datetime.date(2026, 11, 27))
        today_score = site_completeness().score
    done = {item.key for item in result.items if item.done}
    assert {"visi_misi", "sejarah", "perangkat", "kontak"} <= done
    assert result.score >= 67
    assert result.as_dict()["score"] == result.score

    # The regency reads it on the public schema: each village's score as last measured in that
    # village's own schema (on publish and branding save, and by the daily job).
    for result in (village, empty):
        with in_village(result):
            completeness_measure()
    connection.set_schema_to_public()
    assert connection.schema_name == "public"
    scores = {row.village.code: row.completeness for row in regency_health().rows}
    assert scores[village.code] == today_score > 0
    assert scores[empty.code] == 0
