"""A kiosk reaches nothing but the kiosk: every URL of the project (from the resolver, with the
access matrix's arguments: client A's records), by GET and by POST, and the Django admin, from a
kiosk on which client A is filling in an intake. Each is sent to the kiosk's start screen before
any view runs (no audit event, no change), and no page carries A's records."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.kiosk.middleware import KIOSK_PAGES
from intake.submissions.models import IntakeSubmission
from intake.submissions.screening import SAFETY_QUESTIONS
from tests.audit.test_access_matrix import A_MARKERS, MATRIX, body_of, url_for
from tests.fixtures.security import project_urls
from tests.kiosk.conftest import identify


@pytest.fixture
def kiosk_in_use(kiosk_http, access_world, arrival):
    http, kiosk = kiosk_http
    IntakeSubmission.objects.filter(pk=access_world["draft_intake_id"]).delete()
    response = identify(http, arrival)
    assert response["Location"].startswith("/kiosk/intake/")
    return http, kiosk


def test_its_own_pages_exist():
    assert KIOSK_PAGES <= set(project_urls())


def every_url(world: dict) -> list[str]:
    """Every named URL but the kiosk's own, with the access matrix's arguments (A's records);
    a URL without a row yet gets the world's values, or 1."""
    patterns = project_urls()
    urls = []
    for name in sorted(set(patterns) - KIOSK_PAGES):
        entry = MATRIX.get(name)
        if entry is not None:
            urls.append(url_for(name, patterns[name], world, entry))
        else:
            kwargs = {key: world.get(key, 1) for key in patterns[name].pattern.converters}
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_it_sends_every_other_url_to_the_start_screen(kiosk_in_use, access_world):
    http, kiosk = kiosk_in_use
    urls = every_url(access_world)
    urls += ["/django-admin/", "/django-admin/login/", "/no-such-page/", "/static/../me/"]
    urls += [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    events = AuditEvent.objects.count()
    problems = []
    for url in urls:
        for method in (http.get, http.post):
            response = method(url, {"go": "next"})
            if response.status_code != 302 or response["Location"] != "/kiosk/":
                problems.append(f"{method.__name__.upper()} {url}: {response.status_code}")
            elif any(marker.encode() in body_of(response) for marker in A_MARKERS):
                problems.append(f"{url}: client A's data in the redirect")
    assert not problems, "\n".join(problems)
    assert AuditEvent.objects.count() == events, "a view ran for a kiosk"
    kiosk.refresh_from_db()
    assert kiosk.client_id == access_world["client_id"]  # still in use: nothing else changed


def test_its_own_pages_link_nowhere_else(kiosk_in_use, access_world):
    """Every step of the kiosk's draft (at its last step, so all open): no link or form leads out
    of the kiosk, and no other client's data is there."""
    http, kiosk = kiosk_in_use
    answers = {q.field: False for q in SAFETY_QUESTIONS if not q.only_if}
    IntakeSubmission.objects.filter(client_id=access_world["client_id"], status="draft").update(
        current_step=7, **answers
    )
    for step in range(1, 8):
        response = http.get(f"/kiosk/intake/{step}/")
        assert response.status_code == 200, step
        page = response.content.decode()
        assert "B's own complaint" not in page and "Brown" not in page
        for link in re.findall(r'(?:href|action)="(/[^"]*)"', page):
            # its own pages, static files, and the language picker (tests/kiosk/test_kiosk_language.py)
            assert link.startswith(("/kiosk/", "/static/", "/language/")), (step, link)
    assert http.get("/kiosk/status/").status_code == 200
    assert http.get("/kiosk/exit/").status_code == 200
