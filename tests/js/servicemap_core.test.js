// Unit tests for the staff map's pure parts (static/servicemap/core.js): the filter mask, which rows are drawn,
// clustering (with the vendored supercluster the map uses) and hit testing. Run: node --test tests/js
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const core = require(path.join(root, 'static', 'servicemap', 'core.js'));
const Supercluster = require(path.join(root, 'static', 'lib', 'supercluster', 'supercluster.min.js'));

// A payload as ServiceMap.load types it: rows 0-2 at one point (a stack), row 3 at a 동 centre, row 4 citywide,
// row 5 a line (not a point), row 6 an exact point of its own.
function payload() {
  const lat = [37.31, 37.31, 37.31, 37.32, 37.3226, 37.3, 37.29];
  const lon = [126.77, 126.77, 126.77, 126.83, 126.8327, 126.8, 126.9];
  return {
    count: 7, lat: Float64Array.from(lat), lon: Float64Array.from(lon),
    x: Float64Array.from(lon, core.mercX), y: Float64Array.from(lat, core.mercY),
    point: Uint8Array.from([1, 1, 1, 1, 1, 0, 1]),
    place: Uint8Array.from([0, 0, 0, 1, 2, 0, 0]),
    loc: Int32Array.from([0, 0, 0, 1, 2, 3, 4]), locCount: 5,
  };
}

// The bitset as geo.mapping.canvas.visibility_mask writes it (numpy packbits, little bit order, base64).
function maskOf(bits) {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((on, i) => { if (on) bytes[i >> 3] |= 1 << (i & 7); });
  return Buffer.from(bytes).toString('base64');
}

test('Web Mercator in [0, 1] as Leaflet projects', () => {
  assert.equal(core.mercX(0), 0.5);
  assert.equal(core.mercX(180), 1);
  assert.equal(core.mercY(0), 0.5);
  assert.ok(Math.abs(core.mercY(85.0511)) < 1e-6 && core.mercY(89) === core.mercY(85.0511));
  // Ansan, north of the equator, is above the middle.
  assert.ok(Math.abs(core.mercY(37.3) - 0.38818) < 1e-5);
});

test('the mask: bit i of byte i >> 3, lowest bit first; none means every row', () => {
  assert.equal(core.decodeMask(null, 5), null);
  assert.equal(core.decodeMask('', 5), null);
  // Rows 0, 3 and 9 shown: bytes 0b00001001 and 0b00000010.
  assert.equal(maskOf([1, 0, 0, 1, 0, 0, 0, 0, 0, 1]), 'CQI=');
  assert.deepEqual(Array.from(core.decodeMask('CQI=', 10)), [1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(core.decodeMask(maskOf([0, 1, 1, 1, 1, 1, 1, 0, 1]), 9)), [0, 1, 1, 1, 1, 1, 1, 0, 1]);
});

test('one drawn row per point: a stack counts its visible services, citywide rows and lines are not drawn', () => {
  const d = payload();
  const all = core.visibleRows(d, null, null);
  assert.deepEqual(Array.from(all.visibleIdx), [0, 3, 6]);
  assert.deepEqual(Array.from(all.stackSize), [3, 1, 0, 0, 1]);
  assert.deepEqual(Array.from(all.stackApprox), [0, 1, 0, 0, 0]);
  assert.equal(all.members, 5);
  assert.equal(all.citywide, 1);

  // The filter hides row 0 (the stack's first): row 1 stands for the stack, now of 2.
  const filtered = core.visibleRows(d, core.decodeMask(maskOf([0, 1, 1, 1, 0, 1, 1]), 7), null);
  assert.deepEqual(Array.from(filtered.visibleIdx), [1, 3, 6]);
  assert.deepEqual(Array.from(filtered.stackSize), [2, 1, 0, 0, 1]);
  assert.equal(filtered.members, 4);
  assert.equal(filtered.citywide, 0);

  // The playback hides rows 1, 2 and 6 on top of that.
  const played = core.visibleRows(d, core.decodeMask(maskOf([0, 1, 1, 1, 0, 1, 1]), 7), Uint8Array.from([0, 1, 1, 0, 0, 0, 1]));
  assert.deepEqual(Array.from(played.visibleIdx), [3]);
  assert.equal(played.members, 1);
});

test('the members of a point are its visible services in row order', () => {
  const d = payload();
  assert.deepEqual(core.membersAt(d, null, null, {0: true}), [0, 1, 2]);
  assert.deepEqual(core.membersAt(d, core.decodeMask(maskOf([1, 0, 1, 1, 1, 1, 1]), 7), null, {0: true, 1: true}), [0, 2, 3]);
  assert.deepEqual(core.membersAt(d, null, Uint8Array.from([1, 0, 0, 0, 0, 0, 0]), {0: true}), [1, 2]);
  // A citywide row is never a member of a point, even its own loc.
  assert.deepEqual(core.membersAt(d, null, null, {2: true}), []);
});

test('clusters count services, not points: a stack of 3 inside counts 3', () => {
  const d = payload();
  // Nine more exact points a few metres apart near the stack, each a point of its own.
  const extra = 9, n = d.count + extra, lat = new Float64Array(n), lon = new Float64Array(n);
  lat.set(d.lat); lon.set(d.lon);
  const point = new Uint8Array(n), place = new Uint8Array(n), loc = new Int32Array(n);
  point.set(d.point); place.set(d.place); loc.set(d.loc);
  for (let k = 0; k < extra; k++) {
    const i = d.count + k;
    lat[i] = 37.3101 + k * 0.00005; lon[i] = 126.7701; point[i] = 1; loc[i] = d.locCount + k;
  }
  const big = {count: n, lat, lon, point, place, loc, locCount: d.locCount + extra};
  const rows = core.visibleRows(big, null, null);
  assert.equal(rows.visibleIdx.length, 3 + extra);
  const feats = core.clusterFeatures(big, rows.visibleIdx, rows.stackSize);
  assert.deepEqual(feats[0], {type: 'Feature', properties: {i: 0, n: 3}, geometry: {type: 'Point', coordinates: [126.77, 37.31]}});

  const index = core.clusterIndex(Supercluster, feats);
  // At the city's zoom the stack and the nine points near it make one cluster of 12 services at 10 points;
  // the 동 centre (3 km east) and the point in the east stay apart.
  const city = index.getClusters([126.5, 37.1, 127.1, 37.5], 12);
  const clusters = city.filter((f) => f.properties.cluster);
  assert.equal(clusters.length, 1);
  assert.equal(clusters[0].properties.n, 12);
  assert.equal(clusters[0].properties.point_count, 10);
  assert.deepEqual(city.filter((f) => !f.properties.cluster).map((f) => f.properties.i).sort(), [3, 6]);
  // At the index's last zoom (17) points 5 m apart still cluster, and every service is still counted
  // (the map lists such a cluster on a click); past it every point stands alone.
  const street = index.getClusters([126.5, 37.1, 127.1, 37.5], 17).filter((f) => f.properties.cluster);
  assert.deepEqual(street.map((f) => f.properties.n), [6, 6]);
  const alone = index.getClusters([126.5, 37.1, 127.1, 37.5], 18);
  assert.equal(alone.filter((f) => f.properties.cluster).length, 0);
  assert.equal(alone.length, 12);  // the ten, the 동 centre and the point in the east
  // The filter drops the stack: the cluster counts the nine.
  const nine = core.visibleRows(big, null, Uint8Array.from({length: n}, (_, i) => (i < 3 ? 1 : 0)));
  const after = core.clusterIndex(Supercluster, core.clusterFeatures(big, nine.visibleIdx, nine.stackSize));
  assert.deepEqual(after.getClusters([126.5, 37.1, 127.1, 37.5], 12).filter((f) => f.properties.cluster).map((f) => f.properties.n), [9]);
});

test('a cluster disc and its count text', () => {
  assert.equal(core.clusterRadius(1), 13);
  assert.equal(core.clusterRadius(10), 19);
  assert.equal(core.clusterRadius(100000), 30);
  assert.equal(core.countText(9999), '9999');
  assert.equal(core.countText(12345), '12k');
});

test('a click hits the nearest service or cluster within its radius, before a reference point', () => {
  const items = [
    {kind: 'svc', i: 4, x: 100, y: 100, r: 15},
    {kind: 'ref', layer: 'parks', i: 0, x: 103, y: 100, r: 11},
    {kind: 'svc', i: 7, x: 110, y: 100, r: 15},
    {kind: 'cluster', id: 9, count: 40, x: 140, y: 100, r: 20},
  ];
  assert.equal(core.hit(items, {x: 102, y: 100}).i, 4);        // the reference point is nearer, the service wins
  assert.equal(core.hit(items, {x: 106, y: 100}).i, 7);        // two services: the nearer
  assert.equal(core.hit(items, {x: 150, y: 105}).id, 9);       // inside the cluster's disc
  assert.equal(core.hit(items, {x: 103, y: 120}), null);       // outside every radius (20 px below)
  assert.equal(core.hit([items[1]], {x: 103, y: 108}).layer, 'parks');
  assert.equal(core.hit([], {x: 0, y: 0}), null);
});

test('services drawn within 3 px of each other are one spot', () => {
  const items = [
    {kind: 'svc', i: 1, x: 50, y: 50, r: 15},
    {kind: 'svc', i: 2, x: 52, y: 51, r: 15},
    {kind: 'svc', i: 3, x: 54, y: 50, r: 15},
    {kind: 'stack', i: 4, x: 50, y: 50, r: 18},
  ];
  assert.deepEqual(core.sameSpot(items, items[0]).map((o) => o.i), [1, 2]);
});

test('the played map bins visible points on a screen grid with a one-cell margin, numbered column-major', () => {
  const g = core.gridShape({x: 120, y: 60}, 60);
  assert.deepEqual(g, {cols: 5, rows: 4, cell: 60});
  assert.equal(core.cellOf(0, 0, g), 1 * 4 + 1);         // the screen's top-left corner is in the second column and row
  assert.equal(core.cellOf(-60, -60, g), 0);             // the margin cell before the screen
  assert.equal(core.cellOf(-61, 0, g), -1);              // beyond the margin
  assert.equal(core.cellOf(179, 119, g), 3 * 4 + 2);
  assert.equal(core.cellOf(240, 0, g), -1);              // past the last column
});

test('grid bins count services (a stack of 3 counts 3) and place a cluster at its points mean', () => {
  // Screen coordinates are x * scale - ox: with scale 1 and no offset the payload's x and y are pixels here.
  const d = {x: Float64Array.from([10, 20, 30, 130, 300]), y: Float64Array.from([10, 30, 20, 10, 10]),
    loc: Int32Array.from([0, 1, 2, 3, 4])};
  const stackSize = Int32Array.from([3, 1, 1, 1, 1]);
  const g = core.gridShape({x: 180, y: 60}, 60);
  const bins = core.gridBins(d, Int32Array.from([0, 1, 2, 3, 4]), stackSize, g, 1, 0, 0);
  // Rows 0-2 share a cell (5 services at 3 points), row 3 is alone, row 4 is off the grid.
  assert.deepEqual(bins.map((b) => [b.cell, b.first, b.points, b.total]), [[1 * g.rows + 1, 0, 3, 5], [3 * g.rows + 1, 3, 1, 1]]);
  assert.deepEqual([bins[0].x, bins[0].y], [20, 20]);
  // Only the visible rows count: without row 0 the cell holds 2 services and row 1 comes first.
  const fewer = core.gridBins(d, Int32Array.from([1, 2]), stackSize, g, 1, 0, 0);
  assert.deepEqual(fewer.map((b) => [b.first, b.points, b.total]), [[1, 2, 2]]);
  // An offset moves the points: shifted 60 px left, rows 0-2 fall into the margin column.
  assert.equal(core.gridBins(d, Int32Array.from([0]), stackSize, g, 1, 60, 0)[0].cell, 0 * g.rows + 1);
});
