// Screening: focus, error swaps, the character counter and the print button. Everything works without it.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail && event.detail.target;
  if (!target) { return; }
  var box = document.getElementById("screening");
  var heading = box && box.querySelector(".error-summary a, h1");
  if (heading) { heading.focus(); }
  setUp();
});

// htmx does not swap error responses by default; the 422 page of a screening step carries the error message.
document.addEventListener("htmx:beforeSwap", function (event) {
  var xhr = event.detail && event.detail.xhr;
  if (xhr && xhr.status === 422 && event.detail.target && event.detail.target.id === "screening") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

function setUp() {
  var area = document.getElementById("beskrivning");
  var counter = document.getElementById("tecken-kvar");
  if (area && counter && !area.dataset.counted) {
    area.dataset.counted = "1";
    var max = parseInt(area.getAttribute("data-max"), 10);
    var update = function () {
      var left = max - area.value.length;
      counter.textContent = left >= 0
        ? left + " av " + max + " tecken kvar."
        : "Texten är " + (-left) + " tecken för lång (högst " + max + ").";
      counter.classList.toggle("over", left < 0);
    };
    area.addEventListener("input", update);
    update();
  }
  var button = document.querySelector(".print-button");
  if (button && button.hidden) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUp);
} else {
  setUp();
}
