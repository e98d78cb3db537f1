// Door check-in that keeps working on a poor connection: every scan is queued in localStorage and
// sent to the server, which checks each ticket in exactly once whichever device sends it first.
(function () {
  const root = document.getElementById("checkin");
  if (!root) return;
  const QUEUE = "checkin-queue:" + root.dataset.syncUrl;
  const device = localStorage.getItem("checkin-device") || ("door-" + Math.random().toString(36).slice(2, 8));
  localStorage.setItem("checkin-device", device);
  const log = root.querySelector("[data-log]");
  const queued = root.querySelector("[data-queued]");
  const status = root.querySelector("[data-status]");
  const form = root.querySelector("[data-form]");

  function load() { try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; } }
  function save(items) { localStorage.setItem(QUEUE, JSON.stringify(items)); queued.textContent = items.length; }
  function note(text) { const li = document.createElement("li"); li.textContent = text; log.prepend(li); }
  function counts(data) {
    for (const key of ["checked_in", "visitors", "stalls"]) {
      const el = root.querySelector('[data-count="' + key + '"]');
      if (el && key in data) el.textContent = data[key];
    }
  }

  let syncing = false;
  function sync() {
    const items = load();
    if (!items.length || syncing) return;
    syncing = true;
    fetch(root.dataset.syncUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify({ device: device, checkins: items }),
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      const sent = new Set(items.map(function (i) { return i.code; }));
      save(load().filter(function (i) { return !sent.has(i.code); }));
      data.results.forEach(function (r) {
        const mark = r.result === "checked_in" ? "✓ " : r.result === "already" ? "⚠ " : "✗ ";
        note(mark + r.message + " · " + r.code + (r.name ? " " + r.name : "") + (r.party_size > 1 ? " ×" + r.party_size : ""));
      });
      counts(data.counts);
      status.textContent = root.dataset.online;
    }).catch(function () {
      status.textContent = root.dataset.offline;
    }).finally(function () { syncing = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const code = form.code.value.trim().toUpperCase();
    if (!code) return;
    const items = load();
    if (!items.some(function (i) { return i.code === code; })) items.push({ code: code, at: new Date().toISOString() });
    save(items);
    form.code.value = "";
    sync();
  });

  // Camera scanning where the browser has a barcode detector; typing the code always works.
  const scan = root.querySelector("[data-scan]");
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    scan.hidden = false;
    scan.addEventListener("click", async function () {
      const video = root.querySelector("[data-video]");
      video.hidden = false;
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      await video.play();
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      const tick = async function () {
        const codes = await detector.detect(video).catch(function () { return []; });
        if (codes.length) { form.code.value = codes[0].rawValue; form.requestSubmit(); }
        setTimeout(tick, 700);
      };
      tick();
    });
  }

  save(load());
  window.addEventListener("online", sync);
  setInterval(sync, 5000);
  setInterval(function () {
    fetch(root.dataset.countsUrl).then(function (r) { return r.json(); }).then(counts).catch(function () {});
  }, 10000);
  sync();
})();
