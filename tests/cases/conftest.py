import pytest

from villageweb.cases.holidays import HOLIDAYS_CSV, holiday_rows_read, holidays_load
from villageweb.cases.models import Holiday


@pytest.fixture
def holidays(db):
    """The shipped holiday table. Its migration loads it, but a committing test's flush empties it for
    the tests after (pytest-django restores no migration data), so tests that count on it load it."""
    holidays_load(Holiday, holiday_rows_read(HOLIDAYS_CSV))
