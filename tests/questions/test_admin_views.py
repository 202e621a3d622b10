"""The admin's pages for the clinic's own questions: add, edit (a new version), reorder, retire,
restore; every change audited; nobody but an admin gets in."""

import pytest
from django.urls import reverse

from intake.audit.models import AuditEvent
from intake.questions.models import ClinicQuestion, ClinicQuestionVersion
from tests.questions.helpers import make_question

pytestmark = pytest.mark.django_db

LIST = reverse("clinic_questions")
NEW = reverse("question_new")


def url(name, question):
    return reverse(name, args=[question.pk])


def form(**fields):
    return {"step": "history", "text": "Do you wear contact lenses?", "kind": "yes_no",
            "choices": "", "yes_level": "none", **fields}  # fmt: skip


def test_it_adds_a_question_at_the_end_of_its_step_and_audits_it(admin_http, admin_user):
    make_question("history", "First?")
    response = admin_http.post(NEW, form(text="  Do you   wear lenses? ", required="on",
                                         yes_level="caution"))  # fmt: skip
    assert response.status_code == 302 and response["Location"] == LIST
    question = ClinicQuestion.objects.latest("pk")
    version = question.versions.get()
    assert (question.step, question.order) == ("history", 2)
    assert (version.text, version.required, version.yes_level, version.created_by) == (
        "Do you wear lenses?", True, "caution", admin_user)  # fmt: skip
    event = AuditEvent.objects.get(action="create", object_type="clinicquestion")
    assert (event.object_id, event.user, event.client_id) == (str(question.pk), admin_user, None)
    assert "lenses" not in event.detail
    assert "Do you wear lenses?" in admin_http.get(LIST).content.decode()


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"kind": "one", "choices": "Only one"}, "Give 2 to 12 different choices"),
        ({"kind": "several", "choices": "A\nA\n \n"}, "Give 2 to 12 different choices"),
        ({"kind": "one", "choices": "A\n" + "B" * 121}, "Keep each choice to 120"),
        ({"kind": "scale", "yes_level": "urgent"}, "Only a yes-or-no question can raise a flag"),
        ({"text": "   "}, "This field is required"),
        ({"step": "consent"}, "Select a valid choice"),
    ],
)
def test_it_refuses_a_question_that_does_not_hold_together(admin_http, fields, error):
    response = admin_http.post(NEW, form(**fields))
    assert response.status_code == 200 and error in response.content.decode()
    assert not ClinicQuestion.objects.exists()


def test_it_keeps_the_choices_of_a_choice_question_and_drops_them_from_others(admin_http):
    admin_http.post(NEW, form(kind="several", choices="Almond\r\n Jojoba \n\nAlmond"))
    admin_http.post(NEW, form(kind="text", choices="Ignored\nToo"))
    assert list(ClinicQuestionVersion.objects.order_by("pk").values_list("choices", flat=True)) == [
        ["Almond", "Jojoba"], []]  # fmt: skip


def test_an_edit_is_a_new_version_and_the_old_one_is_kept(admin_http, admin_user):
    question = make_question("history", "Lenses?")
    page = admin_http.get(url("question_edit", question)).content.decode()
    assert 'value="Lenses?"' in page and 'name="step"' not in page  # it stays on its step
    response = admin_http.post(url("question_edit", question), form(text="Glasses?"))
    assert response.status_code == 302
    assert list(question.versions.values_list("number", "text")) == [
        (2, "Glasses?"),
        (1, "Lenses?"),
    ]
    assert AuditEvent.objects.filter(action="change", object_id=str(question.pk)).count() == 1
    page = admin_http.get(url("question_edit", question)).content.decode()
    assert 'data-testid="versions"' in page and "Lenses?" in page and "Ada Office" in page


def test_an_edit_that_changes_nothing_makes_no_version(admin_http):
    question = make_question("history", "Lenses?")
    admin_http.post(url("question_edit", question), form(text="Lenses?"))
    assert question.versions.count() == 1
    assert not AuditEvent.objects.filter(object_type="clinicquestion").exists()


def test_it_reorders_the_questions_of_a_step(admin_http):
    a, b, c = (make_question("safety", text) for text in ("A?", "B?", "C?"))
    other = make_question("history", "Other step?")
    assert admin_http.post(url("question_move", c), {"direction": "up"}).status_code == 302
    admin_http.post(url("question_move", a), {"direction": "down"})
    admin_http.post(url("question_move", a), {"direction": "down"})
    admin_http.post(url("question_move", a), {"direction": "down"})  # already last: no change
    order = list(ClinicQuestion.objects.filter(step="safety").order_by("order")
                 .values_list("pk", flat=True))  # fmt: skip
    assert order == [c.pk, b.pk, a.pk]
    assert ClinicQuestion.objects.get(pk=other.pk).order == 1
    assert AuditEvent.objects.filter(object_type="clinicquestion", action="change").count() == 3


def test_it_retires_and_restores_a_question(admin_http):
    question = make_question("history", "Lenses?")
    assert admin_http.post(url("question_retire", question)).status_code == 302
    question.refresh_from_db()
    assert not question.is_active
    page = admin_http.get(LIST).content.decode()
    assert "Lenses?" in page.split('data-testid="retired"')[1]
    assert admin_http.post(url("question_move", question), {"direction": "up"}).status_code == 404
    assert admin_http.post(url("question_restore", question)).status_code == 302
    question.refresh_from_db()
    assert question.is_active
    details = list(AuditEvent.objects.filter(object_type="clinicquestion").values_list(
        "detail", flat=True).order_by("pk"))  # fmt: skip
    assert details == ["clinic question retired", "clinic question restored"]


def test_only_admins_get_in(client, alice_http, therapist_http, admin_http):
    question = make_question()
    pages = [LIST, NEW, url("question_edit", question)]
    posts = [url(name, question) for name in ("question_move", "question_retire",
                                               "question_restore")]  # fmt: skip
    for page in pages:
        assert client.get(page).status_code == 302
        assert alice_http.get(page).status_code == 403
        assert therapist_http.get(page).status_code == 403
    for post in posts:
        assert therapist_http.post(post).status_code == 403
        assert alice_http.post(post).status_code == 403
        assert admin_http.get(post).status_code == 405  # changes are POSTs only
    assert therapist_http.post(NEW, form()).status_code == 403
    assert admin_http.delete(LIST).status_code == 405
    assert admin_http.get(reverse("question_edit", args=[999999])).status_code == 404
    assert ClinicQuestion.objects.get(pk=question.pk).is_active


def test_the_office_home_links_the_questions(admin_http):
    assert LIST in admin_http.get(reverse("admin_home")).content.decode()
