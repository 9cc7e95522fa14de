// The roll's "mark everyone" buttons: each sets every choice on the form to its data-mark.
// They are hidden in the page and shown only once they work, so nobody (and no test) clicks
// one before this script has run.
document.querySelectorAll("[data-mark]").forEach(function (button) {
  button.addEventListener("click", function () {
    button.form.querySelectorAll("select").forEach(function (select) {
      select.value = button.dataset.mark;
    });
  });
  const group = button.closest("[data-mark-buttons]");
  group.hidden = false;
  group.classList.add("d-flex");
});
