// An always-visible legend (`cfg.html` built from escaped labels by geo.mapping).
(function (map, cfg) {
  var legend = L.control({position: 'bottomleft'});  // the sea lies south-west of the city
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'dash-legend');
    div.innerHTML = cfg.html;
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
})(__MAP__, __CONFIG__);
