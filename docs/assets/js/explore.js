// Explorer and library filters: progressive enhancement over a server-rendered list.
// Facets combine as OR within a facet and AND across facets; each choice shows how many
// records it would give with the other filters as they are. The URL holds the state
// (?type=events&area=food-defense&q=tokyo), so views can be shared, and Back works.
(function () {
  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form[data-ctwg-facets]");
    var list = root.querySelector(".ctwg-results");
    if (!form || !list) return;
    var countEl = root.querySelector(".ctwg-result-count");
    var q = form.querySelector("input[type=search]");
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fs) {
      return fs.getAttribute("data-facet");
    });
    var boxes = {};
    var counters = {};
    facets.forEach(function (f) {
      boxes[f] = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-facet="' + f + '"] input[type=checkbox]'));
      counters[f] = boxes[f].map(function (b) { return b.parentNode.querySelector(".ctwg-count"); });
    });
    var items = Array.prototype.map.call(list.children, function (li) {
      var o = { el: li, text: li.getAttribute("data-text") || "", shown: true };
      facets.forEach(function (f) {
        o[f] = (li.getAttribute("data-" + f) || "").split(" ").filter(Boolean);
      });
      return o;
    });

    function selected() {
      var s = {};
      facets.forEach(function (f) {
        s[f] = boxes[f].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return s;
    }

    function apply() {
      var sel = selected();
      var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var counts = {};
      facets.forEach(function (f) { counts[f] = {}; });
      var shown = 0;
      items.forEach(function (o) {
        var textOk = words.every(function (w) { return o.text.indexOf(w) >= 0; });
        var fails = 0, failed = null;
        facets.forEach(function (f) {
          var vals = sel[f];
          if (vals.length && !vals.some(function (v) { return o[f].indexOf(v) >= 0; })) { fails++; failed = f; }
        });
        var visible = textOk && fails === 0;
        if (o.shown !== visible) { o.el.hidden = !visible; o.shown = visible; }
        if (visible) shown++;
        if (!textOk || fails > 1) return;
        facets.forEach(function (f) {
          if (fails === 0 || failed === f) {
            o[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
          }
        });
      });
      facets.forEach(function (f) {
        boxes[f].forEach(function (b, i) {
          var n = counts[f][b.value] || 0;
          var text = "(" + n + ")";
          if (counters[f][i].textContent !== text) counters[f][i].textContent = text;
          b.parentNode.classList.toggle("ctwg-zero", n === 0 && !b.checked);
        });
      });
      var total = items.length;
      countEl.textContent = shown === total ? "Showing all " + total + " records." : "Showing " + shown + " of " + total + " records.";
      return sel;
    }

    function writeUrl(sel, push) {
      var p = new URLSearchParams();
      if (q.value.trim()) p.set("q", q.value.trim());
      facets.forEach(function (f) { sel[f].forEach(function (v) { p.append(f, v); }); });
      var search = p.toString() ? "?" + p.toString() : "";
      if (search === location.search) return;
      history[push ? "pushState" : "replaceState"]({ ctwg: true }, "", location.pathname + search + location.hash);
    }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      q.value = p.get("q") || "";
      facets.forEach(function (f) {
        var vals = p.getAll(f);
        boxes[f].forEach(function (b) { b.checked = vals.indexOf(b.value) >= 0; });
      });
    }

    form.addEventListener("change", function (e) {
      if (e.target === q) return;
      writeUrl(apply(), true);
    });
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { writeUrl(apply(), false); }, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); writeUrl(apply(), true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { writeUrl(apply(), true); }, 0);
    });
    window.addEventListener("popstate", function () { readUrl(); apply(); });
    readUrl();
    apply();
    root.classList.add("ctwg-explorer--ready");
  }

  function run() {
    document.querySelectorAll(".ctwg-explorer").forEach(init);
  }
  if (window.document$) { window.document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
})();
