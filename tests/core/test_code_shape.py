"""The shape issue 12 set for the code: small files, short functions and views, one way to draw
PDFs (no reportlab private attribute). That the app never imports the benchmark is checked in
test_bench.py."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
APP = ROOT / "intake"
#: Data catalogues may run longer: they hold content, not logic.
CATALOGUES = {"handouts/library.py", "handouts/illustrations.py", "body_map/regions.py"}
#: "About 400 lines": a module past 450 is split by capability.
MAX_FILE, MAX_FUNCTION, MAX_VIEW = 450, 60, 40


def modules() -> list[Path]:
    return [p for p in APP.rglob("*.py") if "migrations" not in p.parts]


def functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node, node.end_lineno - node.lineno + 1


def test_no_file_is_much_over_400_lines_but_the_catalogues():
    long = {
        str(p.relative_to(APP)): n
        for p in modules()
        if (n := p.read_text().count("\n")) > MAX_FILE and str(p.relative_to(APP)) not in CATALOGUES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = [
        f"{p.relative_to(APP)}:{node.name} ({n})"
        for p in modules()
        for node, n in functions(p)
        if n > MAX_FUNCTION
    ]
    assert long == []


def test_no_view_is_over_40_lines():
    long = [
        f"{p.relative_to(APP)}:{node.name} ({n})"
        for p in modules()
        if p.name.endswith("views.py")
        for node, n in functions(p)
        if node.col_offset == 0 and node.decorator_list and n > MAX_VIEW
    ]
    assert long == []


def test_pdf_code_touches_no_private_attribute():
    pdf_files = [*(APP / "pdf").glob("*.py"), *APP.glob("*/*pdf.py"),
                 *(APP / "body_map").glob("*.py")]  # fmt: skip
    private = re.compile(r"\._[a-z]")
    hits = [
        f"{p.relative_to(APP)}:{i}"
        for p in pdf_files
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if private.search(line)
    ]
    assert pdf_files and hits == []
