"""The tenants backend keeps content types and the search path across schema switches, safely."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import Village

pytestmark = pytest.mark.django_db


def _content_type_id_in_table(app_label: str, model: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s", [app_label, model]
        )
        return cursor.fetchone()[0]


def test_content_types_are_cached_per_schema_and_kept_across_switches(village_factory):
    jlodro = Village.objects.get(code=village_factory("Jlodro").code)
    public = Village.objects.get(schema_name="public")
    ids = {}
    for tenant in (public, jlodro, public, jlodro):
        connection.set_tenant(tenant)
        content_type = ContentType.objects.get_by_natural_key("wagtailcore", "page")
        assert content_type.id == _content_type_id_in_table("wagtailcore", "page")
        ids.setdefault(tenant.schema_name, content_type.id)
        assert ids[tenant.schema_name] == content_type.id
    connection.set_tenant(jlodro)
    with CaptureQueriesContext(connection) as queries:
        ContentType.objects.get_by_natural_key("wagtailcore", "page")
        ContentType.objects.get_for_id(ids[jlodro.schema_name])
    assert [query["sql"] for query in queries if "django_content_type" in query["sql"]] == []


def test_clear_cache_still_empties_every_schema(village_factory):
    jlodro = Village.objects.get(code=village_factory("Jlodro").code)
    connection.set_tenant(jlodro)
    ContentType.objects.get_by_natural_key("wagtailcore", "page")
    ContentType.objects.clear_cache()  # what migrations and flush do
    with CaptureQueriesContext(connection) as queries:
        ContentType.objects.get_by_natural_key("wagtailcore", "page")
    assert any("django_content_type" in query["sql"] for query in queries)


def _search_path_sets(tenant, *, keep: bool) -> list[str]:
    if keep:
        connection.keep_search_path_once()
    connection.set_tenant(tenant)
    with CaptureQueriesContext(connection) as queries:
        Village.objects.count()
    return [query["sql"] for query in queries if query["sql"].startswith("SET search_path")]


def test_set_tenant_still_sets_the_search_path_again_for_code_that_changed_it(village_factory):
    public = Village.objects.get(schema_name="public")
    connection.set_tenant(public)
    Village.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_catalog.set_config('search_path', '', false)")  # as a restored dump does
    assert _search_path_sets(public, keep=False) == ['SET search_path = "public"']
    assert Village.objects.filter(schema_name="public").exists()


def test_the_tenant_middleware_skips_only_an_identical_search_path(village_factory):
    jlodro = Village.objects.get(code=village_factory("Jlodro").code)
    public = Village.objects.get(schema_name="public")
    connection.set_tenant(public)
    Village.objects.count()
    assert _search_path_sets(public, keep=True) == []
    assert _search_path_sets(jlodro, keep=True) == [f'SET search_path = "{jlodro.schema_name}","public"']
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        assert cursor.fetchone()[0] == f"{jlodro.schema_name}, public"


def test_a_portal_request_sets_the_search_path_once(village_factory, client_for):
    from django.test.utils import CaptureQueriesContext

    client = client_for("localhost")
    client.get("/api/v1/berita-desa/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/berita-desa/").status_code == 200
    assert [query["sql"] for query in queries if query["sql"].startswith("SET search_path")] == [
        'SET search_path = "public"'
    ]


def test_the_content_type_cache_keeps_at_most_the_configured_schemas(village_factory, settings):
    """A process that touches more schemas than the bound keeps only the most recent ones, and every
    schema, pushed out or not, still gets its own content type ids."""
    settings.VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS = 2
    tenants = [Village.objects.get(schema_name="public")] + [
        Village.objects.get(code=village_factory(name).code) for name in ("Jlodro", "Sokogunung", "Jamprong")
    ]
    ContentType.objects.clear_cache()
    for _ in range(2):
        for tenant in tenants:
            connection.set_tenant(tenant)
            content_type = ContentType.objects.get_by_natural_key("wagtailcore", "page")
            assert content_type.id == _content_type_id_in_table("wagtailcore", "page")
            assert ContentType.objects.get_for_id(content_type.id).model == "page"
            assert len(ContentType.objects._cache) <= 2
    # The most recently used schema is still served from the cache.
    with CaptureQueriesContext(connection) as queries:
        ContentType.objects.get_by_natural_key("wagtailcore", "page")
    assert [query["sql"] for query in queries if "django_content_type" in query["sql"]] == []


def test_form_submissions_find_each_schemas_own_form_pages(village_factory):
    """Wagtail keeps the form page types of the first schema that asked, for the whole process
    (`get_form_types` is lru_cached), and content type ids are each schema's own: once the portal's
    admin asked first, a village admin was refused the submissions of its own contact page."""
    from django.contrib.auth import get_user_model
    from wagtail.contrib.forms.models import FormMixin
    from wagtail.contrib.forms.utils import get_form_types, get_forms_for_user
    from wagtail.models import Page

    from tests.factories import in_village
    from villageweb.village.models import ContactPage

    village = village_factory("Jlodro")
    connection.set_tenant(Village.objects.get(schema_name="public"))
    # The public schema's row made anew, as a flush and its post_migrate leave it: a new id there.
    ContentType.objects.filter(
        app_label=ContactPage._meta.app_label, model=ContactPage._meta.model_name
    ).delete()
    ContentType.objects.clear_cache()
    public_ids = {content_type.id for content_type in get_form_types()}
    with in_village(village):
        form_pages = [page for page in Page.objects.specific() if isinstance(page, FormMixin)]
        assert form_pages, "the village template has no form page to check"
        village_ids = {
            ContentType.objects.get_for_model(type(page), for_concrete_model=False).id for page in form_pages
        }
        assert village_ids != public_ids, "the schemas share the ids, so this test would prove nothing"
        admin = get_user_model().objects.get(username=village.admin_username)
        visible = set(get_forms_for_user(admin).values_list("pk", flat=True))
        assert {page.pk for page in form_pages} <= visible
