"""The back office: notes are readable, a signed note cannot be changed or deleted there."""

from django.urls import reverse

from tests.factories import make_note


def test_it_locks_signed_notes_in_the_django_admin(admin_http, alice, therapist):
    signed = make_note(alice, therapist, signed=True)
    url = reverse("admin:intake_sessionnote_change", args=[signed.pk])
    page = admin_http.get(url)
    assert page.status_code == 200
    assert b'name="subjective"' not in page.content  # shown read-only
    admin_http.post(url, {"subjective": "rewritten", "visit_date": "2026-01-01"})
    signed.refresh_from_db()
    assert signed.subjective != "rewritten"
    delete = admin_http.get(reverse("admin:intake_sessionnote_delete", args=[signed.pk]))
    assert delete.status_code == 403


def test_it_lists_notes_in_the_django_admin(admin_http, alice, therapist):
    make_note(alice, therapist)
    response = admin_http.get(reverse("admin:intake_sessionnote_changelist"))
    assert response.status_code == 200
    assert b"Alice Anders" in response.content
