// Starts Wagtail's admin widgets (date and time pickers, page/image/document/snippet/task choosers) from
// data attributes, in place of the inline scripts Wagtail renders (the Content-Security-Policy runs no
// inline script). See marketplace/core/admin_widgets.py. Safe to load many times on one page.
(function () {
  "use strict";
  var pickers = { date: "initDateChooser", time: "initTimeChooser", datetime: "initDateTimeChooser" };

  function lookup(path) {
    return path.split(".").reduce(function (scope, part) {
      return scope == null ? undefined : scope[part];
    }, window);
  }

  function startPickers() {
    document.querySelectorAll("[data-admin-chooser]:not([data-started])").forEach(function (marker) {
      var picker = window[pickers[marker.dataset.adminChooser]];
      if (typeof picker !== "function") return;
      marker.dataset.started = "1";
      picker(marker.dataset.for, JSON.parse(marker.dataset.config || "{}"));
    });
  }

  function startChoosers() {
    document.querySelectorAll("[data-admin-widget]:not([data-started])").forEach(function (marker) {
      var spec = JSON.parse(marker.dataset.adminWidget);
      var target = lookup(spec["new"] || spec.call);
      if (typeof target !== "function") return;
      marker.dataset.started = "1";
      if (spec["new"]) {
        new (Function.prototype.bind.apply(target, [null].concat(spec.args)))();
      } else {
        target.apply(window, spec.args);
      }
    });
  }

  function start() {
    startPickers();
    startChoosers();
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
