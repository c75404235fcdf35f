// SOP editor: rows added, removed, moved (buttons and drag) and the actor list applied in the page; autosave to
// the server a few seconds after typing stops (the shared DiklatAutosave, as worksheets: text typed while a save
// travels is saved next, Save waits for an autosave under way), a copy in this browser until the server has it,
// and a warning before leaving unsaved work.
// Without this file every button still works: the server rearranges the rows and saves the draft.
(function () {
  "use strict";
  var AUTOSAVE_MS = 5000;
  var form = null, tbody = null, autosaver = null;

  function rows() { return Array.prototype.slice.call(tbody.querySelectorAll("tr")); }
  function uid() { var a = new Uint8Array(4); crypto.getRandomValues(a); return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join(""); }
  function storageKey() { return "sop-draft:" + location.pathname; }

  function renumber() {
    var all = rows();
    all.forEach(function (row, i) {
      row.querySelectorAll("[name^=steps-]").forEach(function (el) {
        el.name = el.name.replace(/^steps-\d+-/, "steps-" + i + "-");
        if (el.id) { el.id = el.id.replace(/^steps-\d+-/, "steps-" + i + "-"); }
        var label = el.getAttribute("aria-label");
        if (label) { el.setAttribute("aria-label", label.replace(/\d+/, String(i + 1))); }
      });
      var number = row.querySelector("[data-step-number]");
      if (number) { number.textContent = String(i + 1); }
      row.querySelectorAll("button[name=op]").forEach(function (button) {
        button.value = button.value.replace(/-\d+$/, "-" + i);
        var sr = button.querySelector(".sr-only");
        if (sr) { sr.textContent = sr.textContent.replace(/\d+/, String(i + 1)); }
        if (/^up-/.test(button.value)) { button.disabled = i === 0; }
        if (/^down-/.test(button.value)) { button.disabled = i === all.length - 1; }
      });
    });
    targets();
  }

  // "Next step" and "if no" list every row; a removed row's uid is cleared where it was chosen.
  function targets() {
    var choices = rows().map(function (row, i) {
      var activity = row.querySelector("[name$=-activity]");
      return [row.querySelector("[name$=-uid]").value, (i + 1) + ". " + (activity ? activity.value.slice(0, 40) : "")];
    });
    rows().forEach(function (row) {
      ["next", "alt"].forEach(function (ref) {
        var select = row.querySelector("select[name$=-" + ref + "]");
        if (!select) { return; }
        var chosen = select.value, first = select.options[0];
        select.innerHTML = "";
        select.appendChild(first);
        choices.forEach(function (c) { var o = new Option(c[1], c[0]); select.appendChild(o); });
        select.value = choices.some(function (c) { return c[0] === chosen; }) ? chosen : "";
      });
    });
  }

  function applyActors() {
    var names = (form.querySelector("[name=actors]").value || "").split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    form.querySelectorAll("select[name$=-actor]").forEach(function (select) {
      var chosen = select.value, first = select.options[0];
      select.innerHTML = "";
      select.appendChild(first);
      names.forEach(function (n) { select.appendChild(new Option(n, n)); });
      if (chosen && names.indexOf(chosen) < 0) { select.appendChild(new Option(chosen, chosen)); }
      select.value = chosen;
    });
  }

  function blankRow(template) {
    var row = template.cloneNode(true);
    row.id = "";
    row.classList.remove("has-error");
    row.querySelectorAll(".error, .review-notes").forEach(function (el) { el.remove(); });
    row.querySelectorAll("textarea, input").forEach(function (el) { el.value = ""; el.removeAttribute("aria-invalid"); });
    row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    var kind = row.querySelector("select[name$=-kind]"); if (kind) { kind.value = "process"; }
    var unit = row.querySelector("select[name$=-time_unit]"); if (unit) { unit.value = "minutes"; }
    var id = uid();
    row.querySelector("[name$=-uid]").value = id;
    row.id = "step-" + id;
    addHandle(row);
    return row;
  }

  function operate(op) {
    var parts = op.split("-"), verb = parts[0], index = parts.length > 1 ? parseInt(parts[1], 10) : -1;
    var all = rows(), row = all[index];
    if (verb === "refresh") { applyActors(); return; }
    if (verb === "add") {
      var fresh = blankRow(all[0]);
      if (row) { row.after(fresh); } else { all[all.length - 1].before(fresh); }
      renumber();
      fresh.querySelector("[name$=-activity]").focus();
    } else if (verb === "remove" && row && all.length > 1) {
      var gone = row.querySelector("[name$=-uid]").value;
      row.remove();
      rows().forEach(function (r) { ["next", "alt"].forEach(function (ref) { var s = r.querySelector("select[name$=-" + ref + "]"); if (s && s.value === gone) { s.value = ""; } }); });
      renumber();
    } else if ((verb === "up" || verb === "down") && row) {
      var other = verb === "up" ? all[index - 1] : all[index + 1];
      if (!other) { return; }
      if (verb === "up") { other.before(row); } else { other.after(row); }
      renumber();
      var same = row.querySelector("button[value^=" + verb + "-]");
      if (same && !same.disabled) { same.focus(); }
    }
    changed();
  }

  // Drag by the handle in the row's number cell; the up/down buttons do the same from the keyboard.
  var dragged = null;
  function addHandle(row) {
    var cell = row.querySelector("td");
    if (!cell || cell.querySelector(".sop-drag")) { return; }
    var handle = document.createElement("span");
    handle.className = "sop-drag";
    handle.textContent = "⠿";
    handle.setAttribute("aria-hidden", "true");
    handle.draggable = true;
    cell.prepend(handle);
    handle.addEventListener("dragstart", function (event) { dragged = row; row.classList.add("sop-dragging"); event.dataTransfer.setData("text/plain", "step"); event.dataTransfer.effectAllowed = "move"; });
    handle.addEventListener("dragend", function () { row.classList.remove("sop-dragging"); rows().forEach(function (r) { r.classList.remove("sop-drop-target"); }); dragged = null; });
    row.addEventListener("dragover", function (event) { if (dragged && dragged !== row) { event.preventDefault(); row.classList.add("sop-drop-target"); } });
    row.addEventListener("dragleave", function () { row.classList.remove("sop-drop-target"); });
    row.addEventListener("drop", function (event) {
      if (!dragged || dragged === row) { return; }
      event.preventDefault();
      row.classList.remove("sop-drop-target");
      var all = rows();
      if (all.indexOf(dragged) < all.indexOf(row)) { row.after(dragged); } else { row.before(dragged); }
      renumber();
      changed();
    });
  }

  function snapshot() {
    var fields = [];
    new FormData(form).forEach(function (value, name) { if (name !== "csrf_token" && name !== "version") { fields.push([name, value]); } });
    return fields;
  }

  function keepCopy() {
    try { localStorage.setItem(storageKey(), JSON.stringify({ at: new Date().toISOString(), fields: snapshot() })); } catch (e) { /* storage full or private */ }
  }

  function forgetCopy() { try { localStorage.removeItem(storageKey()); } catch (e) { /* ignore */ } }

  // A change made by a button or a drag (typing reaches the autosave through the form's own events).
  function changed() {
    keepCopy();
    if (autosaver) { autosaver.changed(); }
  }

  function offerCopy() {
    var copy = null;
    try { copy = JSON.parse(localStorage.getItem(storageKey()) || "null"); } catch (e) { copy = null; }
    if (!copy || !copy.fields || !copy.fields.length) { return; }
    if (JSON.stringify(copy.fields) === JSON.stringify(snapshot())) { return; }  // the page shows it already
    var box = document.createElement("div");
    box.className = "flash sop-restore-offer";
    box.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = form.dataset.restore.replace("{time}", new Date(copy.at).toLocaleString());
    var yes = document.createElement("button"), no = document.createElement("button");
    yes.type = no.type = "button";
    yes.className = "button button-small";
    no.className = "button button-small button-secondary";
    yes.textContent = form.dataset.restoreYes;
    no.textContent = form.dataset.restoreNo;
    yes.setAttribute("data-restore-yes", "");
    box.append(text, yes, " ", no);
    form.prepend(box);
    yes.addEventListener("click", function () { restore(copy.fields); box.remove(); changed(); });
    no.addEventListener("click", function () { forgetCopy(); box.remove(); });
  }

  function restore(fields) {
    var count = 0;
    fields.forEach(function (f) { var m = /^steps-(\d+)-uid$/.exec(f[0]); if (m) { count = Math.max(count, parseInt(m[1], 10) + 1); } });
    while (rows().length < count) { rows()[rows().length - 1].after(blankRow(rows()[0])); }
    while (rows().length > count && count > 0) { rows()[rows().length - 1].remove(); }
    renumber();
    var actors = fields.filter(function (f) { return f[0] === "actors"; })[0];
    if (actors) { form.querySelector("[name=actors]").value = actors[1]; applyActors(); }
    fields.forEach(function (f) { var el = form.querySelector("[name='" + f[0] + "']"); if (el && el.type !== "hidden" || (el && /-uid$/.test(f[0]))) { el.value = f[1]; } });
    targets();
    fields.forEach(function (f) { if (/-(next|alt)$/.test(f[0])) { var el = form.querySelector("[name='" + f[0] + "']"); if (el) { el.value = f[1]; } } });
  }

  // The 2-page check is counted in the background after a save: refresh the checklist until it is there.
  function refreshChecks(tries) {
    if (!document.querySelector("#checks [data-measuring]") || tries <= 0) { return; }
    setTimeout(function () {
      // Signed out, a fetch gets a 401 (never the sign-in page, nothing flashed into the cookie): keep trying.
      fetch(location.pathname, { credentials: "same-origin" })
        .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("#checks");
          var current = document.querySelector("#checks");
          if (fresh && current) { current.replaceWith(fresh); }
          refreshChecks(tries - 1);
        })
        .catch(function () { refreshChecks(tries - 1); });
    }, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    refreshChecks(15);
    form = document.querySelector("form.sop-form");
    if (!form) { return; }
    tbody = form.querySelector("table.sop-steps tbody");
    rows().forEach(addHandle);
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=op]");
      if (button) { event.preventDefault(); operate(button.value); }
    });
    form.addEventListener("input", keepCopy);
    form.addEventListener("change", keepCopy);
    autosaver = window.DiklatAutosave.attach(form, {
      delay: AUTOSAVE_MS,
      body: function () { var body = new FormData(form); body.delete("op"); return body; },
      onSaved: forgetCopy,  // the server has everything typed so far
      onLeave: keepCopy
    });
    // The copy stays until the server has the text: dropped when the page comes back saved, kept (and the page
    // counted unsaved) when it comes back refused — a field to correct, or a teammate's save to merge.
    if (form.dataset.justSaved === "1") { forgetCopy(); }
    if (form.dataset.unsavedOnLoad === "1") { changed(); } else { offerCopy(); }
  });
})();
