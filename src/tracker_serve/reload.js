// Live reload for `tracker serve`: wait for the preview to change, then show the page again.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script.getAttribute("data-version");
  function wait(delay) { return new Promise(function (done) { setTimeout(done, delay); }); }
  async function watch() {
    for (;;) {
      try {
        var answer = await fetch("/_preview/wait?since=" + encodeURIComponent(version), { cache: "no-store" });
        var now = (await answer.text()).trim();
        if (answer.ok && now !== version) { location.reload(); return; }
      } catch (stopped) {
        await wait(1000);  // the preview is restarting, or was stopped: try again shortly
      }
    }
  }
  watch();
})();
