// A public reference layer as small circles on one canvas, each with its escaped popup (kiosk, briefing);
// geo.mapping.elements fills in `cfg` (positions in microdegrees).
(function (map, cfg) {
  var p = cfg.payload, renderer = L.canvas({padding: 0.3});
  var group = L.featureGroup();
  for (var i = 0; i < p.lat.length; i++) {
    L.circleMarker([p.lat[i] / 1e6, p.lon[i] / 1e6], {renderer: renderer, radius: cfg.radius, weight: 1.5,
      color: '#222', fillColor: cfg.colour, fillOpacity: 1}).bindPopup(p.popup[i]).addTo(group);
  }
  group.addTo(map);
})(__MAP__, __CONFIG__);
