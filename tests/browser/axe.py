"""The accessibility check every browser test runs on the pages it visits (axe-core)."""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def assert_accessible(page, where: str) -> None:
    """No axe violation on ``page`` once it has loaded; the report names the page."""
    page.wait_for_load_state()
    results = AXE.run(page)
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"
