// Polls in every frame of the page (the map frames are same-origin): records when the page first shows its app,
// its map and its first chart, in ms of the browser's clock (benchmarks/pagetiming.py injects it before any page script).
(() => {
  if (window.top !== window) return;
  const marks = (window.__marks = {});
  const hasMap = (doc) => {
    if (!doc) return false;
    if (doc.querySelector('.leaflet-interactive, .leaflet-marker-icon, .leaflet-overlay-pane canvas')) return true;
    const win = doc.defaultView;
    const m = win && win.svcMap;
    if (m && m.el && m.el.dataset.ready === '1' && (+m.el.dataset.drawnPoints + +m.el.dataset.drawnInClusters) > 0)
      return true;
    for (const f of doc.querySelectorAll('iframe')) {
      let inner = null;
      try { inner = f.contentDocument; } catch (e) { inner = null; }
      if (hasMap(inner)) return true;
    }
    return false;
  };
  const tick = () => {
    const now = performance.now();
    if (!marks.app && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]'))
      marks.app = now;
    if (!marks.map && hasMap(document)) marks.map = now;
    if (!marks.chart && document.querySelector('[data-testid="stPlotlyChart"] .main-svg .cartesianlayer'))
      marks.chart = now;
    if (!marks.chart && document.querySelector('[data-testid="stPlotlyChart"] .main-svg .pielayer path'))
      marks.chart = now;
    if (!(marks.map && marks.chart)) setTimeout(tick, 20);
  };
  setTimeout(tick, 0);
})();
