// Referral step: the physician's and the referral's details are shown only while "Did a
// physician refer you?" is not answered "No". Without JavaScript they stay on the page, optional,
// and are ignored when the answer is "No".
(function () {
  "use strict";
  var details = document.querySelector("[data-referral-details]");
  if (!details) return;
  var form = details.closest("form") || document;
  var note = details.querySelector("[data-referral-no-js]");
  if (note) note.hidden = true;

  function update() {
    details.hidden = !!form.querySelector('input[name="referred"][value="no"]:checked');
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "referred") update();
  });
  update();
})();
