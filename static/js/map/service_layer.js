// Point services of one domain drawn from one compact array (geo.mapping.elements fills in `cfg`):
// each row is [lat, lon, icon_index, tooltip_html, popup_html], texts escaped in Python; clustered when
// `cfg.cluster`. Returns the layer group (folium's layer control names it).
(function (map, cfg) {
  var icons = cfg.icons;
  var rows = cfg.rows;
  var group = cfg.cluster
    ? L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50})
    : L.featureGroup();
  var sizes = cfg.sizes;
  var divIcons = icons.map(function (svg, k) {
    return L.divIcon({html: svg, className: 'svc-icon', iconSize: [sizes[k], sizes[k]],
                      iconAnchor: [sizes[k] / 2, sizes[k] / 2]});
  });
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var m = L.marker([r[0], r[1]], {icon: divIcons[r[2]], keyboard: false});
    m._svcTip = r[3];
    if (r[4]) { m.bindPopup(r[4], {maxWidth: 380, className: 'svc-stack-popup'}); }
    markers[i] = m;
  }
  // Tooltips are bound when first needed: 100,000 tooltip objects up front would stall the page.
  function ensureTip(e) {
    var m = e.layer || e.sourceTarget;
    if (m && m._svcTip && !m._tooltip) { m.bindTooltip(m._svcTip, {direction: 'top'}); }
  }
  group.on('mouseover', function (e) { ensureTip(e); if (e.layer && e.layer.openTooltip) e.layer.openTooltip(); });
  group.on('click', ensureTip);
  if (group.addLayers) { group.addLayers(markers); } else { markers.forEach(function (m) { group.addLayer(m); }); }
  if (cfg.show) { group.addTo(map); }
  return group;
})(__MAP__, __CONFIG__);
