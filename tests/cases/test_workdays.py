"""Deadlines in working days: weekends, national holidays and cuti bersama (the 2026 SKB), Lebaran."""

import datetime

import pytest

from villageweb.cases.models import Holiday
from villageweb.cases.workdays import working_days_add, working_days_between

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("holidays")]

D = datetime.date


def test_ten_working_days_over_lebaran_2026_skip_nyepi_idulfitri_cuti_bersama_and_good_friday():
    # Tuesday 17 March 2026: 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti), 21-22 (Idulfitri, weekend),
    # 23-24 (cuti) are closed; 25 March is day 1; Good Friday 3 April is skipped.
    assert working_days_add(D(2026, 3, 17), 10) == D(2026, 4, 8)


def test_plain_weeks_count_only_weekdays():
    assert working_days_add(D(2026, 11, 6), 10) == D(2026, 11, 20)  # Friday -> two weeks on
    assert working_days_add(D(2026, 11, 7), 1) == D(2026, 11, 9)  # Saturday -> Monday


def test_extension_of_seven_days_over_christmas():
    # Wednesday 23 December 2026: 24 (cuti bersama), 25 (Natal), weekend, 1 January 2027:
    # day 7 is Wednesday 6 January.
    assert working_days_add(D(2026, 12, 23), 7) == D(2027, 1, 6)


def test_a_holiday_diskominfo_adds_moves_the_deadline():
    before = working_days_add(D(2026, 10, 1), 5)
    Holiday.objects.create(date=D(2026, 10, 5), name="Libur daerah")
    assert working_days_add(D(2026, 10, 1), 5) == before + datetime.timedelta(days=1)


def test_working_days_between_counts_what_add_counts():
    start = D(2026, 3, 17)
    assert working_days_between(start, working_days_add(start, 10)) == 10
    assert working_days_between(start, start) == 0
