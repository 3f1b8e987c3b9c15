// Starts the design system's components. Loaded as a file: the CSP allows no inline scripts.

// A wide table scrolls sideways inside .kv-table-wrap on a narrow screen: such a scrolling
// region must be reachable with the keyboard (WCAG 2.1.1), so it becomes a named, focusable
// region while (and only while) it actually scrolls.
function kvMarkScrollingTables(root) {
  (root || document).querySelectorAll(".kv-table-wrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      var caption = wrap.querySelector("caption");
      var heading = wrap.previousElementSibling;
      var label = caption ? caption.textContent : "";
      if (!label && heading && /^H[1-6]$/.test(heading.tagName)) {
        label = heading.textContent;
      }
      wrap.setAttribute("tabindex", "0");
      wrap.dataset.kvScrolls = "1";
      if (label.trim() && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label.trim());
      }
    } else if (wrap.dataset.kvScrolls) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      delete wrap.dataset.kvScrolls;
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // The language menu submits itself when JavaScript is on; without it the button does.
  document.querySelectorAll(".kv-language-select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  kvMarkScrollingTables(document);
  window.addEventListener("resize", function () { kvMarkScrollingTables(document); });
  document.body.addEventListener("htmx:afterSwap", function () { kvMarkScrollingTables(document); });
});
