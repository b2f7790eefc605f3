() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource').map(r => ({
    name: r.name, start: r.startTime, end: r.responseEnd, size: r.transferSize, body: r.decodedBodySize,
    type: r.initiatorType }));
  const frames = [];
  for (const f of document.querySelectorAll('iframe')) {
    try {
      const w = f.contentWindow;
      const offset = w.performance.timeOrigin - performance.timeOrigin;
      for (const r of w.performance.getEntriesByType('resource'))
        res.push({ name: r.name, start: r.startTime + offset, end: r.responseEnd + offset, size: r.transferSize,
                   body: r.decodedBodySize, type: 'frame:' + r.initiatorType });
      const n = w.performance.getEntriesByType('navigation')[0];
      frames.push({ src: (f.src || 'srcdoc').slice(0, 80), origin: offset,
                    loaded: n ? n.loadEventEnd + offset : null });
    } catch (e) { /* cross-origin frame: none here */ }
  }
  return { nav: nav ? { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd,
                        load: nav.loadEventEnd } : null, resources: res, frames };
}
