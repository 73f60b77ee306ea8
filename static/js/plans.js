// Plan pages work without JavaScript; this only adds a print button (the browser's menu prints too).
(function () {
  "use strict";
  document.querySelectorAll("[data-plan-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
