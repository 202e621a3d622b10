"""Hypothesis drives every form of the project (tests/fixtures/security.py FORMS) with random
field values: never a 500, and nothing invalid is stored (every row still passes full_clean()).

FUZZ_EXAMPLES sets the number of examples per form: 50 in `make test`; in CI 500 on SQLite and
200 on PostgreSQL (the "fuzz" Hypothesis profile, tests/fuzz/conftest.py).
"""

import itertools
import os

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template import loader
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures.security import FORMS, HtmlForm, open_form

# One answer in RENDER_EVERY is rendered with its real template; the others skip the template
# (pages with hostile text are rendered by test_hostile_forms.py). This keeps 500 examples per
# form affordable in CI: the view, its form, its service and the database still run every time.
RENDER_EVERY = int(os.environ.get("FUZZ_RENDER_EVERY", "25"))

pytestmark = pytest.mark.fuzz

text = st.text(max_size=120)
long_text = st.text(max_size=2000)
dates = st.dates().map(lambda d: d.isoformat())
numbers = st.integers(min_value=-(10**12), max_value=10**12).map(str)

BY_KIND = {
    "number": st.one_of(st.integers(-5, 120).map(str), numbers, text),
    "date": st.one_of(dates, text),
    "datetime-local": st.one_of(st.datetimes().map(lambda d: d.isoformat()), text),
    "email": st.one_of(st.emails(), text),
    "textarea": st.one_of(text, long_text),
}


def field_strategy(field, *, choice: bool):
    if choice:
        options = list(field.options) or ["on"]
        if field.multiple:
            return st.lists(st.one_of(st.sampled_from(options), text), max_size=4, unique=True)
        return st.one_of(st.sampled_from(options), text).map(lambda v: [v])
    return BY_KIND.get(field.kind, text).map(lambda v: [v])


def form_data(form: HtmlForm):
    """Random values for every field a person can change; hidden fields keep their value.
    Each field may also be left out, as a browser does for unticked boxes."""
    defaults = form.defaults()
    changing = {f.name: field_strategy(f, choice=False) for f in form.typed_fields()}
    changing.update(
        {name: field_strategy(f, choice=True) for name, f in form.choice_fields().items()}
    )
    optional = {name: st.one_of(strategy, st.none()) for name, strategy in changing.items()}

    def merge(values: dict) -> dict:
        data = {k: v for k, v in defaults.items() if k not in changing}
        data.update({k: v for k, v in values.items() if v is not None})
        return data

    return st.fixed_dictionaries(optional).map(merge)


def invalid_rows() -> set[tuple[str, object, str]]:
    """Every stored row of the app's models that fails its own validation."""
    found = set()
    for model in apps.get_app_config("intake").get_models():
        for obj in model.objects.all():
            try:
                obj.full_clean()
            except ValidationError as error:
                found.add((model._meta.label, obj.pk, ",".join(sorted(error.message_dict))))
    return found


@pytest.fixture
def mostly_unrendered(monkeypatch):
    real = loader.render_to_string
    count = itertools.count()

    def render_sometimes(*args, **kwargs) -> str:
        if next(count) % RENDER_EVERY == 0:
            return real(*args, **kwargs)
        return "<!doctype html><title>not rendered</title>"

    monkeypatch.setattr(loader, "render_to_string", render_sometimes)


@pytest.mark.parametrize("case_id", sorted(FORMS))
def test_it_survives_random_input(case_id, access_world, http_clients, mostly_unrendered):
    case = FORMS[case_id]
    http, page_url, form = open_form(case, access_world, http_clients)
    target = form.action or page_url
    send = http.post if form.method == "post" else http.get
    before = invalid_rows()

    @settings(settings.get_profile("fuzz"))
    @given(form_data(form))
    def post_random(data: dict) -> None:
        http.cookies.pop("messages", None)  # unread messages would pile up across examples
        response = send(target, data, REMOTE_ADDR="192.0.2.30")
        assert response.status_code < 500, (case_id, data)

    post_random()
    assert invalid_rows() - before == set()
