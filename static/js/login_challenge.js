// The login's picture challenge: "another picture" asks the server for a new one and puts its
// key in the form's hidden field (django-simple-captcha's refresh view answers JSON).
(function () {
  "use strict";
  var button = document.querySelector("[data-challenge-refresh]");
  if (!button) {
    return;
  }
  var image = document.querySelector("[data-challenge-image]");
  var key = button.form && button.form.querySelector("input[type=hidden][name$='_0']");
  button.addEventListener("click", function () {
    fetch(button.dataset.challengeRefresh, {
      headers: { "X-Requested-With": "XMLHttpRequest" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && image && key) {
          image.src = data.image_url;
          key.value = data.key;
        }
      });
  });
})();
