// The roll's "mark everyone" buttons: each sets every choice on the form to its data-mark.
document.querySelectorAll("[data-mark]").forEach(function (button) {
  button.addEventListener("click", function () {
    button.form.querySelectorAll("select").forEach(function (select) {
      select.value = button.dataset.mark;
    });
  });
});
