// The map fits `cfg.bounds` ([[south, west], [north, east]]) again whenever its box changes size (a kiosk
// frame that grows or turns): Leaflet keeps its zoom when its container grows (geo.mapping.elements).
(function (map, cfg) {
  var bounds = cfg.bounds;
  var size = '';
  // Fit, then check on the next frame that the zoom is the one this size asks for (a fit can be
  // dropped while Leaflet is still busy with the previous one); a few tries at most.
  function fit(tries) {
    map.invalidateSize({pan: false});
    map.fitBounds(bounds, {animate: false});
    if (tries > 0) {
      requestAnimationFrame(function () {
        if (map.getZoom() !== map.getBoundsZoom(bounds)) { fit(tries - 1); }
      });
    }
  }
  function refit() {
    var box = map.getContainer();
    var now = box.clientWidth + 'x' + box.clientHeight;
    if (now === size || !box.clientWidth || !box.clientHeight) return;
    size = now;
    fit(5);
  }
  if (window.ResizeObserver) { new ResizeObserver(refit).observe(map.getContainer()); }
  else { window.addEventListener('resize', refit); }
})(__MAP__, __CONFIG__);
