/* The site's search, over the Pagefind index in search/ (written by src/tracker/search.py).
   Loaded by the header's inline script the first time the search box is used, never before.

   Results come in three groups, always in this order, so guides and lists never push records down:
   records (recommendations, resolutions, commitments, decisions, meetings, events); the pages that
   gather them (reviews, owners, committees); and pages about the site. Each group is a search of its
   own, by the "group" filter the pages that are not records carry; within a group Pagefind's ranking
   holds, with the owner named on a record counting for more than the title of a page (so "Director of
   children" finds the recommendations that director owns before the director's own page).
   The filters (review, progress, owner) are loaded only when a reader opens them.

   What a search fetches is kept small: Pagefind runs in the page (no worker, so no second copy of its
   code), words such as "of" and "the" are left out of a search with other words in it (each is listed
   on nearly every page, so looking one up would fetch the largest part of the index and narrow nothing),
   and only the first few results of each group are loaded until a reader asks for more.

   It looks like Material's search because it uses Material's classes: the box, the panel, the list. */
(function () {
  "use strict";

  var root = document.querySelector(".tk-search");
  if (!root || root.getAttribute("data-tk-search-ready")) { return; }
  root.setAttribute("data-tk-search-ready", "1");

  var input = document.getElementById("tk-search-query");
  var toggle = document.getElementById("__search");
  var form = input.form;
  var status = document.getElementById("tk-search-status");
  var output = document.getElementById("tk-search-results");
  var panel = document.getElementById("tk-search-filters");
  var base = new URL(root.getAttribute("data-tk-search-base") || "./", window.location.href);
  var bundle = new URL(root.getAttribute("data-tk-search-index"), window.location.href).href;
  var reviews = form.getAttribute("action");

  var PEOPLE = "Reviews, owners and committees";
  var GUIDES = "About this site";
  var GROUPS = [
    { heading: "Records", filter: { none: [{ group: PEOPLE }, { group: GUIDES }] }, first: 5 },
    { heading: PEOPLE, filter: { group: PEOPLE }, first: 3 },
    { heading: GUIDES, filter: { group: GUIDES }, first: 3 }
  ];
  var COMMON = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
                "or", "that", "the", "this", "to", "was", "were", "with"];
  var FILTERS = [
    { key: "review", label: "Review" },
    { key: "status", label: "Progress" },
    { key: "owner", label: "Owner" }
  ];
  var MORE = 10;   // how many more each "Show more" adds
  var RANKING = { metaWeights: { title: 5, owner: 7, kind: 2, status: 2, review: 0.5 } };

  var pagefind = null;
  var loading = null;
  var chosen = {};        // filter key -> value
  var latest = 0;         // the newest search; an older one that finishes late is dropped

  // ----- Pagefind, loaded once -----

  function load() {
    if (!loading) {
      loading = import(bundle).then(function (module) {
        pagefind = module;
        return module.options({ baseUrl: base.pathname, excerptLength: 22, ranking: RANKING, noWorker: true });
      }).then(function () {
        return pagefind.init();
      }).then(function () {
        return pagefind;
      });
      loading.catch(function () {
        unavailable();
      });
    }
    return loading;
  }

  function unavailable() {
    output.textContent = "";
    say("Search is not available on this copy of the site. ");
    var link = document.createElement("a");
    link.href = reviews;
    link.textContent = "Find a recommendation in the reviews\u2019 tables";
    status.appendChild(link);
    status.appendChild(document.createTextNode("."));
  }

  // ----- opening and closing, as Material's own search does -----

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    load();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    input.blur();
  }

  // ----- searching -----

  function say(words) {
    status.textContent = words;
  }

  function activeFilters(group) {
    var filters = {};
    Object.keys(group.filter).forEach(function (key) { filters[key] = group.filter[key]; });
    Object.keys(chosen).forEach(function (key) {
      if (chosen[key]) { filters[key] = chosen[key]; }
    });
    return filters;
  }

  function words(query) {
    var all = query.split(/\s+/).filter(Boolean);
    var kept = all.filter(function (word) { return COMMON.indexOf(word.toLowerCase()) < 0; });
    return (kept.length ? kept : all).join(" ");
  }

  function anyChosen() {
    return Object.keys(chosen).some(function (key) { return !!chosen[key]; });
  }

  var waiting = null;

  function run() {
    // A short pause after each key, so a word typed quickly is one search, not one per letter.
    window.clearTimeout(waiting);
    var mine = ++latest;
    waiting = window.setTimeout(function () { search(mine); }, 120);
  }

  function search(mine) {
    var query = input.value.trim();
    if (!query && !anyChosen()) {
      output.textContent = "";
      say("Type to search every recommendation, action and decision.");
      return;
    }
    load().then(function () {
      return Promise.all(GROUPS.map(function (group) {
        return pagefind.search(query ? words(query) : null, { filters: activeFilters(group) });
      }));
    }).then(function (searches) {
      if (mine !== latest) { return; }
      recount(query, searches);
      return show(query, searches, mine);
    }).catch(function () {
      if (mine === latest) { unavailable(); }
    });
  }

  function show(query, searches, mine) {
    var total = 0;
    var sections = [];
    searches.forEach(function (search, index) {
      total += search.results.length;
      if (search.results.length) {
        sections.push(section(GROUPS[index], search.results, index, mine));
      }
    });
    return Promise.all(sections).then(function (made) {
      if (mine !== latest) { return; }
      output.textContent = "";
      made.forEach(function (element) { output.appendChild(element); });
      say(summary(query, total, searches));
    });
  }

  function summary(query, total, searches) {
    var what = query ? "\u201c" + query + "\u201d" : "these filters";
    if (!total) {
      return "Nothing matches " + what + ". Try fewer or different words" + (anyChosen() ? ", or clear the filters." : ".");
    }
    var parts = searches.map(function (search, index) {
      var n = search.results.length;
      if (!n) { return null; }
      var name = GROUPS[index].heading.toLowerCase();
      return n + " " + (index === 0 ? (n === 1 ? "record" : "records") : "in \u201c" + name + "\u201d");
    }).filter(Boolean);
    return (total === 1 ? "1 result" : total + " results") + " for " + what + ": " + parts.join(", ") + ".";
  }

  function section(group, results, index, mine) {
    var element = document.createElement("section");
    element.className = "tk-search-group";
    var id = "tk-search-group-" + index;
    element.setAttribute("aria-labelledby", id);
    var heading = document.createElement("h2");
    heading.className = "tk-search-group__heading";
    heading.id = id;
    heading.textContent = group.heading + " (" + results.length + ")";
    var list = document.createElement("ol");
    list.className = "md-search-result__list";
    element.appendChild(heading);
    element.appendChild(list);
    return add(list, results, 0, group.first, mine).then(function () {
      more(element, list, results, group.first, mine);
      return element;
    });
  }

  function add(list, results, from, count, mine) {
    return Promise.all(results.slice(from, from + count).map(function (result) {
      return result.data();
    })).then(function (found) {
      if (mine !== latest) { return; }
      found.forEach(function (data) { list.appendChild(item(data)); });
    });
  }

  function more(element, list, results, shown, mine) {
    if (results.length <= shown) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tk-search-more";
    var next = Math.min(MORE, results.length - shown);
    button.textContent = "Show " + next + " more (" + (results.length - shown) + " not shown)";
    button.addEventListener("click", function () {
      button.disabled = true;
      var first = list.children.length;
      add(list, results, shown, MORE, mine).then(function () {
        button.remove();
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) { link.focus(); }
        more(element, list, results, shown + MORE, mine);
      });
    });
    element.appendChild(button);
  }

  function item(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("div");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h3");
    title.className = "tk-search-result__title";
    title.textContent = meta.title || data.url;
    var about = document.createElement("p");
    about.className = "tk-search-result__about";
    about.textContent = [meta.kind, meta.status, meta.owner ? "Owner: " + meta.owner : null]
      .filter(Boolean).join(" \u00b7 ");
    var excerpt = document.createElement("p");
    // Pagefind escapes the page's text before it adds <mark> around the words searched for.
    excerpt.innerHTML = data.excerpt;
    article.appendChild(icon);
    article.appendChild(title);
    if (about.textContent) { article.appendChild(about); }
    article.appendChild(excerpt);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  // ----- filters, loaded when a reader opens them -----

  var lastSearches = null;
  var filterButton = document.createElement("button");
  filterButton.type = "button";
  filterButton.className = "tk-search-filter-toggle";
  filterButton.setAttribute("aria-expanded", "false");
  filterButton.setAttribute("aria-controls", "tk-search-filters");
  filterButton.textContent = "Filter by review, progress or owner";
  panel.parentNode.insertBefore(filterButton, panel);

  filterButton.addEventListener("click", function () {
    var opening = panel.hidden;
    panel.hidden = !opening;
    filterButton.setAttribute("aria-expanded", opening ? "true" : "false");
    if (opening && !panel.childElementCount) {
      panel.textContent = "Loading the filters\u2026";
      load().then(function () { return pagefind.filters(); }).then(drawFilters, function () {
        panel.textContent = "The filters could not be loaded.";
      });
    }
  });

  function drawFilters(available) {
    panel.textContent = "";
    FILTERS.forEach(function (filter) {
      var values = Object.keys(available[filter.key] || {}).sort(function (a, b) { return a.localeCompare(b); });
      if (!values.length) { return; }
      var wrap = document.createElement("div");
      wrap.className = "tk-search-filter";
      var label = document.createElement("label");
      label.setAttribute("for", "tk-search-filter-" + filter.key);
      label.textContent = filter.label;
      var select = document.createElement("select");
      select.id = "tk-search-filter-" + filter.key;
      select.name = filter.key;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.setAttribute("data-value", value);
        // The whole record's count, until a search counts the pages its words match (see recount).
        option.textContent = lastSearches ? value : value + " (" + available[filter.key][value] + ")";
        select.appendChild(option);
      });
      select.value = chosen[filter.key] || "";
      select.addEventListener("change", function () {
        chosen[filter.key] = select.value;
        run();
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      panel.appendChild(wrap);
    });
    if (lastSearches) { run(); }  // searched before the filters were loaded: search again, to count with them
  }

  // After a search, each choice says how many pages the words match with it, not how many the whole record holds.
  function recount(query, searches) {
    if (!query && !anyChosen()) { return; }
    FILTERS.forEach(function (filter) {
      var select = document.getElementById("tk-search-filter-" + filter.key);
      if (!select) { return; }
      Array.prototype.forEach.call(select.querySelectorAll("option[data-value]"), function (option) {
        var value = option.getAttribute("data-value");
        // Pagefind counts, for each value, the pages the words match (the filters aside): one group's search holds
        // the counts for every group.
        var n = ((searches[0].totalFilters || {})[filter.key] || {})[value] || 0;
        option.textContent = value + " (" + n + ")";
      });
    });
    lastSearches = [query, searches];
  }

  // ----- the keyboard -----

  function links() {
    return Array.prototype.slice.call(output.querySelectorAll("a.md-search-result__link"));
  }

  // "Clear the search" is a tab stop only while there is something to clear (it starts hidden).
  var clear = form.querySelector(".tk-search-clear");
  function showClear() { if (clear) { clear.hidden = !input.value; } }
  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  input.addEventListener("input", showClear);
  form.addEventListener("reset", function () {
    window.setTimeout(function () { showClear(); run(); input.focus(); }, 0);
  });
  showClear();
  form.addEventListener("submit", function (event) {
    // Enter in the box opens the first result; with none yet, it stays here.
    event.preventDefault();
    var first = links()[0];
    if (first) { window.location.href = first.href; }
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    var all = links();
    if (!all.length) { return; }
    var at = all.indexOf(document.activeElement);
    if (event.target === input && event.key === "ArrowUp") { return; }
    event.preventDefault();
    if (event.key === "ArrowDown") {
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (at <= 0) {
      input.focus();
    } else {
      all[at - 1].focus();
    }
  });
  // Tabbing on out of the search closes it, so it never covers the page the focus has moved on to.
  root.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !root.contains(event.relatedTarget)) { close(); }
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input && !root.contains(document.activeElement)) {
      input.focus();  // the magnifier in a phone's header opened it
    }
  });

  // The inline script loaded this because the box was focused or opened: carry on from there.
  if (document.activeElement === input || toggle.checked) {
    open();
    if (document.activeElement !== input) { input.focus(); }
    if (input.value) { run(); }
  }
})();
