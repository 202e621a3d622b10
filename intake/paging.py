"""Paged lists: the page asked for, and the list's other query parameters for the page links."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paged(request: HttpRequest, items: QuerySet, per_page: int) -> dict:
    """``page`` (the page named by ``?page=``, the last one when past the end) and ``query``
    (the request's other parameters, url-encoded, so page links keep the filters)."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page": page, "query": query.urlencode()}
