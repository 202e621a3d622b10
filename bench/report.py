"""The benchmark's output: one Markdown table on stdout (pasteable into the README) and the same
rows, with their raw numbers, as JSON."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One measured thing. ``met`` is None when there is no target or nothing was measured."""

    section: str
    name: str
    result: str
    target: str = ""
    met: bool | None = None
    metrics: dict[str, object] = field(default_factory=dict)
    note: str = ""


@dataclass
class Report:
    machine: dict[str, object]
    rows: list[Row] = field(default_factory=list)
    parameters: dict[str, object] = field(default_factory=dict)
    generated_at: str = ""
    duration_s: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "generated_at": self.generated_at,
            "duration_s": self.duration_s,
            "machine": self.machine,
            "parameters": self.parameters,
            "rows": [asdict(row) for row in self.rows],
        }


def _met(value: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[value]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def format_table(report: Report) -> str:
    """The machine header, then one Markdown table: benchmark, result, target, met."""
    lines = [f"Benchmark run {report.generated_at} ({report.duration_s:.0f} s)", ""]
    lines += [f"- {key}: {value}" for key, value in report.machine.items()]
    lines += ["", "| Benchmark | Result | Target | Met |", "| --- | --- | --- | --- |"]
    for row in report.rows:
        name = f"{row.section}: {row.name}" if row.section else row.name
        result = f"{row.result} ({row.note})" if row.note else row.result
        lines.append(f"| {_cell(name)} | {_cell(result)} | {_cell(row.target)} | {_met(row.met)} |")
    return "\n".join(lines) + "\n"


def write_json(report: Report, path: Path) -> None:
    """Write atomically, so a crashed run never leaves half a file behind."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(report.as_dict(), indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
