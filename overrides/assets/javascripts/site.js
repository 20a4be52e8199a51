/* What the site needs of Material's 114 KB script bundle, in a few lines: mark the page as scripted (the search
   box, the back-to-top button and the filters show only then) and run the back-to-top button. The navigation
   drawer, the search overlay and the table of contents work without script, through Material's own CSS. */
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  var top = document.querySelector("[data-md-component=top]");
  if (!top) return;
  var last = window.scrollY;
  // As Material does: offer the button while the reader scrolls back up, away from the top of the page.
  window.addEventListener("scroll", function () {
    var y = window.scrollY;
    top.hidden = !(y < last && y > 400);
    last = y;
  }, { passive: true });
  top.addEventListener("click", function () {
    top.hidden = true;
    window.scrollTo({ top: 0 });
  });
})();
