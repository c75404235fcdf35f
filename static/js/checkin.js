// Check-in screen: the code changes every minute, so reload the QR code and the code every 15 seconds.
(function () {
  "use strict";
  var screen = document.querySelector("[data-checkin-refresh]");
  if (!screen) return;
  var seconds = parseInt(screen.getAttribute("data-checkin-refresh"), 10) || 15;
  window.setInterval(function () {
    if (!document.hidden) window.location.reload();
  }, seconds * 1000);
})();
