/* "Stel je kennisvraag": while typing, show what already exists (the search API, all kinds of
   page), in a polite live region. Without JavaScript the form's submit shows the same. */
(function () {
  "use strict";
  var form = document.querySelector("[data-intake-form]");
  var live = document.querySelector("[data-intake-live]");
  if (!form || !live || !window.fetch) return;
  var input = form.querySelector("textarea[name=q], input[name=q]");
  if (!input) return;
  var timer = null;
  var last = "";
  var heading = document.documentElement.lang === "en" ? "Already here" : "Dit is er al";
  var labels = {};
  try { labels = JSON.parse(form.getAttribute("data-type-labels") || "{}"); } catch (e) { labels = {}; }

  function render(data) {
    live.textContent = "";
    var results = (data && data.results) || [];
    if (!results.length) return;
    var h = document.createElement("h2");
    h.className = "utrecht-heading-3";
    h.textContent = heading;
    live.appendChild(h);
    var list = document.createElement("ul");
    list.className = "utrecht-unordered-list";
    results.slice(0, 8).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = hit.url;
      link.textContent = hit.title;
      item.appendChild(link);
      if (hit.type) {
        var kind = document.createElement("span");
        kind.className = "search__hit-type";
        kind.textContent = " (" + (labels[hit.type] || hit.type) + ")";
        item.appendChild(kind);
      }
      list.appendChild(item);
    });
    live.appendChild(list);

  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 4 || q === last) return;
      last = q;
      var url = form.getAttribute("data-api") + "?page_size=8&lang=" +
        encodeURIComponent(form.getAttribute("data-language") || "nl") + "&q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (input.value.trim() === q) render(data); })
        .catch(function () { /* the submit button still works */ });
    }, 350);
  });
})();
