// Explorer and library filters, over a server-rendered start.
// Without JavaScript the explorer lists its first records and links to the type pages
// (which list every record); the library lists every document. With it, the script loads
// every record from the JSON beside the page (data-src) and:
// - facets combine as OR within a facet and AND across facets, and each choice shows how
//   many records it would give with the other filters as they are;
// - a facet with many choices lists its most used ones that still give results (and any
//   chosen), with "More choices" and a box to find any other;
// - a text box narrows further; ?links=ID keeps only records that refer to record ID
//   (record pages link here for their longer lists of connections);
// - the URL holds the state (?type=events&area=food-defense&q=tokyo): views can be shared,
//   reloading restores them and Back undoes a choice;
// - only the first PAGE matches are put in the page, with "Show more", so a change costs
//   one pass over the data and a small DOM update however many records the site holds.
(function () {
  "use strict";

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form[data-ctwg-facets]");
    var list = root.querySelector(".ctwg-results");
    var countEl = root.querySelector(".ctwg-result-count");
    var src = root.getAttribute("data-src");
    if (!form || !list || !countEl || !src || !window.fetch) return;
    fetch(new URL(src, location.href).href, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })
      .then(function (data) { start(root, form, list, countEl, data); })
      .catch(function () {
        countEl.textContent = countEl.textContent + " The filters could not be loaded: reload the page to try again.";
      });
  }

  function start(root, form, list, countEl, data) {
    var PAGE = data.page, TOP = data.top, ALL = data.all;
    var noteEl = root.querySelector(".ctwg-links-note");
    var more = root.querySelector(".ctwg-more");
    var moreBtn = more.querySelector("button");
    var q = form.querySelector("#ctwg-q");
    var recs = data.records, N = recs.length, other = data.other || [];
    var byId = {};
    recs.forEach(function (r, i) {
      r.text = (r.n + " " + r.t).toLowerCase();
      byId[r.id] = i;
    });
    other.forEach(function (id, i) { if (!(id in byId)) byId[id] = N + i; });

    // One object per facet: its values, what is chosen, live counts and its part of the form.
    var facets = data.facets.map(function (f, k) {
      var fs = form.querySelector('fieldset[data-facet="' + f.key + '"]');
      var n = f.values.length;
      var F = {
        k: k, key: f.key, values: f.values, n: n, fs: fs, ul: fs.querySelector("ul"),
        index: {}, lower: f.values.map(function (v) { return v[1].toLowerCase(); }),
        sel: new Uint8Array(n), nsel: 0, counts: new Uint32Array(n),
        els: new Array(n), limit: TOP, find: "",
        findEl: fs.querySelector(".ctwg-find input"), moreEl: fs.querySelector(".ctwg-more-choices"),
        noneEl: null,
      };
      f.values.forEach(function (v, i) { F.index[v[0]] = i; });
      // adopt the choices the server rendered
      Array.prototype.forEach.call(F.ul.children, function (li) {
        var box = li.querySelector("input");
        var i = F.index[box.value];
        if (i !== undefined) F.els[i] = { li: li, box: box, count: li.querySelector(".ctwg-count"), text: "", zero: false };
      });
      return F;
    });

    function choice(F, i) {
      var c = F.els[i];
      if (c) return c;
      var vid = "f-" + F.key + "-" + F.values[i][0];
      var li = make("li"), box = make("input"), label = make("label"), count = make("span", "ctwg-count");
      box.type = "checkbox"; box.id = vid; box.name = F.key; box.value = F.values[i][0];
      label.htmlFor = vid;
      label.append(F.values[i][1] + " ", count);
      li.append(box, " ", label);
      c = F.els[i] = { li: li, box: box, count: count, text: "", zero: false };
      return c;
    }

    var linksTo = "", linksIdx = -1;
    var matches = [], shown = 0;
    var items = new Array(N);

    function item(i) {
      if (items[i]) return items[i];
      var r = recs[i];
      var li = make("li"), a = make("a", "", r.n);
      a.href = r.h;
      li.append(a, " ", make("span", "ctwg-meta", r.m));
      if (r.d !== undefined) {
        li.append(make("br"), make("span", "ctwg-details", r.d));
        if (r.u) {
          var ext = make("a", "ctwg-external", "Read it (external site)");
          ext.href = r.u; ext.rel = "noopener noreferrer";
          li.append(" ", ext);
        }
      }
      return (items[i] = li);
    }

    // Which choices a facet lists: all of a small facet; of a large one, the chosen and the
    // focused ones, and the first `limit` others that give results (or match the find box).
    function renderFacet(F) {
      var want = [], hidden = 0, listed = 0, i;
      var active = document.activeElement, focused = -1;
      if (active && active.name === F.key && active.type === "checkbox") focused = F.index[active.value];
      if (F.n <= ALL) {
        for (i = 0; i < F.n; i++) want.push(i);
      } else {
        for (i = 0; i < F.n; i++) {
          if (!F.sel[i] && i !== focused) {
            if (F.find ? F.lower[i].indexOf(F.find) < 0 : F.counts[i] === 0) continue;
            if (listed >= F.limit) { hidden++; continue; }
            listed++;
          }
          want.push(i);
        }
      }
      // Merge into the list in value order: nodes that stay are never moved (focus stays).
      var ul = F.ul, cur = ul.firstElementChild;
      want.forEach(function (i) {
        var c = choice(F, i);
        while (cur && cur !== c.li && cur.ctwgRank < i) {
          var next = cur.nextElementSibling; ul.removeChild(cur); cur = next;
        }
        c.li.ctwgRank = i;
        if (cur === c.li) cur = cur.nextElementSibling; else ul.insertBefore(c.li, cur);
        var n = F.counts[i], text = "(" + n + ")", zero = n === 0 && !F.sel[i];
        if (c.text !== text) { c.count.textContent = text; c.text = text; }
        if (c.zero !== zero) { c.li.classList.toggle("ctwg-zero", zero); c.zero = zero; }
        if (c.box.checked !== !!F.sel[i]) c.box.checked = !!F.sel[i];
      });
      while (cur) { var nx = cur.nextElementSibling; ul.removeChild(cur); cur = nx; }
      if (F.moreEl) {
        F.moreEl.hidden = hidden === 0;
        F.moreEl.textContent = "More choices (" + hidden + ")";
        var none = F.find && listed === 0;
        if (none && !F.noneEl) { F.noneEl = make("p", "ctwg-none", "No choice matches."); F.ul.after(F.noneEl); }
        if (F.noneEl) F.noneEl.hidden = !none;
      }
    }

    for (var k0 = 0; k0 < facets.length; k0++) {
      var F0 = facets[k0];
      Array.prototype.forEach.call(F0.ul.children, function (li) { li.ctwgRank = F0.index[li.querySelector("input").value]; });
    }

    function renderList(from) {
      var frag = document.createDocumentFragment();
      var end = Math.min(matches.length, shown);
      for (var i = from; i < end; i++) frag.appendChild(item(matches[i]));
      if (from === 0) list.replaceChildren(frag); else list.appendChild(frag);
      more.hidden = matches.length <= shown;
      if (!more.hidden) moreBtn.textContent = "Show more (" + (matches.length - shown) + " left)";
    }

    // One pass over the records: the matches, and per facet the count of each value among
    // the records that pass every other facet.
    function apply() {
      var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var nf = facets.length, k, j, v;
      facets.forEach(function (F) { F.counts.fill(0); });
      matches = [];
      for (var i = 0; i < N; i++) {
        var r = recs[i];
        if (linksIdx >= 0 && r.l.indexOf(linksIdx) < 0) continue;
        var w = 0;
        while (w < words.length && r.text.indexOf(words[w]) >= 0) w++;
        if (w < words.length) continue;
        var fails = 0, failed = -1;
        for (k = 0; k < nf && fails < 2; k++) {
          var F = facets[k];
          if (!F.nsel) continue;
          var vals = r.f[k], ok = false;
          for (j = 0; j < vals.length; j++) if (F.sel[vals[j]]) { ok = true; break; }
          if (!ok) { fails++; failed = k; }
        }
        if (fails > 1) continue;
        if (fails === 0) {
          matches.push(i);
          for (k = 0; k < nf; k++) { v = r.f[k]; for (j = 0; j < v.length; j++) facets[k].counts[v[j]]++; }
        } else {
          v = r.f[failed];
          for (j = 0; j < v.length; j++) facets[failed].counts[v[j]]++;
        }
      }
      facets.forEach(renderFacet);
      shown = PAGE;
      renderList(0);
      countEl.textContent = matches.length === N
        ? "Showing all " + N + " records."
        : "Showing " + matches.length + " of " + N + " records.";
    }

    function showLinksNote() {
      if (!linksTo) { noteEl.hidden = true; noteEl.textContent = ""; return; }
      var name = linksIdx >= 0 && linksIdx < N ? recs[linksIdx].n : linksTo;
      noteEl.textContent = "Only records that refer to " + name + ". Clear all filters to see everything.";
      noteEl.hidden = false;
    }

    function writeUrl(push) {
      var p = new URLSearchParams();
      if (linksTo) p.set("links", linksTo);
      if (q.value.trim()) p.set("q", q.value.trim());
      facets.forEach(function (F) {
        for (var i = 0; i < F.n; i++) if (F.sel[i]) p.append(F.key, F.values[i][0]);
      });
      var search = p.toString() ? "?" + p.toString() : "";
      if (search === location.search) return;
      history[push ? "pushState" : "replaceState"]({ ctwg: true }, "", location.pathname + search + location.hash);
    }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      q.value = p.get("q") || "";
      linksTo = p.get("links") || "";
      linksIdx = linksTo ? (linksTo in byId ? byId[linksTo] : N + other.length) : -1;
      facets.forEach(function (F) {
        F.sel.fill(0);
        F.nsel = 0;
        p.getAll(F.key).forEach(function (v) {
          var i = F.index[v];
          if (i !== undefined && !F.sel[i]) { F.sel[i] = 1; F.nsel++; }
        });
      });
      showLinksNote();
    }

    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.type !== "checkbox") return;
      var F = facets.filter(function (f) { return f.key === t.name; })[0];
      var i = F ? F.index[t.value] : undefined;
      if (i === undefined) return;
      if (t.checked !== !!F.sel[i]) { F.sel[i] = t.checked ? 1 : 0; F.nsel += t.checked ? 1 : -1; }
      apply();
      writeUrl(true);
    });
    var timer = null;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { apply(); writeUrl(false); }, 120);
    });
    facets.forEach(function (F) {
      if (!F.findEl) return;
      F.findEl.addEventListener("input", function () {
        F.find = F.findEl.value.trim().toLowerCase();
        F.limit = TOP;
        renderFacet(F);
      });
      F.moreEl.addEventListener("click", function () {
        var before = Array.prototype.slice.call(F.ul.children);
        F.limit += TOP;
        renderFacet(F);
        // keyboard users continue at the first new choice
        var first = Array.prototype.filter.call(F.ul.children, function (li) { return before.indexOf(li) < 0; })[0];
        if (first) first.querySelector("input").focus();
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); writeUrl(true); });
    form.addEventListener("reset", function () {
      linksTo = ""; linksIdx = -1;
      facets.forEach(function (F) { F.sel.fill(0); F.nsel = 0; F.find = ""; F.limit = TOP; });
      showLinksNote();
      setTimeout(function () { apply(); writeUrl(true); }, 0);  // after the form has cleared its fields
    });
    moreBtn.addEventListener("click", function () {
      var first = shown;
      shown += PAGE;
      renderList(first);
      var next = list.children[first];
      if (next) next.querySelector("a").focus();  // keyboard users continue where the new items start
    });
    window.addEventListener("popstate", function () { if (document.body.contains(root)) { readUrl(); apply(); } });
    readUrl();
    apply();
    root.classList.add("ctwg-explorer--ready");
  }

  function run() {
    document.querySelectorAll(".ctwg-explorer[data-src]").forEach(init);
  }
  if (window.document$) { window.document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
})();
