// budgetxl serve: the little script of the pages. Every page works without
// it; it adds dropping files, upload progress, the review's progress bar and
// scrolling to a finding's cell.
(function () {
  "use strict";
  var T = {};
  try { T = JSON.parse(document.getElementById("texts").textContent); } catch (e) { /* the words stay the page's */ }
  var token = (document.querySelector('meta[name="budgetxl-token"]') || {}).content || "";

  function poll(statusURL, done) {
    var bar = document.getElementById("bar");
    var text = document.getElementById("progress-text");
    function tick() {
      fetch(statusURL, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (bar) { bar.style.width = (s.total ? 100 * s.done / s.total : 0) + "%"; }
          if (text) { text.textContent = T.checking + " " + s.done + " / " + s.total; }
          if (s.finished) { done(); } else { setTimeout(tick, 400); }
        })
        .catch(function () { setTimeout(tick, 1000); });
    }
    tick();
  }

  // The review form: drop files, send them with progress, follow the check.
  var form = document.getElementById("review-form");
  if (form) {
    var input = document.getElementById("workbooks");
    var folder = document.getElementById("folder");
    var count = function () {
      return input.files.length + Array.prototype.filter.call(folder.files, function (f) { return /\.xlsx$/i.test(f.name); }).length;
    };
    var zone = document.getElementById("dropzone");
    var chosen = document.getElementById("chosen");
    var show = function () {
      var n = count();
      chosen.textContent = n ? T.chosenFiles + " " + n + (n <= 5 ? "：" + Array.prototype.map.call(input.files, function (f) { return f.name; }).join("、") : "") : "";
    };
    input.addEventListener("change", show);
    folder.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!count()) { chosen.textContent = T.chooseFirst; return; }
      var progress = document.getElementById("progress");
      var bar = document.getElementById("bar");
      var text = document.getElementById("progress-text");
      progress.hidden = false;
      document.getElementById("review-submit").disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/review");
      xhr.setRequestHeader("X-Budgetxl-Token", token);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (ev) {
        if (ev.lengthComputable) { bar.style.width = (100 * ev.loaded / ev.total) + "%"; text.textContent = T.uploading + " " + Math.round(100 * ev.loaded / ev.total) + "%"; }
      };
      xhr.onload = function () {
        var res = {};
        try { res = JSON.parse(xhr.responseText); } catch (err) { res = { error: xhr.responseText }; }
        if (xhr.status !== 202) {
          text.textContent = res.error || xhr.statusText;
          progress.classList.add("failed");
          document.getElementById("review-submit").disabled = false;
          return;
        }
        poll(res.url + "/status", function () { window.location.href = res.url; });
      };
      xhr.onerror = function () { text.textContent = T.uploadFailed; document.getElementById("review-submit").disabled = false; };
      // Of a folder, only its workbooks are sent.
      var data = new FormData();
      Array.prototype.forEach.call(input.files, function (f) { data.append("workbooks", f, f.name); });
      Array.prototype.forEach.call(folder.files, function (f) { if (/\.xlsx$/i.test(f.name) && f.name.indexOf("~$") !== 0) { data.append("workbooks", f, f.webkitRelativePath || f.name); } });
      xhr.send(data);
    });
  }

  // A review still running: follow it, then show the results.
  var job = document.getElementById("job-progress");
  if (job) {
    poll("/review/" + job.dataset.job + "/status", function () { window.location.reload(); });
  }

  // A finding: open its sheet, scroll its cell into view and flash it.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.goto");
    if (!a) { return; }
    var el = document.getElementById(a.getAttribute("data-target").slice(1));
    if (!el) { return; }
    e.preventDefault();
    var d = el.closest("details");
    if (d) { d.open = true; }
    el.scrollIntoView({ block: "center", inline: "center" });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    history.replaceState(null, "", a.getAttribute("data-target"));
  });

  // The other forms: say that the work is under way.
  ["form-form", "fill-form"].forEach(function (id) {
    var f = document.getElementById(id);
    if (!f) { return; }
    f.addEventListener("submit", function () {
      var b = f.querySelector("button[type=submit]");
      b.textContent = T.working;
      setTimeout(function () { b.disabled = true; }, 0);
      setTimeout(function () { b.disabled = false; b.textContent = b.getAttribute("data-label") || b.textContent; }, 4000);
    });
  });
})();
