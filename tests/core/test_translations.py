"""The French and Spanish catalogues are complete and current: CI fails when a string is marked
for translation without its translations (``manage.py update_translations``, docs/translations.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from intake.management.commands.update_translations import (
    MAKEMESSAGES_OPTIONS,
    TRANSLATED,
    catalogue,
)

LOCALE = Path(settings.BASE_DIR) / "locale"


def ids(po: polib.POFile) -> set[tuple[str, str, str]]:
    return {(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "") for entry in po}


@pytest.fixture
def fresh(tmp_path, monkeypatch, settings) -> Path:
    """The catalogues as ``makemessages`` writes them from today's code, in a copy of the
    project (makemessages writes next to the sources it reads, so it runs on the copy)."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is missing: apt-get install gettext (.ci/run does)")
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ttf")
    for folder in ("clinic", "intake", "templates", "locale"):
        shutil.copytree(Path(settings.BASE_DIR) / folder, tmp_path / folder, ignore=skip)
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", **MAKEMESSAGES_OPTIONS)
    return tmp_path / "locale"


def test_it_translates_french_and_spanish():
    assert TRANSLATED == ["fr", "es"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_it_finds_no_string_missing_from_the_catalogue(fresh, language):
    current = ids(polib.pofile(str(catalogue(LOCALE, language))))
    from_code = ids(polib.pofile(str(catalogue(fresh, language))))
    assert from_code - current == set(), "run manage.py update_translations and translate them"
    assert current - from_code == set(), "strings no longer in the code: update_translations"


@pytest.mark.parametrize("language", TRANSLATED)
def test_it_leaves_no_message_untranslated_or_fuzzy(language):
    po = polib.pofile(str(catalogue(LOCALE, language)))
    assert len(po) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("language", TRANSLATED)
def test_it_compiled_the_catalogue_django_reads(language):
    po_path = catalogue(LOCALE, language)
    compiled = {
        (entry.msgctxt or "", entry.msgid): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    source = {
        (entry.msgctxt or "", entry.msgid): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in polib.pofile(str(po_path))
        if entry.translated()
    }
    assert compiled.items() >= source.items(), "run manage.py update_translations"


def test_it_keeps_placeholders_in_every_translation():
    """A translation that drops or renames %(name)s or {{ name }} breaks the page it is on."""
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*[\w.]+\s*\}\}|\{\w*\}")
    for language in TRANSLATED:
        for entry in polib.pofile(str(catalogue(LOCALE, language))):
            wanted = sorted(placeholder.findall(entry.msgid))
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    assert sorted(placeholder.findall(text)) == wanted or entry.msgid_plural, (
                        language,
                        entry.msgid,
                    )
