"""The daily chores, each checked on its own and once through the queue across villages."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.search.models import IndexEntry

from provisioning.jobs import services
from provisioning.models import VillageExport
from villageweb.accounts.models import SetupLink
from villageweb.health.completeness import site_completeness
from villageweb.health.models import VillageCompleteness
from villageweb.portal.federation.models import RegencyAnnouncement

from ..factories import command_run, in_village, make_news_page
from .conftest import jobs_by_task


def _export(code: str, tmp_path: Path, *, days_old: int) -> VillageExport:
    path = tmp_path / f"{code}-{days_old}.tar.gz"
    path.write_bytes(b"archive")
    return VillageExport.objects.create(
        code=code,
        schema_name="village_x",
        path=str(path),
        sha256="0" * 64,
        size_bytes=7,
        created_at=timezone.now() - timedelta(days=days_old),
    )


def test_exports_past_retention_go_with_their_files_but_each_village_keeps_its_newest(db, tmp_path, settings):
    settings.VILLAGEWEB_EXPORT_RETENTION_DAYS = 30
    old = _export("35.23.01.2001", tmp_path, days_old=60)
    recent = _export("35.23.01.2001", tmp_path, days_old=5)
    only = _export("35.23.01.2002", tmp_path, days_old=400)  # a purged village's only copy
    assert services.exports_expire() == 1
    assert not Path(old.path).exists()
    assert set(VillageExport.objects.values_list("pk", flat=True)) == {recent.pk, only.pk}
    assert Path(recent.path).exists() and Path(only.path).exists()
    assert services.exports_expire() == 0  # idempotent


def test_an_export_whose_file_is_already_gone_is_still_removed(db, tmp_path, settings):
    settings.VILLAGEWEB_EXPORT_RETENTION_DAYS = 30
    old = _export("35.23.01.2001", tmp_path, days_old=90)
    _export("35.23.01.2001", tmp_path, days_old=1)
    Path(old.path).unlink()  # a worker killed between the file and the row
    assert services.exports_expire() == 1
    assert not VillageExport.objects.filter(pk=old.pk).exists()


def test_announcements_are_deleted_a_retention_period_after_their_last_day(db, settings):
    settings.VILLAGEWEB_ANNOUNCEMENT_RETENTION_DAYS = 30
    today = timezone.localdate()

    def announcement(title, end):
        return RegencyAnnouncement.objects.create(
            title=title, body="<p>Isi</p>", start_date=end - timedelta(days=3), end_date=end
        )

    announcement("Lama", today - timedelta(days=31))
    kept = [announcement("Baru berakhir", today - timedelta(days=29)), announcement("Tampil", today)]
    assert services.announcements_expire() == 1
    assert list(RegencyAnnouncement.objects.order_by("pk")) == kept


def test_village_chores_in_its_schema(village_factory):
    from django.contrib.auth import get_user_model

    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        user = get_user_model().objects.create_user("operator")
        now = timezone.now()
        expired = SetupLink.objects.create(user=user, token_hash="a" * 64, expires_at=now - timedelta(days=1))
        used = SetupLink.objects.create(
            user=user,
            token_hash="b" * 64,
            expires_at=now - timedelta(days=1),
            used_at=now - timedelta(days=2),
        )
        valid = SetupLink.objects.create(user=user, token_hash="c" * 64, expires_at=now + timedelta(days=1))
        assert services.setup_links_expire() == 1
        assert set(SetupLink.objects.values_list("pk", flat=True)) == {used.pk, valid.pk}
        assert not SetupLink.objects.filter(pk=expired.pk).exists()

        page = make_news_page("Musdes RKPDes")
        for number in range(3):
            page.title = f"Musdes RKPDes {number}"
            page.save_revision().publish()
        Revision.page_revisions.filter(object_id=str(page.pk)).update(
            created_at=timezone.now() - timedelta(days=200)
        )
        before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
        services.revisions_purge(days=90)
        after = Revision.page_revisions.filter(object_id=str(page.pk)).count()
        assert before == 4 and after == 1  # the live revision stays

        IndexEntry.objects.filter(object_id=str(page.pk)).delete()
        assert services.search_index_check() == 1
        assert IndexEntry.objects.filter(object_id=str(page.pk)).exists()
        assert services.search_index_check() == 0
        assert Page.objects.get(pk=page.pk).live


def test_daily_upkeep_runs_once_in_every_active_village(transactional_village_factory, job_queue, client_for):
    villages = [transactional_village_factory("Jlodro"), transactional_village_factory("Sugihwaras")]
    with in_village(villages[0]):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user("operator")
        SetupLink.objects.create(
            user=user, token_hash="d" * 64, expires_at=timezone.now() - timedelta(days=1)
        )
    command_run("run_jobs", once=True)
    assert jobs_by_task("jobs.village_upkeep") == [("succeeded", 1)] * 2  # one attempt each
    with in_village(villages[0]):
        assert not SetupLink.objects.exists()
        expected = site_completeness().score
    scores = dict(VillageCompleteness.objects.values_list("village__code", "score"))
    assert scores == {villages[0].code: expected, villages[1].code: expected}
    directory = client_for("localhost").get("/desa/").content.decode()
    assert f'<td data-label="Kelengkapan situs">{expected}%</td>' in directory
