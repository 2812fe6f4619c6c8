"""Export, delete, restore: a village comes back whole (pages, revisions, media, users, forms)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django_tenants.utils import schema_exists
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision

from provisioning.models import VillageExport
from provisioning.services.archive import village_export, village_purge, village_restore
from provisioning.services.lifecycle import LifecycleError, village_archive
from tenants.models import Village

from ..factories import in_village, make_news_page, sequences_continue, village_of

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(result):
    """Give the village something of every kind an export must carry."""
    with in_village(result):
        image = Image.objects.create(title="Balai desa", file=get_test_image_file(filename="balai.png"))
        Document.objects.create(title="APBDes 2026", file=ContentFile(b"%PDF-1.4 apbdes", name="apbdes.pdf"))
        user = get_user_model().objects.create_user(username="sekdes", password="rahasia-sekdes-123")
        user.groups.add(Group.objects.get(name="Operator"))
        home = Page.objects.get(depth=2)
        FormSubmission.objects.create(page=home, form_data={"nama": "Siti", "pesan": "Jalan rusak"})
    page = make_news_page("Kerja bakti", village=result, slug="kerja-bakti", image=image)
    with in_village(result):
        page = page.specific_class.objects.get(pk=page.pk)
        page.title = "Kerja bakti bersih desa"
        page.save_revision().publish()
    connection.set_schema_to_public()


def _snapshot(schema: str) -> dict:
    with in_village(type("R", (), {"schema": schema})):
        return {
            "pages": list(
                Page.objects.order_by("path").values_list("path", "title", "slug", "live", "url_path")
            ),
            "revisions": list(
                Revision.objects.order_by("pk").values_list("object_id", "content", "approved_go_live_at")
            ),
            "images": [(i.title, i.file.name, i.width, i.file.read()) for i in Image.objects.order_by("pk")],
            "documents": [(d.title, d.file.name, d.file.read()) for d in Document.objects.order_by("pk")],
            "users": list(
                get_user_model()
                .objects.order_by("username")
                .values_list("username", "password", "is_staff", "groups__name")
            ),
            "forms": list(FormSubmission.objects.order_by("pk").values_list("page_id", "form_data")),
        }


@pytest.fixture
def cleanup_restored():
    schemas = []
    yield schemas
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            shutil.rmtree(Path(settings.MEDIA_ROOT) / schema, ignore_errors=True)
    Village.objects.filter(schema_name__in=schemas).delete()


def test_export_purge_restore_gives_back_the_same_village(
    transactional_village_factory, tmp_path, client_for
):
    jlodro = transactional_village_factory("Jlodro")
    _fill(jlodro)
    before = _snapshot(jlodro.schema)
    archive = tmp_path / "jlodro.tar.gz"

    village_archive(code=jlodro.code, actor="budi")
    export = village_export(code=jlodro.code, output=archive, actor="budi")
    assert archive.is_file() and export.size_bytes == archive.stat().st_size and len(export.sha256) == 64

    village_purge(code=jlodro.code, actor="budi")
    assert not schema_exists(jlodro.schema)
    assert not Village.objects.filter(code=jlodro.code).exists()
    assert not (Path(settings.MEDIA_ROOT) / jlodro.schema).exists()

    village = village_restore(archive=archive, actor="budi")
    assert village.schema_name == jlodro.schema and village.status == Village.Status.ARCHIVED
    assert _snapshot(jlodro.schema) == before
    assert sequences_continue(jlodro.schema) > 5  # a new page, user or image cannot take a used id
    assert village.url == f"http://{jlodro.domain}"

    Village.objects.filter(pk=village.pk).update(status=Village.Status.ACTIVE)
    page = client_for(jlodro.domain).get("/berita/kerja-bakti/")
    assert page.status_code == 200 and "Kerja bakti bersih desa" in page.text
    with in_village(jlodro):
        image_url = Image.objects.get().file.url
    assert client_for(jlodro.domain).get(image_url).status_code == 200


def test_restore_under_a_new_code_beside_the_original(
    transactional_village_factory, tmp_path, cleanup_restored
):
    jlodro = transactional_village_factory("Jlodro")
    _fill(jlodro)
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")

    copy = village_restore(archive=archive, code="35.23.99.8001", subdomain="jlodro-uji", actor="budi")
    cleanup_restored.append(copy.schema_name)
    assert copy.schema_name == "village_3523998001"
    assert copy.url == "http://jlodro-uji.localhost"
    assert _snapshot(copy.schema_name) == _snapshot(jlodro.schema)
    # The original is untouched and the two stay apart.
    assert village_of(jlodro).url == f"http://{jlodro.domain}"
    with in_village(jlodro):
        assert Page.objects.get(depth=2).get_site().hostname == jlodro.domain


def test_restore_into_an_occupied_slot_is_refused(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")
    with pytest.raises(LifecycleError, match="sudah ada"):
        village_restore(archive=archive, actor="budi")
    with pytest.raises(LifecycleError, match="bukan arsip"):
        bogus = tmp_path / "bukan.tar.gz"
        bogus.write_text("bukan arsip")
        village_restore(archive=bogus, actor="budi")


def test_purge_is_refused_when_the_village_changed_after_the_export(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    village_export(code=jlodro.code, output=tmp_path / "lama.tar.gz", actor="budi")
    make_news_page("Berita baru", village=jlodro, slug="berita-baru")
    village_archive(code=jlodro.code, actor="budi")
    with pytest.raises(LifecycleError, match="export_village"):
        village_purge(code=jlodro.code, actor="budi")
    assert VillageExport.objects.filter(code=jlodro.code).count() == 1


def test_purge_is_refused_when_the_export_file_was_altered(transactional_village_factory, tmp_path):
    jlodro = transactional_village_factory("Jlodro")
    village_archive(code=jlodro.code, actor="budi")
    archive = tmp_path / "jlodro.tar.gz"
    village_export(code=jlodro.code, output=archive, actor="budi")
    archive.write_bytes(b"rusak")
    with pytest.raises(LifecycleError, match="masih utuh"):
        village_purge(code=jlodro.code, actor="budi")


def test_cases_travel_with_the_village_and_closed_ones_without_personal_data(
    transactional_village_factory, tmp_path, client_for, cleanup_restored
):
    """Issue 30: cases live in the public schema, so an export of the village's schema left them out
    and a purge deleted them for good. Open cases keep the citizen's contact (to be answered); closed
    ones come back as the retention job leaves them."""
    from django.utils import timezone

    from villageweb.cases.models import Case, CaseEvent, NoticeAddress
    from villageweb.cases.services import (
        Submission,
        case_close,
        case_create,
        case_forward,
        case_note,
        case_reply,
    )

    jlodro = transactional_village_factory("Jlodro")
    wangi = transactional_village_factory("Wangi")
    home, other = village_of(jlodro), village_of(wangi)

    def submission(subject):
        return Submission(
            kind="pengaduan", category="lainnya", subject=subject, message="Isi " + subject,
            name="Sri Lestari", phone="081234567890", email="sri@example.id",
        )  # fmt: skip

    open_case = case_create(provider=home, submission=submission("Lampu mati"))
    case_note(provider=home, case_id=open_case.pk, actor="admin", address="10.0.0.1", text="Cek RT 2")
    closed = case_create(provider=home, submission=submission("Got mampet"))
    case_reply(provider=home, case_id=closed.pk, actor="admin", address="", text="Sudah dibersihkan.")
    case_close(provider=home, case_id=closed.pk, actor="admin", address="")
    arrived = case_create(provider=other, submission=submission("Jalan kabupaten"))
    case_forward(provider=other, case_id=arrived.pk, actor="admin", address="", to_provider_id=home.pk)
    left = case_create(provider=home, submission=submission("Urusan Wangi"))
    case_forward(provider=home, case_id=left.pk, actor="admin", address="", to_provider_id=other.pk)
    NoticeAddress.objects.create(provider=home, email="sekdes@jlodro.desa.id", added_by="admin",
                                 verified_at=timezone.now())  # fmt: skip
    before = {
        case.code: (case.status, case.due_on, case.received_at, case.public_reply)
        for case in Case.objects.filter(provider=home)
    }
    timeline = list(CaseEvent.objects.filter(case=open_case).values_list("kind", "text", "at"))
    archive = tmp_path / "jlodro.tar.gz"
    village_archive(code=jlodro.code, actor="budi")
    village_export(code=jlodro.code, output=archive, actor="budi")

    # A copy beside the original takes none of them: a code names one case.
    copy = village_restore(archive=archive, code="35.23.99.8002", subdomain="jlodro-salinan", actor="budi")
    cleanup_restored.append(copy.schema_name)
    assert not Case.objects.filter(provider=copy).exists()

    village_purge(code=jlodro.code, actor="budi")
    assert not Case.objects.filter(code__in=before).exists()
    village = village_restore(archive=archive, actor="budi")
    restored = {case.code: case for case in Case.objects.filter(provider=village)}
    assert {
        code: (c.status, c.due_on, c.received_at, c.public_reply) for code, c in restored.items()
    } == before
    assert left.code not in restored and Case.objects.get(code=left.code).provider == other
    kept = restored[open_case.code]
    assert (kept.name, kept.phone, kept.message) == ("Sri Lestari", "081234567890", "Isi Lampu mati")
    assert list(CaseEvent.objects.filter(case=kept).values_list("kind", "text", "at")) == timeline
    gone = restored[closed.code]
    assert (gone.name, gone.phone, gone.email) == ("", "", "") and gone.personal_data_erased_at is not None
    assert "Got mampet" not in gone.message
    forwarded = CaseEvent.objects.get(case=restored[arrived.code], kind=CaseEvent.Kind.FORWARDED)
    assert forwarded.provider == other
    assert NoticeAddress.objects.filter(provider=village, email="sekdes@jlodro.desa.id").exists()

    Village.objects.filter(pk=village.pk).update(status=Village.Status.ACTIVE)
    tracked = client_for(jlodro.domain).get(f"/lacak/?kode={closed.code}")
    assert tracked.status_code == 200 and "Selesai" in tracked.text and "Sudah dibersihkan." in tracked.text
