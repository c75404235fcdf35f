// Background job status lines (templates/_macros/jobs.html): ask the server every few seconds until the job
// is done or failed, then update the badge and the detail text in place.
(function () {
  "use strict";
  var BADGES = { queued: "muted", running: "info", done: "ok", failed: "bad" };

  function poll(line, delay) {
    window.setTimeout(function () {
      fetch(line.dataset.jobUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          var badge = line.querySelector("[data-job-state]");
          badge.textContent = job.state;
          badge.className = "badge badge-" + BADGES[job.status];
          line.querySelector("[data-job-detail]").textContent = job.detail;
          line.className = "job-status job-" + job.status;
          if (!job.finished) { poll(line, Math.min(delay * 2, 15000)); }
        })
        .catch(function () { poll(line, 15000); });
    }, delay);
  }

  document.querySelectorAll("[data-job-url]").forEach(function (line) { poll(line, 2000); });
})();
