/* Progressive enhancement for every page; without JavaScript everything works with a click more.
   - A disclosure with data-wide-open="<width>" (main menu, filters) is open on screens at least
     that wide (CSS keeps its content visible there too; this sets `open` for older browsers).
   - Filters and sort apply as soon as they change (the form says so in advance); after the page
     reloads, focus returns to the control that was changed, so keyboard and screen reader users
     keep their place. The apply button is only needed without JavaScript. */
(function () {
  "use strict";
  var FOCUS_KEY = "kennisbank:filters-focus";

  Array.prototype.forEach.call(document.querySelectorAll("details[data-wide-open]"), function (details) {
    var wide = window.matchMedia("(min-width: " + details.getAttribute("data-wide-open") + ")");
    var sync = function () { details.open = wide.matches; };
    if (!details.open || wide.matches) { sync(); }
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-filters]"), function (panel) {
    var form = panel.closest("form");
    if (!form) { return; }
    Array.prototype.forEach.call(panel.querySelectorAll("[data-filters-apply]"), function (button) {
      button.hidden = true;
    });
    Array.prototype.forEach.call(panel.querySelectorAll("[data-filters-live-hint]"), function (hint) {
      hint.hidden = false;
    });
    panel.addEventListener("change", function (event) {
      var control = event.target;
      if (!control.matches("input[type=checkbox], input[type=radio], select")) { return; }
      try { window.sessionStorage.setItem(FOCUS_KEY, control.id); } catch (error) { /* private mode */ }
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  });

  var focusId = null;
  try {
    focusId = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
  } catch (error) { /* private mode */ }
  var control = focusId && document.getElementById(focusId);
  if (control) {
    for (var node = control.parentNode; node; node = node.parentNode) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    control.focus();
  }
})();
