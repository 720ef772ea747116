/* Counts that a result of a search was opened, for the editors' report of what staff search for.
   Sends only the query, never who or when; without JavaScript nothing is counted. */
(function () {
  "use strict";
  var list = document.querySelector("[data-search-log]");
  if (!list || !navigator.sendBeacon) return;
  var query = list.getAttribute("data-query");
  if (!query) return;
  var sent = false;
  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-search-result]");
    if (!link || sent) return;
    sent = true;
    var data = new FormData();
    data.append("q", query);
    navigator.sendBeacon(list.getAttribute("data-search-log"), data);
  });
})();
