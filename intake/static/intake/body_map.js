// Body map: tapping, clicking, Enter or Space on a region toggles the matching checkbox in the
// labelled list that sits next to the map (the list works alone without JavaScript) and keeps
// aria-pressed in sync both ways. The per-region sensation/intensity fieldset is shown by CSS
// (:has(:checked)) and, for older browsers, by the `hidden` attribute set here.
(function () {
  "use strict";

  function init(map) {
    var scope = map.closest("form") || document;
    // Without JavaScript the page shows a static picture and the checkbox list alone;
    // the tappable map is revealed only when this script runs.
    var wrap = map.closest("[data-body-map-wrap]");
    if (wrap) wrap.hidden = false;

    function checkbox(code) {
      var boxes = scope.querySelectorAll('input[type="checkbox"][name$="regions"]');
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].value === code) return boxes[i];
      }
      return null;
    }

    function sync(code) {
      var box = checkbox(code);
      var on = !!(box && box.checked);
      var shape = map.querySelector('[data-region="' + code + '"]');
      if (shape) shape.setAttribute("aria-pressed", on ? "true" : "false");
      var detail = scope.querySelector('[data-region-detail="' + code + '"]');
      if (detail) detail.hidden = !on;
    }

    function toggle(shape) {
      var code = shape.getAttribute("data-region");
      var box = checkbox(code);
      if (!box) return;
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      sync(code);
      var status = scope.querySelector("[data-body-map-status]");
      if (status) {
        status.textContent = box.checked
          ? shape.getAttribute("aria-label") + " selected: choose what you feel there in the list."
          : shape.getAttribute("aria-label") + " no longer selected.";
      }
    }

    map.querySelectorAll("[data-region]").forEach(function (shape) {
      shape.addEventListener("click", function () {
        toggle(shape);
      });
      shape.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          toggle(shape);
        }
      });
      sync(shape.getAttribute("data-region"));
    });

    scope.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches && target.matches('input[type="checkbox"][name$="regions"]')) {
        sync(target.value);
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-body-map]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
