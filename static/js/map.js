// The interactive tambon map (Leaflet). The page works without this file: the places are listed in plain
// HTML below the map, and the map section stays hidden. The data comes from a JSON block written by the
// server (json_script), because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var section = document.getElementById("map-live");
  var container = document.getElementById("places-map");
  var dataElement = document.getElementById("places-data");
  if (!section || !container || !dataElement || typeof window.L === "undefined") return;

  var data = JSON.parse(dataElement.textContent);
  if (!data.places.length) return;
  var L = window.L;

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function describe(place) {
    return place.village ? place.kind + " · หมู่ที่ " + place.village : place.kind;
  }

  // Built from text nodes, never from HTML strings: a place's name is whatever a clerk typed.
  function popupContent(place) {
    var box = make("div", "place-popup");
    box.append(make("strong", "place-popup__name", place.name), make("span", "place-popup__meta", describe(place)));
    var link = make("a", "place-popup__link", "ดูรายละเอียดในรายชื่อ");
    link.href = "#" + place.anchor;
    box.append(link);
    return box;
  }

  // Leaflet measures the container, so it must be visible (and laid out beside the list) first.
  section.hidden = false;
  section.parentElement.classList.add("map-layout--with-map");

  var map = L.map(container, { zoomControl: false });
  L.control.zoom({ zoomInTitle: "ขยายแผนที่", zoomOutTitle: "ย่อแผนที่" }).addTo(map);
  // The office's coordinates (a block of its own, drawn from the organisation's profile), else the places' middle.
  var centreElement = document.getElementById("map-centre");
  var centre = centreElement && JSON.parse(centreElement.textContent);
  map.setView(centre || data.placesCenter, data.zoom);

  // The tiles are only a background: when the tile server cannot be reached, the markers, the list and the
  // map images still work, and a note says why the background is blank.
  if (data.tiles.url) {
    var loadedTiles = 0;
    var note = make("p", "map-live__note", "โหลดภาพพื้นหลังแผนที่ไม่ได้ในขณะนี้ หมุดและรายชื่อสถานที่ยังใช้งานได้ตามปกติ");
    note.hidden = true;
    note.setAttribute("role", "status");
    container.insertAdjacentElement("afterend", note);
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: data.tiles.maxZoom })
      .on("tileload", function () {
        loadedTiles += 1;
        note.hidden = true;
        container.classList.remove("places-map--no-tiles");
      })
      .on("tileerror", function () {
        if (loadedTiles) return;
        note.hidden = false;
        container.classList.add("places-map--no-tiles");
      })
      .addTo(map);
  }

  // On a phone the map is barely wider than Leaflet's default popup: keep the popup inside the map.
  var popupOptions = {
    maxWidth: Math.max(160, Math.min(300, container.clientWidth - 80)),
    autoPanPadding: [16, 16],
  };
  var markers = {};
  var bounds = L.latLngBounds([]);
  data.places.forEach(function (place) {
    var marker = L.marker([place.lat, place.lng], { title: place.name, alt: place.name + " (" + describe(place) + ")" });
    marker.bindPopup(popupContent(place), popupOptions);
    marker.addTo(map);
    markers[place.id] = marker;
    bounds.extend(marker.getLatLng());
  });
  // The configured centre and zoom are kept unless they would leave a place out of sight.
  if (!map.getBounds().contains(bounds)) {
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: data.zoom });
  }

  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", "ปิดกล่องข้อมูล");
  });

  // Each entry of the list can point out its place on the map.
  document.querySelectorAll(".place[data-place-id]").forEach(function (item) {
    var marker = markers[item.getAttribute("data-place-id")];
    var links = item.querySelector(".place__links");
    if (!marker || !links) return;
    // The visible words stay the start of the accessible name (WCAG 2.5.3, for voice control); the place's
    // name follows for screen readers, in text hidden from sight, never in an aria-label that replaces them.
    var button = make("button", "place__show", "ดูบนแผนที่");
    button.type = "button";
    var name = item.querySelector(".place__name");
    if (name) button.append(make("span", "visually-hidden", " (" + name.firstChild.textContent.trim() + ")"));
    button.addEventListener("click", function () {
      section.scrollIntoView({ block: "start" });
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), data.zoom));
      marker.openPopup();
      var icon = marker.getElement();
      if (icon) icon.focus({ preventScroll: true });
    });
    links.append(button);
  });
})();
