// A full-screen button in a few lines of our own (the usual plugin would come from a CDN);
// geo.mapping.elements fills in `cfg.title`.
(function (map, cfg) {
  var control = L.control({position: 'topleft'});
  control.onAdd = function (map) {
    var button = L.DomUtil.create('a', 'leaflet-bar dash-fullscreen');
    button.href = '#'; button.title = cfg.title; button.setAttribute('role', 'button');
    button.setAttribute('aria-label', cfg.title);
    button.innerHTML = '<svg width="18" height="18" viewBox="0 0 24 24" style="margin-top:8px" fill="none" ' +
      'stroke="#222" stroke-width="2.5"><path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>';
    button.style.cssText = 'display:block;width:34px;height:34px;line-height:34px;text-align:center;' +
      'font-size:20px;background:#fff;color:#222;text-decoration:none';
    L.DomEvent.on(button, 'click', function (e) {
      L.DomEvent.preventDefault(e);
      var root = document.documentElement;
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (root.requestFullscreen) { root.requestFullscreen(); }
    });
    document.addEventListener('fullscreenchange', function () {
      var mapDiv = map.getContainer();
      mapDiv.style.height = document.fullscreenElement ? '100vh' : '';
      setTimeout(function () { map.invalidateSize(); }, 200);
    });
    return button;
  };
  control.addTo(map);
})(__MAP__, __CONFIG__);
