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
    # Wednesday 23 December 2026: 24 (cuti bersama), 25 (Natal), weekend, 1 January 2027, and
    # Isra Mikraj on Tuesday 5 January (estimated until the 2027 SKB): day 7 is Thursday 7 January.
    assert working_days_add(D(2026, 12, 23), 7) == D(2027, 1, 7)


def test_a_holiday_diskominfo_adds_moves_the_deadline():
    before = working_days_add(D(2026, 10, 1), 5)
    Holiday.objects.create(date=D(2026, 10, 5), name="Libur daerah")
    assert working_days_add(D(2026, 10, 1), 5) == before + datetime.timedelta(days=1)


def test_working_days_between_counts_what_add_counts():
    start = D(2026, 3, 17)
    assert working_days_between(start, working_days_add(start, 10)) == 10
    assert working_days_between(start, start) == 0


def test_ten_working_days_over_lebaran_2027_skip_nyepi_and_idulfitri():
    # Monday 8 March 2027: Nyepi (9) and Idulfitri (10-11, estimated until the 2027 SKB) are closed;
    # Friday 12 March is day 1, Thursday 25 March day 10.
    assert working_days_add(D(2027, 3, 8), 10) == D(2027, 3, 25)
    # From Friday 19 March: Good Friday 26 March is skipped, day 10 is Monday 5 April.
    assert working_days_add(D(2027, 3, 19), 10) == D(2027, 4, 5)


def test_the_2027_skb_replaces_the_estimates(tmp_path):
    """The SKB moves Idulfitri a day and adds cuti bersama: the estimate left out is gone."""
    from villageweb.cases.holidays import holiday_rows_read, holidays_load

    skb = tmp_path / "skb-2027.csv"
    skb.write_text(
        "date,name,kind\n"
        "2027-03-09,Hari Suci Nyepi (Tahun Baru Saka 1949),libur\n"
        "2027-03-11,Hari Raya Idulfitri 1448 H,libur\n"
        "2027-03-12,Hari Raya Idulfitri 1448 H,libur\n"
        "2027-03-15,Cuti bersama Idulfitri 1448 H,cuti_bersama\n"
    )
    holidays_load(Holiday, holiday_rows_read(skb))
    march = list(Holiday.objects.filter(date__year=2027, date__month=3).values_list("date", flat=True))
    assert D(2027, 3, 10) not in march  # the estimate the SKB did not confirm
    assert {D(2027, 3, 9), D(2027, 3, 11), D(2027, 3, 12), D(2027, 3, 15), D(2027, 3, 26)} <= set(march)
    assert not Holiday.objects.filter(date__year=2027, name__endswith="(perkiraan)", date__month=3).exists()
    assert Holiday.objects.filter(date=D(2027, 1, 1)).exists()  # fixed days stay
    assert Holiday.objects.filter(date__year=2026).count() == 25  # another year is untouched
