// crp-checker: the only script. Pages work without it; it adds a progress message while a
// plan is being checked (so nobody submits twice) and moves focus to error summaries.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll("form.check-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var progress = form.querySelector(".progress");
      if (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      }
      if (progress) {
        progress.hidden = false;
        progress.textContent = form.getAttribute("data-busy-message") || "Checking...";
      }
      form.setAttribute("aria-busy", "true");
    });
  });
});
