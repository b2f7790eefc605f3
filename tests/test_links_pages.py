"""Every page's link parameters fuzzed on the pages themselves (issue 25, item 4): /, /map, /districts,
/briefing and the kiosk open any link without an incident, with their defaults, and the staff pages say what
they ignored. ``tests/test_links.py`` fuzzes the parsers alone; here each example is a fresh AppTest session."""

from __future__ import annotations

import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from streamlit.testing.v1 import AppTest

from geo.links import PAGE_PARAMETERS
from tests.conftest import PROJECT_ROOT

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))

# page script (None: the kiosk, the only page in kiosk mode) → its name in geo.links.PAGE_PARAMETERS
PAGES: dict[str | None, str] = {
    "app_pages/home.py": "home",
    "app_pages/map_explorer.py": "map",
    "app_pages/districts.py": "districts",
    "app_pages/briefing.py": "briefing",
    None: "kiosk",
}
# The values of the issue, and their kin: other scripts' digits, a 4,400-digit year, overflow, NaN, bad days.
ISSUE_LINKS: dict[str, dict[str, str]] = {
    "superscripts": {"years": "²-³", "view": "NaN,1e309,99", "as_of": "9999-99-99", "since": "9999-99-99"},
    "4400 digits": {
        "years": "9" * 4400,
        "view": "1e309,1e309,1e309",
        "as_of": "２０２４-０１-０１",
        "area": "9" * 4400,
    },
    "4400-digit range": {"years": "9" * 4400 + "-2027", "sel": "svc:" + "9" * 4400, "present": "NaN", "lang": "³"},
}
ODD = st.sampled_from(
    ["²-³", "9" * 4400, "9" * 4400 + "-2027", "NaN,1e309,99", "9999-99-99", "1e309", "-0", "٣", "\x00", "＝1", ""]
)
VALUE = st.one_of(ODD, st.text(max_size=12), st.lists(st.one_of(ODD, st.text(max_size=4)), max_size=4).map(",".join))


def _session(monkeypatch: pytest.MonkeyPatch, page: str | None, params: dict[str, str]) -> AppTest:
    for name in ("DASHBOARD_DATA_DIR",):
        monkeypatch.delenv(name, raising=False)
    if page is None:
        monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
    else:
        monkeypatch.delenv("DASHBOARD_MODE", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(params)
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _notice(at: AppTest) -> str:
    found = [i.value for i in at.info if str(i.value).startswith(("링크의 일부를 쓰지 않고", "Parts of the link"))]
    return str(found[0]) if found else ""


def _opened_without_incident(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown = " ".join(str(getattr(e, "value", "")) for kind in ("markdown", "html") for e in at.get(kind))
    assert "오류 번호" not in shown and "incident" not in shown.lower()


@pytest.mark.parametrize("link", sorted(ISSUE_LINKS))
@pytest.mark.parametrize("page", list(PAGES), ids=list(PAGES.values()))
def test_the_issues_links_open_every_page_with_defaults(
    monkeypatch: pytest.MonkeyPatch, page: str | None, link: str
) -> None:
    params = ISSUE_LINKS[link]
    at = _session(monkeypatch, page, params)
    _opened_without_incident(at)
    if page is None:
        return  # the kiosk is a public display: it shows its first screen, in Korean, and no notes
    notice = _notice(at)
    listed = {line[2:].split("=")[0].replace("\\_", "_") for line in notice.splitlines() if line.startswith("- ")}
    # Each parameter is named: the page does not read it, or its value was refused.
    assert listed == set(params), notice
    assert "9" * 100 not in notice  # a long value is shown cut


@pytest.mark.slow  # 15 fresh sessions (a minute or two); the issue's links above run in the fast loop
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_link_opens_any_page(data: Any) -> None:
    page = data.draw(st.sampled_from(list(PAGES)), label="page")
    own = sorted(PAGE_PARAMETERS[PAGES[page]] | {"as_of", "years", "view"})
    params = data.draw(st.dictionaries(st.sampled_from(own), VALUE, max_size=5), label="params")
    with pytest.MonkeyPatch.context() as monkeypatch:
        at = _session(monkeypatch, page, params)
        _opened_without_incident(at)
