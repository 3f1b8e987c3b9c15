// Starts the design system's components. Loaded as a file: the CSP allows no inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // The language menu submits itself when JavaScript is on; without it the button does.
  document.querySelectorAll(".kv-language-select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
