// Safety step: as soon as an urgent question is answered "Yes" (or answers that are urgent only
// together, named in data-urgent-with, are all "Yes"), show the emergency advice right below the
// question just answered, where the client is looking, and scroll it into view if it is not; it is
// a role="alert" region, so screen readers announce it. Without JavaScript the server places the
// same advice below the urgent answer when the page comes back, and at the top of the next page.
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

  function urgentNow() {
    var alone = form.querySelector('input[data-urgent][value="yes"]:checked');
    var together = form.querySelectorAll('input[data-urgent-with][value="yes"]:checked');
    return !!alone || Array.prototype.some.call(together, urgentTogether);
  }

  function questionOf(input) {
    return input.closest("[id^='div_id_']") || input.closest("fieldset") || input;
  }

  function isUrgentYes(input) {
    if (input.value !== "yes" || !input.checked) return false;
    return input.hasAttribute("data-urgent") || (
      input.hasAttribute("data-urgent-with") && urgentTogether(input));
  }

  function show(afterInput) {
    var wasHidden = advice.hidden;
    var question = questionOf(afterInput);
    if (question.nextElementSibling !== advice) {
      question.parentNode.insertBefore(advice, question.nextSibling);
    }
    advice.hidden = false;
    if (wasHidden) {
      // Re-set the text so that every screen reader announces the alert it has just seen appear.
      var text = advice.querySelector("[data-urgent-text]");
      if (text) text.textContent = text.textContent;
    }
    var box = advice.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      advice.scrollIntoView({block: "nearest"});
    }
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches || !target.matches("input[data-urgent], input[data-urgent-with]")) return;
    if (isUrgentYes(target)) {
      show(target);
    } else if (!urgentNow()) {
      advice.hidden = true;
    }
  });
  if (!urgentNow()) advice.hidden = true;
})();
