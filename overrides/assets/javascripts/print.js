// "Print or save as PDF": show the button (it is hidden without JavaScript, where the words beside it say how).
document.querySelectorAll("[data-tk-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
