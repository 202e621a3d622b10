"""Issue 19: the client's own pages. Their visit history on /me/ (dates, therapist, handouts
given), their signed notes when the clinic lets clients read them (CLIENTS_SEE_SIGNED_NOTES, off
by default; never drafts), and their submitted intake's summary as a PDF. Each is theirs alone,
audited, and refuses other methods."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.audit.models import AuditEvent
from intake.handouts.models import Handout
from intake.handouts.seed import load_library
from intake.notes.models import Addendum
from tests.factories import make_handout, make_intake, make_note, make_physician, make_referral

pytestmark = pytest.mark.django_db

HOME = reverse("client_home")
MARKUP = '<b>bold?</b> <img src="/etc/passwd"/>'


def note_url(note) -> str:
    return reverse("my_note", kwargs={"note_id": note.pk})


def pdf_url(intake) -> str:
    return reverse("my_intake_pdf", kwargs={"intake_id": intake.pk})


@pytest.fixture
def notes_on(settings):
    settings.CLIENTS_SEE_SIGNED_NOTES = True


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


# ---------------------------------------------------------------- visit history on /me/


def test_the_home_page_lists_signed_visits_with_therapist_and_handouts_given(
    alice, bob, alice_http, therapist, therapist2
):
    make_note(alice, therapist, signed=True, visit_date=days_ago(14))
    make_note(alice, therapist2, signed=True, visit_date=days_ago(0))
    make_note(alice, therapist, visit_date=days_ago(3))  # a draft: not a visit on record yet
    make_note(bob, therapist, signed=True, visit_date=days_ago(7))
    load_library()
    handout = make_handout(alice, therapist2, slugs=["walking"], assigned=True,
                           title="Walking plan")  # fmt: skip
    html = alice_http.get(HOME).content.decode()
    visits = html[html.index('data-testid="client-visits"') :]
    visits = visits[: visits.index("</section>")]
    assert visits.count('data-testid="client-visit"') == 2
    assert visits.index(days_ago(0).strftime("%-d %b %Y")) < visits.index(
        days_ago(14).strftime("%-d %b %Y")
    )  # newest first
    assert "With Theo Kneader" in visits and "With Tess Healer" in visits
    assert (
        days_ago(3).strftime("%-d %b %Y") not in visits
        and days_ago(7).strftime("%-d %b %Y") not in visits
    )
    given = reverse("client_handout", kwargs={"handout_id": handout.pk})
    assert visits.count(given) == 1 and "Walking plan" in visits


def test_the_home_page_links_the_notes_only_when_the_clinic_allows_it(
    alice, alice_http, therapist, settings
):
    note = make_note(alice, therapist, signed=True)
    assert note_url(note) not in alice_http.get(HOME).content.decode()
    settings.CLIENTS_SEE_SIGNED_NOTES = True
    assert note_url(note) in alice_http.get(HOME).content.decode()


def test_the_home_page_says_when_there_is_no_visit_yet(alice_http):
    html = alice_http.get(HOME).content.decode()
    assert "After your first visit" in html


def test_the_home_page_is_audited_as_a_view_of_the_clients_own_record(alice, alice_http):
    alice_http.get(HOME)
    event = AuditEvent.objects.get(detail="own home page")
    assert (event.action, event.client_id, event.user_id) == ("view", alice.pk, alice.user_id)


@pytest.mark.parametrize("rows", [1, 8])
def test_the_home_page_reads_a_fixed_number_of_queries(
    alice, alice_http, therapist, rows, notes_on, django_assert_max_num_queries
):
    load_library()
    for i in range(rows):
        make_note(alice, therapist, signed=True, visit_date=days_ago(i))
        make_handout(alice, therapist, slugs=["walking"], assigned=True)
        make_intake(alice)
    alice_http.get(HOME)  # the session is read once, first
    with django_assert_max_num_queries(12):
        assert alice_http.get(HOME).status_code == 200


def test_the_home_page_lists_the_latest_visits_and_says_there_are_more(
    alice, alice_http, therapist
):
    from intake.me.selectors import VISITS

    for i in range(VISITS + 1):
        make_note(alice, therapist, signed=True, visit_date=days_ago(i))
    html = alice_http.get(HOME).content.decode()
    assert html.count('data-testid="client-visit"') == VISITS
    assert f"Your {VISITS} latest visits" in html


# ---------------------------------------------------------------- a signed note, read-only


def test_it_hides_the_notes_by_default(alice, alice_http, therapist):
    note = make_note(alice, therapist, signed=True)
    assert alice_http.get(note_url(note)).status_code == 404
    assert not AuditEvent.objects.filter(object_type="sessionnote").exists()


def test_it_shows_the_client_their_signed_note_read_only_and_audits_it(
    alice, alice_http, therapist, notes_on
):
    note = make_note(alice, therapist, signed=True, subjective=MARKUP,
                     assessment="Tight hip rotators.")  # fmt: skip
    Addendum.objects.create(note=note, author=therapist, text="Pain after was 4, not 3.")
    response = alice_http.get(note_url(note))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tight hip rotators." in html and "Pain after was 4, not 3." in html
    assert "With Tess Healer" in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html and "<b>bold?</b>" not in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main and "<textarea" not in main  # nothing to edit, sign or add
    event = AuditEvent.objects.get(object_type="sessionnote")
    assert (event.action, event.object_id, event.client_id) == ("view", str(note.pk), alice.pk)


def test_it_never_shows_a_draft_note(alice, alice_http, therapist, notes_on):
    draft = make_note(alice, therapist)
    assert alice_http.get(note_url(draft)).status_code == 404


def test_it_404s_on_another_clients_note(bob, alice_http, therapist, notes_on):
    assert alice_http.get(note_url(make_note(bob, therapist, signed=True))).status_code == 404


def test_the_note_page_refuses_staff_anonymous_and_other_methods(
    alice, alice_http, therapist_http, admin_http, client, therapist, notes_on
):
    url = note_url(make_note(alice, therapist, signed=True))
    assert therapist_http.get(url).status_code == 403
    assert admin_http.get(url).status_code == 403
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert alice_http.post(url).status_code == 405


# ---------------------------------------------------------------- the intake summary PDF


def read_pdf(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_it_downloads_the_clients_intake_summary_as_a_pdf_and_audits_a_print(alice, alice_http):
    intake = make_intake(alice, flagged=True, main_complaint="Pain down my left leg",
                         medications=MARKUP)  # fmt: skip
    response = alice_http.get(pdf_url(intake))
    reader, text = read_pdf(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="intake-summary-{intake.pk}.pdf"'
    )
    assert "Alice Anders" in text and "DOB 15 Jun 1975" in text
    assert "Pain down my left leg" in text and "Left calf" in text
    assert "See a physician first" in text  # the client's flags, as their page shows them
    assert MARKUP in text  # typed markup prints literally
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Signed by typing the name" in text
    event = AuditEvent.objects.get(object_type="intakesubmission", action="print")
    assert (event.object_id, event.client_id) == (str(intake.pk), alice.pk)


def test_the_pdf_holds_what_the_client_signed_not_the_clinics_letters(
    alice, alice_http, admin_user
):
    intake = make_intake(alice, flagged=True)
    make_referral(alice, intake=intake, physician=make_physician("Dr. Jane Roe"))
    make_referral(alice, outgoing=True, intake=intake, physician=make_physician("Dr. Helen Cho"))
    _, text = read_pdf(alice_http.get(pdf_url(intake)))
    assert "Dr. Jane Roe" in text and "Dr. Helen Cho" not in text


def test_the_pdf_is_the_clients_own_submitted_intake_only(
    alice, bob, alice_http, bob_http, therapist_http, client
):
    intake = make_intake(alice)
    draft = make_intake(alice, submitted=False)
    assert alice_http.get(pdf_url(draft)).status_code == 404
    assert bob_http.get(pdf_url(intake)).status_code == 404
    assert therapist_http.get(pdf_url(intake)).status_code == 403
    response = client.get(pdf_url(intake))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert alice_http.post(pdf_url(intake)).status_code == 405
    assert not AuditEvent.objects.filter(action="print").exists()


def test_the_summary_page_offers_the_pdf_and_is_audited_as_a_view(alice, alice_http):
    intake = make_intake(alice)
    html = alice_http.get(reverse("my_intake_summary", kwargs={"intake_id": intake.pk})).content
    assert pdf_url(intake).encode() in html
    assert AuditEvent.objects.filter(action="view", object_id=str(intake.pk)).exists()
    assert not AuditEvent.objects.filter(action="print").exists()
    assert pdf_url(intake).encode() in alice_http.get(reverse("my_intakes")).content


def test_handouts_never_given_are_not_listed_as_given(alice, alice_http, therapist):
    load_library()
    make_handout(alice, therapist, slugs=["walking"], title="Unsent draft sheet")
    assert Handout.objects.filter(assigned_at__isnull=True).count() == 1
    assert "Unsent draft sheet" not in alice_http.get(HOME).content.decode()
