/* The map's municipality names: a label that follows the pointer or the keyboard focus, so a
   municipality can be recognised before it is opened. Screen readers already hear each link's
   aria-label; the label is only for the eye (aria-hidden). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-nl-map]"), function (figure) {
    var label = figure.querySelector("[data-nl-map-label]");
    if (!label) { return; }
    var show = function (link) {
      var name = link.getAttribute("aria-label");
      if (!name) { return; }
      var area = link.getBoundingClientRect();
      var frame = figure.getBoundingClientRect();
      label.textContent = name;
      label.hidden = false;
      // Centred above the municipality, kept inside the figure.
      var left = area.left - frame.left + area.width / 2 - label.offsetWidth / 2;
      left = Math.max(0, Math.min(left, frame.width - label.offsetWidth));
      var top = area.top - frame.top - label.offsetHeight - 6;
      if (top < 0) { top = area.bottom - frame.top + 6; }
      label.style.left = left + "px";
      label.style.top = top + "px";
    };
    var hide = function () { label.hidden = true; };
    figure.addEventListener("pointerover", function (event) {
      var link = event.target.closest(".nl-map__link");
      if (link) { show(link); }
    });
    figure.addEventListener("pointerout", function (event) {
      var link = event.target.closest(".nl-map__link");
      if (link && !link.contains(event.relatedTarget) && document.activeElement !== link) { hide(); }
    });
    figure.addEventListener("focusin", function (event) {
      var link = event.target.closest(".nl-map__link");
      if (link) { show(link); }
    });
    figure.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
    });
  });
})();
