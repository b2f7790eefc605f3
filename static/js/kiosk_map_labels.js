// The kiosk map's area labels keep clear of the legend (and the other corner controls) and inside the map's frame:
// after every fit, zoom or resize each label is measured and, where it meets a control or the frame's edge, moved
// the least distance (beside or under the control, in from the edge). cfg.margin: the gap kept, in CSS px.
(function (cfg) {
  var margin = cfg.margin;

  function meets(a, b) {
    return a.left < b.right + margin && a.right > b.left - margin && a.top < b.bottom + margin && a.bottom > b.top - margin;
  }

  function place(span, frame, controls) {
    span.style.translate = "";
    var box = span.getBoundingClientRect();
    if (!box.width) { return; }
    var dx = 0, dy = 0;
    // In from the frame's edges (a label at the map's right edge was cut).
    if (box.right > frame.right - margin) { dx = frame.right - margin - box.right; }
    if (box.left + dx < frame.left + margin) { dx = frame.left + margin - box.left; }
    if (box.top < frame.top + margin) { dy = frame.top + margin - box.top; }
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      var moved = {left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy};
      if (!meets(moved, c)) { continue; }
      // Beside the control (right of it) or under it, whichever is the shorter move and stays in the frame.
      var right = c.right + margin - moved.left, down = c.bottom + margin - moved.top;
      var up = c.top - margin - moved.bottom, left = c.left - margin - moved.right;
      // A move that lands on another control (the scale above the legend) is no way out.
      var options = [[right, 0], [0, down], [0, up], [left, 0]].filter(function (o) {
        var to = {left: moved.left + o[0], right: moved.right + o[0], top: moved.top + o[1], bottom: moved.bottom + o[1]};
        return to.left >= frame.left && to.right <= frame.right && to.top >= frame.top && to.bottom <= frame.bottom
          && !controls.some(function (other) { return meets(to, other); });
      });
      options.sort(function (a, b) { return Math.abs(a[0]) + Math.abs(a[1]) - Math.abs(b[0]) - Math.abs(b[1]); });
      if (options.length) { dx += options[0][0]; dy += options[0][1]; }
    }
    if (dx || dy) { span.style.translate = Math.round(dx) + "px " + Math.round(dy) + "px"; }
  }

  function fit(map) {
    var container = map.getContainer();
    var frame = container.getBoundingClientRect();
    var controls = Array.prototype.map.call(
      container.querySelectorAll(".leaflet-control-container .leaflet-control"),
      function (c) { return c.getBoundingClientRect(); }
    ).filter(function (r) { return r.width && r.height; });
    container.querySelectorAll(".area-label span").forEach(function (span) { place(span, frame, controls); });
  }

  function start() {
    Object.keys(window).forEach(function (name) {
      var map = window[name];
      if (name.indexOf("map_") !== 0 || !window.L || !(map instanceof window.L.Map)) { return; }
      var again = function () { window.requestAnimationFrame(function () { fit(map); }); };
      map.on("zoomend moveend resize viewreset", again);
      window.addEventListener("resize", again);
      again();
      window.setTimeout(again, 500);  // the web fonts and the legend may settle after the first fit
    });
  }

  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
})(__CONFIG__);
