/* Filters for a review's recommendations table. Without JavaScript the whole
   table shows; with it, selects for response, progress and owner narrow the
   rows, and the choice is kept in the address so it can be shared
   (?progress=past-due, ?owner=democratic-services). */
(function () {
  "use strict";

  function values(rows, attribute, split) {
    var seen = {};
    rows.forEach(function (row) {
      var raw = row.getAttribute(attribute) || "";
      (split ? raw.split("|") : [raw]).forEach(function (value) {
        if (value) { seen[value] = true; }
      });
    });
    return Object.keys(seen);
  }

  function labelFor(table, filter, value) {
    // The words already in the table are the label (one source of words): a badge's
    // text, or for an owner the name their record groups every spelling under.
    var found;
    if (filter.name === "owner") {
      found = table.querySelector('[data-owner="' + value + '"]');
      return found ? found.getAttribute("data-owner-name") || found.textContent : value;
    }
    found = table.querySelector('[data-status="' + value + '"]');
    return found ? found.textContent.replace(/^[^:]*:\s*/, "") : value;
  }

  function setUp(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var filters = [
      { name: "response", attribute: "data-response", label: "Response", split: false },
      { name: "progress", attribute: "data-progress", label: "Progress", split: false },
      { name: "owner", attribute: "data-owners", label: "Owner", split: true }
    ];
    var params = new URLSearchParams(window.location.search);
    var form = document.createElement("form");
    form.className = "tk-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter recommendations");
    var status = document.createElement("p");
    status.className = "tk-filter-count";
    status.setAttribute("role", "status");

    filters.forEach(function (filter) {
      var id = "tk-filter-" + filter.name;
      var wrap = document.createElement("div");
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = filter.label;
      var select = document.createElement("select");
      select.id = id;
      select.name = filter.name;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      values(rows, filter.attribute, filter.split).map(function (value) {
        return { value: value, label: labelFor(table, filter, value) };
      }).sort(function (a, b) {
        return a.label.localeCompare(b.label);
      }).forEach(function (choice) {
        var option = document.createElement("option");
        option.value = choice.value;
        option.textContent = choice.label;
        select.appendChild(option);
      });
      select.value = params.get(filter.name) || "";
      if (select.value !== (params.get(filter.name) || "")) { select.value = ""; }
      select.addEventListener("change", apply);
      filter.select = select;
      wrap.appendChild(label);
      wrap.appendChild(select);
      form.appendChild(wrap);
    });

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = "Show all";
    reset.addEventListener("click", function () {
      filters.forEach(function (filter) { filter.select.value = ""; });
      apply();
    });
    form.appendChild(reset);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    function apply() {
      var shown = 0;
      var query = new URLSearchParams(window.location.search);
      rows.forEach(function (row) {
        var visible = filters.every(function (filter) {
          var wanted = filter.select.value;
          if (!wanted) { return true; }
          var raw = row.getAttribute(filter.attribute) || "";
          return filter.split ? raw.split("|").indexOf(wanted) !== -1 : raw === wanted;
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      filters.forEach(function (filter) {
        if (filter.select.value) { query.set(filter.name, filter.select.value); } else { query.delete(filter.name); }
      });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      status.textContent = "Showing " + shown + " of " + rows.length + " recommendations.";
    }

    var wrapper = table.closest(".tk-table-wrap") || table;
    wrapper.parentNode.insertBefore(form, wrapper);
    wrapper.parentNode.insertBefore(status, wrapper);
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-tk-filterable]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
