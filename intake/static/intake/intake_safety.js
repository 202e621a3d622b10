// Safety step: as soon as an urgent question is answered "Yes", show the emergency advice
// (the server shows it again on the next page and after submitting, with or without JavaScript).
(function () {
  "use strict";
  var advice = document.querySelector("[data-urgent-advice]");
  if (!advice) return;
  var form = advice.closest("form") || document;

  function update() {
    var urgent = form.querySelector('input[data-urgent][value="yes"]:checked');
    advice.hidden = !urgent;
  }

  form.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[data-urgent]")) update();
  });
  update();
})();
