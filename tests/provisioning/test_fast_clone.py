"""The fast clone (snapshot replay, spares, fallback) copies the template exactly, never a stale state."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from provisioning import schema_clone

from ..factories import schema_shape, sql_rows

pytestmark = pytest.mark.django_db

TEMPLATE = "village_template"


def test_fast_clone_copies_the_template_rows(village_factory):
    village = village_factory("Jlodro")
    for table in ("auth_group", "auth_permission", "django_content_type", "wagtailcore_collection"):
        ((template_rows,),) = sql_rows(f'SELECT count(*) FROM "{TEMPLATE}"."{table}"', [])
        ((village_rows,),) = sql_rows(f'SELECT count(*) FROM "{village.schema}"."{table}"', [])
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


def test_a_spare_is_renamed_into_the_village_and_refill_replaces_it(no_spares, village_factory):
    assert schema_clone.spares_refill(size=2) == 2
    spares = schema_clone.spares_list()
    assert len(spares) == 2
    village = village_factory("Jlodro")
    remaining = schema_clone.spares_list()
    assert len(remaining) == 1 and set(remaining) < set(spares)
    assert schema_shape(village.schema) == schema_shape(TEMPLATE)
    assert schema_clone.spares_refill(size=2) == 1


def test_spares_of_an_older_template_state_are_never_handed_out_and_are_dropped(no_spares, village_factory):
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


def _search_path() -> str:
    with connection.cursor() as cursor:  # a new cursor: django-tenants does not reset the path here
        cursor.execute("SHOW search_path")
        return cursor.fetchone()[0]


def test_snapshot_replay_does_not_change_the_session_search_path(platform):
    """pg_dump's output starts by emptying search_path; replayed on our connection, that would send
    every later unqualified query of the session (the rest of a provisioning) nowhere."""
    snapshot = schema_clone.template_snapshot_current()
    before = _search_path()
    assert "public" in before
    snapshot.replay("village_search_path_probe")
    assert _search_path() == before
    ((pages,),) = sql_rows('SELECT count(*) FROM "village_search_path_probe".wagtailcore_page')
    assert pages > 1


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


def test_without_pg_dump_provisioning_falls_back_to_django_tenants_clone(
    no_spares, village_factory, monkeypatch
):
    """django-tenants' clone recreates unique constraints under PostgreSQL's default names; the
    fallback renames them back (Village.create_schema), so the village still equals the template."""
    monkeypatch.setenv("VILLAGEWEB_PG_DUMP", "/nonexistent/pg_dump")
    schema_clone.template_dump_discard()  # no dump kept either (undone with the test's transaction)
    village = village_factory("Jlodro")
    cloned, template = schema_shape(village.schema), schema_shape(TEMPLATE)
    assert cloned["migrations"] == template["migrations"]
    unique = [row for row in template["constraints"] if row[2] == "u"]
    assert len(unique) > 10
    assert cloned["constraints"] == template["constraints"]
    assert cloned["indexes"] == template["indexes"]
    assert schema_clone.spares_refill(size=1) == 0


def test_the_template_is_dumped_once_for_every_process_until_it_changes(platform, monkeypatch):
    """pg_dump's time grows with every schema of the database: a process that finds the dump kept
    for the template's current state parses it instead of running pg_dump again."""
    kept = schema_clone.template_snapshot_current()
    ((rows,),) = sql_rows("SELECT count(*) FROM public.provisioning_templatedump")
    assert rows == 1
    monkeypatch.setattr(schema_clone, "_snapshots", {})  # another process: nothing parsed yet
    monkeypatch.setenv("VILLAGEWEB_PG_DUMP", "/nonexistent/pg_dump")
    again = schema_clone.template_snapshot_current()
    assert again is not kept and again == kept  # parsed anew from the kept dump, no pg_dump run

    schema_clone.template_dump_discard()  # init_platform: the template's content may have changed
    with pytest.raises(schema_clone.SchemaCloneUnavailable):
        schema_clone.template_snapshot_current()


def test_a_dump_of_an_older_template_state_is_replaced(platform):
    schema_clone.template_snapshot_current()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE public.provisioning_templatedump SET state = 'older'")
    schema_clone.template_snapshot_current()
    states = [state for (state,) in sql_rows("SELECT state FROM public.provisioning_templatedump")]
    assert states == [schema_clone.template_state()]


_SPARE_RACER = """
import os, sys, time

import django

django.setup()
from django.db import transaction

from provisioning.schema_clone import spare_take

gate, commit_gate, prefix, state = sys.argv[1:5]


def wait_for(path):
    while not os.path.exists(path):
        time.sleep(0.005)


print("ready", flush=True)
wait_for(gate)
taken = []
with transaction.atomic():
    for number in range(2):
        if spare_take(schema_name=f"{prefix}_{number}", state=state):
            taken.append(f"{prefix}_{number}")
    # Keep the renames uncommitted until the other process has looked for spares too.
    print("held", flush=True)
    wait_for(commit_gate)
print(",".join(taken), flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_racing_for_spares_each_get_a_different_one(
    no_spares, transactional_village_factory, tmp_path
):
    """Three committed spares, two provisioning processes that each want two: exactly three are
    handed out, each to one process only, and no spare is left or used twice."""
    import subprocess
    import sys

    from django.conf import settings

    from ..factories import subprocess_env

    assert schema_clone.spares_refill(size=3) == 3
    spares = set(schema_clone.spares_list())
    state = schema_clone.template_state()
    gate, commit_gate = tmp_path / "go", tmp_path / "commit"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _SPARE_RACER, str(gate), str(commit_gate), f"village_race_{name}", state],
            cwd=settings.BASE_DIR,
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    try:
        for racer in racers:
            assert racer.stdout.readline().strip() == "ready", racer.stderr.read()
        gate.touch()
        for racer in racers:  # both have taken what they could, neither has committed
            assert racer.stdout.readline().strip() == "held", racer.stderr.read()
        commit_gate.touch()
        results = [racer.communicate(timeout=120) for racer in racers]
        for racer, (_out, err) in zip(racers, results, strict=True):
            assert racer.returncode == 0, err
        taken = [name for out, _err in results for name in out.strip().split(",") if name]
        assert len(taken) == len(set(taken)) == 3
        assert {name.split("_")[2] for name in taken} == {"a", "b"}  # both got at least one
        assert schema_clone.spares_list() == {}
        ((made,),) = sql_rows("SELECT count(*) FROM pg_namespace WHERE nspname = ANY(%s)", [list(taken)])
        assert made == 3 and not spares & set(taken)
    finally:
        for racer in racers:
            racer.kill()
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'village\\_race\\_%%' "
                "OR nspname LIKE 'spare\\_%%'"
            )
            for (schema,) in cursor.fetchall():
                cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
