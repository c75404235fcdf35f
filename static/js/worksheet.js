// Worksheets: add/remove table rows, print, autosave to the server (autosave.js: version rules, leave warning),
// and keep unsaved text in this browser (localStorage) so an expired session or a lost connection never loses
// what was typed; the copy is dropped once the server has it.
(function () {
  "use strict";

  function entries(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "version" && name !== "action") { out.push([name, String(value)]); }
    });
    return out;
  }

  function addRow(body, index) {
    var tpl = document.getElementById(body.id + "-template");
    if (!tpl) { return null; }
    var next = index !== undefined ? index : parseInt(body.dataset.next || "0", 10);
    body.insertAdjacentHTML("beforeend", tpl.innerHTML.replace(/__index__/g, String(next)));
    body.dataset.next = String(Math.max(parseInt(body.dataset.next || "0", 10), next) + 1);
    return body.lastElementChild;
  }

  function restore(form, saved) {
    form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (box) { box.checked = false; });
    saved.entries.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      var el = form.querySelector('[name="' + CSS.escape(name) + '"]');
      var cell = /^f-(.+)-(\d+)-([a-z0-9_]+)$/.exec(name);
      if (!el && cell) {
        var body = document.getElementById("rows-" + cell[1]);
        if (body) { addRow(body, parseInt(cell[2], 10)); }
        el = form.querySelector('[name="' + CSS.escape(name) + '"]');
      }
      if (!el) { return; }
      if (el.type === "radio") {
        var radio = form.querySelector('[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]');
        if (radio) { radio.checked = true; }
      } else if (el.type === "checkbox") {
        el.checked = true;
      } else {
        el.value = value;
      }
    });
    // The text was based on this version: a teammate's newer save will show as a conflict, not be overwritten.
    var version = form.querySelector('input[name="version"]');
    if (version && saved.version) { version.value = saved.version; }
  }

  function offerRestore(form, key, saved) {
    var box = document.createElement("div");
    box.className = "flash flash-warning restore-box";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = form.dataset.restoreText.replace("{when}", new Date(saved.at).toLocaleString());
    var yes = document.createElement("button");
    yes.type = "button"; yes.className = "button button-small"; yes.textContent = form.dataset.restoreLabel;
    var no = document.createElement("button");
    no.type = "button"; no.className = "button button-small button-secondary"; no.textContent = form.dataset.discardLabel;
    yes.addEventListener("click", function () {
      restore(form, saved);
      box.remove();
      form.querySelector("input, textarea, select").focus();
      form.dispatchEvent(new Event("change"));  // the restored text is unsaved: autosave it, ask before leaving
    });
    no.addEventListener("click", function () { localStorage.removeItem(key); box.remove(); });
    box.appendChild(text); box.appendChild(yes); box.appendChild(document.createTextNode(" ")); box.appendChild(no);
    form.parentNode.insertBefore(box, form);
  }

  function setupDrafts(form) {
    var key = form.dataset.draftKey;
    var storage;
    try { storage = window.localStorage; storage.getItem(key); } catch (e) { return; }
    if (form.dataset.justSaved === "1") { storage.removeItem(key); }
    var version = form.querySelector('input[name="version"]');
    var saved = null;
    try { saved = JSON.parse(storage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && JSON.stringify(saved.entries) !== JSON.stringify(entries(form))) { offerRestore(form, key, saved); }
    var timer = null;
    function remember() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        try {
          storage.setItem(key, JSON.stringify({ at: Date.now(), version: version ? version.value : "", entries: entries(form) }));
        } catch (e) { /* storage full or blocked: the server copy still exists */ }
      }, 300);
    }
    form.addEventListener("input", remember);
    form.addEventListener("change", remember);
    if (form.dataset.autosaveUrl && window.DiklatAutosave) {
      window.DiklatAutosave.attach(form, {
        body: function () { var body = new FormData(form); body.delete("action"); return body; },
        onSaved: function () { clearTimeout(timer); storage.removeItem(key); },
        onLeave: function () {
          clearTimeout(timer);
          try { storage.setItem(key, JSON.stringify({ at: Date.now(), version: version ? version.value : "", entries: entries(form) })); } catch (e) { /* full */ }
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-ws-add], [data-ws-remove], [data-ws-print]").forEach(function (b) { b.hidden = false; });
    document.body.addEventListener("click", function (event) {
      var add = event.target.closest("[data-ws-add]");
      if (add) {
        var row = addRow(document.getElementById(add.dataset.wsAdd));
        var first = row && row.querySelector("input, select, textarea");
        if (first) { first.focus(); }
        return;
      }
      var remove = event.target.closest("[data-ws-remove]");
      if (remove) {
        var tr = remove.closest("tr");
        var table = tr && tr.closest("table");
        var owner = tr && tr.closest("form");
        if (tr) { tr.remove(); }
        if (owner) { owner.dispatchEvent(new Event("change")); }  // a removed row is an unsaved change
        var focus = table && table.parentNode.parentNode.querySelector("[data-ws-add]");
        if (focus) { focus.focus(); }
        return;
      }
      if (event.target.closest("[data-ws-print]")) { window.print(); }
    });
    document.querySelectorAll("form[data-draft-key]").forEach(setupDrafts);
  });
})();
