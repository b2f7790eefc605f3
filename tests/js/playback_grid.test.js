// The played map's grid clusters (static/servicemap/playback.js drawGrid and gridMembers) on the pure grid of
// core.js: what is drawn as a point, what as a cluster with its count, and which services a cluster opens.
// playback.js is a browser script: it is loaded here with a window holding only SvcCore and a canvas stand-in.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const core = require(path.join(root, 'static', 'servicemap', 'core.js'));
global.window = {SvcCore: core};
require(path.join(root, 'static', 'servicemap', 'playback.js'));
const playback = global.window.SvcPlayback;

// A canvas context that draws nothing and records the cluster counts written on it.
function recordingContext() {
  const texts = [];
  const ctx = {fillText: (text) => texts.push(text)};
  for (const name of ['beginPath', 'arc', 'fill', 'stroke']) ctx[name] = () => {};
  return {ctx, texts};
}

// Rows 0-2 close together, row 3 alone; rows 4 and 5 share row 0's point (a stack, drawn once by row 0): the
// playback hides row 4, so that stack counts 2 visible services.
function owner() {
  const drawn = [];
  return {
    drawn,
    data: {x: Float64Array.from([10, 20, 30, 130, 10, 10]), y: Float64Array.from([10, 30, 20, 10, 10, 10]),
      loc: Int32Array.from([0, 1, 2, 3, 0, 0])},
    visibleIdx: Int32Array.from([0, 1, 2, 3]),
    stackSize: Int32Array.from([2, 1, 1, 1]),
    hide: Uint8Array.from([0, 0, 0, 0, 1, 0]),
    drawPoint(ctx, i, x, y, items) { drawn.push([i, x, y]); items.push({kind: 'svc', i, x, y, r: 15}); return 1; },
    // Every row at the given points, in row order (ServiceMap.membersAt).
    membersAt(locs) { return [0, 1, 2, 3, 4, 5].filter((i) => locs[this.data.loc[i]]); },
  };
}

test('a cell with several points is one cluster counting their services; a lone point is drawn as itself', () => {
  const o = owner(), {ctx, texts} = recordingContext(), items = [], counts = {points: 0, clusters: 0, inClusters: 0};
  playback.drawGrid(o, ctx, {x: 180, y: 60}, 1, 0, 0, items, counts);
  assert.deepEqual(counts, {points: 1, clusters: 1, inClusters: 4});
  assert.deepEqual(texts, ['4']);
  assert.deepEqual(o.drawn, [[3, 130, 10]]);
  const cluster = items.find((it) => it.kind === 'grid');
  assert.deepEqual([cluster.count, cluster.x, cluster.y], [4, 20, 20]);
  assert.equal(cluster.r, core.clusterRadius(4) + 4);
  // A tap on the cluster lists its visible services; the row the playback hides is not among them.
  assert.deepEqual(playback.gridMembers(o, cluster), [0, 1, 2, 5]);
});
