// Progressive enhancement only: without JavaScript the menu button is a link to #site-nav, which CSS shows.
(function () {
  "use strict";
  var button = document.querySelector("[data-menu-button]");
  var nav = document.getElementById("site-nav");
  var close = document.querySelector("[data-menu-close]");
  if (!button || !nav) return;
  button.setAttribute("role", "button");

  function setOpen(open) {
    nav.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    var open = !nav.classList.contains("is-open");
    setOpen(open);
    if (open) {
      var first = nav.querySelector("a");
      if (first) first.focus();
    }
  });
  button.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); button.click(); }
  });
  if (close) {
    close.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(false);
      button.focus();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();
