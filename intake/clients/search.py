"""Staff search of clients by name, e-mail, phone digits or date of birth, fast over 100,000 rows.

On PostgreSQL, migration 0003 adds trigram (pg_trgm) GIN indexes on ``UPPER(first_name)``,
``UPPER(last_name)``, ``UPPER(email)`` (what ``icontains`` and ``istartswith`` compile to) and on
the phone number with its punctuation removed (:func:`phone_digits`, the same expression), so
every branch of the match can be answered from an index.

Two rules keep it fast:

- A word shorter than :data:`MIN_CONTAINS` characters has no trigram to look up, so it matches
  the *start* of a first or last name only (and the e-mail is searched only with a query of at
  least that length).
- Filter first, then sort: the matches are sorted by :class:`Unindexed` copies of the names (same
  values, same order) that no index provides. Asked for "matches, in name order, first 50" with
  the plain columns, the planner walks the name index in order and tests every row until it has
  50, which for a surname late in the alphabet is most of the table (Garcia 25 ms, "zh" 60 ms
  over 100,000 clients). Without that path it collects the matches from the trigram indexes
  (a bitmap scan) and keeps the first 50 in a top-N sort: the cost follows the number of
  matches, not the position of the name in the alphabet. (Fetching the matching ids first and
  then the rows by id was measured too: the long ``IN`` list costs more than it saves.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import CharField, F, Func, Q, QuerySet, Value
from django.db.models.functions import Replace

from intake.accounts.models import Client

#: Words shorter than this match the start of a name only (trigrams are three characters).
MIN_CONTAINS = 3
#: Rows shown on the page.
SEARCH_LIMIT = 50
#: Removed from a phone number before comparing digits (as the index in 0003 does).
PHONE_PUNCTUATION = "-() .+/"
ORDER = ("last_name", "first_name", "id")

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y")


class Unindexed(Func):
    """``text || ''``: the same value, so the same order, but one no index provides, so the
    planner sorts the few rows it has rather than walking the name index looking for them."""

    template = "(%(expressions)s || '')"
    output_field = CharField()


@dataclass(frozen=True)
class SearchResult:
    clients: list[Client]
    #: More clients match than are shown.
    more: bool
    #: Some word was too short for "contains" and matched the start of a name only.
    short_words: tuple[str, ...] = ()


def dates_in(text: str) -> set[dt.date]:
    found = set()
    for fmt in _DATE_FORMATS:
        try:
            found.add(dt.datetime.strptime(text, fmt).date())  # noqa: DTZ007 - a plain date
        except ValueError:
            continue
    return found


def phone_digits() -> Func:
    """The phone number without punctuation; migration 0003 indexes exactly this expression."""
    expression = "phone"
    for char in PHONE_PUNCTUATION:
        expression = Replace(expression, Value(char))
    return expression


def normalize(query: str) -> str:
    return " ".join(query.split())


def short_words(query: str) -> tuple[str, ...]:
    return tuple(word for word in normalize(query).split(" ") if 0 < len(word) < MIN_CONTAINS)


def matching(query: str) -> QuerySet[Client]:
    """Clients matching ``query`` (unordered). Every word must match a first or last name
    (contains, or starts with for a short word); or the whole query is in the e-mail; or its
    digits are in the phone number; or it is a date of birth."""
    query = normalize(query)
    clients = Client.objects.all()
    name = Q()
    for word in query.split(" "):
        if len(word) >= MIN_CONTAINS:
            name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        else:
            name &= Q(first_name__istartswith=word) | Q(last_name__istartswith=word)
    match = name
    if len(query) >= MIN_CONTAINS:
        match |= Q(email__icontains=query)
    digits = re.sub(r"\D", "", query)
    if len(digits) >= MIN_CONTAINS and not re.search(r"[A-Za-z]", query):
        clients = clients.annotate(phone_digits=phone_digits())
        match |= Q(phone_digits__contains=digits)
    dates = dates_in(query)
    if dates:
        match |= Q(date_of_birth__in=dates)
    return clients.filter(match)


def search(query: str, *, limit: int = SEARCH_LIMIT) -> SearchResult:
    """The first ``limit`` clients matching ``query`` in name order (everyone without a query).

    One query, whatever the number of rows."""
    query = normalize(query)
    if not query:
        rows = Client.objects.order_by(*ORDER)
    else:
        rows = matching(query).order_by(Unindexed(F("last_name")), Unindexed(F("first_name")), "id")
    clients = list(rows[: limit + 1])
    return SearchResult(clients[:limit], len(clients) > limit, short_words(query))
