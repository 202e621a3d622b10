"""Every form of the project takes every hostile string (tests/hostile.py) and answers with a page:
never a 500, and markup typed in never comes back unescaped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.audit.test_access_matrix import MATRIX, url_for
from tests.fixtures.security import FORMS, all_forms, open_form, project_urls
from tests.hostile import CVE_2023_33733, HOSTILE_STRINGS, LONG_STRING, NUL_STRING

# Also sent in place of every choice (select, radio, checkbox) value.
IN_CHOICES = ["<script>alert(1)</script>", CVE_2023_33733, LONG_STRING, NUL_STRING, "=1+1", "-1"]
# Markup that must never come back as live markup in a page.
LIVE = ("<script>alert(1)</script>", '<img src="/etc/passwd">', "<b>x</b>", CVE_2023_33733)

pytestmark = pytest.mark.fuzz


def test_it_knows_every_form(access_world, http_clients):
    """Each page that anyone may open is read; every form on it must be in FORMS."""
    known = {case.target for case in FORMS.values()}
    found: dict[str, str] = {}
    patterns = project_urls()
    for name, entry in MATRIX.items():
        if entry.method != "GET" or name not in patterns:
            continue
        url = url_for(name, patterns[name], access_world, entry)
        for role, expected in entry.expect.items():
            if expected != 200:
                continue
            response = http_clients[role].get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            for form in all_forms(response.content.decode()):
                target = form.url_name(url)
                if target and (form.method == "post" or form.typed_fields()):
                    found.setdefault(target, url)
    missing = {target: url for target, url in found.items() if target not in known}
    assert not missing, f"forms not in tests/fixtures/security.py FORMS: {missing}"


def hostile_data(form, value: str, *, choices_too: bool) -> dict:
    data = form.defaults()
    for field in form.typed_fields():
        data[field.name] = [value]
    if choices_too:
        for name in form.choice_fields():
            data[name] = [value]
    for field in form.fields:
        if field.kind == "file":
            data[field.name] = SimpleUploadedFile("letter.pdf", value.encode("utf-8", "replace"))
    return data


def send(http, form, page_url: str, data: dict):
    target = form.action or page_url
    if form.method == "post":
        return http.post(target, data, REMOTE_ADDR="192.0.2.20")
    return http.get(target, data, REMOTE_ADDR="192.0.2.20")


@pytest.mark.parametrize("case_id", sorted(FORMS))
def test_it_answers_every_hostile_string_with_a_page(case_id, access_world, http_clients):
    case = FORMS[case_id]
    problems = []
    http, page_url, form = open_form(case, access_world, http_clients)
    for choices_too, values in ((False, HOSTILE_STRINGS), (True, IN_CHOICES)):
        for value in values:
            response = send(
                http, form, page_url, hostile_data(form, value, choices_too=choices_too)
            )
            if response.status_code >= 500:
                problems.append(f"{response.status_code} for {value[:40]!r}")
                continue
            if response.get("Content-Type", "").startswith("text/html"):
                body = response.content.decode()
                live = [markup for markup in LIVE if markup in body]
                if live:
                    problems.append(f"live markup {live} echoed for {value[:40]!r}")
    assert not problems, f"{case_id}: " + "; ".join(problems[:10])
