"""docs/clinical-safety.md lists every question of the screening table and every derived rule, at
its level, with its words and source: the doc and the tables cannot drift apart."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from intake.submissions import screening
from intake.submissions.models import FlagLevel
from intake.submissions.screening import DERIVED, QUESTIONS

DOC = Path(settings.BASE_DIR) / "docs" / "clinical-safety.md"


def question_row(q) -> str:
    asked = q.step + (f" (if {q.only_if})" if q.only_if else "")
    return f"| {q.level.label} | `{q.field}` | {asked} | {q.question} | {q.reason} | {q.source} |"


def derived_row(rule) -> str:
    return f"| {rule.level.label} | `{rule.code}` | {rule.reads} | {rule.reason} | {rule.source} |"


def doc_rows(cells: int) -> dict[str, str]:
    """The doc's table rows of ``cells`` cells, by the code named in their second cell."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(found) == cells and found[1].startswith("`"):
            rows[found[1].strip("`")] = line.strip()
    return rows


def test_it_lists_every_question_with_its_level_wording_reason_and_source():
    rows = doc_rows(6)
    missing = [question_row(q) for q in QUESTIONS if rows.get(q.field) != question_row(q)]
    assert not missing, "docs/clinical-safety.md lacks or misstates:\n" + "\n".join(missing)


def test_it_lists_every_derived_rule_with_what_it_reads_its_level_and_source():
    rows = doc_rows(5)
    missing = [derived_row(rule) for rule in DERIVED if rows.get(rule.code) != derived_row(rule)]
    assert not missing, "docs/clinical-safety.md lacks or misstates:\n" + "\n".join(missing)


def test_it_lists_no_rule_the_tables_do_not_have():
    assert set(doc_rows(6)) == {q.field for q in QUESTIONS}
    assert set(doc_rows(5)) == {rule.code for rule in DERIVED}


def test_it_names_every_level_and_quotes_the_advice():
    text = DOC.read_text(encoding="utf-8")
    for level in FlagLevel:
        assert f"| {level.label} | `{level.value}` |" in text
    for advice in (screening.URGENT_ADVICE, screening.PHYSICIAN_ADVICE, screening.CALF_ADVICE):
        assert f"> {advice}" in text


# ---------------------------------------------------------------- the questions in three languages


def translated_row(first_cell: str, text) -> str:  # noqa: ANN001 (a lazy translation)
    """The doc's row for a text: its first cell, then the text in English, French and Spanish."""
    cells = [first_cell]
    for language in ("en", "fr", "es"):
        with translation.override(language):
            cells.append(str(text))
    return "| " + " | ".join(cells) + " |"


def test_it_lists_every_question_in_english_french_and_spanish_as_the_client_reads_them():
    text = DOC.read_text(encoding="utf-8")
    missing = []
    for q in QUESTIONS:
        first = q.field if q.step != screening.RETIRED else f"{q.field} ({q.level.label.lower()})"
        row = translated_row(first, q.question)
        if row not in text:
            missing.append(row)
    assert not missing, "docs/clinical-safety.md lacks or misstates:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("told", "advice"),
    [
        ("After an urgent answer", screening.URGENT_ADVICE),
        ("After an answer calling for a physician", screening.PHYSICIAN_ADVICE),
        ("After yes about the calf", screening.CALF_ADVICE),
    ],
)
def test_it_quotes_the_advice_in_english_french_and_spanish(told, advice):
    assert translated_row(told, advice) in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_each_question_and_advice_is_translated_not_left_in_english(language):
    """A question without its translation would show the English in the doc's French column and
    pass the test above; the client would read English. Each text differs in each language."""
    for text in (*(q.question for q in QUESTIONS), screening.URGENT_ADVICE,
                 screening.PHYSICIAN_ADVICE, screening.CALF_ADVICE):  # fmt: skip
        with translation.override(language):
            translated = str(text)
        with translation.override("en"):
            assert translated != str(text), f"not translated into {language}: {text}"
