"""Activity pictures for Diskominfo: news per week over the last year, drawn as an SVG on the server
(no chart script, no CDN), read from the portal's federated index in one query however many
villages there are."""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.html import escape

from villageweb.freshness.portal_cache import public_table
from villageweb.portal.federation.models import FederatedNewsItem

WEEKS = 52
_WIDTH, _HEIGHT, _LEFT, _BOTTOM, _TOP = 760, 220, 40, 30, 12


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_news_counts(
    *, district_code: str = "", today: datetime.date | None = None, weeks: int = WEEKS
) -> list[tuple[datetime.date, int]]:
    """(Monday, number of news) for each of the last `weeks` weeks, oldest first, zeros included.
    News dated ahead of today is not counted (it is not shown yet either)."""
    today = today or timezone.localdate()
    first = _monday(today) - datetime.timedelta(weeks=weeks - 1)
    items, villages = public_table(FederatedNewsItem._meta.db_table), public_table("tenants_village")
    sql = (
        f"SELECT date_trunc('week', item.date)::date, count(*) FROM {items} item "
        f"JOIN {villages} village ON village.id = item.village_id "
        "WHERE NOT item.hidden AND item.date BETWEEN %s AND %s AND village.status = 'active' "
        "AND (%s = '' OR village.district_code = %s) GROUP BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, today, district_code, district_code])
        counts = dict(cursor.fetchall())
    return [
        (first + datetime.timedelta(weeks=n), counts.get(first + datetime.timedelta(weeks=n), 0))
        for n in range(weeks)
    ]


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def news_chart_svg(counts: list[tuple[datetime.date, int]], *, title: str) -> str:
    """A bar per week, the highest count on the axis, a month label under each month's first week."""
    peak = max((count for _, count in counts), default=0) or 1
    plot_width, plot_height = _WIDTH - _LEFT - 8, _HEIGHT - _BOTTOM - _TOP
    step = plot_width / max(len(counts), 1)
    total = sum(count for _, count in counts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" class="news-chart" style="max-width: 100%; height: auto;">',
        f'<title id="chart-title">{escape(title)}: {total} berita dalam {len(counts)} pekan</title>',
        f'<line x1="{_LEFT}" y1="{_TOP + plot_height}" x2="{_WIDTH - 8}" '
        f'y2="{_TOP + plot_height}" stroke="#767676"/>',
        f'<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end" font-size="12" fill="#333">{peak}</text>',
        f'<text x="{_LEFT - 6}" y="{_TOP + plot_height}" text-anchor="end" font-size="12" '
        'fill="#333">0</text>',
    ]
    month = None
    for index, (monday, count) in enumerate(counts):
        x = _LEFT + index * step
        height = plot_height * count / peak
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{_TOP + plot_height - height:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{height:.1f}" fill="#1d6b3a">'
            f"<title>Pekan {monday:%d-%m-%Y}: {count} berita</title></rect>"
        )
        if monday.month != month:
            month = monday.month
            parts.append(
                f'<text x="{x:.1f}" y="{_HEIGHT - 10}" font-size="11" fill="#333">{_MONTHS[month - 1]}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
