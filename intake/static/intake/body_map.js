// Body map: tapping, clicking, Enter or Space on a region toggles the matching checkbox in the
// labelled list beside the map (the list works alone without JavaScript) and keeps aria-pressed
// in sync both ways. Two kinds of map: the whole body ([data-body-map], the session note's
// "regions treated") and the intake's parts drawn large ([data-body-map-zoom]), each under a
// heading this script turns into a button that opens and closes the part. On a part's map,
// choosing an area moves to its questions (what you feel, how strong), just below the picture,
// and each sensation ticked is drawn over the area in its own colour and pattern (the
// patterns are the SVG's own <defs>, <map id>-pat-<sensation>). The per-region questions are
// shown by CSS (:has(:checked)) and, for older browsers, by the `hidden` attribute set here.
// Every word it shows comes from the page, in the page's language: what it says of an area is
// in the map's data-said-* attributes (the area's name put for %(area)s), a part's count in
// the #body-map-counts JSON list (the text for 0, 1, 2... areas chosen).
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var REGION_BOX = 'input[type="checkbox"][name$="regions"]';
  var MAP = "svg[data-body-map], svg[data-body-map-zoom]";
  var counts = null;

  // The text for `count` areas chosen in a part, as the page wrote it ("" for none).
  function counted(count) {
    if (counts === null) {
      var data = document.getElementById("body-map-counts");
      counts = data ? JSON.parse(data.textContent) : [];
    }
    return counts[count] || "";
  }

  // What the map says of an area: its data-said-<what>, with the area's name put in.
  function said(shape, what, name) {
    var map = shape.closest(MAP);
    var text = map ? map.getAttribute("data-said-" + what) : null;
    return text ? text.replace("%(area)s", name) : "";
  }

  function checkbox(scope, code) {
    var boxes = scope.querySelectorAll(REGION_BOX);
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value === code) return boxes[i];
    }
    return null;
  }

  // Redraw one region of a part's map: its fill, and one patterned copy per sensation ticked.
  function paint(scope, shape, on) {
    var map = shape.closest("svg[data-body-map-zoom]");
    if (!map) return;
    var code = shape.getAttribute("data-region");
    var old = shape.parentNode.querySelectorAll('[data-layer="' + code + '"]');
    for (var i = 0; i < old.length; i++) old[i].remove();
    shape.setAttribute("fill", map.getAttribute(on ? "data-chosen-fill" : "data-unmarked-fill"));
    shape.classList.toggle("bm-chosen", on);
    if (!on) return;
    var after = shape;
    scope.querySelectorAll('input[name="sens_' + code + '"]:checked').forEach(function (box) {
      var layer = document.createElementNS(SVG_NS, "polygon");
      layer.setAttribute("class", "bm-layer");
      layer.setAttribute("data-layer", code);
      layer.setAttribute("points", shape.getAttribute("points"));
      layer.setAttribute("fill", "url(#" + map.id + "-pat-" + box.value + ")");
      layer.setAttribute("pointer-events", "none");
      layer.setAttribute("aria-hidden", "true");
      after.after(layer);
      after = layer;
    });
  }

  function sync(scope, code) {
    var box = checkbox(scope, code);
    var on = !!(box && box.checked);
    scope.querySelectorAll('svg [data-region="' + code + '"][role="button"]').forEach(function (shape) {
      shape.setAttribute("aria-pressed", on ? "true" : "false");
      paint(scope, shape, on);
    });
    var detail = scope.querySelector('[data-region-detail="' + code + '"]');
    if (detail) detail.hidden = !on;
    var part = box && box.closest("[data-part]");
    if (part) {
      var count = part.querySelectorAll(REGION_BOX + ":checked").length;
      var label = part.querySelector("[data-part-count]");
      if (label) label.textContent = counted(count);
    }
  }

  function toggle(scope, shape) {
    var code = shape.getAttribute("data-region");
    var box = checkbox(scope, code);
    if (!box) return;
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    sync(scope, code);
    var name = shape.getAttribute("aria-label");
    var detail = scope.querySelector('[data-region-detail="' + code + '"]');
    var status = scope.querySelector("[data-body-map-status]");
    if (status) {
      status.textContent = said(shape, box.checked ? (detail ? "chosen-ask" : "chosen") : "unchosen", name);
    }
    // On a part's map the area's questions come next: bring them into view and move to them.
    if (box.checked && detail && shape.closest("svg[data-body-map-zoom]")) {
      detail.scrollIntoView({ block: "nearest", behavior: "instant" });
      var first = detail.querySelector("input");
      if (first) first.focus({ preventScroll: true });
    }
  }

  function initMap(scope, map) {
    var wrap = map.closest("[data-body-map-wrap]");
    if (wrap) wrap.hidden = false;
    map.querySelectorAll('[data-region][role="button"]').forEach(function (shape) {
      shape.addEventListener("click", function () {
        toggle(scope, shape);
      });
      shape.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          toggle(scope, shape);
        }
      });
      sync(scope, shape.getAttribute("data-region"));
    });
  }

  // A part's heading becomes a button that opens and closes the part; a part with a chosen
  // area starts open.
  function initPart(part) {
    var heading = part.querySelector("[data-part-heading]");
    var body = part.querySelector("[data-part-body]");
    if (!heading || !body) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bm-part-toggle";
    button.setAttribute("aria-controls", heading.getAttribute("data-controls"));
    while (heading.firstChild) button.appendChild(heading.firstChild);
    heading.appendChild(button);
    function show(open) {
      body.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    show(part.hasAttribute("data-open"));
    button.addEventListener("click", function () {
      show(body.hidden);
    });
  }

  function init(scope) {
    scope.querySelectorAll("[data-part]").forEach(initPart);
    scope.querySelectorAll(MAP).forEach(function (map) {
      initMap(scope, map);
    });
    scope.addEventListener("change", function (event) {
      var target = event.target;
      if (!target.matches) return;
      if (target.matches(REGION_BOX)) {
        sync(scope, target.value);
      } else if (target.matches('input[type="checkbox"][name^="sens_"]')) {
        sync(scope, target.name.slice(5));
      }
    });
  }

  function start() {
    var scopes = [];
    document.querySelectorAll(MAP).forEach(function (map) {
      var scope = map.closest("form") || document;
      if (scopes.indexOf(scope) < 0) scopes.push(scope);
    });
    scopes.forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
