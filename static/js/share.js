/* Share and print on a practice page: the copy and print buttons need JavaScript, so they stay
   hidden without it (the e-mail and LinkedIn links work anyway). The result of a copy is said
   in a live region, for screen readers too. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (bar) {
    var status = bar.querySelector("[data-share-status]");
    var say = function (text) { if (status) { status.textContent = text; } };
    Array.prototype.forEach.call(bar.querySelectorAll("[data-share-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    Array.prototype.forEach.call(bar.querySelectorAll("[data-share-copy]"), function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-share-copy")).then(
          function () { say(button.getAttribute("data-copied")); },
          function () { say(button.getAttribute("data-copy-failed")); }
        );
      });
    });
  });
})();
