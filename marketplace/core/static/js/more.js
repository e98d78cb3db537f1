// Endless scrolling over keyset pages: when the "next" link comes into view, the next page's cards are
// fetched and appended, and its pager replaces this one. Without JavaScript the link still works.
(function () {
  "use strict";
  var list = document.querySelector("[data-more-items]");
  if (!list || !("IntersectionObserver" in window) || !window.fetch) return;
  var loading = false;

  function nextLink() {
    var pager = document.querySelector("[data-more-pager]");
    return pager ? pager.querySelector("a[rel=next]") : null;
  }

  function load(observer) {
    var link = nextLink();
    if (!link || loading) return;
    loading = true;
    fetch(link.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var items = page.querySelectorAll("[data-more-items] > li");
        items.forEach(function (item) { list.appendChild(document.importNode(item, true)); });
        var oldPager = document.querySelector("[data-more-pager]");
        var newPager = page.querySelector("[data-more-pager]");
        observer.disconnect();
        if (newPager && newPager.querySelector("a[rel=next]")) {
          oldPager.replaceWith(document.importNode(newPager, true));
          watch();
        } else if (oldPager) {
          oldPager.remove();
        }
      })
      // On any failure the pager link stays as it is: a tap still opens the next page.
      .catch(function () {})
      .then(function () { loading = false; });
  }

  function watch() {
    var link = nextLink();
    if (!link) return;
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) load(observer);
    }, { rootMargin: "600px 0px" });
    observer.observe(link);
  }

  watch();
})();
