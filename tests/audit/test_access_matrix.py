"""Who may open which URL: every URL of the project, for anonymous, client A, client B, a therapist
and an admin, with the objects owned by client A.

The URL list comes from the resolver, so a new URL without a row in MATRIX fails
`test_it_has_a_row_for_every_url`. Client B must never see client A's data: on every page B
may open, none of A's markers appear.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.urls import URLPattern, reverse

from intake.audit.models import AuditEvent
from tests.fixtures.security import ROLES, project_urls

LOGIN = "login"  # a redirect to the login page
# Strings only client A's records hold: client B must never receive any of them.
A_MARKERS = ("Anders", "alice@example.org", "SECRET-A-")

Expect = int | str | frozenset
# URL arguments naming a client's health record: opening one (a 200) must be audited.
HEALTH_RECORD_ARGS = {"client_id", "intake_id", "note_id", "referral_id", "handout_id",
                      "document_id"}  # fmt: skip
# Known gaps: these pages show a client's record without writing an audit event yet. Strict: once
# a page is audited, its name must leave this set (the test says so), so the list only shrinks.
NOT_YET_AUDITED: set[str] = set()


@dataclasses.dataclass(frozen=True)
class Row:
    expect: dict[str, Expect]
    method: str = "GET"
    kwargs: Callable[[dict], dict] | None = None  # override URL arguments taken from the world
    data: dict | None = None
    audited: bool = True  # a 200 on a health record must write an audit event


def row(anon: Expect, a: Expect, b: Expect, therapist: Expect, admin_: Expect, **kw) -> Row:
    return Row(dict(zip(ROLES, (anon, a, b, therapist, admin_), strict=True)), **kw)


def one_of(*codes: int) -> frozenset:
    return frozenset(codes)


def _question(world: dict) -> dict:
    """A clinic question of the clinic's own (made on first use): not a client's record."""
    from tests.questions.helpers import make_question

    if "question_id" not in world:
        world["question_id"] = make_question().pk
    return {"question_id": world["question_id"]}


def _kiosk(world: dict) -> dict:
    """An open kiosk (made on first use)."""
    from intake.accounts.models import User
    from intake.kiosk.services import open_kiosk

    if "kiosk_id" not in world:
        staff = User.objects.filter(role="admin").first()
        world["kiosk_id"] = open_kiosk(name="Tablet", by=staff).pk
    return {"kiosk_id": world["kiosk_id"]}


OK = 200
PUBLIC = row(OK, OK, OK, OK, OK)
ANON_ONLY = row(OK, 302, 302, 302, 302)  # signed-in people are sent home
CLIENT_SELF = row(LOGIN, OK, OK, 403, 403)  # a client's own page (no object of A in the URL)
CLIENT_OWNS = row(LOGIN, OK, 404, 403, 403)  # client A's object: B gets 404
STAFF = row(LOGIN, 403, 403, OK, OK)
ADMIN_ONLY = row(LOGIN, 403, 403, 403, OK)
STAFF_POST = row(LOGIN, 403, 403, one_of(200, 302), one_of(200, 302), method="POST")
ADMIN_POST = row(LOGIN, 403, 403, 403, one_of(200, 302), method="POST")
KIOSK_ONLY = row(LOGIN, 403, 403, 403, 403)


def _invitation(world: dict) -> dict:
    """An open invitation of client A's (made on first use)."""
    from intake.accounts.models import Client
    from intake.invitations.services import invite

    if "invitation_id" not in world:
        alice = Client.objects.get(pk=world["client_id"])
        world["invitation_id"] = invite(client=alice, by=None).pk
    return {"invitation_id": world["invitation_id"]}


def _therapist(world: dict) -> dict:
    """The therapist's login (whose two-factor device an admin resets)."""
    from intake.accounts.models import User

    return {"user_id": User.objects.filter(role="therapist").values_list("pk", flat=True)[0]}


def _signed_note(world: dict) -> dict:
    """A signed session note of client A's (made on first use)."""
    from intake.accounts.models import Client, User
    from tests.factories import make_note

    if "signed_note_id" not in world:
        alice = Client.objects.get(pk=world["client_id"])
        author = User.objects.filter(role="therapist").first()
        world["signed_note_id"] = make_note(alice, author, signed=True).pk
    return {"note_id": world["signed_note_id"]}


MATRIX: dict[str, Row] = {
    # core
    "home": row(OK, 302, 302, 302, 302),
    "healthz": PUBLIC,
    "healthz_live": PUBLIC,
    "ping": PUBLIC,
    "set_language": row(405, 405, 405, 405, 405),  # POST only (tests/core/test_languages.py)
    "client_home": CLIENT_SELF,
    "staff_home": STAFF,
    "admin_home": ADMIN_ONLY,
    # accounts
    "signup": ANON_ONLY,
    "login": ANON_ONLY,
    "logout": row(405, 405, 405, 405, 405),
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    # intakes (client A's draft is at step 3; A's submitted intake is `intake_id`)
    "intake_start": CLIENT_SELF,
    "intake_step": row(
        LOGIN, OK, 404, 403, 403, kwargs=lambda w: {"intake_id": w["draft_intake_id"]}
    ),
    "intake_done": CLIENT_OWNS,
    "intake_document": row(LOGIN, OK, 404, OK, OK),
    "my_intakes": CLIENT_SELF,
    "my_intake_summary": CLIENT_OWNS,
    # issue 19: the client's signed notes are hidden unless the clinic sets CLIENTS_SEE_SIGNED_NOTES
    # (tests/clients_pages/test_my_pages.py reads them with it on); the summary as a PDF
    "my_note": row(LOGIN, 404, 404, 403, 403, kwargs=_signed_note),
    "my_intake_pdf": CLIENT_OWNS,
    "staff_intakes": STAFF,
    "intake_summary": STAFF,
    # chart and session notes
    "client_search": STAFF,
    "client_chart": STAFF,
    "client_outcomes_csv": STAFF,
    "clinic_outcomes": ADMIN_ONLY,  # issue 14: aggregates across clients, for admins
    # the record in a standard form (issue 17): the published Questionnaire is public
    "fhir_questionnaire": PUBLIC,
    "fhir_client_bundle": STAFF,
    "fhir_my_bundle": CLIENT_SELF,
    "fhir_my_pdfs": CLIENT_SELF,
    "fhir_clinic_export": ADMIN_ONLY,
    "fhir_clinic_export_ndjson": row(
        LOGIN, 403, 403, 403, OK, kwargs=lambda world: {"resource_type": "Patient"}
    ),
    "safety_follow_up": STAFF,
    "note_new": STAFF,
    "notes_range_pdf": row(LOGIN, 403, 403, one_of(200, 302), one_of(200, 302)),
    "note_detail": STAFF,
    "note_edit": row(LOGIN, 403, 403, OK, 403),  # only the author edits a draft
    "note_pdf": STAFF,
    "note_sign": row(LOGIN, 403, 403, one_of(200, 302), 403, method="POST"),  # the author signs
    "note_addendum": STAFF_POST,
    # exercises and handouts
    "exercise_list": STAFF,
    "exercise_new": STAFF,
    "exercise_detail": STAFF,
    "exercise_edit": STAFF,
    "client_handouts": STAFF,
    "handout_new": STAFF,
    # an empty composer form is refused (400) with the page again; nothing is stored
    "handout_compose_new": row(LOGIN, 403, 403, 400, 400, method="POST"),
    "handout_compose": STAFF,
    "handout_preview": STAFF,
    "handout_assign": STAFF_POST,
    "handout_pdf": STAFF,
    "client_handout_pdf": CLIENT_OWNS,
    "client_handout": CLIENT_OWNS,
    # referrals and physicians (the office's work; therapists read a referral)
    "referral_list": ADMIN_ONLY,
    "referral_export_csv": ADMIN_ONLY,
    "referral_dashboard": ADMIN_ONLY,
    "referral_new": ADMIN_ONLY,
    "referral_from_intake": ADMIN_ONLY,
    "referral_detail": STAFF,
    "referral_edit": ADMIN_ONLY,
    "referral_transition": row(LOGIN, 403, 403, 403, one_of(200, 302), method="POST"),
    "referral_document_upload": row(LOGIN, 403, 403, 403, one_of(200, 302), method="POST"),
    "referral_document_download": row(LOGIN, OK, 404, OK, OK),
    "referral_letter_pdf": row(
        LOGIN, 403, 403, 403, OK, kwargs=lambda w: {"referral_id": w["outgoing_referral_id"]}
    ),
    "progress_report_pdf": ADMIN_ONLY,
    "physician_list": ADMIN_ONLY,
    "physician_new": ADMIN_ONLY,
    "physician_detail": ADMIN_ONLY,
    "physician_edit": ADMIN_ONLY,
    "physician_merge": row(LOGIN, 403, 403, 403, one_of(200, 302), method="POST"),
    # security
    "audit_log": ADMIN_ONLY,
    "audit_export": ADMIN_ONLY,
    "audit_review": ADMIN_ONLY,
    "audit_review_export": ADMIN_ONLY,
    # two-factor sign-in (issue 20): the fixtures' staff passed it already (sent on to `next`);
    # clients need none (sent on too); an admin resets a therapist's device
    "two_factor_verify": row(LOGIN, 302, 302, 302, 302),
    "two_factor_enrol": row(LOGIN, 302, 302, OK, OK),
    "two_factor_recovery_codes": row(LOGIN, 302, 302, OK, OK, method="POST"),
    "staff_two_factor": ADMIN_ONLY,
    "staff_two_factor_reset": row(*ADMIN_POST.expect.values(), method="POST", kwargs=_therapist),
    # intake access (issue 15): invitations; a link with a bad token is refused to everyone
    "invitation_open": row(410, 410, 410, 410, 410),
    "invitation_list": STAFF,
    "invitation_new": STAFF,
    "invitation_resend": row(*STAFF_POST.expect.values(), method="POST", kwargs=_invitation),
    "invitation_revoke": row(*STAFF_POST.expect.values(), method="POST", kwargs=_invitation),
    "client_intake_access": STAFF,
    "client_invite": STAFF_POST,
    # the clinic's own questions (issue 15): the admin's
    "clinic_questions": ADMIN_ONLY,
    "question_new": ADMIN_ONLY,
    "question_edit": row(LOGIN, 403, 403, 403, OK, kwargs=_question),
    "question_move": row(*ADMIN_POST.expect.values(), method="POST", kwargs=_question),
    "question_retire": row(*ADMIN_POST.expect.values(), method="POST", kwargs=_question),
    "question_restore": row(*ADMIN_POST.expect.values(), method="POST", kwargs=_question),
    # intake access (issue 15): the kiosk's own pages open for a kiosk session only (its
    # isolation is tests/kiosk/test_kiosk_isolation.py); the front desk's kiosk pages
    **dict.fromkeys(("kiosk_start", "kiosk_done", "kiosk_status", "kiosk_exit"), KIOSK_ONLY),
    "kiosk_step": row(LOGIN, 403, 403, 403, 403, kwargs=lambda w: {"step": 1}),
    "kiosk_begin": row(LOGIN, 403, 403, 403, 403, method="POST"),
    "kiosk_reset": row(LOGIN, 403, 403, 403, 403, method="POST"),
    "kiosk_list": STAFF,
    "kiosk_open": STAFF_POST,  # no name posted: the form again, no kiosk opened
    "kiosk_close": row(*STAFF_POST.expect.values(), method="POST", kwargs=_kiosk),
    "kiosk_send": STAFF_POST,
    "arrival_code_new": STAFF_POST,
    # intake access (issue 15): paper
    "intake_blank_form": STAFF,
    "staff_entry_start": STAFF_POST,
    "staff_entry_step": row(
        LOGIN, 403, 403, OK, OK, kwargs=lambda w: {"intake_id": w["draft_intake_id"]}
    ),
}


def url_for(name: str, pattern: URLPattern, world: dict, entry: Row) -> str:
    wanted = list(pattern.pattern.converters)
    values = entry.kwargs(world) if entry.kwargs else {}
    kwargs = {key: values.get(key, world.get(key)) for key in wanted}
    return reverse(name, kwargs=kwargs)


def status_matches(response, expected: Expect) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    if isinstance(expected, frozenset):
        return response.status_code in expected
    return response.status_code == expected


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(rb"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_it_has_a_row_for_every_url():
    urls = set(project_urls())
    missing = sorted(urls - set(MATRIX))
    stale = sorted(set(MATRIX) - urls)
    assert not missing, f"URLs without a row in the access matrix: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_it_enforces_the_matrix(name, access_world, http_clients):
    pattern = project_urls().get(name)
    if pattern is None:
        pytest.fail(f"{name} is in the matrix but not in the URLs")
    entry = MATRIX[name]
    url = url_for(name, pattern, access_world, entry)
    health_record = entry.audited and bool(HEALTH_RECORD_ARGS & set(pattern.pattern.converters))
    problems = []
    for role in ("anon", "b", "a", "therapist", "admin"):
        http = http_clients[role]
        send = http.post if entry.method == "POST" else http.get
        events_before = AuditEvent.objects.count()
        response = send(url, entry.data or {}, REMOTE_ADDR="192.0.2.10")
        expected = entry.expect[role]
        if not status_matches(response, expected):
            problems.append(f"{role}: got {response.status_code}, expected {expected}")
            continue
        if health_record and response.status_code == 200 and entry.method == "GET":
            audited = AuditEvent.objects.count() > events_before
            if not audited and name not in NOT_YET_AUDITED:
                problems.append(f"{role}: read a health record without an audit event")
            if audited and name in NOT_YET_AUDITED:
                problems.append(f"{role}: audited now: remove {name} from NOT_YET_AUDITED")
        body = body_of(response)
        if role == "b" and response.status_code == 200:
            leaked = [m for m in A_MARKERS if m.encode() in body]
            if leaked:
                problems.append(f"client B received client A's data: {leaked}")
        if response.get("Content-Type", "").startswith("text/html"):
            if INLINE_SCRIPT.search(body) or INLINE_HANDLER.search(body):
                problems.append(f"{role}: inline script or event handler in the page")
        if response.status_code >= 500:
            problems.append(f"{role}: server error")
    assert not problems, f"{name} ({url}):\n" + "\n".join(problems)


def test_it_keeps_the_django_admin_for_admins(http_clients, access_world):
    changelists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    assert changelists
    for url in ["/django-admin/", *changelists]:
        for role in ("anon", "a", "b", "therapist"):
            response = http_clients[role].get(url)
            assert response.status_code == 302, (role, url)
            assert response["Location"].startswith("/django-admin/login/"), (role, url)
        assert http_clients["admin"].get(url).status_code == 200, url
