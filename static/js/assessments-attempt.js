// Diklat SOP — taking a test: save every answer as it is given, keep unsent answers across a lost
// connection or a closed tab, count down the server's remaining time and submit at the deadline.
// The page works without this file: the form's buttons save or submit everything.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var status = document.getElementById("save-status");
  var timerValue = document.getElementById("timer-value");
  var timer = document.getElementById("timer");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var storageKey = form.dataset.storageKey;
  var pending = {};      // question id -> [[name, value], ...] not yet confirmed by the server
  var inFlight = false;
  var retryTimer = null;
  var finished = false;

  function say(message) { if (status) { status.textContent = message; } }

  function remember() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }

  function fieldsOf(fieldset) {
    var id = fieldset.dataset.question, out = [];
    fieldset.querySelectorAll("input, select").forEach(function (el) {
      if (!el.name || el.name.indexOf("q" + id) !== 0) { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      out.push([el.name, el.value]);
    });
    return out;
  }

  function queue(fieldset) {
    pending[fieldset.dataset.question] = fieldsOf(fieldset);
    remember();
    flush();
  }

  function leave(url) {
    finished = true;
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
    window.location.assign(url);
  }

  function flush() {
    if (inFlight || finished) { return; }
    var ids = Object.keys(pending);
    if (!ids.length) { say(form.dataset.msgSaved); return; }
    var id = ids[0], fields = pending[id];
    inFlight = true;
    say(form.dataset.msgSaving);
    fetch(form.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: JSON.stringify({question: parseInt(id, 10), fields: fields})
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    }).then(function (result) {
      inFlight = false;
      if (result.status === 409) { leave(result.body.redirect || form.dataset.resultUrl); return; }
      if (result.status !== 200) { throw new Error("save failed"); }
      if (pending[id] === fields) { delete pending[id]; remember(); }
      if (typeof result.body.remaining === "number") { startClock(result.body.remaining); }
      flush();
    }).catch(function () {
      inFlight = false;
      say(form.dataset.msgOffline);
      if (!retryTimer) { retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, 3000); }
    });
  }

  function restore() {
    var saved;
    try { saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { saved = {}; }
    Object.keys(saved).forEach(function (id) {
      var fieldset = form.querySelector('fieldset[data-question="' + id + '"]');
      if (!fieldset) { return; }
      var values = saved[id];
      fieldset.querySelectorAll("input, select").forEach(function (el) {
        var mine = values.filter(function (pair) { return pair[0] === el.name; }).map(function (pair) { return pair[1]; });
        if (el.type === "radio" || el.type === "checkbox") { el.checked = mine.indexOf(el.value) !== -1; }
        else if (el.name && el.name.indexOf("q" + id) === 0) { el.value = mine.length ? mine[0] : ""; }
      });
      pending[id] = values;
    });
  }

  var textTimers = {};
  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (fieldset) { queue(fieldset); }
  });
  form.addEventListener("input", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (!fieldset || event.target.type !== "text") { return; }
    var id = fieldset.dataset.question;
    window.clearTimeout(textTimers[id]);
    textTimers[id] = window.setTimeout(function () { queue(fieldset); }, 700);
  });
  window.addEventListener("online", flush);

  // Submitting: confirm with the number of unanswered questions.
  var submitButton = document.getElementById("submit-attempt");
  submitButton.addEventListener("click", function (event) {
    var open = 0;
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var answered = fieldsOf(fieldset).some(function (pair) { return String(pair[1]).trim() !== ""; });
      if (!answered) { open += 1; }
    });
    if (!window.confirm(form.dataset.msgConfirm.replace("{n}", String(open)))) { event.preventDefault(); return; }
    finished = true;
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  });

  // The clock: the server's remaining seconds, counted down locally; at zero the form is submitted.
  var deadline = 0, warned = false, ticking = null;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timerValue.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
    if (left <= 300 && !warned) { warned = true; timer.classList.add("timer-low"); say(form.dataset.msgWarning); }
    if (left === 0 && !finished) {
      finished = true;
      window.clearInterval(ticking);
      var action = document.createElement("input");
      action.type = "hidden"; action.name = "action"; action.value = "submit";
      form.appendChild(action);
      try { window.localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
      form.submit();
    }
  }
  function startClock(seconds) {
    deadline = Date.now() + seconds * 1000;
    if (!ticking) { ticking = window.setInterval(tick, 1000); }
    tick();
  }

  restore();
  startClock(parseInt(timer.dataset.remaining, 10) || 0);
  flush();
})();
