"""The navigation (base.html, _nav_links.html, _nav_account.html): links by role, a menu that opens
without JavaScript, colours with enough contrast. Widths are checked in Chromium
(tests/browser/test_staff_daily_use.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR) / "intake" / "static" / "intake" / "site.css"


def menu(html: str) -> str:
    start = html.index('data-testid="site-menu"')
    return html[start : html.index("</details>", start)]


def test_the_phone_menu_is_a_details_element_holding_log_out(therapist_http):
    html = therapist_http.get("/staff/").content.decode()
    part = menu(html)
    assert "<summary>Menu</summary>" in part
    assert 'action="/accounts/logout/"' in part and "Log out</button>" in part
    assert 'data-bs-toggle="collapse"' not in html  # nothing needs a script to open


@pytest.mark.parametrize(
    ("who", "home", "present", "absent"),
    [
        ("alice_http", "/me/", ["/me/intakes/"], ["/staff/", "/staff/office/"]),
        ("therapist_http", "/staff/", ["/staff/intakes/", "/staff/clients/"], ["/staff/office/"]),
        ("admin_http", "/staff/office/", ["/staff/referrals/", "/staff/audit/"], ["/me/"]),
    ],
)
def test_the_menu_links_what_the_role_may_open(request, who, home, present, absent):
    part = menu(request.getfixturevalue(who).get(home).content.decode())
    for url in present:
        assert f'href="{url}"' in part
    for url in absent:
        assert f'href="{url}"' not in part


def test_it_marks_the_current_page(therapist_http):
    part = menu(therapist_http.get("/staff/clients/").content.decode())
    assert '<a href="/staff/clients/" aria-current="page">Clients</a>' in part
    assert part.count('aria-current="page"') == 1


def test_the_back_office_is_linked_from_the_office_page_not_the_bar(admin_http):
    html = admin_http.get("/staff/office/").content.decode()
    assert "/django-admin/" not in menu(html)
    assert 'href="/django-admin/"' in html


def test_visitors_see_log_in_and_sign_up(client):
    part = menu(client.get("/").content.decode())
    assert 'href="/accounts/login/"' in part and "Log out" not in part


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_white_on_the_bar_has_at_least_4_5_to_1_contrast():
    background = re.search(r"--site-nav-bg:\s*(#[0-9a-fA-F]{6})", CSS.read_text()).group(1)
    ratio = (1.05) / (luminance(background) + 0.05)
    assert ratio >= 4.5, f"white on {background}: {ratio:.2f}:1"
    assert luminance("#0d6efd") > luminance(background)  # the old bar (#92befe links: 2.36:1)
