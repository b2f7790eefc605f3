/* The staff map's pure parts: projection, the filter mask, which rows are drawn (one per point, stacks counted),
 * clustering, the played map's grid and hit testing. No DOM, no Leaflet, no canvas: servicemap.js and playback.js use them as
 * window.SvcCore; in Node (tests/js) the file exports them.
 *
 * ``d`` is the map's payload, typed (servicemap.js ServiceMap.load): ``count`` rows with ``lat``, ``lon``, ``x``,
 * ``y`` (Web Mercator in [0, 1]), ``point`` (1: drawn as a point), ``place`` (0 exact, 1 a 동 centre,
 * 2 citywide: not drawn), ``loc`` (the id of the row's point: rows at one point share it) and ``locCount``.
 */
(function () {
  'use strict';

  // ---- Web Mercator in [0, 1] like Leaflet's EPSG:3857 ----
  function mercX(lon) { return 0.5 + lon / 360; }
  function mercY(lat) {
    var s = Math.sin(Math.max(Math.min(lat, 85.0511), -85.0511) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // The server's filter (geo.mapping.canvas): a bitset in base64, bit i of byte i >> 3 (lowest first) for row i.
  // Returns a Uint8Array of 0/1 per row, or null (no mask: every row visible).
  function decodeMask(maskB64, n) {
    if (!maskB64) return null;
    var bytes = atob(maskB64), mask = new Uint8Array(n);
    for (var i = 0; i < n; i++) mask[i] = (bytes.charCodeAt(i >> 3) >> (i & 7)) & 1;
    return mask;
  }

  // Which rows are drawn under ``mask`` (the filter) and ``hide`` (the playback's hidden rows): one per point,
  // the first visible service there standing for all visible ones (a stack). ``stackSize[loc]`` counts the
  // visible services at each point, ``stackApprox[loc]`` is 1 when all of them are at a 동 centre; ``members``
  // counts the services drawn at points, ``citywide`` the visible ones not drawn.
  function visibleRows(d, mask, hide) {
    var idx = [], size = new Int32Array(d.locCount), allApprox = new Uint8Array(d.locCount), citywide = 0, members = 0;
    for (var j = 0; j < d.count; j++) {
      if (!d.point[j] || (mask && !mask[j]) || (hide && hide[j])) continue;
      if (d.place[j] === 2) { citywide++; continue; }
      var l = d.loc[j];
      if (size[l] === 0) { idx.push(j); allApprox[l] = 1; }
      size[l]++; members++;
      if (d.place[j] !== 1) allApprox[l] = 0;
    }
    return {visibleIdx: Int32Array.from(idx), stackSize: size, stackApprox: allApprox, citywide: citywide, members: members};
  }

  // The visible services at the points of ``locs`` (an object of loc ids), in row order.
  function membersAt(d, mask, hide, locs) {
    var rows = [];
    for (var j = 0; j < d.count; j++) {
      if (d.point[j] && d.place[j] !== 2 && (!mask || mask[j]) && !(hide && hide[j]) && locs[d.loc[j]]) rows.push(j);
    }
    return rows;
  }

  // ---- clustering (supercluster) ----
  // One GeoJSON point per drawn row, carrying its row ``i`` and how many services it stands for ``n``.
  function clusterFeatures(d, visibleIdx, stackSize) {
    var feats = new Array(visibleIdx.length);
    for (var k = 0; k < feats.length; k++) {
      var i = visibleIdx[k];
      feats[k] = {type: 'Feature', properties: {i: i, n: stackSize[d.loc[i]]},
        geometry: {type: 'Point', coordinates: [d.lon[i], d.lat[i]]}};
    }
    return feats;
  }
  // A cluster counts services, not points: a stack of 3 inside counts 3 (its ``n``; supercluster's own
  // ``point_count`` counts points).
  function clusterIndex(Supercluster, feats) {
    return new Supercluster({radius: 60, minZoom: 10, maxZoom: 17,
      map: function (props) { return {n: props.n}; }, reduce: function (acc, props) { acc.n += props.n; }}).load(feats);
  }
  // A cluster's disc grows with the log of its count, from 13 px to 30 px.
  function clusterRadius(total) { return 13 + Math.min(17, 3 * Math.log10(total) * 2); }
  // A count as it fits in a disc: 12345 -> "12k".
  function countText(n) { return n >= 10000 ? Math.round(n / 1000) + 'k' : String(n); }

  // ---- the played map's screen grid (playback.js draws it) ----
  // Cells of ``cell`` px with a margin of one cell on each side (points just off screen still count), numbered
  // column-major. ``px``/``py`` in container pixels; -1 outside the grid.
  function gridShape(size, cell) { return {cols: Math.ceil(size.x / cell) + 3, rows: Math.ceil(size.y / cell) + 3, cell: cell}; }
  function cellOf(px, py, g) {
    var gx = Math.floor((px + g.cell) / g.cell), gy = Math.floor((py + g.cell) / g.cell);
    return gx < 0 || gy < 0 || gx >= g.cols || gy >= g.rows ? -1 : gx * g.rows + gy;
  }
  // The visible rows ``vis`` binned in one pass: per occupied cell (in cell order) its first row, how many drawn
  // points fall in it, how many services they stand for (``stackSize`` of each point) and their mean position.
  function gridBins(d, vis, stackSize, g, scale, ox, oy) {
    var cells = g.cols * g.rows, total = new Int32Array(cells), pts = new Int32Array(cells), first = new Int32Array(cells);
    var sx = new Float64Array(cells), sy = new Float64Array(cells), out = [];
    for (var k = 0; k < vis.length; k++) {
      var i = vis[k], px = d.x[i] * scale - ox, py = d.y[i] * scale - oy, c = cellOf(px, py, g);
      if (c < 0) continue;
      if (!pts[c]) first[c] = i;
      pts[c]++; total[c] += stackSize[d.loc[i]]; sx[c] += px; sy[c] += py;
    }
    for (var c2 = 0; c2 < cells; c2++) {
      if (pts[c2]) out.push({cell: c2, first: first[c2], points: pts[c2], total: total[c2], x: sx[c2] / pts[c2], y: sy[c2] / pts[c2]});
    }
    return out;
  }

  // ---- hit testing over what the last draw put on screen ----
  // ``items``: {kind, x, y, r, ...} in container pixels. Services and clusters win over reference points
  // (kind 'ref'); among equals the nearest wins. Returns the item or null.
  function hit(items, cp) {
    var best = null, bestD = Infinity, bestRank = -1;
    for (var k = 0; k < items.length; k++) {
      var it = items[k], dx = it.x - cp.x, dy = it.y - cp.y, dd = dx * dx + dy * dy;
      if (dd > it.r * it.r) continue;
      var rank = it.kind === 'ref' ? 0 : 1;
      if (rank > bestRank || (rank === bestRank && dd < bestD)) { best = it; bestD = dd; bestRank = rank; }
    }
    return best;
  }
  // The services drawn within 3 px of ``it`` (one address, several devices): a click cannot tell them apart.
  function sameSpot(items, it) {
    return items.filter(function (o) { return o.kind === 'svc' && Math.abs(o.x - it.x) < 3 && Math.abs(o.y - it.y) < 3; });
  }

  var core = {mercX: mercX, mercY: mercY, decodeMask: decodeMask, visibleRows: visibleRows, membersAt: membersAt,
    clusterFeatures: clusterFeatures, clusterIndex: clusterIndex, clusterRadius: clusterRadius, countText: countText,
    gridShape: gridShape, cellOf: cellOf, gridBins: gridBins, hit: hit, sameSpot: sameSpot};
  if (typeof module === 'object' && module.exports) module.exports = core;
  if (typeof window === 'object') window.SvcCore = core;
})();
