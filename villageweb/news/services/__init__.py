"""News written from outside the full editor, as real Wagtail revisions.

- `publishing`: `news_publish` (scripts, other regency systems) and `news_write` (Tulis Kabar, a
  news item written on a phone through the village's own workflow), with the rights they check.
- `photos`: a phone's photos checked and shrunk in memory before `news_write` stores them.

Both raise `NewsPublishError`, whose message is shown to the person who wrote the news.
"""


class NewsPublishError(Exception):
    """Input that cannot become a published news item. The message is for the operator, in Indonesian."""
