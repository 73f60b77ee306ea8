// Discussion board: a counter of characters left, and one submission per click.
// The page works without it: the server refuses too-long text and makes one post per form.
(function () {
  "use strict";

  function setUpCounter(textarea) {
    var limit = parseInt(textarea.getAttribute("data-maxlength"), 10);
    if (!limit) return;
    var counter = document.createElement("p");
    counter.className = "forum-counter";
    counter.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", counter);
    function update() {
      var left = limit - textarea.value.length;
      counter.textContent = left >= 0
        ? "พิมพ์ได้อีก " + left.toLocaleString("th-TH") + " ตัวอักษร"
        : "ยาวเกินไป " + (-left).toLocaleString("th-TH") + " ตัวอักษร กรุณาตัดให้สั้นลง";
      counter.classList.toggle("forum-counter--over", left < 0);
    }
    textarea.addEventListener("input", update);
    update();
  }

  function guardDoubleSubmit(form) {
    form.addEventListener("submit", function () {
      if (form.getAttribute("data-submitting")) return;
      form.setAttribute("data-submitting", "1");
      // Disable after the browser has taken the button's value; a second click then does nothing.
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.disabled = true;
          button.textContent = "กำลังส่ง…";
        });
      }, 0);
    });
  }

  document.querySelectorAll("textarea[data-maxlength]").forEach(setUpCounter);
  document.querySelectorAll("form[data-forum-form]").forEach(guardDoubleSubmit);
})();
