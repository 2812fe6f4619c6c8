"""Reading query-string values that anyone on the internet can write.

Public pages read a handful of parameters (page numbers, years, filters, a search). Whatever a value
holds (a NUL, a 5,000-character string, `²`, `-1`, a number with 4,000 digits) it must come out as a
value the page can use or as the default, never as an exception or a database error. The middleware
cleans every value once; `query_int` is the one way a page reads a number.
"""

import unicodedata

from django.http import QueryDict

# No value a public page reads is longer; a longer one is cut, not refused.
MAX_VALUE_LENGTH = 1000
# What a search box keeps of a query (pages cap their own, this is the shared figure).
SEARCH_MAX_LENGTH = 200
_INT_MAX_DIGITS = 9


def value_clean(value: str, *, max_length: int = MAX_VALUE_LENGTH) -> str:
    """`value` without control characters (PostgreSQL refuses NUL in text), cut to `max_length`."""
    value = value[: max_length * 2]
    if any(unicodedata.category(char) == "Cc" for char in value):
        value = "".join(char for char in value if unicodedata.category(char) != "Cc" or char in "\t")
    return value[:max_length]


def query_int(request, name: str, *, default: int | None, minimum: int, maximum: int) -> int | None:
    """The parameter as an int in [minimum, maximum], or `default`.

    Only ASCII digits (with an optional minus) count: `str.isdigit` accepts `²` and int() accepts
    other scripts' digits, neither of which a page link ever writes.
    """
    raw = request.GET.get(name, "").strip()
    digits = raw[1:] if raw.startswith("-") else raw
    if not digits or len(digits) > _INT_MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
        return default
    number = int(raw)
    if number < minimum or number > maximum:
        return default
    return number


def query_text(request, name: str, *, max_length: int = MAX_VALUE_LENGTH) -> str:
    return value_clean(request.GET.get(name, ""), max_length=max_length).strip()


class QueryStringCleanMiddleware:
    """Replaces `request.GET` with a copy whose values are cleaned by `value_clean`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(value_clean(key, max_length=100), [value_clean(value) for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
