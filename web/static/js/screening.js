// Screening: after htmx swaps in a new step, move focus to its heading so screen readers announce the new question.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail && event.detail.target;
  if (!target) { return; }
  var box = document.getElementById("screening");
  var heading = box && box.querySelector("h1");
  if (heading) { heading.focus(); }
});
