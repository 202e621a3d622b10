"""The handout PDF (render_handout) read back, and the staff print / client download views."""

import io
import os
import re
from dataclasses import replace
from html import escape

import pytest
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.handouts.library import BACK_LEG, NECK_ARM, STOP_AND_SEEK_CARE, STOP_BOXES
from intake.handouts.models import Exercise, HandoutTemplate
from intake.handouts.pdf import render_handout
from intake.handouts.selectors import handout_document
from intake.handouts.services import add_exercise
from tests.factories import make_handout
from tests.hostile import CVE_2023_33733, CVE_MARKER_FILE, MARKUP_STRINGS

pytestmark = pytest.mark.django_db


def read(data: bytes) -> tuple[PdfReader, str]:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def render(handout) -> bytes:
    return render_handout(handout_document(handout))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", str(text))


def test_it_prints_client_therapist_introduction_exercises_and_doses(handout, settings):
    settings.CLINIC_NAME = "Riverside Massage"
    item = handout.items.get(exercise__slug="pelvic-tilt")
    item.sets, item.reps, item.hold_seconds, item.times_per_day = 3, 12, 7, 4
    item.save()
    reader, text = read(render(handout))
    text = flat(text)
    assert "Riverside Massage" in text
    assert "Alice Anders" in text and "Tess Healer" in text
    assert "Buttock and back-of-leg pain: self-care" in text
    assert "for pain, tingling or numbness in the buttock" in text
    for name in ("Seated figure-four stretch", "Pelvic tilt from the pelvic floor", "Daily walk"):
        assert name in text
    assert "3 sets of 12 repetitions · hold 7 seconds · 4 times a day" in text
    assert "Take care" in text  # precautions
    assert "Stop and seek care if" in text
    assert flat(STOP_AND_SEEK_CARE[0]) in text  # the back-and-leg list
    pages = len(reader.pages)
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text


def test_it_prints_exercises_in_the_handouts_order(handout):
    from intake.handouts.services import move_item

    walking = handout.items.get(exercise__slug="walking")
    move_item(handout=handout, item_id=walking.pk, offset=-1)
    move_item(handout=handout, item_id=walking.pk, offset=-1)
    _, text = read(render(handout))
    assert text.index("1. Daily walk") < text.index("2. Seated figure-four")


def test_it_draws_a_picture_for_each_exercise(handout):
    data = render(handout)
    reader, _ = read(data)
    # Each illustration's head is a circle, drawn as Bezier curves ("c" operators).
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert content.count(b" c\n") >= 4 * handout.items.count()


def test_it_prints_hostile_text_literally(alice, therapist, library):
    hostile = " | ".join(MARKUP_STRINGS)
    handout = make_handout(
        alice,
        therapist,
        slugs=["walking"],
        title="<b>Title</b>",
        notes=hostile + "\n" + CVE_2023_33733,
    )
    item = handout.items.get()
    item.custom_instructions = "<font color=red>red</font> & <i>x</i>"
    item.save()
    _, text = read(render(handout))
    text = flat(text)
    assert "<b>Title</b>" in text
    assert "<font color=red>red</font> & <i>x</i>" in text
    for markup in MARKUP_STRINGS:
        assert markup in text
    assert not os.path.exists(CVE_MARKER_FILE)


def test_it_handles_long_text_and_many_exercises(alice, therapist, library):
    handout = make_handout(alice, therapist, slugs=[e.slug for e in Exercise.objects.all()])
    item = handout.items.first()
    item.custom_instructions = "Go slowly. " * 90
    item.save()
    handout.notes = "Note line.\n" * 200
    handout.save()
    reader, text = read(render(handout))
    assert len(reader.pages) > 3
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text


def test_it_reads_the_handout_in_the_selector_and_nothing_in_the_renderer(
    alice, therapist, library, django_assert_num_queries
):
    slugs = list(Exercise.objects.exclude(illustration="").values_list("slug", flat=True)[:6])
    handout = make_handout(alice, therapist, slugs=slugs)
    handout = type(handout).objects.select_related("client", "therapist").get(pk=handout.pk)
    with django_assert_num_queries(1):  # the items with their exercises
        doc = handout_document(handout)
    assert len(doc.exercises) == 6
    with django_assert_num_queries(0):
        render_handout(doc)


# --------------------------------------------------------------------------- views


def pdf_url(handout, who="staff"):
    return (
        f"/staff/handouts/{handout.pk}/pdf/"
        if who == "staff"
        else f"/me/handouts/{handout.pk}/pdf/"
    )


def test_it_lets_staff_print_and_records_a_print_event(therapist_http, handout):
    response = therapist_http.get(pdf_url(handout))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="handout-{handout.pk}.pdf"'
    event = AuditEvent.objects.get(action="print")
    assert (event.object_id, event.client_id) == (str(handout.pk), handout.client_id)


def test_it_lets_the_client_download_their_assigned_handout(alice_http, assigned_handout):
    response = alice_http.get(pdf_url(assigned_handout, "client"))
    assert response.status_code == 200
    assert b"".join(response).startswith(b"%PDF-")
    event = AuditEvent.objects.get(action="download")
    assert event.client_id == assigned_handout.client_id
    assert "Buttock" not in event.detail


def test_it_hides_other_clients_and_unassigned_handouts(alice_http, other_handout, handout):
    assert alice_http.get(pdf_url(other_handout, "client")).status_code == 404
    assert alice_http.get(pdf_url(handout, "client")).status_code == 404  # still a draft
    assert alice_http.get("/me/handouts/999999/pdf/").status_code == 404
    assert not AuditEvent.objects.filter(action="download").exists()


def test_it_denies_pdfs_to_the_wrong_people(client, alice_http, therapist_http, assigned_handout):
    assert client.get(pdf_url(assigned_handout)).status_code == 302
    assert client.get(pdf_url(assigned_handout, "client")).status_code == 302
    assert alice_http.get(pdf_url(assigned_handout)).status_code == 403
    assert therapist_http.get(pdf_url(assigned_handout, "client")).status_code == 403
    assert therapist_http.get("/staff/handouts/999999/pdf/").status_code == 404


def test_it_refuses_post_to_the_pdf_views(alice_http, therapist_http, assigned_handout):
    assert therapist_http.post(pdf_url(assigned_handout)).status_code == 405
    assert alice_http.post(pdf_url(assigned_handout, "client")).status_code == 405


def test_it_adds_an_exercise_without_a_picture(handout):
    bare = Exercise.objects.create(
        slug="custom", name="Custom move", purpose="P", instructions="Step one", illustration=""
    )
    add_exercise(handout=handout, exercise=bare)
    _, text = read(render(handout))
    assert "6. Custom move" in text


@pytest.mark.parametrize(("size", "width"), [("A4", 595), ("LETTER", 612)])
def test_it_uses_the_clinics_page_size(handout, settings, size, width):
    settings.PDF_PAGE_SIZE = size
    reader, _ = read(render(handout))
    assert round(float(reader.pages[0].mediabox.width)) == width


# --------------------------------------------------------------------------- stop-and-seek-care box


def squash(text: str) -> str:
    return re.sub(r"\s+", "", str(text))  # the box's words are lazy (translated) strings


def pages_with(reader: PdfReader, text: str) -> list[int]:
    wanted = squash(text)
    return [n for n, page in enumerate(reader.pages) if wanted in squash(page.extract_text())]


def test_it_keeps_the_stop_box_whole_on_one_page_wherever_the_handout_ends(handout):
    """Notes of growing length move the box down across a whole page: at each length the box's
    first line (its intro) and last line (its last sign) are on the same page, and at some
    lengths the box moved to a new page rather than split."""
    box = STOP_BOXES[BACK_LEG]
    document = handout_document(handout)
    last_step = document.exercises[-1].precautions[-1]
    moved = 0
    for lines in range(0, 46, 3):
        notes = "\n".join(f"Note line {n}." for n in range(lines))
        reader = PdfReader(io.BytesIO(render_handout(replace(document, notes=notes))))
        first, last = pages_with(reader, box.intro), pages_with(reader, box.signs[-1])
        assert len(first) == 1 and first == last, (lines, first, last)
        moved += first[0] > pages_with(reader, last_step)[-1]
    assert moved  # the handout reached a page end and the box went whole to the next page


@pytest.mark.parametrize(
    ("slug", "area", "absent"),
    [
        ("sciatic-nerve-pain", BACK_LEG, "severe headache"),
        ("low-back-pain", BACK_LEG, "double vision"),
        ("neck-pain", NECK_ARM, "saddle"),
        ("shoulder-tension", NECK_ARM, "bladder"),
    ],
)
def test_it_prints_the_stop_box_of_the_templates_body_area(
    alice, therapist, library, slug, area, absent
):
    template = HandoutTemplate.objects.get(slug=slug)
    handout = make_handout(alice, therapist, template=template)
    document = handout_document(handout)
    assert document.body_area == area
    _, text = read(render_handout(document))
    text = squash(text)
    for lead, signs in STOP_BOXES[area].sections:
        assert squash(lead) in text
        assert all(squash(sign) in text for sign in signs)
    assert squash(absent) not in text


def test_it_takes_the_body_area_from_the_exercises_without_a_template(alice, therapist, library):
    neck = make_handout(alice, therapist, slugs=["chin-tuck", "shoulder-rolls"])
    mixed = make_handout(alice, therapist, slugs=["chin-tuck", "walking"])
    assert handout_document(neck).body_area == NECK_ARM
    assert handout_document(mixed).body_area == BACK_LEG


def test_it_shows_the_same_box_on_the_web_page(alice_http, alice, therapist, library):
    template = HandoutTemplate.objects.get(slug="neck-pain")
    handout = make_handout(alice, therapist, template=template, assigned=True)
    body = alice_http.get(f"/me/handouts/{handout.pk}/").content.decode()
    box = body[body.index('data-testid="stop-box"') :]
    for lead, signs in STOP_BOXES[NECK_ARM].sections:
        assert escape(str(lead), quote=True) in box
        assert all(escape(str(sign), quote=True) in box for sign in signs)
    assert "saddle" not in box
