"""Fail at start-up (`manage.py check --database default`, and every `migrate`) when the database's
version triggers are not the live map's (villageweb/freshness/versions.py): a table added to the map
without a migration would never raise a version, and a trigger left behind would raise one the map
does not explain."""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from villageweb.freshness.versions import triggers_expected, triggers_in_database


@register(Tags.database)
def version_triggers_check(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    try:
        found = triggers_in_database()
    except DatabaseError:
        return []  # no database yet: migrate makes it, and checks again
    expected = triggers_expected()
    errors = []
    for table, trigger, function in sorted(expected - found):
        errors.append(
            Error(
                f"Trigger {trigger} on {table} (calling {function}) is in the map but not in the database.",
                hint="Add a migration to villageweb/freshness/migrations that creates it, with a frozen "
                "copy of the entry, and run migrate.",
                id="freshness.E001",
            )
        )
    for table, trigger, function in sorted(found - expected):
        errors.append(
            Error(
                f"Trigger {trigger} on {table} (calling {function}) is in the database but not in the map.",
                hint="Add it to villageweb.freshness.versions.WATCHED_TABLES, or drop it in a migration.",
                id="freshness.E001",
            )
        )
    return errors
