// Duplicate hints: while a title is typed, ask the server (at most every 400 ms of quiet) for
// the township's similar earlier proposals and show them under the title field.
(function () {
  "use strict";
  var box = document.getElementById("similar-hints");
  if (!box) {
    return;
  }
  var input = document.getElementById(box.dataset.similarFor);
  if (!input) {
    return;
  }
  var wrapper = input.closest(".mb-3") || input;
  wrapper.insertAdjacentElement("afterend", box);

  var DELAY_MS = 400;
  var timer = null;
  var asked = "";
  var controller = null;

  function show(html, title) {
    // An answer to an older title arriving late must not replace the newer one's.
    if (input.value.trim() === title) {
      box.innerHTML = html;
    }
  }

  function lookUp() {
    var title = input.value.trim();
    if (title === asked) {
      return;
    }
    asked = title;
    if (controller) {
      controller.abort();
    }
    if (title.length < 2) {
      box.innerHTML = "";
      return;
    }
    controller = new AbortController();
    var query = new URLSearchParams({ title: title, exclude: box.dataset.exclude || "" });
    fetch(box.dataset.similarUrl + "?" + query.toString(), {
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        show(html, title);
      })
      .catch(function () {
        // Aborted for a newer title, or offline: the hints are a help, never a hindrance.
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, DELAY_MS);
  });
  if (input.value.trim()) {
    lookUp();
  }
})();
