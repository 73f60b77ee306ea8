// บริการประชาชน: pick the location on a map instead of typing coordinates. The form works without this
// file (the latitude and longitude boxes stay); with it, a tap on the map fills them. Settings come from a
// JSON block (json_script): the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var holder = document.getElementById("location-picker");
  var dataElement = document.getElementById("location-picker-data");
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (!holder || !dataElement || !lat || !lng || typeof window.L === "undefined") return;
  var data = JSON.parse(dataElement.textContent);
  var L = window.L;
  holder.hidden = false;
  var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : data.center;
  var map = L.map(holder.querySelector(".services-map"), { scrollWheelZoom: false }).setView(start, data.zoom);
  L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: data.tiles.maxZoom }).addTo(map);
  var marker = lat.value && lng.value ? L.marker(start).addTo(map) : null;
  map.on("click", function (event) {
    var point = event.latlng;
    lat.value = point.lat.toFixed(6);
    lng.value = point.lng.toFixed(6);
    if (marker) marker.setLatLng(point);
    else marker = L.marker(point).addTo(map);
  });
})();
