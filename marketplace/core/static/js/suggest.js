// Suggestions while typing in the search box; the page works without it.
(function () {
  const input = document.querySelector("input[data-suggest-url]");
  if (!input) return;
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) { list.replaceChildren(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren(...data.suggestions.map(function (title) {
            const option = document.createElement("option");
            option.value = title;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();
