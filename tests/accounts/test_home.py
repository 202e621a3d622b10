import datetime as dt

import pytest
from django.utils import timezone


@pytest.mark.django_db
def test_it_shows_a_landing_page_to_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Create an account" in response.content.decode()


@pytest.mark.parametrize("url", ["/me/", "/staff/", "/staff/office/"])
@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("alice_http", "/me/", 200),
        ("alice_http", "/staff/", 403),
        ("alice_http", "/staff/office/", 403),
        ("therapist_http", "/me/", 403),
        ("therapist_http", "/staff/", 200),
        ("therapist_http", "/staff/office/", 403),
        ("admin_http", "/staff/", 200),
        ("admin_http", "/staff/office/", 200),
        ("admin_http", "/me/", 403),
    ],
)
def test_it_guards_each_home_by_role(request, who, url, status):
    assert request.getfixturevalue(who).get(url).status_code == status


def test_it_refuses_posts_to_home_pages(alice_http):
    assert alice_http.post("/me/").status_code == 405


@pytest.mark.django_db
def test_it_answers_unknown_urls_with_our_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_it_shows_our_403_page(alice_http):
    response = alice_http.get("/staff/")
    assert "Not allowed" in response.content.decode()


def fill_the_homes(alice, therapist, physician, therapist2, template, count: int) -> None:
    """``count`` rows of everything a home page lists."""
    from tests.factories import make_handout, make_intake, make_note, make_referral, signed_note_for

    for _ in range(count):
        make_intake(alice)
        make_handout(alice, therapist, template=template, assigned=True)
        make_note(alice, therapist)
        referral = make_referral(alice, physician, status="active", visits_authorized=2,
                                 expires_on=timezone.localdate() + dt.timedelta(days=3))  # fmt: skip
        signed_note_for(referral, therapist2)


@pytest.mark.parametrize("count", [1, 7])
@pytest.mark.parametrize(
    ("who", "url", "testid"),
    [
        ("alice_http", "/me/", "client-referral"),
        ("therapist_http", "/staff/", "panel-expiring"),
        ("admin_http", "/staff/office/", "panel-exhausted"),
    ],
)
def test_each_home_reads_in_a_bounded_number_of_queries(
    request, alice, therapist, therapist2, physician, sciatica_template,
    django_assert_max_num_queries, count, who, url, testid,
):  # fmt: skip
    fill_the_homes(alice, therapist, physician, therapist2, sciatica_template, count)
    http = request.getfixturevalue(who)
    with django_assert_max_num_queries(12):
        response = http.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(f'data-testid="{testid}"') == min(count, 5)
