// Explorer and library filters: progressive enhancement over a server-rendered list.
// Without JavaScript the page lists every record. With it:
// - facets combine as OR within a facet and AND across facets, and each choice shows how
//   many records it would give with the other filters as they are;
// - a text box narrows further; ?links=ID keeps only records that refer to record ID
//   (record pages link here for their longer lists of connections);
// - the URL holds the state (?type=events&area=food-defense&q=tokyo): views can be shared,
//   reloading restores them and Back undoes a choice;
// - only the first PAGE matches are put in the page, with "Show more", so a change stays
//   fast however many records the site holds.
(function () {
  var PAGE = 100;

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form[data-ctwg-facets]");
    var list = root.querySelector(".ctwg-results");
    if (!form || !list) return;
    var countEl = root.querySelector(".ctwg-result-count");
    var noteEl = root.querySelector(".ctwg-links-note");
    var more = root.querySelector(".ctwg-more");
    var q = form.querySelector("input[type=search]");
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fs) {
      return fs.getAttribute("data-facet");
    });
    var boxes = {}, counters = {};
    facets.forEach(function (f) {
      boxes[f] = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-facet="' + f + '"] input[type=checkbox]'));
      counters[f] = boxes[f].map(function (b) { return b.parentNode.querySelector(".ctwg-count"); });
    });
    var items = Array.prototype.map.call(list.children, function (li) {
      var o = { el: li, id: li.getAttribute("data-id") || "", text: li.getAttribute("data-text") || "",
                links: " " + (li.getAttribute("data-links") || "") + " " };
      facets.forEach(function (f) { o[f] = (li.getAttribute("data-" + f) || "").split(" ").filter(Boolean); });
      return o;
    });
    var total = items.length;
    var linksTo = "";
    var matches = [];
    var limit = PAGE;

    function selected() {
      var s = {};
      facets.forEach(function (f) {
        s[f] = boxes[f].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return s;
    }

    function render() {
      var frag = document.createDocumentFragment();
      for (var i = 0; i < matches.length && i < limit; i++) frag.appendChild(matches[i].el);
      list.replaceChildren(frag);
      more.hidden = matches.length <= limit;
      if (!more.hidden) more.querySelector("button").textContent = "Show more (" + (matches.length - limit) + " left)";
    }

    function apply() {
      var sel = selected();
      var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var needle = linksTo ? " " + linksTo + " " : "";
      var counts = {};
      facets.forEach(function (f) { counts[f] = {}; });
      matches = [];
      items.forEach(function (o) {
        if (needle && o.links.indexOf(needle) < 0) return;
        for (var w = 0; w < words.length; w++) if (o.text.indexOf(words[w]) < 0) return;
        var fails = 0, failed = null;
        for (var k = 0; k < facets.length; k++) {
          var f = facets[k], vals = sel[f];
          if (vals.length && !vals.some(function (v) { return o[f].indexOf(v) >= 0; })) {
            fails++; failed = f;
            if (fails > 1) return;
          }
        }
        if (fails === 0) matches.push(o);
        facets.forEach(function (f) {
          if (fails === 0 || failed === f) o[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
        });
      });
      facets.forEach(function (f) {
        boxes[f].forEach(function (b, i) {
          var n = counts[f][b.value] || 0;
          var text = "(" + n + ")";
          if (counters[f][i].textContent !== text) counters[f][i].textContent = text;
          var zero = n === 0 && !b.checked;
          if (b.parentNode.classList.contains("ctwg-zero") !== zero) b.parentNode.classList.toggle("ctwg-zero", zero);
        });
      });
      limit = PAGE;
      render();
      countEl.textContent = matches.length === total
        ? "Showing all " + total + " records."
        : "Showing " + matches.length + " of " + total + " records.";
      return sel;
    }

    function showLinksNote() {
      if (!linksTo) { noteEl.hidden = true; noteEl.textContent = ""; return; }
      var target = items.filter(function (o) { return o.id === linksTo; })[0];
      var name = target ? target.el.querySelector("a").textContent : linksTo;
      noteEl.textContent = "Only records that refer to " + name + ". Clear all filters to see everything.";
      noteEl.hidden = false;
    }

    function writeUrl(sel, push) {
      var p = new URLSearchParams();
      if (linksTo) p.set("links", linksTo);
      if (q.value.trim()) p.set("q", q.value.trim());
      facets.forEach(function (f) { sel[f].forEach(function (v) { p.append(f, v); }); });
      var search = p.toString() ? "?" + p.toString() : "";
      if (search === location.search) return;
      history[push ? "pushState" : "replaceState"]({ ctwg: true }, "", location.pathname + search + location.hash);
    }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      q.value = p.get("q") || "";
      linksTo = p.get("links") || "";
      facets.forEach(function (f) {
        var vals = p.getAll(f);
        boxes[f].forEach(function (b) { b.checked = vals.indexOf(b.value) >= 0; });
      });
      showLinksNote();
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
      linksTo = "";
      showLinksNote();
      setTimeout(function () { writeUrl(apply(), true); }, 0);
    });
    more.querySelector("button").addEventListener("click", function () {
      var first = list.children.length;
      limit += PAGE;
      render();
      var next = list.children[first];
      if (next) next.querySelector("a").focus();  // keyboard users continue where the new items start
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
