"""The kiosk map's area labels, in real Chromium: clear of the legend and the other map controls, inside the frame.

The legend covered 신길2 in portrait and the "J" of Jangsang in English landscape, and "Uiwang-Gunpo-Ansan" was
cut at the map's right edge. Each label's box is measured against the legend's, every corner control's and the
map frame's, in both orientations and languages, at the default size and at 큰 글씨.
"""

from __future__ import annotations

import pytest

from tests.conftest import poll
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end

pytestmark = pytest.mark.browser

KIOSK_ENV = {"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "600", "DASHBOARD_KIOSK_IDLE_RESET": "600"}

# Inside the map's frame: each area label's box, the boxes it meets (controls) and how far it stands out of the frame.
LABEL_PROBLEMS = """() => {
  const map = document.querySelector('.leaflet-container');
  const labels = [...document.querySelectorAll('.area-label span')];
  if (!map || labels.length === 0 || !document.querySelector('.dash-legend')) return null;  // not drawn yet
  const frame = map.getBoundingClientRect();
  const controls = [...map.querySelectorAll('.leaflet-control-container .leaflet-control')]
    .map(c => [c.className.split(' ').find(n => n !== 'leaflet-control') || 'control', c.getBoundingClientRect()])
    .filter(([, r]) => r.width && r.height);
  const meets = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  const problems = [];
  for (const span of labels) {
    const r = span.getBoundingClientRect();
    const name = span.textContent;
    for (const [what, c] of controls) if (meets(r, c)) problems.push(`${name} under ${what}`);
    if (r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom)
      problems.push(`${name} cut by the frame: ${[r.left, r.top, r.right, r.bottom].map(Math.round)} in ` +
                    `${[frame.left, frame.top, frame.right, frame.bottom].map(Math.round)}`);
  }
  return {labels: labels.map(s => s.textContent), problems};
}"""


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory):
    server = start_server(KIOSK_ENV, tmp_path_factory.mktemp("kiosk-labels"))
    yield server
    stop_server(server)


@pytest.mark.parametrize("text", ["", "text=large"])
@pytest.mark.parametrize("viewport", [(1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_area_labels_stay_clear_of_the_legend_and_inside_the_map(
    kiosk_server, open_app, artifacts_dir, lang, viewport, text
):
    query = "&".join(q for q in ("lang=en" if lang == "en" else "", text) if q)
    session = open_app(kiosk_server, f"/?{query}" if query else "/", viewport=viewport)
    page = session.page
    page.locator(".kiosk-dots").wait_for()
    wait_for_run_end(page)
    frame = page.frame_locator(".st-key-kiosk_map iframe").first
    frame.locator(".area-label span").first.wait_for()
    owner = page.locator(".st-key-kiosk_map iframe").first.element_handle().content_frame()
    assert owner is not None
    seen: dict = {}

    def clear() -> bool:
        seen.update(owner.evaluate(LABEL_PROBLEMS) or {"labels": [], "problems": ["not drawn"]})
        return bool(seen["labels"]) and not seen["problems"]

    # The map fits its frame after the page's layout settles (and again in portrait): the labels follow each fit.
    try:
        poll(clear, 20, "every area label clear of the controls and inside the map")
    finally:
        name = f"map-labels-{lang}-{viewport[0]}x{viewport[1]}{'-large' if text else ''}.png"
        page.screenshot(path=str(artifacts_dir / name))
    assert len(seen["labels"]) >= 5, seen  # the plan's five areas are named on the city map
    assert seen["problems"] == [], seen
    assert session.external_requests == []
