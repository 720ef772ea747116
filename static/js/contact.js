/* Shows a practice's contact e-mail address in place, without leaving the page.
   Without JavaScript the same form opens a small page with the address. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-reveal-email]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) { return; }
      event.preventDefault();
      var target = form.parentNode.querySelector("[data-email-target]");
      fetch(form.action, { method: "POST", headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) {
          var link = document.createElement("a");
          link.className = "utrecht-link";
          link.href = "mailto:" + data.email;
          link.textContent = data.email;
          target.textContent = "";
          target.appendChild(link);
          form.hidden = true;
          link.focus();
        })
        .catch(function () { form.submit(); });
    });
  });
})();
