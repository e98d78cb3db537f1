// On a phone the filters start folded under their summary, so the results are the first thing below
// the search box; they open with a tap. Without JavaScript, or on a wider screen, they stay open.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 48rem)").matches) return;
  document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
    details.open = false;
  });
})();
