/* The staff map: a Streamlit component that draws any number of services on one canvas.
 *
 * Why: one Leaflet marker (a DOM node) per point does not scale past ~10,000 points. Here the
 * points arrive once per data revision as columns (fetched from the app's static files, cached by
 * the browser), live in typed arrays, and are drawn on a single canvas: clustered per zoom with
 * supercluster when many are visible, as status symbols when few. Hit testing runs over what was
 * drawn, so tooltips, clicks and selection work at every scale. A filter change sends only a
 * visibility bitset; the map redraws in place and keeps its zoom and position. Services at one
 * point draw as one neutral symbol with their count (a click lists each with its status); a 동
 * centre sits in a dashed ring; citywide services (no place reported) are not drawn: the page
 * lists them beside the map.
 *
 * Every text in the payload and arguments was escaped by the Python side (geo/html.py).
 */
(function () {
  'use strict';

  // ---- Streamlit component protocol (v1), without the npm helper library ----
  function send(type, data) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, data || {}), '*');
  }
  // A token per map instance: a reloaded map restarts its click count, and must not look like old clicks.
  var state = {value: {click: null, view: null}, clickCount: 0, token: Math.random().toString(36).slice(2)};
  window.svcSendValue = function (extra) { state.value = Object.assign({}, state.value, extra); sendValue(); };
  function sendValue() { send('streamlit:setComponentValue', {value: state.value, dataType: 'json'}); }

  // ---- the pure parts (projection, mask, visible rows, clustering, hit testing): core.js ----
  var core = window.SvcCore, mercX = core.mercX, mercY = core.mercY;

  // ---- status symbols on canvas (same shapes as geo.mapping's SVG icons: colour pairs with shape) ----
  function symbolPath(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === 'square') { ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); }
    else if (shape === 'triangle') { ctx.moveTo(x, y - r * 1.1); ctx.lineTo(x + r * 1.05, y + r * 0.8); ctx.lineTo(x - r * 1.05, y + r * 0.8); ctx.closePath(); }
    else if (shape === 'diamond') { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.2, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r * 1.2, y); ctx.closePath(); }
    else if (shape === 'star') {
      for (var k = 0; k < 10; k++) {
        var a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 ? r * 0.5 : r * 1.25;
        k ? ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a)) : ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      ctx.closePath();
    } else { ctx.arc(x, y, r, 0, 2 * Math.PI); }
  }
  // A 동 centre: the project lies somewhere in that 동, so its symbol stands in a dashed ring.
  function approxRing(ctx, x, y, r) {
    ctx.save(); ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgba(255,255,255,.75)'; ctx.fill();
    ctx.setLineDash([4, 3]); ctx.lineWidth = 2; ctx.strokeStyle = '#222'; ctx.stroke(); ctx.restore();
  }
  function makeSprite(status, r, dpr, approx) {
    var size = Math.ceil((r * (approx ? 3.6 : 2.6) + 4) * dpr), c = document.createElement('canvas');
    c.width = c.height = size;
    var ctx = c.getContext('2d'), m = size / 2;
    ctx.scale(dpr, dpr);
    if (approx) approxRing(ctx, m / dpr, m / dpr, r * 1.75);
    symbolPath(ctx, status.shape, m / dpr, m / dpr, r);
    if (status.shape === 'hollow') { ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 3; ctx.strokeStyle = status.colour; ctx.stroke(); }
    else { ctx.fillStyle = status.colour; ctx.fill(); ctx.lineWidth = 1.8; ctx.strokeStyle = '#fff'; ctx.stroke(); }
    return c;
  }
  // Several services at one point: a neutral pile of two discs with the count (no status colour).
  function makeStackSprite(n, r, dpr, approx) {
    var rr = r * 1.35, size = Math.ceil((rr * (approx ? 2.9 : 2.6) + 6) * dpr), c = document.createElement('canvas');
    c.width = c.height = size;
    var ctx = c.getContext('2d'), m = size / 2 / dpr;
    ctx.scale(dpr, dpr);
    if (approx) approxRing(ctx, m, m, rr * 1.4);
    ctx.lineWidth = 2; ctx.strokeStyle = '#222'; ctx.fillStyle = '#fff';
    ctx.beginPath(); ctx.arc(m + rr * 0.3, m - rr * 0.3, rr * 0.95, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    ctx.lineWidth = 2.5;
    ctx.beginPath(); ctx.arc(m - rr * 0.05, m + rr * 0.05, rr, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    var text = core.countText(n);
    ctx.fillStyle = '#111'; ctx.font = '700 ' + (text.length > 2 ? 10 : 13) + 'px sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.fillText(text, m - rr * 0.05, m + rr * 0.05 + 0.5);
    return c;
  }

  // ---- the canvas layer: services (clustered or not) and reference layers ----
  var PointCanvas = L.Layer.extend({
    initialize: function (owner) { this._owner = owner; },
    onAdd: function (map) {
      this._map = map;
      var pane = map.getPane('svcPane') || map.createPane('svcPane');
      pane.style.zIndex = 450;
      this._canvas = L.DomUtil.create('canvas', 'svc-canvas leaflet-zoom-animated', pane);
      map.on('moveend viewreset resize', this.redraw, this);
      map.on('zoomanim', this._animateZoom, this);
      this.redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off('moveend viewreset resize', this.redraw, this);
      map.off('zoomanim', this._animateZoom, this);
    },
    _animateZoom: function (e) {
      var scale = this._map.getZoomScale(e.zoom);
      var offset = this._map._latLngBoundsToNewLayerBounds(this._map.getBounds(), e.zoom, e.center).min;
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },
    redraw: function () {
      if (!this._map) return;
      var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(this._canvas, topLeft);
      this._canvas.width = size.x * dpr; this._canvas.height = size.y * dpr;
      this._canvas.style.width = size.x + 'px'; this._canvas.style.height = size.y + 'px';
      var ctx = this._canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this._owner.draw(ctx, size);
    }
  });

  function ServiceMap(el) {
    this.el = el;
    this.map = null;
    this.data = null;          // the columnar payload, typed
    this.dataUrl = null;
    this.mask = null;          // Uint8Array(count) of 0/1, null = every row visible
    this.maskKey = undefined;
    this.visibleIdx = null;    // Int32Array of visible point rows
    this.index = null;         // supercluster over the visible points (null = draw them all)
    this.fullIndex = null;     // cached index over all points (filter cleared is instant)
    this.items = [];           // what the last draw put on screen, for hit testing
    this.selected = -1;
    this.refLayers = {};       // id -> {meta, data, on}
    this.lastCommand = 0;
  }

  ServiceMap.prototype.create = function (args) {
    var map = this.map = L.map(this.el, {zoomControl: true, minZoom: 10, maxZoom: 19, preferCanvas: false,
      attributionControl: false});
    if (args.view) { map.setView(args.view.center, args.view.zoom); }
    else { map.fitBounds(args.bounds); }
    this.canvasLayer = new PointCanvas(this).addTo(map);
    this.tooltip = L.tooltip({direction: 'top', offset: [0, -10]});
    L.control.scale({metric: true, imperial: false}).addTo(map);
    var self = this;
    var legend = L.control({position: 'bottomleft'});
    legend.onAdd = function () {
      var div = L.DomUtil.create('div', 'dash-legend');
      div.innerHTML = args.legend_html + '<div class="ref-legend"></div>';
      L.DomEvent.disableClickPropagation(div);
      self.legendDiv = div;
      return div;
    };
    legend.addTo(map);
    map.on('mousemove', this.onMove, this);
    map.on('mouseout', function () { map.closeTooltip(self.tooltip); });
    map.on('click', this.onClick, this);
    var timer = null;
    map.on('moveend', function () {
      clearTimeout(timer);
      // A pan sends one value when it settles, not one per frame.
      timer = setTimeout(function () { self.reportView(); }, 250);
    });
  };

  ServiceMap.prototype.reportView = function () {
    var b = this.map.getBounds(), c = this.map.getCenter();
    state.value = Object.assign({}, state.value, {view: {
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return +v.toFixed(6); }),
      center: [+c.lat.toFixed(6), +c.lng.toFixed(6)], zoom: this.map.getZoom()}});
    sendValue();
  };

  ServiceMap.prototype.load = function (url, timelineUrl) {
    var self = this;
    this.dataUrl = url;
    this.el.dataset.ready = '0';
    var json = function (u) { return fetch(u).then(function (r) { if (!r.ok) throw new Error('payload ' + r.status); return r.json(); }); };
    // The timeline (geo.analysis.playback) comes with the points, so the first draw shows the chosen day's statuses.
    return Promise.all([json(url), timelineUrl ? json(timelineUrl) : null]).then(function (both) {
      if (both[1]) both[0].timeline = both[1];
      return both[0];
    }).catch(function (error) {
      // The file can vanish between its writing and this fetch (another process pruned the folder, an
      // instance restarted): a new value makes the server run again, which writes it anew; then load again
      // (Streamlit sends no new render when the arguments are unchanged, so the map retries by itself).
      if (self.dataUrl !== url) return null;
      self.dataUrl = null;
      self.el.dataset.loadError = String(error);
      state.failedLoads = (state.failedLoads || 0) + 1;
      if (state.failedLoads <= 3) {
        state.value = Object.assign({}, state.value, {missing: {url: url, n: state.failedLoads}});
        sendValue();
        setTimeout(function () { if (self.dataUrl === null) self.render(self.lastArgs); }, 1000 * state.failedLoads);
      }
      return null;
    }).then(function (p) {
      if (!p) return;
      if (self.dataUrl !== url) return;  // a newer revision arrived meanwhile
      var n = p.count, x = new Float64Array(n), y = new Float64Array(n), lat = new Float64Array(n), lon = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        lat[i] = p.lat[i] / 1e6; lon[i] = p.lon[i] / 1e6;
        x[i] = mercX(lon[i]); y[i] = mercY(lat[i]);
      }
      // Older payloads carry no places: every row exact and at a point of its own.
      var place = p.place ? Uint8Array.from(p.place) : new Uint8Array(n);
      var loc = p.loc ? Int32Array.from(p.loc) : Int32Array.from({length: n}, function (_, k) { return k; });
      var locCount = 0;
      for (var q = 0; q < n; q++) if (loc[q] + 1 > locCount) locCount = loc[q] + 1;
      self.data = {count: n, lat: lat, lon: lon, x: x, y: y, status: Uint8Array.from(p.status),
        point: Uint8Array.from(p.point), place: place, loc: loc, locCount: locCount,
        name: null, statuses: p.statuses, clusterAbove: p.cluster_above, iconRadius: p.icon_radius};
      var dpr = window.devicePixelRatio || 1;
      self.sprites = p.statuses.map(function (s) { return makeSprite(s, p.icon_radius, dpr, false); });
      self.approxSprites = p.statuses.map(function (s) { return makeSprite(s, p.icon_radius, dpr, true); });
      self.stackSprites = {};
      self.selectedSprite = null;
      self.fullIndex = null;
      self.maskKey = undefined;
      self.hide = null;
      self.gridMode = false;
      if (self.playback) { self.playback.remove(); self.playback = null; }
      if (p.timeline && window.SvcPlayback) self.playback = window.SvcPlayback.create(self, p.timeline, self.lastArgs);
      self.drawBase(p.base);
      self.drawShapes(p.shapes);
      self.applyMask(self.pendingMask);
      state.failedLoads = 0;
      self.el.dataset.ready = '1';
      // Names (half the bytes) follow the first draw; until they arrive a tooltip shows the status.
      fetch(p.names_url).then(function (r) { return r.json(); }).then(function (names) {
        if (self.dataUrl !== url) return;
        self.data.name = names.name;
        self.el.dataset.names = '1';
      });
    });
  };

  ServiceMap.prototype.drawBase = function (base) {
    var map = this.map, self = this;
    if (this.baseGroup) this.baseGroup.remove();
    var group = this.baseGroup = L.layerGroup().addTo(map);
    L.geoJSON(base.city, {interactive: false, style: {color: '#4d4d4d', weight: 2.5, fillColor: '#fbfaf6', fillOpacity: 1}}).addTo(group);
    L.geoJSON(base.dong, {style: {color: '#9a9a9a', weight: 0.8, dashArray: '3 3', fillOpacity: 0},
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, {sticky: true}); }}).addTo(group);
    L.geoJSON(base.gu, {interactive: false, style: {color: '#666', weight: 1.6, fillOpacity: 0}}).addTo(group);
    this.areaLayers = {};
    L.geoJSON(base.areas, {
      style: function (f) { return {color: f.properties.colour, weight: 2.5, fillColor: f.properties.colour, fillOpacity: 0.16}; },
      onEachFeature: function (f, layer) {
        self.areaLayers[f.properties.area_id] = layer;
        layer.bindTooltip(f.properties.name, {sticky: true});
        // The map-level click handler decides: a service under the pointer wins over its area.
        layer.on('click', function (e) { e.originalEvent._areaHit = f.properties.area_id; });
        var b = layer.getBounds();
        L.marker([b.getNorth(), b.getCenter().lng], {interactive: false,
          icon: L.divIcon({className: 'area-label', html: '<span>' + f.properties.short + '</span>'})}).addTo(group);
      }
    }).addTo(group);
    this.styleAreas();
  };

  ServiceMap.prototype.styleAreas = function () {
    var chosen = this.selectedArea;
    Object.keys(this.areaLayers || {}).forEach(function (id) {
      this.areaLayers[id].setStyle({weight: id === chosen ? 4 : 2.5, fillOpacity: id === chosen ? 0.28 : 0.16});
    }, this);
  };

  ServiceMap.prototype.drawShapes = function (shapes) {
    var self = this;
    this.shapeFeatures = shapes.features;
    if (this.shapeGroup) this.shapeGroup.remove();
    this.shapeGroup = L.geoJSON(null, {
      style: function (f) {
        var s = self.data.statuses[self.data.status[f.properties.i]];
        return {color: s.colour, weight: f.properties.i === self.selected ? 7 : 4, fillColor: s.colour, fillOpacity: 0.25,
          dashArray: s.dashed ? '6 4' : null};
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(self.tipHtml(f.properties.i), {sticky: true});
        layer.on('click', function (e) { e.originalEvent._svcHit = f.properties.i; });
      }
    }).addTo(this.map);
  };

  ServiceMap.prototype.tipHtml = function (i) {
    var status = this.data.statuses[this.data.status[i]].label;
    return this.data.name ? this.data.name[i] + ' · ' + status : status;
  };

  ServiceMap.prototype.applyMask = function (maskB64) {
    if (!this.data) { this.pendingMask = maskB64; return; }
    if (maskB64 === this.maskKey) return;
    this.maskKey = maskB64;
    this.mask = core.decodeMask(maskB64, this.data.count);
    this.recompute();
  };

  // Which rows are drawn: the server's filter mask and the playback's hidden rows (not yet reported, or
  // outside a status filter on that day). Shared by a filter change and a playback step. ``fast``: group
  // the points on a screen grid per draw instead of rebuilding the supercluster index (a few ms against
  // ~0.3 s at 100,000 points), so a step never holds a frame; the grid stays once the time control is used.
  ServiceMap.prototype.recompute = function (fast) {
    if (fast) this.gridMode = true;
    var d = this.data, mask = this.mask, hide = this.hide;
    // One drawn item per point: the first visible service there stands for all visible ones (a stack).
    var rows = core.visibleRows(d, mask, hide), citywide = rows.citywide, members = rows.members;
    this.stackSize = rows.stackSize; this.stackApprox = rows.stackApprox;
    this.visibleIdx = rows.visibleIdx;
    var many = rows.visibleIdx.length > d.clusterAbove;
    this.index = many && !this.gridMode ? this.clusterIndex(mask) : null;
    this.grid = many && this.gridMode;
    var self = this;
    this.shapeGroup.clearLayers();
    this.shapeGroup.addData({type: 'FeatureCollection',
      features: this.shapeFeatures.filter(function (f) { var i = f.properties.i; return (!mask || mask[i]) && !(hide && hide[i]); })});
    this.el.dataset.visible = String(members + citywide + this.shapeGroup.getLayers().length);
    this.el.dataset.citywide = String(citywide);
    self.canvasLayer.redraw();
    if (this.playback) this.playback.counted();
  };

  ServiceMap.prototype.clusterIndex = function (mask) {
    if (!mask && !this.hide && this.fullIndex) return this.fullIndex;
    // A cluster counts services, not points: a stack of 3 inside counts 3.
    var index = core.clusterIndex(Supercluster, core.clusterFeatures(this.data, this.visibleIdx, this.stackSize));
    if (!mask && !this.hide) this.fullIndex = index;
    return index;
  };

  ServiceMap.prototype.draw = function (ctx, size) {
    var items = this.items = [], ringAt = null;
    var counts = {points: 0, clusters: 0, inClusters: 0, reference: 0, stacks: 0};
    if (this.data) {
      var map = this.map, zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom);
      var origin = map.getPixelOrigin(), tl = map.containerPointToLayerPoint([0, 0]);
      var ox = origin.x + tl.x, oy = origin.y + tl.y, d = this.data, self = this;
      var inView = function (px, py, pad) { return px > -pad && py > -pad && px < size.x + pad && py < size.y + pad; };
      // Reference layers underneath the services.
      Object.keys(this.refLayers).forEach(function (id) {
        var layer = self.refLayers[id];
        if (!layer.on || !layer.data) return;
        ctx.fillStyle = layer.meta.colour; ctx.strokeStyle = '#222'; ctx.lineWidth = 1.5;
        for (var r = 0; r < layer.data.count; r++) {
          var rx = layer.data.x[r] * scale - ox, ry = layer.data.y[r] * scale - oy;
          if (!inView(rx, ry, 8)) continue;
          ctx.beginPath(); ctx.arc(rx, ry, 5, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
          items.push({kind: 'ref', layer: id, i: r, x: rx, y: ry, r: 11});
          counts.reference++;
        }
      });
      if (this.index) {
        var b = map.getBounds();
        var found = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
        for (var c = 0; c < found.length; c++) {
          var f = found[c], p = f.properties, cx, cy;
          if (p.cluster) {
            var lonlat = f.geometry.coordinates;
            cx = mercX(lonlat[0]) * scale - ox; cy = mercY(lonlat[1]) * scale - oy;
            var total = p.n || p.point_count;
            var radius = core.clusterRadius(total);
            ctx.beginPath(); ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
            ctx.fillStyle = 'rgba(0,70,130,.82)'; ctx.fill();
            ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,.9)'; ctx.stroke();
            ctx.fillStyle = '#fff'; ctx.font = '700 12px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
            ctx.fillText(core.countText(total), cx, cy);
            items.push({kind: 'cluster', id: p.cluster_id, count: total, x: cx, y: cy, r: radius + 4});
            counts.clusters++; counts.inClusters += total;
          } else {
            counts.points += this.drawPoint(ctx, p.i, d.x[p.i] * scale - ox, d.y[p.i] * scale - oy, items, counts);
          }
        }
      } else if (this.grid) {
        window.SvcPlayback.drawGrid(this, ctx, size, scale, ox, oy, items, counts);
      } else {
        var vis = this.visibleIdx;
        for (var k = 0; k < vis.length; k++) {
          var i = vis[k], px = d.x[i] * scale - ox, py = d.y[i] * scale - oy;
          if (!inView(px, py, 20)) continue;
          counts.points += this.drawPoint(ctx, i, px, py, items, counts);
        }
      }
      // The ring sits on the selected service's own symbol: its point, or the stack it belongs to.
      var sel = this.selected;
      if (sel >= 0 && sel < d.count && d.point[sel] && d.place[sel] !== 2) {
        var sx = d.x[sel] * scale - ox, sy = d.y[sel] * scale - oy, stacked = this.stackSize && this.stackSize[d.loc[sel]] > 1;
        var ringR = stacked || d.place[sel] === 1 ? d.iconRadius * 2.3 + 5 : 20;
        ctx.save(); ctx.setLineDash([4, 3]); ctx.lineWidth = 3; ctx.strokeStyle = '#000';
        ctx.beginPath(); ctx.arc(sx, sy, ringR, 0, 2 * Math.PI); ctx.stroke(); ctx.restore();
        ringAt = {x: Math.round(sx), y: Math.round(sy), r: ringR, stacked: stacked ? 1 : 0};
      }
    }
    var ds = this.el.dataset;
    ds.drawnStacks = counts.stacks;
    ds.selectedRing = ringAt ? JSON.stringify(ringAt) : '';
    ds.drawnPoints = counts.points; ds.drawnClusters = counts.clusters;
    ds.drawnInClusters = counts.inClusters; ds.drawnReference = counts.reference;
    ds.draws = String((+ds.draws || 0) + 1);
  };

  // Draws the point of row i (a stack when several visible services share it); returns how many services it holds.
  ServiceMap.prototype.drawPoint = function (ctx, i, px, py, items, counts) {
    var d = this.data, l = d.loc[i], n = this.stackSize[l], dpr = window.devicePixelRatio || 1, sprite;
    if (n > 1) {
      var key = n + (this.stackApprox[l] ? 'a' : '');
      sprite = this.stackSprites[key] || (this.stackSprites[key] = makeStackSprite(n, d.iconRadius, dpr, !!this.stackApprox[l]));
    } else {
      sprite = (d.place[i] === 1 ? this.approxSprites : this.sprites)[d.status[i]];
    }
    ctx.drawImage(sprite, px - sprite.width / (2 * dpr), py - sprite.height / (2 * dpr), sprite.width / dpr, sprite.height / dpr);
    // Hit target larger than the symbol: a click a few pixels off still counts.
    if (n > 1) { items.push({kind: 'stack', i: i, loc: l, n: n, x: px, y: py, r: 18}); counts.stacks++; }
    else items.push({kind: 'svc', i: i, x: px, y: py, r: 15});
    return n;
  };

  // The visible services at the points of ``locs`` (an object of loc ids), in row order.
  ServiceMap.prototype.membersAt = function (locs) {
    return core.membersAt(this.data, this.mask, this.hide, locs);
  };

  // Services and clusters win over reference points; among equals the nearest wins.
  ServiceMap.prototype.hit = function (cp) { return core.hit(this.items, cp); };

  ServiceMap.prototype.onMove = function (e) {
    var it = this.hit(e.containerPoint), map = this.map;
    L.DomUtil[it ? 'addClass' : 'removeClass'](map.getContainer(), 'svc-hover');
    if (!it) { map.closeTooltip(this.tooltip); return; }
    var html;
    if (it.kind === 'svc') html = this.tipHtml(it.i);
    else if (it.kind === 'stack') html = this.texts.stack_title.replace('{n}', it.n.toLocaleString()) + ' · ' + this.texts.stack_click;
    else if (it.kind === 'cluster' || it.kind === 'grid') html = this.texts.cluster.replace('{n}', it.count.toLocaleString());
    else html = this.refLayers[it.layer].data.name[it.i];
    this.tooltip.setLatLng(map.containerPointToLatLng([it.x, it.y])).setContent(html);
    map.openTooltip(this.tooltip);
  };

  ServiceMap.prototype.onClick = function (e) {
    var it = this.hit(e.containerPoint), map = this.map;
    if (it && it.kind === 'svc') {
      // Services at the same spot (one address, several devices) cannot be told apart by a click: list them.
      var same = core.sameSpot(this.items, it);
      if (same.length > 1) return this.pickList(same.map(function (o) { return o.i; }), map.containerPointToLatLng([it.x, it.y]));
      return this.select('svc', it.i);
    }
    if (it && it.kind === 'stack') {
      // Several services at this point: list each with its status; the stack is ringed once one is picked.
      var one = {}; one[it.loc] = true;
      return this.pickList(this.membersAt(one), map.containerPointToLatLng([it.x, it.y]), it.n, !!this.stackApprox[it.loc]);
    }
    if (it && it.kind === 'cluster') {
      var zoom = this.index.getClusterExpansionZoom(it.id);
      var centre = map.containerPointToLatLng([it.x, it.y]);
      if (zoom <= 17 && map.getZoom() < map.getMaxZoom()) { map.setView(centre, Math.min(zoom, map.getMaxZoom())); return; }
      // Points at the same place stay clustered at the last zoom: list them, each one selectable.
      var locs = {}, d = this.data;
      this.index.getLeaves(it.id, 50).forEach(function (leaf) { locs[d.loc[leaf.properties.i]] = true; });
      return this.pickList(this.membersAt(locs).slice(0, 200), centre);
    }
    if (it && it.kind === 'grid') {
      var at = map.containerPointToLatLng([it.x, it.y]);
      if (map.getZoom() < 17) { map.setView(at, Math.min(map.getZoom() + 2, 17)); return; }
      return this.pickList(window.SvcPlayback.gridMembers(this, it).slice(0, 200), at);
    }
    if (it && it.kind === 'ref') {
      var layer = this.refLayers[it.layer];
      L.popup({maxWidth: 360}).setLatLng(map.containerPointToLatLng([it.x, it.y])).setContent(layer.data.popup[it.i]).openOn(map);
      return;
    }
    if (e.originalEvent._svcHit !== undefined) return this.select('svc', e.originalEvent._svcHit);
    if (e.originalEvent._areaHit !== undefined) return this.select('area', e.originalEvent._areaHit);
  };

  // A chooser of services at one place: each with its status symbol and label; picking one selects it.
  ServiceMap.prototype.pickList = function (rows, latlng, stackCount, approx) {
    var self = this, map = this.map, box = document.createElement('div'), list = document.createElement('ol');
    box.className = 'stack-chooser';
    if (stackCount) {
      var head = document.createElement('div');
      head.className = 'stack-title';
      head.innerHTML = '<b>' + this.texts.stack_title.replace('{n}', stackCount.toLocaleString()) + '</b>' +
        (approx ? '<br><small>' + this.texts.stack_approx + '</small>' : '');
      box.appendChild(head);
    }
    list.className = 'spider-list';
    var icons = {};
    rows.forEach(function (i) {
      var li = document.createElement('li'), a = document.createElement('a'), s = self.data.status[i];
      if (!icons[s]) icons[s] = self.sprites[s].toDataURL();
      var img = document.createElement('img');
      img.src = icons[s]; img.alt = ''; img.width = 16; img.height = 16;
      a.appendChild(img);
      var text = document.createElement('span');
      text.innerHTML = self.tipHtml(i);
      a.appendChild(text);
      if (i === self.selected) li.className = 'picked';
      a.addEventListener('click', function () { map.closePopup(); self.select('svc', i); });
      li.appendChild(a); list.appendChild(li);
    });
    box.appendChild(list);
    L.popup({maxWidth: 380}).setLatLng(latlng).setContent(box).openOn(map);
  };

  ServiceMap.prototype.select = function (kind, key) {
    state.clickCount += 1;
    state.value = Object.assign({}, state.value, {click: {kind: kind, key: key, n: state.clickCount, token: state.token}});
    // Drawn at once, before the server answers: the click visibly registered.
    if (kind === 'svc') { this.selected = key; this.selectedArea = null; }
    else { this.selected = -1; this.selectedArea = key; }
    this.styleAreas();
    this.canvasLayer.redraw();
    this.el.dataset.clicks = String(state.clickCount);
    sendValue();
  };

  ServiceMap.prototype.setReference = function (layers) {
    var self = this, seen = {};
    (layers || []).forEach(function (meta) {
      seen[meta.id] = true;
      var current = self.refLayers[meta.id];
      if (!current || current.meta.url !== meta.url) self.refLayers[meta.id] = {meta: meta, data: null, on: current ? current.on : false};
      else current.meta = meta;
    });
    Object.keys(this.refLayers).forEach(function (id) { if (!seen[id]) delete self.refLayers[id]; });
    if (!layers || !layers.length) { if (this.layerControl) { this.layerControl.remove(); this.layerControl = null; } return; }
    if (!this.layerControl) {
      var control = this.layerControl = L.control({position: 'topright'});
      control.onAdd = function () {
        var div = L.DomUtil.create('div', 'dash-layers');
        L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
        self.layerDiv = div;
        return div;
      };
      control.addTo(this.map);
    }
    // Folded by default (as Leaflet's own layer control): open, the list would cover the map's top right.
    var open = this.layerDiv.querySelector('details');
    var html = '<details' + (open && open.open ? ' open' : '') + '><summary>' + this.texts.layers +
      ' (' + layers.length + ')</summary>';
    layers.forEach(function (meta) {
      html += '<label><input type="checkbox" data-layer="' + meta.id + '"' + (self.refLayers[meta.id].on ? ' checked' : '') + '>' +
        '<span><span class="ref-swatch" style="background:' + meta.colour + '"></span> ' + meta.title +
        ' <span class="count">(' + meta.count_text + ')</span><small>' + meta.provenance + '</small></span></label>';
    });
    this.layerDiv.innerHTML = html + '</details>';
    this.layerDiv.querySelectorAll('input').forEach(function (box) {
      box.addEventListener('change', function () { self.toggleReference(box.dataset.layer, box.checked); });
    });
    this.refLegend();
  };

  ServiceMap.prototype.toggleReference = function (id, on) {
    var layer = this.refLayers[id], self = this;
    layer.on = on;
    this.refLegend();
    if (!on || layer.data) { this.canvasLayer.redraw(); return; }
    fetch(layer.meta.url).then(function (r) { return r.json(); }).then(function (p) {
      var n = p.lat.length, x = new Float64Array(n), y = new Float64Array(n);
      for (var i = 0; i < n; i++) { x[i] = mercX(p.lon[i] / 1e6); y[i] = mercY(p.lat[i] / 1e6); }
      layer.data = {count: n, x: x, y: y, name: p.name, popup: p.popup};
      self.canvasLayer.redraw();
    });
  };

  ServiceMap.prototype.refLegend = function () {
    if (!this.legendDiv) return;
    var html = '', self = this;
    Object.keys(this.refLayers).forEach(function (id) {
      var layer = self.refLayers[id];
      if (!layer.on) return;
      html += '<div class="row ref-legend-row" data-layer="' + id + '"><span class="ref-swatch" style="background:' +
        layer.meta.colour + '"></span><span>' + layer.meta.title + ' · ' + layer.meta.provenance + '</span></div>';
    });
    this.legendDiv.querySelector('.ref-legend').innerHTML = html ? '<h4 style="margin-top:6px">' + this.texts.layers + '</h4>' + html : '';
  };

  ServiceMap.prototype.run = function (command) {
    if (!command || command.n <= this.lastCommand) return;
    this.lastCommand = command.n;
    if (command.bbox) {
      var b = command.bbox;
      this.map.fitBounds([[b[1], b[0]], [b[3], b[2]]], {padding: [30, 30], maxZoom: 17});
    } else if (command.center) {
      this.map.setView(command.center, Math.max(this.map.getZoom(), command.zoom || 16));
    }
  };

  ServiceMap.prototype.render = function (args) {
    this.texts = args.texts;
    // Renders that arrive while the data loads only update these; the newest is applied once it is in.
    this.lastArgs = args;
    if (!this.map) this.create(args);
    if (args.data_url !== this.dataUrl || (args.timeline_url || null) !== (this.timelineUrl || null)) {
      var self = this;
      this.pendingMask = args.mask;
      this.timelineUrl = args.timeline_url || null;
      this.load(args.data_url, this.timelineUrl).then(function () { if (self.dataUrl) self.afterData(self.lastArgs); });
    } else {
      this.applyMask(args.mask);
      this.afterData(args);
    }
    this.setReference(args.reference);
  };

  ServiceMap.prototype.afterData = function (args) {
    if (!this.data) return;
    if (this.playback) this.playback.update(args);
    this.applyMask(args.mask);
    var changed = this.selected !== args.selected || this.selectedArea !== args.selected_area;
    this.selected = args.selected; this.selectedArea = args.selected_area;
    if (changed) { this.styleAreas(); this.canvasLayer.redraw(); if (this.shapeGroup) this.shapeGroup.resetStyle(); }
    this.run(args.command);
  };

  // ---- wiring ----
  var serviceMap = null, height = null;
  window.addEventListener('message', function (event) {
    if (!event.data || event.data.type !== 'streamlit:render') return;
    var args = event.data.args;
    var extra = args.timeline_url && window.SvcPlayback ? window.SvcPlayback.BAR_HEIGHT : 0;
    if (height !== args.height + extra) {
      height = args.height + extra;
      document.getElementById('map').style.height = args.height + 'px';
      send('streamlit:setFrameHeight', {height: height});
    }
    if (!serviceMap) serviceMap = window.svcMap = new ServiceMap(document.getElementById('map'));
    serviceMap.render(args);
  });
  send('streamlit:componentReady', {apiVersion: 1});
})();
