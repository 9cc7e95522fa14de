// The PDF's progress page: ask the server every second how far the rendering is, and show the
// download link once it is done (without script the page reloads itself instead).
(function () {
  "use strict";
  var box = document.getElementById("render-status");
  if (!box) {
    return;
  }
  var url = box.dataset.progressUrl;
  var bar = box.querySelector("progress");

  function field(name) {
    return box.querySelector('[data-field="' + name + '"]');
  }

  function show(status) {
    field("state_label").textContent = status.state_label;
    field("progress").textContent = status.progress;
    bar.value = status.progress;
    var error = field("error");
    error.textContent = status.error;
    error.hidden = !status.error;
    var download = field("download");
    if (status.done) {
      download.querySelector("a").href = status.download;
      download.hidden = false;
    }
    return status.done || status.failed;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (status) {
        if (!show(status)) {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  if (field("download").hidden && field("error").hidden) {
    poll();
  }
})();
