"""Working days: Monday to Friday, minus the national holidays and cuti bersama in `Holiday`.

PerKI 1/2018 counts "hari kerja": the day a request arrives is day 0, the next working day is day 1,
so a request received on Friday before Lebaran is due ten office days later, not ten calendar days.
"""

import datetime

from villageweb.cases.models import Holiday


def holidays_between(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def is_working_day(day: datetime.date, holidays: frozenset[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_add(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (`start` itself never counts)."""
    # Generous window: `days` working days never span more than twice as many calendar days plus
    # the longest run of holidays (Lebaran: about ten days).
    holidays = holidays_between(start, start + datetime.timedelta(days=days * 2 + 30))
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    holidays = holidays_between(start, end)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, holidays)
    return count
