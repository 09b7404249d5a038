/* The maps of actors, drawn with Leaflet from what the page says in data-* attributes.
 *
 * #actors-map: the clusters of a search, fetched from the server for each viewport (the server
 * groups millions of actors into a few hundred cells, so the browser never holds them).
 * #actor-map: the point of one actor.
 * Without a tile server configured, the points are drawn on a plain background.
 */
(function () {
  "use strict";

  var FRANCE = [[41.3, -5.2], [51.1, 9.6]];

  function baseMap(element) {
    var data = element.dataset;
    var map = L.map(element, {
      zoomControl: false,
      maxZoom: Number(data.maxZoom || 18),
      minZoom: 2,
      worldCopyJump: true
    });
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (data.tilesUrl) {
      L.tileLayer(data.tilesUrl, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  function formatCount(count) {
    return count.toLocaleString(document.documentElement.lang || "fr");
  }

  function shortCount(count) {
    if (count >= 1000000) return Math.round(count / 100000) / 10 + " M";
    if (count >= 10000) return Math.round(count / 1000) + " k";
    if (count >= 1000) return Math.round(count / 100) / 10 + " k";
    return String(count);
  }

  function clustersMap(element) {
    var data = element.dataset;
    var map = baseMap(element);
    var layer = L.layerGroup().addTo(map);
    var status = document.getElementById("actors-map-status");
    var request = 0;
    var fitted = false;

    function draw(collection) {
      layer.clearLayers();
      var bounds = [];
      collection.features.forEach(function (feature) {
        var point = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
        var properties = feature.properties;
        var count = properties.count;
        var size = count < 10 ? 28 : count < 1000 ? 36 : count < 100000 ? 44 : 52;
        var label = (properties.name ? properties.name : data.zoneLabel) + " : " +
          formatCount(count) + " " + (count > 1 ? data.actorsLabel : data.actorLabel);
        var marker = L.marker(point, {
          icon: L.divIcon({
            className: "ouvert-cluster",
            html: shortCount(count),
            iconSize: [size, size]
          }),
          title: label,
          keyboard: true,
          riseOnHover: true
        });
        marker.on("click keypress", function () {
          if (properties.url) {
            window.location.href = properties.url;
          } else {
            map.setView(point, Math.min(map.getZoom() + 2, map.getMaxZoom()));
          }
        });
        layer.addLayer(marker);
        bounds.push(point);
      });
      if (status) {
        status.textContent = formatCount(collection.total) + " " +
          (collection.total > 1 ? data.actorsLabel : data.actorLabel) +
          (collection.estimated ? " (estimation)" : "");
      }
      return bounds;
    }

    function load() {
      var current = ++request;
      var separator = data.clustersUrl.indexOf("?") === -1 ? "?" : "&";
      var url = data.clustersUrl + separator + "bbox=" + map.getBounds().toBBoxString() +
        "&zoom=" + map.getZoom();
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          if (current !== request) return;  // a newer viewport was asked for meanwhile
          var bounds = draw(collection);
          // A search narrowed to a place opens on it, once.
          if (!fitted && bounds.length && /(region|departement|commune)=/.test(data.clustersUrl)) {
            fitted = true;
            map.fitBounds(bounds, { maxZoom: 12, padding: [30, 30] });
          }
        });
    }

    map.on("moveend", load);
    map.fitBounds(FRANCE);
  }

  function pointMap(element) {
    var data = element.dataset;
    var map = baseMap(element);
    var point = [Number(data.latitude), Number(data.longitude)];
    L.marker(point, {
      icon: L.divIcon({ className: "ouvert-cluster ouvert-cluster--point", html: "", iconSize: [20, 20] }),
      title: data.label,
      keyboard: false,
      interactive: false
    }).addTo(map);
    map.setView(point, 12);
  }

  var clusters = document.getElementById("actors-map");
  if (clusters && window.L) clustersMap(clusters);
  var single = document.getElementById("actor-map");
  if (single && window.L) pointMap(single);
})();
