// Safety step: as soon as an urgent question is answered "Yes" (or answers that are urgent only
// together, named in data-urgent-with, are all "Yes"), show the emergency advice. The server shows
// it again on the next page and after submitting, with or without JavaScript.
(function () {
  "use strict";
  var advice = document.querySelector("[data-urgent-advice]");
  if (!advice) return;
  var form = advice.closest("form") || document;

  function yes(name) {
    return !!form.querySelector('input[name="' + name + '"][value="yes"]:checked');
  }

  function urgentTogether(input) {
    return input.getAttribute("data-urgent-with").split(" ").every(yes);
  }

  function update() {
    var urgent = form.querySelector('input[data-urgent][value="yes"]:checked');
    var together = form.querySelectorAll('input[data-urgent-with][value="yes"]:checked');
    advice.hidden = !urgent && !Array.prototype.some.call(together, urgentTogether);
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("input[data-urgent], input[data-urgent-with]")) update();
  });
  update();
})();
