// Shared by the forms people edit in turns (worksheets; the SOP editor can use it too): post the form to an
// autosave URL a few seconds after typing stops, follow the server's version, say when it saved, and ask before
// leaving unsaved work (closing the tab, or any in-app link such as the cohort tabs).
// The form carries data-autosave-url, data-unsaved, data-saved-at ("{time}"), data-offline and an element
// [data-autosave-status]. Without JavaScript nothing here runs and the Save button works as before.
window.DiklatAutosave = (function () {
  "use strict";

  function clock() { var d = new Date(); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }

  // options: delay (ms), body(form) -> FormData, onSaved(), onIdle().
  function attach(form, options) {
    var opts = options || {};
    var delay = opts.delay || 5000;
    var edits = 0, savedEdits = 0, saving = false, timer = null, leaving = false, held = null, signedOut = false;

    function dirty() { return edits !== savedEdits; }
    function status(text) { var el = form.querySelector("[data-autosave-status]"); if (el) { el.textContent = text; } }

    function save() {
      if (!dirty() || saving || leaving || !navigator.onLine) { return; }
      saving = true;
      var sent = edits;
      var body = opts.body ? opts.body(form) : new FormData(form);
      fetch(form.dataset.autosaveUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "error", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json().then(function (data) { return [response.status, data]; }); })
        .then(function (result) {
          var data = result[1];
          if (result[0] === 200 && data.saved) {
            var version = form.querySelector("[name=version]");
            if (version) { version.value = String(data.version); }
            savedEdits = sent;
            signedOut = false;
            status(form.dataset.savedAt.replace("{time}", clock()));
            if (!dirty() && opts.onSaved) { opts.onSaved(); }
          } else if (window.DiklatSessionRefused(form.querySelector("[data-autosave-status]"), data)) {
            signedOut = true;  // sent again when the person is back on this tab
          } else if (data && data.message) {
            status(data.message);  // a conflict or a bad field: the Save button shows the merge step or the errors
          }
        })
        .catch(function () { status(form.dataset.offline); })  // offline: keep the copy
        .then(function () {
          saving = false;
          if (held) { var submitter = held; held = null; form.requestSubmit(submitter === true ? undefined : submitter); return; }
          if (dirty() && sent !== edits) { schedule(); }
        });
    }

    function schedule() { clearTimeout(timer); timer = setTimeout(save, delay); }

    function changed() {
      edits += 1;
      if (!navigator.onLine) { status(form.dataset.offline); }
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // A press of Save while an autosave is under way waits for it, so the form carries the version it produced.
    form.addEventListener("submit", function (event) {
      clearTimeout(timer);
      if (saving) { event.preventDefault(); held = event.submitter || true; return; }
      leaving = true;
    });
    window.addEventListener("online", function () { if (dirty()) { save(); } });
    window.DiklatOnReturn(function () { if (signedOut && dirty()) { save(); } });
    window.addEventListener("offline", function () { status(form.dataset.offline); });
    window.addEventListener("beforeunload", function (event) {
      if (dirty() && !leaving) { if (opts.onLeave) { opts.onLeave(); } event.preventDefault(); event.returnValue = ""; }
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (!link || !dirty() || leaving || link.target === "_blank" || link.getAttribute("href").charAt(0) === "#") { return; }
      if (link.hasAttribute("download") || /\/(download|blank)\.[a-z]+$/.test(link.pathname)) { return; }  // files do not leave
      if (window.confirm(form.dataset.unsaved)) { leaving = true; } else { event.preventDefault(); }
    });
    return { changed: changed, save: save, dirty: dirty };
  }

  return { attach: attach };
})();
