// The ALTCHA widget's "external" build injects no styles and no inline workers (strict CSP):
// its stylesheet is linked from the page and its proof-of-work worker is our own static file.
(function () {
  "use strict";
  var widget = document.querySelector("altcha-widget[data-worker]");
  if (!widget || !window.$altcha) { return; }
  var url = widget.getAttribute("data-worker");
  ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"].forEach(function (name) {
    window.$altcha.algorithms.set(name, function () { return new Worker(url); });
  });
})();
