"""The fast clone gives each village exactly the schema migrations would give it, and never a stale one."""

import pytest
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context

from provisioning import schema_clone
from tenants.models import Village

pytestmark = pytest.mark.django_db

TEMPLATE = "village_template"


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def schema_shape(schema: str) -> dict:
    """Everything migrations decide about a schema, with the schema's own name taken out.

    Columns are compared by their order among the live columns: a migrated table keeps the slot
    of a dropped column (a gap in attnum) that a replayed table does not have.
    """

    def strip(value):
        return value.replace(f"{schema}.", "S.") if isinstance(value, str) else value

    def clean(rows):
        return sorted(tuple(strip(value) for value in row) for row in rows)

    return {
        "columns": clean(
            _rows(
                "SELECT table_name, column_name, "
                "rank() OVER (PARTITION BY table_name ORDER BY ordinal_position), data_type, "
                "character_maximum_length, numeric_precision, is_nullable, column_default, is_identity, "
                "identity_generation FROM information_schema.columns WHERE table_schema = %s",
                [schema],
            )
        ),
        "indexes": clean(
            _rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %s", [schema])
        ),
        "constraints": clean(
            _rows(
                "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), co.condeferrable, "
                "co.condeferred FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid "
                "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = %s",
                [schema],
            )
        ),
        "sequences": clean(
            _rows(
                "SELECT sequencename, data_type, start_value, increment_by, max_value, cycle "
                "FROM pg_sequences WHERE schemaname = %s",
                [schema],
            )
        ),
        "relations": clean(
            _rows(
                "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind <> 't' AND c.relname NOT LIKE 'pg_toast%%'",
                [schema],
            )
        ),
        "migrations": sorted(_rows(f'SELECT app, name FROM "{schema}".django_migrations', [])),
    }


def _sequences_continue(schema: str) -> None:
    """Every id sequence is past the highest id its table holds, so the next insert cannot collide."""
    tables = _rows(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = %s AND column_name = 'id' "
        "AND is_identity = 'YES'",
        [schema],
    )
    checked = 0
    for (table,) in tables:
        ((highest, sequence),) = _rows(
            f'SELECT max(id), pg_get_serial_sequence(%s, %s) FROM "{schema}"."{table}"',
            [f'"{schema}"."{table}"', "id"],
        )
        if highest is None:
            continue
        ((next_id,),) = _rows("SELECT nextval(%s)", [sequence])
        assert next_id > highest, (table, next_id, highest)
        checked += 1
    assert checked >= 5


@pytest.mark.django_db(transaction=True)
def test_fast_clone_is_identical_to_a_freshly_migrated_schema(transactional_village_factory):
    village = transactional_village_factory("Jlodro")
    # The reference: a schema built by running every migration (django-tenants' default path, ~10 s;
    # migrations need real commits, hence a transactional test).
    reference = Village(
        schema_name="village_migrated_reference", name="Referensi", kind=Village.Kind.TEMPLATE
    )
    try:
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False, TENANT_BASE_SCHEMA=None):
            reference.save(verbosity=0)
        connection.set_schema_to_public()
        cloned, migrated = schema_shape(village.schema), schema_shape(reference.schema_name)
        assert len(cloned["relations"]) > 100 and len(cloned["migrations"]) > 50
        for key in migrated:
            assert cloned[key] == migrated[key], key
        assert schema_shape(TEMPLATE) == cloned
        _sequences_continue(village.schema)
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{reference.schema_name}" CASCADE')


def test_fast_clone_copies_the_template_rows(village_factory):
    village = village_factory("Jlodro")
    for table in ("auth_group", "auth_permission", "django_content_type", "wagtailcore_collection"):
        ((template_rows,),) = _rows(f'SELECT count(*) FROM "{TEMPLATE}"."{table}"', [])
        ((village_rows,),) = _rows(f'SELECT count(*) FROM "{village.schema}"."{table}"', [])
        assert village_rows == template_rows > 0, table


def test_new_pages_get_fresh_ids_after_the_clone(village_factory):
    from wagtail.models import Page

    from villageweb.village.models import ContentPage, HomePage

    village = village_factory("Jlodro")
    with schema_context(village.schema):
        home = HomePage.objects.get()
        highest = max(Page.objects.values_list("pk", flat=True))
        page = home.add_child(instance=ContentPage(title="Halaman baru", slug="halaman-baru"))
        assert page.pk > highest


def test_a_spare_is_renamed_into_the_village_and_refill_replaces_it(village_factory):
    assert schema_clone.spares_refill(size=2) == 2
    spares = schema_clone.spares_list()
    assert len(spares) == 2
    village = village_factory("Jlodro")
    remaining = schema_clone.spares_list()
    assert len(remaining) == 1 and set(remaining) < set(spares)
    assert schema_shape(village.schema) == schema_shape(TEMPLATE)
    assert schema_clone.spares_refill(size=2) == 1


def test_spares_of_an_older_template_state_are_never_handed_out_and_are_dropped(village_factory):
    schema_clone.spares_refill(size=1)
    (stale,) = schema_clone.spares_list()
    # A migration applied to the template (simulated) changes its state.
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{TEMPLATE}".django_migrations (app, name, applied) VALUES (%s, %s, now())',
            ["tests", "0001_new_migration"],
        )
    village_factory("Jlodro")
    assert stale in schema_clone.spares_list()  # not used: the village got a fresh copy instead
    schema_clone.spares_refill(size=0)
    assert stale not in schema_clone.spares_list()


def test_snapshot_replay_does_not_change_the_session_search_path(village_factory):
    village = village_factory("Jlodro")
    with schema_context(village.schema):
        from villageweb.village.models import HomePage

        assert HomePage.objects.get().title == "Desa Jlodro"


def test_home_page_is_personalised_in_place_and_its_draft_matches_the_site(village_factory, client_for):
    from wagtail.models import PageLogEntry

    from villageweb.village.models import HomePage

    jlodro = village_factory("Jlodro")
    with schema_context(jlodro.schema):
        home = HomePage.objects.get()
        draft = home.get_latest_revision_as_object()
        assert home.title == draft.title == home.draft_title == "Desa Jlodro"
        assert "Selamat datang di situs resmi Pemerintah Desa Jlodro" in draft.greeting
        assert home.live and not home.has_unpublished_changes
        assert set(PageLogEntry.objects.filter(page=home).values_list("label", flat=True)) == {"Desa Jlodro"}
    assert "Selamat datang di situs resmi Pemerintah Desa Jlodro" in client_for(jlodro.domain).get("/").text


def test_without_pg_dump_provisioning_falls_back_to_django_tenants_clone(village_factory, monkeypatch):
    monkeypatch.setenv("VILLAGEWEB_PG_DUMP", "/nonexistent/pg_dump")
    monkeypatch.setattr(schema_clone, "_snapshots", {})
    village = village_factory("Jlodro")
    assert schema_shape(village.schema)["migrations"] == schema_shape(TEMPLATE)["migrations"]
    assert schema_clone.spares_refill(size=1) == 0
