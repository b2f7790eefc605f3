/* The staff map's time control: plays the reported history (geo/analysis/playback.py) inside the canvas renderer.
 *
 * Why here and not in Streamlit: a rerun of the page per step takes a second or more; in the browser a step
 * only rewrites the status codes of the rows that changed and goes through the map's own filter path
 * (ServiceMap.recompute), so the map follows every step at once. The page's counts, chart and table follow
 * through the component's value (the day), which the page writes into the URL as ``as_of``.
 *
 * The timeline payload: ``days``, ``lines`` (escaped by the Python side), ``kinds``, ``start`` (every row's
 * status code on the first step, -1 = not yet reported) and, per step k, the changed rows
 * ``rows[offsets[k]:offsets[k+1]]`` with their ``codes``.
 */
(function () {
  'use strict';
  var BAR_HEIGHT = 136, BASE_MS = 1600, SPEEDS = [0.5, 1, 2, 4], CELL = 60;

  function Playback(owner, tl, args) {
    this.owner = owner; this.tl = tl; this.n = tl.days.length;
    this.codes = Int16Array.from(tl.start);
    this.k = 0; this.timer = null; this.speed = 1; this.allowed = null;
    this.texts = (args && args.texts && args.texts.playback) || {};
    this.setAllowed(args && args.status_filter);
    this.buildBar();
    this.dayN = args ? args.day_n : undefined;
    this.seek(this.indexOf(args && args.day), false, false);
  }

  // Each report carries a token of its own: the page acts once on each (its value outlives reruns).
  Playback.reports = 0;
  Playback.token = Math.random().toString(36).slice(2);

  // The step shown on ``day``: the last one on or before it (ISO days compare as strings); none: today's.
  Playback.prototype.indexOf = function (day) {
    if (!day) return this.n - 1;
    var k = 0;
    while (k + 1 < this.n && this.tl.days[k + 1] <= day) k++;
    return k;
  };

  Playback.prototype.setAllowed = function (codes) {
    if (!codes || !codes.length) { this.allowed = null; return; }
    this.allowed = new Uint8Array(64);
    codes.forEach(function (c) { this.allowed[c] = 1; }, this);
  };

  // Moves to step k: forward, the changed rows of each step on the way; back, replayed from the start.
  Playback.prototype.seek = function (k, fast, report) {
    k = Math.max(0, Math.min(this.n - 1, k));
    var tl = this.tl, codes = this.codes, from = this.k + 1;
    if (k < this.k) { codes.set(tl.start); from = 1; }
    for (var s = from; s <= k; s++) {
      for (var j = tl.offsets[s]; j < tl.offsets[s + 1]; j++) codes[tl.rows[j]] = tl.codes[j];
    }
    this.k = k;
    this.applyCodes(fast);
    this.showStep();
    if (report) this.report();
  };

  // The day shown, to the page. day_n: the page's choice this step was played after (a report from before a newer
  // choice is dropped); playing: more steps follow (the page leaves its date box alone until the last one).
  Playback.prototype.report = function () {
    var k = this.k, token = Playback.token + ':' + (++Playback.reports);
    window.svcSendValue({day: {day: this.tl.days[k], step: k, day_n: this.dayN, playing: !!this.timer && k < this.n - 1, token: token}});
  };

  // Status and visibility of every row for the current step, then the map's filter path.
  Playback.prototype.applyCodes = function (fast) {
    var d = this.owner.data, codes = this.codes, allowed = this.allowed, n = d.count;
    var hide = this.owner.hide && this.owner.hide.length === n ? this.owner.hide : new Uint8Array(n);
    for (var i = 0; i < n; i++) {
      var c = codes[i];
      if (c >= 0) d.status[i] = c;
      hide[i] = c < 0 || (allowed && !allowed[c]) ? 1 : 0;
    }
    this.owner.hide = hide;
    if (this.owner.mask !== undefined && this.owner.shapeGroup) this.owner.recompute(fast);
  };

  Playback.prototype.update = function (args) {
    this.texts = (args.texts && args.texts.playback) || this.texts;
    var before = this.allowed ? Array.prototype.join.call(this.allowed) : '';
    this.setAllowed(args.status_filter);
    var changed = (this.allowed ? Array.prototype.join.call(this.allowed) : '') !== before;
    if (args.day_n !== this.dayN) {
      // The day was chosen on the page (date box, link): go there and stop.
      this.dayN = args.day_n;
      this.pause();
      this.seek(this.indexOf(args.day), true, false);
    } else if (changed) {
      this.applyCodes(true);
    }
  };

  Playback.prototype.play = function () {
    if (this.timer) return;
    if (this.k >= this.n - 1) this.seek(0, true, true);
    var self = this;
    var tick = function () {
      if (self.k >= self.n - 1) { self.pause(); return; }
      self.seek(self.k + 1, true, true);
      self.timer = setTimeout(tick, BASE_MS / self.speed);
    };
    this.timer = setTimeout(tick, Math.min(400, BASE_MS / this.speed));
    this.showStep();
  };

  Playback.prototype.pause = function () {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.showStep();
  };

  Playback.prototype.buildBar = function () {
    var x = this.texts, self = this, bar = this.bar = document.createElement('div');
    bar.className = 'pb-bar';
    bar.style.height = BAR_HEIGHT + 'px';
    bar.innerHTML =
      '<div class="pb-row">' +
      '<button type="button" class="pb-back" title="' + (x.back || '') + '" aria-label="' + (x.back || '') + '">&#9664;&#9664;</button>' +
      '<button type="button" class="pb-play"></button>' +
      '<button type="button" class="pb-fwd" title="' + (x.forward || '') + '" aria-label="' + (x.forward || '') + '">&#9654;&#9654;</button>' +
      '<label class="pb-speed-label">' + (x.speed || '') + ' <select class="pb-speed">' +
      SPEEDS.map(function (s) { return '<option value="' + s + '"' + (s === 1 ? ' selected' : '') + '>' + s + '×</option>'; }).join('') +
      '</select></label>' +
      '<input type="range" class="pb-range" min="0" max="' + (this.n - 1) + '" step="1" aria-label="' + (x.title || '') + '">' +
      '<span class="pb-day"></span><span class="pb-step"></span></div>' +
      '<div class="pb-counts"></div><ul class="pb-lines" aria-live="polite"></ul>';
    // Above the map: at 1080 px the page shows the map's top, so the day and its sources stay in view while playing.
    document.body.insertBefore(bar, document.body.firstChild);
    var q = function (c) { return bar.querySelector(c); };
    this.playButton = q('.pb-play'); this.range = q('.pb-range');
    this.playButton.addEventListener('click', function () {
      if (!self.timer) return self.play();
      self.pause(); self.report();
    });
    q('.pb-back').addEventListener('click', function () { self.pause(); self.seek(self.k - 1, true, true); });
    q('.pb-fwd').addEventListener('click', function () { self.pause(); self.seek(self.k + 1, true, true); });
    q('.pb-speed').addEventListener('change', function (e) { self.speed = +e.target.value || 1; });
    this.range.addEventListener('input', function () { self.pause(); self.seek(+self.range.value, true, true); });
  };

  Playback.prototype.showStep = function () {
    if (!this.bar) return;
    var x = this.texts, k = this.k, lines = this.tl.lines[k] || [], bar = this.bar;
    this.playButton.innerHTML = this.timer ? '&#10074;&#10074; ' + (x.pause || '') : '&#9654; ' + (x.play || '');
    this.playButton.setAttribute('aria-pressed', this.timer ? 'true' : 'false');
    this.range.value = String(k);
    bar.querySelector('.pb-day').textContent = this.tl.days[k] || '';
    bar.querySelector('.pb-step').textContent = (x.step || '{k}/{n}').replace('{k}', k + 1).replace('{n}', this.n);
    var kind = this.tl.kinds[k];
    bar.querySelector('.pb-lines').innerHTML = lines.length
      ? lines.map(function (l) { return '<li class="pb-' + kind + '">' + l + '</li>'; }).join('')
      : '<li class="pb-none">' + (x.today || '') + '</li>';
    var ds = this.owner.el.dataset;
    ds.pbDay = this.tl.days[k] || ''; ds.pbStep = String(k); ds.pbSteps = String(this.n);
    ds.pbPlaying = this.timer ? '1' : '0';
    ds.pbShown = String((+ds.pbShown || 0) + 1);
  };

  // The map's own count of what it shows on this step, by status (every row: points, lines, citywide).
  Playback.prototype.counted = function () {
    if (!this.bar) return;
    var d = this.owner.data, mask = this.owner.mask, hide = this.owner.hide, by = new Int32Array(d.statuses.length), total = 0;
    for (var i = 0; i < d.count; i++) {
      if ((mask && !mask[i]) || (hide && hide[i])) continue;
      by[d.status[i]]++; total++;
    }
    var parts = [(this.texts.count || '{n}').replace('{n}', total.toLocaleString())];
    d.statuses.forEach(function (s, c) { if (by[c]) parts.push(s.label + ' ' + by[c].toLocaleString()); });
    this.bar.querySelector('.pb-counts').innerHTML = parts.join(' · ');
    this.owner.el.dataset.pbCount = String(total);
  };

  Playback.prototype.remove = function () {
    this.pause();
    if (this.bar) this.bar.remove();
    this.bar = null;
  };

  function drawCluster(ctx, cx, cy, total) {
    var radius = window.SvcCore.clusterRadius(total);
    ctx.beginPath(); ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(0,70,130,.82)'; ctx.fill();
    ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,.9)'; ctx.stroke();
    ctx.fillStyle = '#fff'; ctx.font = '700 12px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(window.SvcCore.countText(total), cx, cy);
    return radius;
  }

  // Clusters of a played map: the visible points grouped on a 60 px screen grid at each draw (SvcCore.gridBins).
  function drawGrid(owner, ctx, size, scale, ox, oy, items, counts) {
    var core = window.SvcCore, d = owner.data, g = core.gridShape(size, CELL);
    owner.gridGeom = {scale: scale, ox: ox, oy: oy, grid: g};
    core.gridBins(d, owner.visibleIdx, owner.stackSize, g, scale, ox, oy).forEach(function (bin) {
      if (bin.points === 1) {
        counts.points += owner.drawPoint(ctx, bin.first, d.x[bin.first] * scale - ox, d.y[bin.first] * scale - oy, items, counts);
        return;
      }
      var r = drawCluster(ctx, bin.x, bin.y, bin.total);
      items.push({kind: 'grid', cell: bin.cell, count: bin.total, x: bin.x, y: bin.y, r: r + 4});
      counts.clusters++; counts.inClusters += bin.total;
    });
  }

  // The visible services of a grid cluster (stacks expanded), in row order.
  function gridMembers(owner, item) {
    var d = owner.data, g = owner.gridGeom, vis = owner.visibleIdx, locs = {};
    for (var k = 0; k < vis.length; k++) {
      var i = vis[k];
      if (window.SvcCore.cellOf(d.x[i] * g.scale - g.ox, d.y[i] * g.scale - g.oy, g.grid) === item.cell) locs[d.loc[i]] = true;
    }
    return owner.membersAt(locs).filter(function (i) { return !owner.hide || !owner.hide[i]; });
  }

  window.SvcPlayback = {
    BAR_HEIGHT: BAR_HEIGHT,
    create: function (owner, timeline, args) { return timeline.days.length ? new Playback(owner, timeline, args) : null; },
    drawGrid: drawGrid,
    gridMembers: gridMembers
  };
})();
