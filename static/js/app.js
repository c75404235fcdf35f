// Diklat SOP: progressive enhancement only; every page works without this file.
(function () {
  "use strict";
  // A page script's background save refused because of the session (the server's JSON): signed out (401) or a
  // temporary password to replace (403), with a link that opens in a new tab so this page and what was typed on
  // it stay; or an expired form (400), with a link that reloads this page. Says so in the status element; true
  // when handled. The script sends again when the person is back on the page.
  var SESSION_CODES = {signed_out: true, password_change: true, form_expired: true};
  window.DiklatSessionRefused = function (element, body) {
    if (!element || !body || !SESSION_CODES[body.error]) { return false; }
    var link = document.createElement("a");
    if (body.error === "form_expired") {
      link.href = location.pathname + location.search;
    } else {
      var next = body.error === "signed_out" ? "?next=" + encodeURIComponent(location.pathname + location.search) : "";
      link.href = body.url + next;
      link.target = "_blank";
      link.rel = "noopener";
    }
    link.textContent = body.link;
    element.textContent = body.message + " ";
    element.appendChild(link);
    return true;
  };
  // Call back() when the person returns to this tab (after signing in elsewhere).
  window.DiklatOnReturn = function (back) {
    window.addEventListener("focus", back);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { back(); } });
  };
  // Confirmation for destructive forms: <form data-confirm="...">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // Focus the error summary so keyboard and screen-reader users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    // Cohort sections on a phone: bring the current page's tab into view in its sideways-scrolling row.
    document.querySelectorAll(".cohort-nav .tabs").forEach(function (row) {
      var current = row.querySelector("[aria-current]");
      if (current && current.offsetLeft + current.offsetWidth > row.clientWidth) {
        row.scrollLeft = current.offsetLeft - 16;
      }
    });
    // Table rows: <button data-add-row="tbody-id"> clones the template row; [data-remove-row] removes its row.
    document.body.addEventListener("click", function (event) {
      var add = event.target.closest("[data-add-row]");
      if (add) {
        var body = document.getElementById(add.dataset.addRow);
        var tpl = document.getElementById(add.dataset.addRow + "-template");
        if (body && tpl) {
          // A running counter, never reused after a row is removed (counting rows would collide).
          var index = parseInt(body.dataset.nextIndex || String(body.querySelectorAll("tr").length), 10);
          body.dataset.nextIndex = String(index + 1);
          var html = tpl.innerHTML.replace(/__index__/g, String(index));
          body.insertAdjacentHTML("beforeend", html);
          var first = body.lastElementChild && body.lastElementChild.querySelector("input, select, textarea");
          if (first) { first.focus(); }
        }
        event.preventDefault();
      }
      var remove = event.target.closest("[data-remove-row]");
      if (remove) {
        var row = remove.closest("tr");
        if (row) { row.remove(); }
        event.preventDefault();
      }
    });
  });
})();
