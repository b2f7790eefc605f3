"""axe-core in real Chromium: the automated accessibility check of the app's pages.

axe-core is vendored (``static/lib/axe-core``, MPL-2.0) and injected from that file into the page by
Playwright: never from a CDN. Every request not addressed to the app's own server is blocked and
recorded, so a check also proves the page fetched nothing from outside. Used by the browser tests
(``tests/e2e/test_accessibility.py``) and by ``python -m geo accessibility-report --url …``.
Playwright is a test dependency: it is imported only when a browser check runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.settings import STATIC_DIR

AXE_JS = STATIC_DIR / "lib" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Impacts that fail a page: axe's own two highest of four (minor, moderate, serious, critical).
BLOCKING_IMPACTS = ("serious", "critical")
# WCAG 2.x A and AA rules (KWCAG 2.2 follows WCAG 2.1 AA) plus axe's best practices (heading order among them).
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
# Streamlit's app element says when a script run is over (what Streamlit's own browser tests wait on).
RUN_OVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}"""
_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({rule: v.id, impact: v.impact || 'minor', help: v.help,
    targets: v.nodes.map(n => n.target.join(' '))}));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule a page breaks, with the elements that break it (CSS selectors)."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING_IMPACTS

    def describe(self) -> str:
        shown = ", ".join(self.targets[:3]) + (f" (+{len(self.targets) - 3})" if len(self.targets) > 3 else "")
        return f"{self.impact} {self.rule}: {self.help} [{shown}]"


@dataclass
class PageAudit:
    """What axe found on one page, and every request that page tried to send outside the app."""

    url: str
    violations: list[Violation] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def blocking(self) -> list[Violation]:
        return [v for v in self.violations if v.blocking]


def run_axe(page: Any, tags: Sequence[str] = AXE_TAGS) -> list[Violation]:
    """Run the vendored axe-core on a Playwright ``page`` as it is now; its violations, highest impact first."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    found = [
        Violation(item["rule"], item["impact"], item["help"], tuple(item["targets"]))
        for item in page.evaluate(_RUN_AXE, list(tags))
    ]
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    return sorted(found, key=lambda v: (order.get(v.impact, 4), v.rule))


def is_local(url: str, app_url: str) -> bool:
    """A request to the app's own server (HTTP or its websocket) or an in-page URL."""
    base = app_url.rstrip("/")
    return url.startswith((base, base.replace("http", "ws", 1))) or url.split(":", 1)[0] in ("data", "blob", "about")


@contextmanager
def chromium(executable: Path = CHROMIUM) -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def audit_page(
    browser: Any, app_url: str, path: str, *, viewport: tuple[int, int] = (1366, 900), settle_ms: int = 1500
) -> PageAudit:
    """Open ``app_url + path`` with outside requests blocked, wait for the app's run to end, run axe."""
    audit = PageAudit(app_url.rstrip("/") + path)
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="ko-KR")

    def route(request: Any) -> None:
        if is_local(request.request.url, app_url):
            request.continue_()
        else:
            audit.external_requests.append(request.request.url)
            request.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(audit.url)
        page.wait_for_selector("[data-testid='stMain'] h1, [data-testid='stMain'] h2")
        page.wait_for_function(RUN_OVER)
        page.wait_for_timeout(settle_ms)  # charts and maps finish drawing after the run ends
        audit.violations = run_axe(page)
    except Exception as error:
        audit.error = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
    finally:
        context.close()
    return audit
