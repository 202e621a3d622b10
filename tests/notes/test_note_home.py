"""The session notes on the therapist desk (the staff home): my drafts, my recently signed notes."""

import pytest
from django.urls import reverse

from tests.factories import make_note


def test_it_lists_my_drafts_and_signed_notes_only(therapist_http, therapist, therapist2, alice):
    mine = make_note(alice, therapist)
    signed = make_note(alice, therapist, signed=True)
    theirs = make_note(alice, therapist2)
    body = therapist_http.get(reverse("staff_home")).content.decode()
    assert 'data-testid="staff-notes"' in body
    assert reverse("note_detail", args=[mine.pk]) in body
    assert reverse("note_detail", args=[signed.pk]) in body
    assert reverse("note_detail", args=[theirs.pk]) not in body
    assert reverse("client_search") in body


@pytest.mark.parametrize("count", [1, 8])
def test_it_uses_a_constant_number_of_queries(
    therapist_http, therapist, alice, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_note(alice, therapist)
        make_note(alice, therapist, signed=True)
    with django_assert_max_num_queries(20):
        response = therapist_http.get(reverse("staff_home"))
    assert response.status_code == 200
