import datetime as dt

import pytest
from django.db import connection
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
        make_intake(alice, flagged=True)  # see a physician: in the "needs attention" queue
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
    # The client's home writes an audit event: on PostgreSQL it takes the chain's lock too
    with django_assert_max_num_queries(12 + (connection.vendor == "postgresql")):
        response = http.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(f'data-testid="{testid}"') == min(count, 5)


def ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def queue(alice, bob):
    """Submitted intakes at each level, one already followed up, and drafts (bob's is urgent)."""
    from tests.factories import make_client, make_follow_up, make_intake

    carol = make_client("carol@example.com", "Carol", "Chen")
    made = {
        "physician old": make_intake(alice, flagged=True, when=ago(10)),
        "urgent new": make_intake(alice, saddle_numbness=True, when=ago(1)),
        "physician new": make_intake(alice, flagged=True, when=ago(2)),
        "urgent old": make_intake(alice, saddle_numbness=True, when=ago(5)),
        "caution": make_intake(alice, takes_blood_thinners=True, when=ago(20)),
        "acted on": make_intake(alice, saddle_numbness=True, when=ago(30)),
        "urgent draft": make_intake(bob, submitted=False, saddle_numbness=True),
        "plain draft": make_intake(carol, submitted=False),
    }
    make_follow_up(made["acted on"])
    return made


def test_the_queue_lists_urgent_first_then_oldest_with_a_count(queue):
    from intake.clients.safety import needs_attention

    attention = needs_attention()
    order = ["urgent old", "urgent new", "physician old", "physician new", "urgent draft"]
    assert [row.intake_id for row in attention.rows] == [queue[name].pk for name in order]
    assert attention.count == 4 and attention.draft_count == 1
    assert [row.is_draft for row in attention.rows] == [False] * 4 + [True]


@pytest.mark.parametrize(
    ("who", "url"), [("therapist_http", "/staff/"), ("admin_http", "/staff/office/")]
)
def test_each_staff_home_shows_the_queue_without_health_details(request, queue, who, url):
    from django.urls import reverse

    body = request.getfixturevalue(who).get(url).content.decode()
    start = body.index('data-testid="needs-attention"')
    part = body[start : body.index("</section>", start)]
    assert 'data-testid="attention-count">4<' in part
    assert part.count('data-testid="attention-row"') == 5
    assert reverse("intake_summary", args=[queue["urgent old"].pk]) in part
    assert reverse("intake_summary", args=[queue["acted on"].pk]) not in part
    assert "Draft, not submitted" in part and "Bob" in part and "Carol" not in part
    assert part.index("Urgent") < part.index("See a physician first")
    for detail in ("between the legs", "cancer", "blood thinners", "Leg pain"):
        assert detail not in part.lower() and detail not in part


def test_a_follow_up_that_reached_the_client_takes_it_off_the_queue(therapist_http, queue):
    from intake.clients.safety import needs_attention
    from tests.factories import make_follow_up

    intake = queue["urgent old"]
    make_follow_up(intake, outcome="not_reached")  # a try that did not reach them: still waiting
    assert intake.pk in [row.intake_id for row in needs_attention().rows]
    make_follow_up(intake, outcome="emergency")
    assert intake.pk not in [row.intake_id for row in needs_attention().rows]
    body = therapist_http.get("/staff/").content.decode()
    assert 'data-testid="attention-count">3<' in body


def test_the_queue_says_when_nothing_waits(therapist_http, alice):
    from tests.factories import make_intake

    make_intake(alice, takes_blood_thinners=True)
    body = therapist_http.get("/staff/").content.decode()
    assert 'data-testid="attention-count">0<' in body
    assert "Nothing waiting" in body
