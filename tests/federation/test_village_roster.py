"""The portal's roster of active villages (villageweb.portal.federation.queries.village_roster) is read
once per change of the villages, and every change shows at once: a new village (which bumps no
version), a rename, a new primary domain, a suspension."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tenants.models import ContentVersion, Domain, Village
from villageweb.freshness.portal_cache import portal_versions
from villageweb.freshness.versions import PORTAL_CONTENT, PORTAL_SITE
from villageweb.portal.federation import queries

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db


def _names(roster) -> list[str]:
    return [village.display_name for village in roster.values()]


def test_roster_is_one_query_while_no_village_changes(village_factory):
    village_factory("Jlodro")
    queries.village_roster()
    with CaptureQueriesContext(connection) as captured:
        roster = queries.village_roster()
    assert len(captured) == 1  # its key (the portal versions): no village or domain rows read
    assert "Desa Jlodro" in _names(roster)
    versions = portal_versions()  # as a portal request has read them already
    with CaptureQueriesContext(connection) as captured:
        assert queries.village_roster(versions) is roster
    assert len(captured) == 0


def test_new_village_rename_domain_and_suspension_each_show_at_once(village_factory):
    jlodro = village_factory("Jlodro", code="35.23.03.2001", district_name="Kenduruan")
    queries.village_roster()
    # An insert moves no version; the roster's key sees the row count and highest id change.
    village_factory("Wangi", code="35.23.04.2001", district_name="Bangilan")
    assert {"Desa Jlodro", "Desa Wangi"} <= set(_names(queries.village_roster()))
    assert "Bangilan" in [district.name for district in queries.districts()]

    before = portal_versions()
    Village.objects.filter(code=jlodro.code).update(name="Jlodro Baru")
    assert portal_versions().site > before.site  # the triggers (villageweb.freshness.versions)
    assert "Desa Jlodro Baru" in _names(queries.village_roster())

    Domain.objects.filter(tenant__code=jlodro.code).update(domain="jlodro-baru.localhost")
    entry = next(v for v in queries.village_roster().values() if v.code == jlodro.code)
    assert entry.site_url == "http://jlodro-baru.localhost/"

    Village.objects.filter(code=jlodro.code).update(status=Village.Status.SUSPENDED)
    assert "Desa Jlodro Baru" not in _names(queries.village_roster())


def test_directory_gives_each_village_its_latest_listed_news_date(village_factory):
    jlodro = village_factory("Jlodro", code="35.23.03.2001", district_name="Kenduruan")
    village_factory("Wangi", code="35.23.04.2001", district_name="Bangilan")
    with in_village(jlodro):
        make_news_page("Panen raya jagung")
    directory = {village.name: village for village in queries.village_directory()}
    assert directory["Jlodro"].last_news_date is not None
    assert directory["Wangi"].last_news_date is None
    only_kenduruan = queries.village_directory(district_code="35.23.03")
    assert [village.name for village in only_kenduruan] == ["Jlodro"]


def test_listing_reads_the_roster_again_when_an_item_s_village_is_missing_from_it(village_factory):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        make_news_page("Kerja bakti saluran")
    listing = queries.news_page(queries.news_items(), roster={})  # as if read before Jlodro existed
    assert [item.listed_village.display_name for item in listing.items] == ["Desa Jlodro"]
    assert listing.items[0].url.startswith("http://jlodro.localhost/")


def test_a_village_rolled_back_after_the_roster_saw_it_does_not_stay_in_it(village_factory):
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        village_factory("Hantu")
        assert "Desa Hantu" in _names(queries.village_roster())
        raise Abandoned
    village_factory("Wangi")  # the same row counts as with Hantu: only the highest id tells them apart
    names = _names(queries.village_roster())
    assert "Desa Wangi" in names and "Desa Hantu" not in names


def test_a_rename_rolled_back_after_the_roster_saw_it_does_not_stay_in_it(village_factory):
    jlodro = village_factory("Jlodro")

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        Village.objects.filter(code=jlodro.code).update(name="Jlodro Batal")
        abandoned = portal_versions()
        assert "Desa Jlodro Batal" in _names(queries.village_roster())
        raise Abandoned
    Village.objects.filter(code=jlodro.code).update(name="Jlodro Baru")
    # Versions come from a sequence (villageweb.freshness.versions): the abandoned number is not reused.
    assert portal_versions().site != abandoned.site
    assert "Desa Jlodro Baru" in _names(queries.village_roster())


def test_new_villages_show_before_any_change_has_created_the_version_row(village_factory):
    portal_scopes = ContentVersion.objects.filter(scope__in=[PORTAL_CONTENT, PORTAL_SITE])
    portal_scopes.delete()  # as on a platform whose triggers have not fired yet
    village_factory("Jlodro")
    assert portal_versions().content == 0
    assert "Desa Jlodro" in _names(queries.village_roster())
    portal_scopes.delete()  # provisioning changed pages; inserting villages does not
    village_factory("Wangi", code="35.23.04.2001")
    assert {"Desa Jlodro", "Desa Wangi"} <= set(_names(queries.village_roster()))
