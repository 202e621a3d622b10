// The kiosk: after data-kiosk-idle-seconds without a tap or key, post the reset form (the
// server forgets the client; the start screen comes back empty). On the start screen, ask
// every few seconds whether the front desk has sent someone (data-kiosk-status-url).
(function () {
  "use strict";
  var body = document.body;
  var idleMs = (parseFloat(body.getAttribute("data-kiosk-idle-seconds")) || 120) * 1000;
  var form = document.getElementById("kiosk-reset-form");
  var timer = null;

  function reset() {
    if (!form) { return; }
    form.querySelector("input[name=reason]").value = "idle";
    form.submit();
  }
  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, idleMs);
  }
  ["pointerdown", "keydown", "input", "touchstart", "scroll", "change"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  restart();

  var statusUrl = body.getAttribute("data-kiosk-status-url");
  if (statusUrl) {
    window.setInterval(function () {
      window.fetch(statusUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.ready) { window.location.reload(); } })
        .catch(function () {});
    }, 3000);
  }
})();
