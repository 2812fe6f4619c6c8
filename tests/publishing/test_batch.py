"""A batch of changes (villageweb/publishing/changes.py `changes_batched`, an old site's import) holds
back only its own thread's index updates and version raises; another job saving pages in the same
process meanwhile is indexed and counted at once."""

import threading

import pytest
from django.db import connection, connections, transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.models import IndexEntry

from tenants.models import ContentVersion
from tests.factories import in_village, make_image, make_news_page
from villageweb.news.models import NewsIndexPage, NewsPage
from villageweb.publishing.changes import changes_batched, page_add_published


def _indexed(page) -> bool:
    return IndexEntry.objects.filter(object_id=str(page.pk), content_type__model="newspage").exists()


def _version(schema: str) -> int | None:
    return ContentVersion.objects.filter(scope=schema).values_list("number", flat=True).first()


@pytest.mark.django_db(transaction=True)
def test_a_page_saved_in_another_thread_during_a_batch_is_indexed_at_once(transactional_village_factory):
    importing = transactional_village_factory("Jlodro")
    editing = transactional_village_factory("Sokogunung")
    seen = {}

    def editor_publishes():
        """Another job of the same worker process, while the import's batch is open."""
        try:
            with in_village(editing):
                before = _version(editing.schema)
                page = make_news_page("Pasar murah di balai desa")
                seen["indexed"] = _indexed(page)
                seen["version raised"] = _version(editing.schema) != before
        finally:
            connections.close_all()

    with in_village(importing), transaction.atomic(), changes_batched():
        imported = make_news_page("Kerja bakti dari situs lama")
        assert not _indexed(imported)  # the batch's own save waits for the batch's end
        editor = threading.Thread(target=editor_publishes)
        editor.start()
        editor.join()
    assert seen == {"indexed": True, "version raised": True}
    with in_village(importing):
        assert _indexed(NewsPage.objects.get(pk=imported.pk))  # and the batch's end indexed it


@pytest.mark.django_db
def test_a_page_added_published_in_a_batch_is_what_creating_and_publishing_it_leaves(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        image = make_image("Foto kerja bakti")
        index = NewsIndexPage.objects.get()
        with changes_batched():
            page = page_add_published(
                parent=index,
                page=NewsPage(
                    title="Kerja bakti",
                    slug="kerja-bakti",
                    date="2024-05-06",
                    summary="Warga membersihkan saluran.",
                    main_image=image,
                    body=[("paragraph", "<p>Isi berita.</p>")],
                ),
            )
            assert not _indexed(page)
        page = NewsPage.objects.get(pk=page.pk)
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id is not None
        as_revision = page.latest_revision.as_object()
        assert (as_revision.title, as_revision.summary, as_revision.main_image_id) == (
            "Kerja bakti",
            "Warga membersihkan saluran.",
            image.pk,
        )
        assert as_revision.body.render_as_block() == page.body.render_as_block()
        assert set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)) == {
            "wagtail.create",
            "wagtail.publish",
        }
        assert _indexed(page)
        # The reference index holds what Wagtail's own update would: the image is used by the page.
        references = ReferenceIndex.get_references_to(image)
        assert [reference.object_id for reference in references] == [str(page.pk)]
        rows = [
            "content_type",
            "to_content_type",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        ]
        recorded = set(ReferenceIndex.get_references_for_object(page).values_list(*rows))
        ReferenceIndex.create_or_update_for_object(page)
        assert set(ReferenceIndex.get_references_for_object(page).values_list(*rows)) == recorded
        assert Page.objects.get(pk=page.pk).url_path.endswith("/kerja-bakti/")
    connection.set_schema_to_public()
