// SOP editor: small enhancement only; every button works without this file.
(function () {
  "use strict";
  var KEY = "sop-editor-scroll";
  // Row buttons (add, remove, move) reload the page: come back to the same place afterwards.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=op]");
    if (button) {
      try { sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY })); } catch (e) { /* private mode */ }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || "null"); sessionStorage.removeItem(KEY); } catch (e) { saved = null; }
    if (saved && saved.path === location.pathname && !document.querySelector(".error-summary")) {
      window.scrollTo(0, saved.y);
    }
  });
})();
