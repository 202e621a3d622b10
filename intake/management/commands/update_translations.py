"""``manage.py update_translations``: bring the French and Spanish catalogues up to date.

Runs ``makemessages`` over the project (templates and Python, the options below), then compiles
each ``locale/<language>/LC_MESSAGES/django.po`` into the ``django.mo`` Django reads (with polib,
so no GNU gettext is needed for that half; ``makemessages`` itself needs ``xgettext``). The test
``tests/core/test_translations.py`` runs the same ``makemessages`` and fails when a string is
missing, untranslated or fuzzy. docs/translations.md is the translator's guide.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

#: The languages with catalogues (English is the source language).
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

#: ``makemessages`` as this project runs it: file names without line numbers (so moving a line
#: does not change the catalogue), no obsolete entries, nothing from tests, the bench or the
#: collected static files.
MAKEMESSAGES_OPTIONS = {
    "locale": TRANSLATED,
    "domain": "django",
    "add_location": "file",
    "no_obsolete": True,
    "ignore_patterns": ["staticfiles", "var", "bench", "tests", "docs", ".venv"],
    "verbosity": 0,
}


def catalogue(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Write each language's ``django.mo`` from its ``django.po``; returns the files written."""
    written = []
    for language in TRANSLATED:
        po_path = catalogue(locale_dir, language)
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Update the French and Spanish catalogues from the code, then compile them."

    def handle(self, *args: object, **options: object) -> None:
        call_command("makemessages", **MAKEMESSAGES_OPTIONS)
        for path in compile_catalogues(Path(settings.LOCALE_PATHS[0])):
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
        self.stdout.write("Now translate every empty or fuzzy entry (docs/translations.md).")
