// Directory: choosing a unit runs the search at once. The form still has its button and works without this.
(function () {
  "use strict";
  var form = document.querySelector("[data-directory-filter]");
  if (!form) return;
  var select = form.querySelector("select[name=unit]");
  if (!select) return;
  select.addEventListener("change", function () {
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  });
})();
