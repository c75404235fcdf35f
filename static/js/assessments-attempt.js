// Diklat SOP — taking a test: save every answer (and its review flag) as it is given, keep unsent answers
// across a lost connection or a closed tab, keep the question navigator up to date, count down the server's
// remaining time and submit at the deadline. The pages work without this file: the form's buttons save,
// the navigator's links jump, the review page submits.
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  var reviewForm = document.getElementById("review-form");
  var timer = document.getElementById("timer");
  var timerValue = document.getElementById("timer-value");
  var status = document.getElementById("save-status");
  var finished = false;

  function say(message) { if (status) { status.textContent = message; } }

  function forget(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* private mode */ }
  }

  // The clock: the server's remaining seconds, counted down locally; at zero the page submits.
  var deadline = 0, warned = false, ticking = null, onTimeUp = null;
  var warning = (form || reviewForm || {dataset: {}}).dataset.msgWarning;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timerValue.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
    if (left <= 300 && !warned) { warned = true; timer.classList.add("timer-low"); say(warning); }
    if (left === 0 && !finished) {
      finished = true;
      window.clearInterval(ticking);
      if (onTimeUp) { onTimeUp(); }
    }
  }
  function startClock(seconds) {
    deadline = Date.now() + seconds * 1000;
    if (!ticking) { ticking = window.setInterval(tick, 1000); }
    tick();
  }

  if (reviewForm) {
    reviewForm.addEventListener("submit", function () { finished = true; forget(reviewForm.dataset.storageKey); });
    onTimeUp = function () { forget(reviewForm.dataset.storageKey); reviewForm.submit(); };
    if (timer) { startClock(parseInt(timer.dataset.remaining, 10) || 0); }
    return;
  }
  if (!form) { return; }

  var csrf = form.querySelector("input[name=csrf_token]").value;
  var storageKey = form.dataset.storageKey;
  var pending = {};      // question id -> {f: [[name, value], ...], flag: bool} not yet confirmed by the server
  var inFlight = false;
  var retryTimer = null;
  var blocked = false;   // signed out or a password to change: saving waits until the person is back

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

  function flagOf(fieldset) {
    var box = fieldset.querySelector(".flag-input");
    return box ? box.checked : false;
  }

  function answered(fieldset) {
    return fieldsOf(fieldset).some(function (pair) { return String(pair[1]).trim() !== ""; });
  }

  // The navigator: one link per question showing answered / not answered / flagged, and the count.
  var navCount = document.getElementById("answered-count");
  function refreshNav() {
    var fieldsets = form.querySelectorAll("fieldset[data-question]"), done = 0;
    fieldsets.forEach(function (fieldset, index) {
      var link = document.querySelector('.q-nav-item[data-question="' + fieldset.dataset.question + '"]');
      var isAnswered = answered(fieldset), isFlagged = flagOf(fieldset);
      if (isAnswered) { done += 1; }
      if (!link) { return; }
      link.classList.toggle("is-answered", isAnswered);
      link.classList.toggle("is-flagged", isFlagged);
      link.setAttribute("aria-label", form.dataset.msgQuestion.replace("{n}", String(index + 1)) + ": " +
        (isAnswered ? form.dataset.msgAnswered : form.dataset.msgUnanswered) +
        (isFlagged ? ", " + form.dataset.msgFlagged : ""));
    });
    if (navCount) {
      navCount.textContent = form.dataset.msgCount.replace("{answered}", String(done)).replace("{total}", String(fieldsets.length));
    }
  }
  var nav = document.getElementById("q-nav");
  if (nav) {
    nav.addEventListener("click", function (event) {
      if (event.target.closest("a.q-nav-item")) { nav.open = false; }
    });
  }

  function queue(fieldset) {
    pending[fieldset.dataset.question] = {f: fieldsOf(fieldset), flag: flagOf(fieldset)};
    remember();
    refreshNav();
    flush();
  }

  function leave(url) {
    finished = true;
    forget(storageKey);
    window.location.assign(url);
  }

  function flush() {
    if (inFlight || finished) { return; }
    var ids = Object.keys(pending);
    if (!ids.length) { say(form.dataset.msgSaved); return; }
    var id = ids[0], item = pending[id];
    inFlight = true;
    if (!blocked) { say(form.dataset.msgSaving); }
    fetch(form.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: JSON.stringify({question: parseInt(id, 10), fields: item.f, flagged: !!item.flag})
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    }).then(function (result) {
      inFlight = false;
      if (result.status === 409) { leave(result.body.redirect || form.dataset.resultUrl); return; }
      if (refused(result)) { return; }
      if (result.status !== 200) { throw new Error("save failed"); }
      blocked = false;
      if (pending[id] === item) { delete pending[id]; remember(); }
      if (typeof result.body.remaining === "number") { startClock(result.body.remaining); }
      flush();
    }).catch(function () {
      inFlight = false;
      say(form.dataset.msgOffline);
      retryIn(3000);
    });
  }

  function retryIn(ms) {
    if (!retryTimer) { retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, ms); }
  }

  // Signed out, a temporary password to replace, or an expired form: the answers stay in this browser and app.js
  // says what to do; they are sent when the person is back on this page. An expired form first reloads the page
  // once by itself (the answers come back from this browser with a fresh token).
  function refused(result) {
    var body = result.body || {};
    if (body.error === "form_expired" && reloadOnce()) { return true; }
    if (!window.DiklatSessionRefused(status, body)) { return false; }
    blocked = true;
    if (body.error !== "form_expired") { retryIn(30000); }
    return true;
  }

  function reloadOnce() {
    var key = storageKey + "-reloaded", last = 0;
    try { last = parseInt(window.sessionStorage.getItem(key) || "0", 10); } catch (e) { last = Date.now(); }
    if (Date.now() - last <= 60000) { return false; }
    try { window.sessionStorage.setItem(key, String(Date.now())); } catch (e) { /* private mode */ }
    finished = true;
    window.location.reload();
    return true;
  }
  window.DiklatOnReturn(function () { if (blocked) { flush(); } });

  function restore() {
    var saved;
    try { saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { saved = {}; }
    Object.keys(saved).forEach(function (id) {
      var fieldset = form.querySelector('fieldset[data-question="' + id + '"]');
      if (!fieldset) { return; }
      var item = Array.isArray(saved[id]) ? {f: saved[id], flag: flagOf(fieldset)} : saved[id];
      fieldset.querySelectorAll("input, select").forEach(function (el) {
        if (el.classList.contains("flag-input")) { el.checked = !!item.flag; return; }
        var mine = item.f.filter(function (pair) { return pair[0] === el.name; }).map(function (pair) { return pair[1]; });
        if (el.type === "radio" || el.type === "checkbox") { el.checked = mine.indexOf(el.value) !== -1; }
        else if (el.name && el.name.indexOf("q" + id) === 0) { el.value = mine.length ? mine[0] : ""; }
      });
      pending[id] = item;
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
    refreshNav();
  });
  window.addEventListener("online", flush);

  // Going to the review page posts the whole form, so every answer on the page is saved on the way.
  document.getElementById("review-attempt").addEventListener("click", function () {
    finished = true;
    forget(storageKey);
  });

  onTimeUp = function () {
    var action = document.createElement("input");
    action.type = "hidden"; action.name = "action"; action.value = "submit";
    form.appendChild(action);
    forget(storageKey);
    form.submit();
  };

  restore();
  refreshNav();
  startClock(parseInt(timer.dataset.remaining, 10) || 0);
  flush();
})();
