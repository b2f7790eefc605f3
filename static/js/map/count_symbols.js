// The count symbols (geo.mapping.counts fills in `cfg`): a ring per 동 as a marker that takes no clicks, its label
// below, the key in `cfg.corner`. The map's box gets data-count-symbols and data-count-total once they are
// drawn, and data-count-labels after each declutter (what the page shows, for tests and checks).
(function (map, cfg) {
  var symbols = cfg.symbols, total = 0;
  symbols.forEach(function (s, order) {
    total += s.total;
    var html = s.svg + '<div class="count-label">' + s.name + '<br><b>' + s.count + '</b></div>';
    // Larger counts first, so a small neighbour's symbol stays on top; the areas' names stay above them all.
    L.marker([s.lat, s.lon], {interactive: false, keyboard: false, zIndexOffset: (order - symbols.length) * 1000,
      icon: L.divIcon({className: 'count-symbol', html: html, iconSize: [s.size, s.size],
                       iconAnchor: [s.size / 2, s.size / 2]})}).addTo(map);
  });
  var key = L.control({position: cfg.corner});
  key.onAdd = function () {
    var div = L.DomUtil.create('div', 'dash-legend count-key');
    div.innerHTML = cfg.key;
    return div;
  };
  key.addTo(map);
  // A label that would overlap the key, an area's name, another ring or a larger count's label is hidden (its
  // ring still shows the count's size). Checked again after every change of view, once Leaflet has placed the
  // markers (the kiosk re-fits on resize and rotation).
  function overlaps(r, o) { return r.left < o.right + 2 && r.right > o.left - 2 && r.top < o.bottom + 2 && r.bottom > o.top - 2; }
  // A ring is a circle: a label may pass its bounding box's corners.
  function touchesRing(r, o) {
    var cx = (o.left + o.right) / 2, cy = (o.top + o.bottom) / 2, radius = (o.right - o.left) / 2;
    var dx = Math.max(r.left - cx, 0, cx - r.right), dy = Math.max(r.top - cy, 0, cy - r.bottom);
    return dx * dx + dy * dy < (radius + 2) * (radius + 2);
  }
  function declutter() {
    var box = map.getContainer(), frame = box.getBoundingClientRect(), taken = [], shown = 0;
    box.querySelectorAll('.dash-legend, .area-label span').forEach(function (el) { taken.push(el.getBoundingClientRect()); });
    var rings = Array.prototype.map.call(box.querySelectorAll('.count-symbol svg'), function (el) { return el.getBoundingClientRect(); });
    box.querySelectorAll('.count-symbol .count-label').forEach(function (label, own) {
      label.style.visibility = '';
      // The first side that is free, in the order of geo.mapping.counts.LABEL_SIDES (below, above, right, left,
      // then the corners; 'below' is the label's own place, with no rule of its own in the CSS).
      var place = cfg.sides.find(function (side) {
        label.className = 'count-label ' + side;
        var r = label.getBoundingClientRect();
        return !(r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom ||
          taken.some(function (o) { return overlaps(r, o); }) ||
          rings.some(function (o, k) { return k !== own && touchesRing(r, o); }));
      });
      if (place === undefined) { label.className = 'count-label'; label.style.visibility = 'hidden'; return; }
      taken.push(label.getBoundingClientRect()); shown++;
    });
    box.dataset.countLabels = String(shown);
  }
  var pending = null;
  map.on('zoomend moveend resize viewreset', function () {
    cancelAnimationFrame(pending); pending = requestAnimationFrame(declutter);
  });
  declutter();
  map.getContainer().dataset.countSymbols = String(symbols.length);
  map.getContainer().dataset.countTotal = String(total);
})(__MAP__, __CONFIG__);
