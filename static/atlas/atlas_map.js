/*
 * 脱贫攻坚地图 — county choropleth layer (first-party, no build step).
 *
 * The county boundaries are a static TopoJSON file (built once by geo/boundaries.py and
 * cached by the browser); each Streamlit rerun only sends the small per-county styling
 * arrays in `opts`, aligned with the topology's feature order. Province, contiguous-area
 * and 832 outlines are meshes of the same topology, so neighbours share exact edges.
 *
 * Texts come in `opts` in the page's language (`opts.labels`, `opts.lang`); in English a place
 * name is followed by its pinyin (`py` property of the topology, `opts.pinyin` for prefectures
 * and provinces).
 *
 * Loaded synchronously on purpose: streamlit-folium attaches its click handlers to the
 * map's layers right after this script runs, so the layer must exist by then.
 */
(function () {
  "use strict";

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  function esc(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  function getJson(url) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, false);
    xhr.send(null);
    if (xhr.status !== 200) {
      throw new Error("atlas: cannot load " + url + " (HTTP " + xhr.status + ")");
    }
    return JSON.parse(xhr.responseText);
  }

  function row(label, value) {
    return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>";
  }

  // A place name as shown: "阜平县" in Chinese, "阜平县 (Fuping Xian)" in English.
  function placeName(name, pinyin, opts) {
    return opts.lang === "en" && name && pinyin && pinyin !== name ? name + " (" + pinyin + ")" : name;
  }

  function tooltipHtml(props, i, opts) {
    var L_ = opts.labels;
    var pinyin = opts.pinyin || {};
    var exit = opts.exit.charAt(i);
    var area = opts.area[i];
    var html = '<table class="atlas-tip">' +
      row(L_.name, placeName(props.name, props.py, opts)) +
      row(L_.pref, props.pref ? placeName(props.pref, pinyin[props.pref], opts) : "—") +
      row(L_.prov, placeName(props.prov, pinyin[props.prov], opts));
    if (opts.indicator) {
      html += row(opts.indicator, opts.val[i] || L_.noData);
    }
    html += row(L_.exit, exit === "-" ? L_.notPoor : L_.year.replace("{year}", 2015 + parseInt(exit, 10)));
    var note = (opts.evidenceLabels || {})[(opts.evidence || "").charAt(i)] || "";
    html += row(L_.area, area >= 0 ? opts.areaNames[area] + note : "—");
    return html + "</table>";
  }

  function styleFor(i, opts) {
    var cls = opts.cls.charAt(i);
    var inSelection = opts.sel.charAt(i) === "1";
    if (!inSelection) {
      return { fillColor: opts.outside, fillOpacity: 1, color: "#ffffff", weight: 0.3 };
    }
    var fill = cls === "-" ? opts.noData : opts.colors[parseInt(cls, 36)];
    return { fillColor: fill, fillOpacity: 0.92, color: "#ffffff", weight: 0.4 };
  }

  // Buttons that jump to the mainland view or the full extent with the South China Sea islands.
  function addExtentControl(map, extents) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar atlas-extents");
      extents.forEach(function (extent) {
        var button = L.DomUtil.create("a", "", bar);
        button.href = "#";
        button.textContent = extent.label;
        button.title = extent.title || extent.label;
        L.DomEvent.on(button, "click", function (e) {
          L.DomEvent.preventDefault(e);
          L.DomEvent.stopPropagation(e);
          map.fitBounds(extent.bounds);
        });
      });
      return bar;
    };
    control.addTo(map);
  }

  window.atlasCountyMap = function (map, opts) {
    var topo = getJson(opts.topology);
    var object = topo.objects[opts.object];
    var features = topojson.feature(topo, object).features;
    if (features.length !== opts.cls.length) {
      throw new Error("atlas: topology has " + features.length + " counties, styling " + opts.cls.length);
    }
    var indexOf = {};
    object.geometries.forEach(function (g, i) {
      g.properties._i = i;
      indexOf[g.properties.adcode] = i;
    });
    features.forEach(function (f, i) {
      f.properties._i = i;
    });

    var counties = L.geoJSON(features, {
      style: function (f) {
        return styleFor(f.properties._i, opts);
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(tooltipHtml(f.properties, f.properties._i, opts), { sticky: true });
      },
    }).addTo(map);
    counties.eachLayer(function (layer) {
      layer.on("mouseover", function () {
        layer.setStyle({ weight: 2, color: "#b3261e" });
      });
      layer.on("mouseout", function () {
        counties.resetStyle(layer);
        highlightSelected();
      });
    });

    var selected = null;
    function highlightSelected() {
      if (selected) {
        selected.setStyle({ weight: 2.5, color: "#b3261e" });
        selected.bringToFront();
      }
    }
    function select(layer) {
      if (selected && selected !== layer) {
        counties.resetStyle(selected);
      }
      selected = layer;
      highlightSelected();
    }
    counties.on("click", function (e) {
      select(e.layer);
    });
    if (opts.selected && indexOf[opts.selected] !== undefined) {
      counties.eachLayer(function (layer) {
        if (layer.feature.properties.adcode === opts.selected) {
          select(layer);
        }
      });
    }

    function code(g) {
      return g.properties.adcode;
    }
    function mesh(filter, style) {
      return L.geoJSON(topojson.mesh(topo, object, filter), { style: style, interactive: false });
    }
    var overlays = {};
    overlays[opts.layerNames.provinces] = mesh(function (a, b) {
      return a !== b && code(a).slice(0, 2) !== code(b).slice(0, 2);
    }, { color: "#444444", weight: 0.9, fill: false });

    var areaOf = function (g) {
      return opts.area[g.properties._i];
    };
    var areas = mesh(function (a, b) {
      return (areaOf(a) >= 0 || areaOf(b) >= 0) && areaOf(a) !== areaOf(b) || (a === b && areaOf(a) >= 0);
    }, { color: "#7b2d8b", weight: 1.6, fill: false, dashArray: "5 3" });
    var areaGroup = L.featureGroup([areas]);
    (opts.areaLabels || []).forEach(function (label) {
      L.tooltip({ permanent: true, direction: "center", className: "atlas-area-label", interactive: false })
        .setLatLng([label.lat, label.lon])
        .setContent(esc(label.name))
        .addTo(areaGroup);
    });
    overlays[opts.layerNames.areas] = areaGroup;

    var is832 = function (g) {
      return opts.exit.charAt(g.properties._i) !== "-";
    };
    overlays[opts.layerNames.outline832] = mesh(function (a, b) {
      return a === b ? is832(a) : is832(a) !== is832(b);
    }, { color: "#b3261e", weight: 1.1, fill: false });

    overlays[opts.layerNames.borders] = L.geoJSON(getJson(opts.borders), {
      style: { color: "#222222", weight: 1.3 },
      interactive: false,
    });

    Object.keys(overlays).forEach(function (name) {
      if (opts.visible.indexOf(name) >= 0) {
        overlays[name].addTo(map);
      }
    });
    L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    addExtentControl(map, opts.extents);
    // streamlit-folium sizes its iframe (possibly in steps) after this script runs: refit on
    // every resize until the user first drags, zooms or clicks, or the view is off.
    var target = opts.fit || opts.extents[0].bounds;
    var touched = false;
    ["pointerdown", "wheel", "keydown"].forEach(function (type) {
      map.getContainer().addEventListener(type, function () {
        touched = true;
      });
    });
    map.fitBounds(target, { animate: false });
    map.on("resize", function () {
      if (!touched && map.getSize().y > 0) {
        map.fitBounds(target, { animate: false });
      }
    });
    return counties;
  };
})();
