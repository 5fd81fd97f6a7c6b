// "Kopiera svar med källor": fetch the Markdown export of the current answer and put it on the clipboard.
// Without JavaScript the button stays hidden and the download link does the same job.
(function () {
  function wire(root) {
    root.querySelectorAll(".copy-answer").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var status = button.parentElement.querySelector(".copy-status");
        fetch(button.dataset.src, { headers: { Accept: "text/markdown" } })
          .then(function (r) { return r.text(); })
          .then(function (text) { return navigator.clipboard.writeText(text); })
          .then(function () { if (status) status.textContent = "Svaret med källor är kopierat."; })
          .catch(function () { if (status) status.textContent = "Kunde inte kopiera. Använd länken för att ladda ned."; });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.target); });
})();
