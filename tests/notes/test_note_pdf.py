"""The session-note PDF (one note, and a date range), read back with pypdf; its download views."""

import datetime as dt
import io
import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.notes.models import Addendum
from intake.notes.pdf import render_session_note, render_session_notes
from intake.notes.selectors import (
    ClientSafety,
    client_safety,
    note_document,
    notes_for_print,
    range_documents,
)
from tests.factories import make_intake, make_note, make_referral
from tests.hostile import (
    CVE_2023_33733,
    CVE_MARKER_FILE,
    LONG_STRING,
    MARKUP_STRINGS,
    RTL_EMOJI_STRING,
)


def read(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load(note, **kw):
    """The note's snapshot, as the note view builds it."""
    return note_document(notes_for_print().get(pk=note.pk), **kw)


def test_it_prints_every_part_of_a_signed_note(alice, therapist, admin_user, flagged_intake):
    referral = make_referral(alice)
    note = make_note(alice, therapist, signed=True, referral=referral)
    Addendum.objects.create(note=note, author=admin_user, text="Client called: felt better.")
    pages = read(render_session_note(load(note)))
    text = "\n".join(pages)
    assert len(pages) == 2  # the addendum runs onto a second page
    for expected in [
        "Riverside Massage",  # letterhead from settings
        "Alice Anders · DOB 15 Jun 1975",
        f"Session note — visit of {note.visit_date.day} {note.visit_date:%b %Y}",
        "Tess Healer",
        "Dr. Paula Grant",
        "S — Subjective",
        "O — Objective",
        "A — Assessment",
        "P — Plan",
        "Pain down the back of the left leg",
        "6/10",
        "3/10",
        "Back of left thigh",
        "not a medical diagnosis",
        "Safety flags on the visit date",
        "See a physician first",
        "History of cancer.",
        "Takes blood thinners",
        "Symptoms and treated",  # body map legend: buttock is both marked and treated
        "Signed electronically by Tess Healer on",
        "Addenda",
        "Client called: felt better.",
        "Ada Office",
        "Page 1 of 2",
        "Page 2 of 2",
        "Confidential health information",
        "mean 5.0/10",
    ]:
        assert expected in text, expected
    assert "DRAFT" not in text


def test_it_marks_a_draft_and_says_when_no_intake_is_on_file(alice, therapist):
    text = "\n".join(read(render_session_note(load(make_note(alice, therapist)))))
    assert "DRAFT — not signed" in text
    assert "Not signed. Author: Tess Healer" in text
    assert "No intake submitted on or before the visit date" in text


def test_it_prints_hostile_text_literally_and_runs_nothing(alice, therapist):
    if os.path.exists(CVE_MARKER_FILE):
        os.remove(CVE_MARKER_FILE)
    note = make_note(
        alice,
        therapist,
        subjective="\n".join(MARKUP_STRINGS),
        assessment=CVE_2023_33733,
        posture="<para>posture</para>",  # (NUL is refused by forms and by PostgreSQL)
        palpation=RTL_EMOJI_STRING,
        techniques=LONG_STRING,
        plan_home_care="=1+1 and +cmd",
    )
    Addendum.objects.create(note=note, author=therapist, text='<img src="/etc/passwd"/> late')
    data = render_session_note(load(note))
    pages = read(data)
    text = "\n".join(pages)
    for s in MARKUP_STRINGS:
        assert s in text, s
    assert squash(CVE_2023_33733) in squash(text)
    assert "<para>posture</para>" in text
    assert "evil text" in text
    assert '<img src="/etc/passwd"/> late' in text
    assert "=1+1 and +cmd" in text
    assert text.count("A") >= 20_000  # the 20,000-character word, wrapped over pages
    assert len(pages) >= 2
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert not os.path.exists(CVE_MARKER_FILE)
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject")
        for ref in xobjects.get_object().values() if xobjects else []:
            assert ref.get_object().get("/Subtype") != "/Image"


def test_it_prints_a_range_each_note_on_its_own_page(alice, therapist):
    notes = [
        make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 1, d))
        for d in (5, 12, 19)
    ]
    pages = read(render_session_notes([load(n, safety=ClientSafety()) for n in notes]))
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
        assert "Alice Anders · DOB 15 Jun 1975" in page
    # Each note starts a page of its own (a long note may run onto a second).
    starts = [page.split("Session note — ")[1].split("\n")[0] for page in pages
              if "Session note — " in page]  # fmt: skip
    assert starts == ["visit of 5 Jan 2026", "visit of 12 Jan 2026", "visit of 19 Jan 2026"]


def test_it_refuses_a_range_mixing_clients(alice, bob, therapist):
    notes = [make_note(alice, therapist), make_note(bob, therapist)]
    with pytest.raises(ValueError, match="same client"):
        range_documents(notes)
    with pytest.raises(ValueError, match="same client"):
        render_session_notes([load(note) for note in notes])
    with pytest.raises(ValueError, match="No notes"):
        render_session_notes([])


@pytest.mark.parametrize(("setting", "size"), [("A4", (595, 842)), ("LETTER", (612, 792))])
def test_it_uses_the_page_size_setting(settings, alice, therapist, setting, size):
    settings.PDF_PAGE_SIZE = setting
    data = render_session_note(load(make_note(alice, therapist)))
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


# ---------------------------------------------------------------- download views


def test_it_downloads_a_note_and_audits_the_print(therapist_http, signed_note):
    response = therapist_http.get(reverse("note_pdf", args=[signed_note.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="session-note-{signed_note.pk}.pdf"'
    )
    assert "Alice" not in response["Content-Disposition"]
    assert "Session note" in read(response.content)[0]
    event = AuditEvent.objects.get(action="print")
    assert event.object_id == str(signed_note.pk)
    assert event.client_id == signed_note.client_id


def test_it_downloads_the_signed_notes_of_a_date_range(therapist_http, alice, therapist):
    inside = [
        make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 2, d)) for d in (2, 9)
    ]
    make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 3, 2))  # outside
    make_note(alice, therapist, visit_date=dt.date(2026, 2, 5))  # draft: left out
    response = therapist_http.get(
        reverse("notes_range_pdf", args=[alice.pk]),
        {"date_from": "2026-02-01", "date_to": "2026-02-28"},
    )
    assert response.status_code == 200
    pages = read(response.content)
    starts = [page for page in pages if "Session note — visit of" in page]
    assert len(starts) == 2
    assert "visit of 2 Feb 2026" in starts[0] and "visit of 9 Feb 2026" in starts[1]
    printed = set(AuditEvent.objects.filter(action="print").values_list("object_id", flat=True))
    assert printed == {str(n.pk) for n in inside}


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-02-28", "date_to": "2026-02-01"},
        {"date_from": "nonsense", "date_to": "2026-02-01"},
        {},
        {"date_from": "2020-01-01", "date_to": "2020-12-31"},  # no notes there
    ],
)
def test_it_refuses_a_bad_or_empty_range(therapist_http, signed_note, params):
    url = reverse("notes_range_pdf", args=[signed_note.client_id])
    response = therapist_http.get(url, params)
    assert response.status_code == 302
    assert response["Location"] == reverse("client_chart", args=[signed_note.client_id])
    assert not AuditEvent.objects.filter(action="print").exists()


def test_it_guards_the_range_download(client, alice_http, therapist_http, signed_note):
    url = reverse("notes_range_pdf", args=[signed_note.client_id])
    params = {"date_from": "2000-01-01", "date_to": timezone.localdate().isoformat()}
    assert client.get(url, params).status_code == 302
    assert alice_http.get(url, params).status_code == 403
    assert therapist_http.post(url, params).status_code == 405
    assert therapist_http.get(reverse("notes_range_pdf", args=[99999]), params).status_code == 404


def test_it_renders_the_flags_and_symptoms_of_the_latest_intake(alice, therapist):
    make_intake(alice, saddle_numbness=True, flagged=True)
    ctx = client_safety(alice)
    assert ctx.symptom_regions == {"calf_l", "buttock_l"}
    assert ctx.flags[0].level == "urgent"
    text = read(render_session_note(load(make_note(alice, therapist), safety=ctx)))[0]
    assert "Urgent" in text
    assert "Numbness or tingling between the legs" in text


def at(day: dt.date) -> dt.datetime:
    """Noon on ``day`` in the current timezone (an intake's submission time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_it_reads_a_range_in_a_fixed_number_of_queries(
    alice, therapist, admin_user, django_assert_num_queries
):
    make_intake(alice, flagged=True, when=at(dt.date(2026, 1, 1)))
    make_intake(alice, saddle_numbness=True, when=at(dt.date(2026, 1, 15)))
    for day in (5, 12, 19, 26):
        note = make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 1, day))
        Addendum.objects.create(note=note, author=admin_user, text="Later.")
    notes = list(notes_for_print().filter(client=alice).order_by("visit_date"))
    # notes + addenda with their authors were read above; the flags of every visit date:
    # the intakes submitted up to the last one, their marks and their safety follow-ups; the
    # clinic answers (for the flags, then for the answers printed); the outcome series (the
    # client's intakes and notes)
    with django_assert_num_queries(7):
        docs = range_documents(notes)
    assert [len(doc.addenda) for doc in docs] == [1, 1, 1, 1]
    assert [doc.safety.intake_date.day for doc in docs] == [1, 1, 15, 15]
    assert [doc.safety.level for doc in docs] == ["physician", "physician", "urgent", "urgent"]


def test_it_prints_the_flags_of_the_visit_date_not_a_later_intake(alice, therapist):
    make_intake(alice, flagged=True, when=at(dt.date(2026, 11, 12)))
    make_intake(alice, saddle_numbness=True, when=at(dt.date(2026, 11, 20)))
    note = make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 11, 14))
    text = "\n".join(read(render_session_note(load(note))))
    assert "Flags from the intake of 12 Nov 2026" in text
    assert "History of cancer." in text
    assert "between the legs" not in text  # the intake of 20 Nov came after the visit


def test_it_uses_an_intake_submitted_on_the_visit_date(alice, therapist):
    make_intake(alice, saddle_numbness=True, when=at(dt.date(2026, 11, 12)))
    note = make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 11, 12))
    text = "\n".join(read(render_session_note(load(note))))
    assert "Flags from the intake of 12 Nov 2026" in text
    assert "Numbness or tingling between the legs" in text


def test_it_says_when_no_intake_came_before_the_visit(alice, therapist):
    make_intake(alice, flagged=True, when=at(dt.date(2026, 11, 20)))
    note = make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 11, 14))
    doc = load(note)
    assert not doc.safety.has_intake
    text = "\n".join(read(render_session_note(doc)))
    assert "No intake submitted on or before the visit date" in text
    assert "History of cancer." not in text


def test_it_prints_the_consent_of_that_intake(alice, therapist):
    make_intake(
        alice,
        when=at(dt.date(2026, 11, 12)),
        consents_to_glute_work=False,
        avoid_areas="Left <b>knee</b>",
    )
    note = make_note(alice, therapist, signed=True, visit_date=dt.date(2026, 11, 13))
    text = "\n".join(read(render_session_note(load(note))))
    assert "Sensitive-area consent" in text and "No" in text
    assert "Left <b>knee</b>" in text


def test_the_renderer_reads_nothing_from_the_database(alice, therapist, django_assert_num_queries):
    doc = load(make_note(alice, therapist, signed=True))
    with django_assert_num_queries(0):
        render_session_note(doc)
