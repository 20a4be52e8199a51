/* "Show changes since": hides the entries older than the chosen day. Without
   JavaScript every entry shows. The choice is kept in the address
   (?since=2020-06-01), so a list since a date can be shared. */
(function () {
  "use strict";

  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function setUp(form) {
    var input = form.querySelector('input[name="since"]');
    var status = document.querySelector(".tk-since-count");
    var items = Array.prototype.slice.call(document.querySelectorAll(".tk-changes-list > li"));
    var months = Array.prototype.slice.call(document.querySelectorAll(".tk-month"));
    var years = Array.prototype.slice.call(document.querySelectorAll("[data-tk-year]"));

    function apply(since) {
      var shown = 0;
      items.forEach(function (item) {
        // Hidden only when the last day its date can mean is before the chosen day.
        var visible = !since || item.getAttribute("data-last") >= since;
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      months.forEach(function (month) {
        month.hidden = !month.querySelector(".tk-changes-list > li:not([hidden])");
      });
      years.forEach(function (heading) {
        var next = heading.nextElementSibling;
        var any = false;
        while (next && !next.hasAttribute("data-tk-year")) {
          if (next.classList.contains("tk-month") && !next.hidden) { any = true; }
          next = next.nextElementSibling;
        }
        heading.hidden = !any;
      });
      // The contents sidebar and "Jump to a year" offer only what is still shown.
      Array.prototype.forEach.call(document.querySelectorAll('.md-nav--secondary a[href^="#month-"], .md-nav--secondary a[href^="#year-"], .tk-years a[href*="#year-"]'), function (link) {
        var target = document.getElementById(link.getAttribute("href").split("#")[1]);
        var section = target && target.closest(".tk-month");
        var gone = !!target && (target.hidden || (section && section.hidden));
        var item = link.closest("li");
        if (item) { item.hidden = gone; }
      });
      if (status) {
        var words = new Date(since + "T00:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
        status.hidden = !since;
        status.textContent = since ? "Changes since " + words + ": " + shown + " of the " + items.length +
          " listed on this page. “Download this list” still gives every change, not only these." : "";
      }
      var query = new URLSearchParams(window.location.search);
      if (since) { query.set("since", since); } else { query.delete("since"); }
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    var wanted = new URLSearchParams(window.location.search).get("since") || "";
    if (DAY.test(wanted)) { input.value = wanted; apply(wanted); }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(DAY.test(input.value) ? input.value : "");
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-tk-since]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
