// Gallery viewer: the gallery is a list of plain links to the full images and works without this file.
// With it, a link opens the image in a <dialog> with previous/next, keyboard arrows and Escape.
(function () {
  "use strict";
  var galleries = document.querySelectorAll("[data-gallery]");
  if (!galleries.length || typeof HTMLDialogElement !== "function") return;

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  galleries.forEach(function (gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a.gallery__link"));
    if (!links.length) return;
    var index = 0;
    var dialog = make("dialog", "lightbox");
    dialog.setAttribute("aria-label", "ภาพขนาดเต็ม");
    var frame = make("div", "lightbox__frame");
    // No picture until one is shown: an <img> without a source or a text alternative is an error to a screen reader.
    var image = make("img", "lightbox__image");
    image.alt = "";
    image.hidden = true;
    var caption = make("p", "lightbox__caption");
    var controls = make("div", "lightbox__controls");
    var previous = make("button", "lightbox__button", "‹ ก่อนหน้า");
    var counter = make("p", "lightbox__counter");
    var next = make("button", "lightbox__button", "ถัดไป ›");
    var close = make("button", "lightbox__button", "ปิด ✕");
    [previous, next, close].forEach(function (button) { button.type = "button"; });
    controls.append(previous, next, close);
    frame.append(image, caption, counter);
    dialog.append(controls, frame);
    document.body.appendChild(dialog);

    function show(position) {
      index = (position + links.length) % links.length;
      var link = links[index];
      image.src = link.href;
      image.alt = link.dataset.alt || "";
      image.hidden = false;
      caption.textContent = link.dataset.caption || "";
      counter.textContent = "ภาพที่ " + (index + 1) + " จาก " + links.length;
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, position) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        show(position);
        dialog.showModal();
        close.focus();
      });
    });
    previous.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target === frame) dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") show(index - 1);
      if (event.key === "ArrowRight") show(index + 1);
    });
    dialog.addEventListener("close", function () {
      links[index].focus();
      image.removeAttribute("src");
      image.hidden = true;
    });
  });
})();
