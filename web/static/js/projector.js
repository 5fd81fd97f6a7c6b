// Projector view: arrow keys, Page Up/Down and Home/End move one slide; the URL hash follows the slide.
// Without this script the slides are an ordinary scrolling page.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) { return; }
  function current() {
    var top = window.innerHeight * 0.3, best = 0;
    slides.forEach(function (s, i) { if (s.getBoundingClientRect().top <= top) { best = i; } });
    return best;
  }
  function show(i) {
    var s = slides[Math.max(0, Math.min(slides.length - 1, i))];
    s.scrollIntoView({ block: "start" });
    s.focus({ preventScroll: true });
    if (history.replaceState) { history.replaceState(null, "", "#" + s.id); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) { return; }
    var forward = ["ArrowRight", "ArrowDown", "PageDown", " "], back = ["ArrowLeft", "ArrowUp", "PageUp"];
    if (forward.indexOf(e.key) >= 0) { e.preventDefault(); show(current() + 1); }
    else if (back.indexOf(e.key) >= 0) { e.preventDefault(); show(current() - 1); }
    else if (e.key === "Home") { e.preventDefault(); show(0); }
    else if (e.key === "End") { e.preventDefault(); show(slides.length - 1); }
  });
})();
