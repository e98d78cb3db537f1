// The inspection page without reloads: each check is saved on its own (the form still posts every
// check at once where this script does not run), and a listing photo opens larger in place.
(function () {
  "use strict";
  const form = document.getElementById("inspection");
  if (form && window.fetch && window.FormData) {
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const progress = document.querySelector("[data-progress]");
    const caseStatus = document.querySelector("[data-case-status]");

    function showErrors(set, errors) {
      const list = set.querySelector("[data-errors]");
      list.replaceChildren();
      errors.forEach(function (text) {
        const li = document.createElement("li");
        li.textContent = text;
        list.append(li);
      });
      list.hidden = errors.length === 0;
      set.classList.toggle("has-errors", errors.length > 0);
    }

    function save(set, button) {
      const state = set.querySelector("[data-state]");
      const data = new FormData();
      set.querySelectorAll("[data-field]").forEach(function (input) {
        if (input.type === "file") {
          if (input.files.length) data.append(input.dataset.field, input.files[0]);
        } else {
          data.append(input.dataset.field, input.value);
        }
      });
      button.disabled = true;
      state.textContent = form.dataset.saving;
      fetch(set.dataset.recordUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        const body = answer.body;
        if (!answer.ok) {
          state.textContent = "";
          showErrors(set, [body.error].concat(body.errors || []));
          return;
        }
        showErrors(set, []);
        set.querySelector("[data-recorded]").innerHTML = body.summary;
        set.classList.add("is-recorded");
        set.querySelectorAll("input[type=file]").forEach(function (input) { input.value = ""; });
        const held = set.querySelector(".held-photo");
        if (held) held.remove();
        state.textContent = body.message;
        if (progress) progress.textContent = body.progress;
        if (caseStatus) caseStatus.textContent = body.status;
      }).catch(function () {
        state.textContent = form.dataset.failed;
      }).finally(function () {
        button.disabled = false;
      });
    }

    form.querySelectorAll("fieldset[data-record-url]").forEach(function (set) {
      const button = set.querySelector("[data-save]");
      button.hidden = false;
      button.addEventListener("click", function () { save(set, button); });
    });
  }

  // Photos open in a dialog over the page; without this script the link opens the large photo.
  const reference = document.querySelector(".listing-reference");
  if (reference && window.HTMLDialogElement) {
    const viewer = document.createElement("dialog");
    viewer.className = "photo-viewer";
    const image = document.createElement("img");
    image.alt = "";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = reference.dataset.close;
    close.addEventListener("click", function () { viewer.close(); });
    viewer.addEventListener("click", function (event) { if (event.target === viewer) viewer.close(); });
    viewer.append(image, close);
    document.body.append(viewer);
    reference.querySelectorAll("a[data-enlarge]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        image.src = link.href;
        image.alt = link.querySelector("img").alt;
        viewer.showModal();
        close.focus();
      });
    });
  }
})();
