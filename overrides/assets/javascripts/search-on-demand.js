/* Load the search index only when someone starts to search.
   Material requests the whole index (every record's text) on every first
   visit; on a phone, for a large record, that is most of the bytes of the
   visit. This holds back that one request until the search box is used
   (focused, opened, or a search in the address), then sends it unchanged.
   Must run before Material's bundle. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var wanted = /[?&]q=/.test(window.location.search);

  function release() {
    if (wanted && !waiting.length) { return; }
    wanted = true;
    waiting.splice(0).forEach(function (request) { send.apply(request.xhr, request.args); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.tkSearchIndex = INDEX.test(String(url).split("?")[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.tkSearchIndex && !wanted) {
      waiting.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) { release(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) { release(); }
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest(".md-search, label[for='__search']")) { release(); }
  });
})();
