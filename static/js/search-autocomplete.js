/* Autocomplete for the search box: a WAI-ARIA combobox with a listbox popup (APG "list
   autocomplete"). Progressive enhancement: without this file the form works as it is. */
(function () {
  "use strict";

  var KIND_LABELS = {
    nl: { title: "praktijkvoorbeeld", theme: "thema", municipality: "gemeente" },
    en: { title: "practice example", theme: "theme", municipality: "municipality" }
  };

  function setup(row) {
    var input = row.querySelector("input[type=search]");
    var endpoint = row.getAttribute("data-autocomplete-url");
    if (!input || !endpoint) return;
    var lang = document.documentElement.lang === "en" ? "en" : "nl";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";

    list.id = input.id + "-listbox";
    list.className = "search-autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", lang === "en" ? "Suggestions" : "Suggesties");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    row.appendChild(list);
    row.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      if (option.url) {
        window.location.href = option.url;
      } else {
        input.value = option.label;
        close();
        input.form.submit();
      }
    }

    function render(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, i) {
        var item = document.createElement("li");
        var kind = document.createElement("span");
        item.id = list.id + "-option-" + i;
        item.className = "search-autocomplete__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.appendChild(document.createTextNode(suggestion.label + " "));
        kind.className = "search-autocomplete__kind";
        kind.textContent = "(" + ((KIND_LABELS[lang] || {})[suggestion.type] || suggestion.type) + ")";
        item.appendChild(kind);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(i); });
        list.appendChild(item);
        return { element: item, url: suggestion.url, label: suggestion.label };
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length + (lang === "en" ? " suggestions available" : " suggesties beschikbaar");
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      if (query === lastQuery && options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); return; }
      lastQuery = query;
      var separator = endpoint.indexOf("?") === -1 ? "?" : "&";
      fetch(endpoint + separator + "q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.suggestions || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) { fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else { input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("[data-autocomplete-url]").forEach(setup);
})();
