// Progressive enhancement for the contribution form: move focus to the error summary after a failed send.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
})();
