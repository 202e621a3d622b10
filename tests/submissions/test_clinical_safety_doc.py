"""docs/clinical-safety.md lists every question of the screening table, at its level: the doc and
the table cannot drift apart."""

from pathlib import Path

from django.conf import settings

from intake.submissions.models import FlagLevel
from intake.submissions.screening import QUESTIONS, WEAKNESS_BOTH_LEGS_ON_MAP

DOC = Path(settings.BASE_DIR) / "docs" / "clinical-safety.md"


def row(q) -> str:
    return f"| {q.level.label} | `{q.field}` | {q.step} | {q.question} | {q.reason} |"


def question_rows() -> dict[str, str]:
    """The doc's table rows, by the field named in their second cell."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 5 and cells[1].startswith("`"):
            rows[cells[1].strip("`")] = line.strip()
    return rows


def test_it_lists_every_question_with_its_level_wording_and_reason():
    rows = question_rows()
    missing = [row(q) for q in QUESTIONS if rows.get(q.field) != row(q)]
    assert not missing, "docs/clinical-safety.md lacks or misstates:\n" + "\n".join(missing)


def test_it_lists_no_question_the_table_does_not_have():
    assert set(question_rows()) == {q.field for q in QUESTIONS}


def test_it_names_every_level_and_the_body_map_rule():
    text = DOC.read_text(encoding="utf-8")
    for level in FlagLevel:
        assert f"| {level.label} | `{level.value}` |" in text
    assert f"`{WEAKNESS_BOTH_LEGS_ON_MAP}`" in text
