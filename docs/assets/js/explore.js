// Explorer and library filters, over a server-rendered start.
// Without JavaScript the explorer lists its first records and links to the type pages
// (which list every record); the library lists every document. With it, the script loads
// the filters' data from the JSON beside the page (data-src: facets and which records have
// each value) and:
// - facets combine as OR within a facet and AND across facets, and each choice shows how
//   many records it would give with the other filters as they are;
// - a facet with many choices lists its most used ones that still give results (and any
//   chosen), with "More choices" and a box to find any other; a grouped facet (the status,
//   whose words differ by record type) shows only the groups of the chosen types;
// - a text box narrows further (its words load once the box is used); ?links=ID keeps only
//   records that refer to record ID (record pages link here for their longer lists);
// - the explorer sorts by name or date (newest or oldest first);
// - the URL holds the state (?type=events&area=food-defense&q=tokyo&sort=newest): views can
//   be shared, reloading restores them and Back undoes a choice;
// - only the first PAGE matches are put in the page, with "Show more"; their rows are loaded
//   ROWS to a file as they are needed (the list is aria-busy meanwhile), so a change costs
//   one pass over compact arrays and a small DOM update however many records the site holds.
(function () {
  "use strict";

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  // The bucket of a record id's backlinks (explorer.py's id_hash: 31 * h + code unit, 32 bits).
  function idHash(id) {
    var h = 0;
    for (var i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
    return h;
  }

  // Wide screens show the filters open. Where CSS can show a closed <details>' content
  // (site.css), it does so without a script; elsewhere the script opens it.
  var WIDE = "(min-width: 60.0625em)";
  var CSS_OPENS = !!(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"));

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form[data-ctwg-facets]");
    var list = root.querySelector(".ctwg-results");
    var countEl = root.querySelector(".ctwg-result-count");
    var src = root.getAttribute("data-src");
    var details = root.querySelector("details.ctwg-filters");
    if (details && !CSS_OPENS && window.matchMedia && matchMedia(WIDE).matches) details.open = true;
    if (!form || !list || !countEl || !src || !window.fetch) return;
    var base = new URL(src, location.href);
    function failed() {
      list.removeAttribute("aria-busy");
      if (countEl.textContent.indexOf("could not be loaded") < 0)
        countEl.textContent = countEl.textContent + " The filters could not be loaded: reload the page to try again.";
    }
    getJSON(base.href)
      .then(function (data) { start(root, form, list, countEl, base, data, failed); })
      .catch(failed);
  }

  function start(root, form, list, countEl, base, data, failed) {
    var PAGE = data.page, TOP = data.top, ALL = data.all, N = data.n, ROWS = data.rows;
    var noteEl = root.querySelector(".ctwg-links-note");
    var more = root.querySelector(".ctwg-more");
    var moreBtn = more.querySelector("button");
    var q = form.querySelector("#ctwg-q");
    var activeEl = root.querySelector(".ctwg-filters .ctwg-active");
    var sortEl = root.querySelector("#ctwg-sort");
    var url = function (name) { return new URL(name, base).href; };

    // One object per facet: its values, each record's values (offsets into vals), what is
    // chosen, live counts and its part of the form.
    var facets = data.facets.map(function (f, k) {
      var fs = form.querySelector('fieldset[data-facet="' + f.key + '"]');
      var n = f.values.length, per = new Uint32Array(N + 1), v, j, x;
      var post = f.p.map(function (d) {
        var out = new Uint32Array(d.length);
        for (j = 0, x = 0; j < d.length; j++) { x += d[j]; out[j] = x; per[x + 1]++; }
        return out;
      });
      var off = new Uint32Array(N + 1);
      for (j = 0; j < N; j++) off[j + 1] = off[j] + per[j + 1];
      var vals = new Uint32Array(off[N]), pos = off.slice(0, N);
      for (v = 0; v < n; v++) for (j = 0; j < post[v].length; j++) vals[pos[post[v][j]]++] = v;
      var F = {
        k: k, key: f.key, values: f.values, n: n, fs: fs, ul: fs.querySelector("ul"), off: off, vals: vals,
        index: {}, lower: f.values.map(function (v) { return v[1].toLowerCase(); }),
        sel: new Uint8Array(n), nsel: 0, counts: new Uint32Array(n),
        els: new Array(n), limit: TOP, find: "",
        findEl: fs.querySelector(".ctwg-find input"), moreEl: fs.querySelector(".ctwg-more-choices"),
        noneEl: null, groups: null, by: f.by || "",
      };
      f.values.forEach(function (v, i) { F.index[v[0]] = i; });
      // adopt the choices the server rendered
      Array.prototype.forEach.call(fs.querySelectorAll("li"), function (li) {
        var box = li.querySelector("input");
        var i = F.index[box.value];
        if (i !== undefined) F.els[i] = { li: li, box: box, count: li.querySelector(".ctwg-count"), text: "", zero: false };
      });
      if (f.groups) {
        F.groups = f.groups.map(function (g) {
          return { value: g[0], idx: g[2], fs: fs.querySelector('fieldset[data-group="' + g[0] + '"]') };
        });
      }
      return F;
    });
    var byKey = {};
    facets.forEach(function (F) { byKey[F.key] = F; });

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

    function paint(F, i) {
      var c = choice(F, i);
      var n = F.counts[i], text = "(" + n + ")", zero = n === 0 && !F.sel[i];
      if (c.text !== text) { c.count.textContent = text; c.text = text; }
      if (c.zero !== zero) { c.li.classList.toggle("ctwg-zero", zero); c.zero = zero; }
      if (c.box.checked !== !!F.sel[i]) c.box.checked = !!F.sel[i];
      return c;
    }

    // A grouped facet lists every value; a group shows when its value of the `by` facet is
    // chosen, or none is, or one of its own values is chosen (so it can be unchosen).
    function renderGroups(F) {
      var by = byKey[F.by], any = false;
      F.groups.forEach(function (g) {
        var show = !by || !by.nsel || (g.value in by.index && !!by.sel[by.index[g.value]]);
        g.idx.forEach(function (i) { paint(F, i); if (F.sel[i]) show = true; });
        if (g.fs) g.fs.hidden = !show;
        any = any || show;
      });
      F.fs.hidden = !any;
    }

    // Which choices a facet lists: all of a small facet; of a large one, the chosen and the
    // focused ones, and the first `limit` others that give results (or match the find box).
    function renderFacet(F) {
      if (F.groups) { renderGroups(F); return; }
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
        var c = paint(F, i);
        while (cur && cur !== c.li && cur.ctwgRank < i) {
          var next = cur.nextElementSibling; ul.removeChild(cur); cur = next;
        }
        c.li.ctwgRank = i;
        if (cur === c.li) cur = cur.nextElementSibling; else ul.insertBefore(c.li, cur);
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

    facets.forEach(function (F) {
      if (F.groups) return;
      Array.prototype.forEach.call(F.ul.children, function (li) { li.ctwgRank = F.index[li.querySelector("input").value]; });
    });

    // Rows (loaded ROWS to a file as results need them); the page's own list is records 0...
    var rows = new Array(N), chunks = {}, items = new Array(N);
    var listed = +(list.getAttribute("data-listed") || 0);
    for (var i0 = 0; i0 < listed && i0 < list.children.length; i0++) items[i0] = list.children[i0];

    function loadChunk(c) {
      if (!chunks[c]) {
        chunks[c] = getJSON(url("rows-" + c + ".json")).then(function (part) {
          for (var j = 0; j < part.length; j++) rows[c * ROWS + j] = part[j];
        });
      }
      return chunks[c];
    }

    function loadRows(from, to) {
      var waits = [];
      for (var i = from; i < to; i++) {
        var r = matches[i];
        if (items[r] || rows[r]) continue;
        var c = loadChunk(Math.floor(r / ROWS));
        if (waits.indexOf(c) < 0) waits.push(c);
      }
      return waits;
    }

    function item(i) {
      if (items[i]) return items[i];
      var r = rows[i];
      var li = make("li"), a = make("a", "", r[0]);
      a.href = r[1];
      li.append(a, " ", make("span", "ctwg-meta", r[2]));
      if (r.length > 3) {
        li.append(make("br"), make("span", "ctwg-details", r[3]));
        if (r[4]) {
          var ext = make("a", "ctwg-external", "Read it (external site)");
          ext.href = r[4]; ext.rel = "noopener noreferrer";
          li.append(" ", ext);
        }
      }
      return (items[i] = li);
    }

    // Words for the text box, and the records that refer to ?links=ID: loaded when used.
    var texts = null, textLoad = null;
    function loadText() {
      if (!textLoad) textLoad = getJSON(url("text.json")).then(function (t) { texts = t; });
      return textLoad;
    }
    var linksTo = "", linked = null, linkedFor = "", linksName = "";
    function loadLinks(id) {
      return getJSON(url("links-" + (idHash(id) % data.buckets) + ".json")).then(function (b) {
        var hit = Object.prototype.hasOwnProperty.call(b, id) ? b[id] : null;
        var flags = new Uint8Array(N);
        if (hit) for (var j = 0, x = 0; j < hit[1].length; j++) { x += hit[1][j]; flags[x] = 1; }
        linked = flags; linkedFor = id; linksName = hit ? hit[0] : id;
      });
    }

    // The order records are visited in: name (the records' own order) or date.
    var sort = "", orders = {};
    function order() {
      if (!sort || !data.date) return null;
      if (orders[sort]) return orders[sort];
      var d = data.date, sign = sort === "newest" ? -1 : 1, idx = new Array(N);
      for (var i = 0; i < N; i++) idx[i] = i;
      idx.sort(function (a, b) {
        var da = d[a], db = d[b];
        if (da < 0 || db < 0) return (da < 0) - (db < 0) || a - b;  // undated last
        return sign * (da - db) || a - b;
      });
      return (orders[sort] = Uint32Array.from(idx));
    }

    var matches = new Uint32Array(N), nm = 0, shown = 0, gen = 0;

    function busy(on) {
      if (on) list.setAttribute("aria-busy", "true"); else list.removeAttribute("aria-busy");
    }

    function renderList(from, my) {
      var end = Math.min(nm, shown);
      var waits = loadRows(from, end);
      function draw() {
        if (my !== gen) return;
        var frag = document.createDocumentFragment();
        for (var i = from; i < end; i++) frag.appendChild(item(matches[i]));
        if (from === 0) list.replaceChildren(frag); else list.appendChild(frag);
        more.hidden = nm <= shown;
        if (!more.hidden) moreBtn.textContent = "Show more (" + (nm - shown) + " left)";
        busy(false);
      }
      if (!waits.length) { draw(); return Promise.resolve(); }
      busy(true);
      return Promise.all(waits).then(draw, failed);
    }

    function words() { return q.value.trim().toLowerCase().split(/\s+/).filter(Boolean); }

    // One pass over the records: the matches, and per facet the count of each value among
    // the records that pass every other facet.
    function apply(my) {
      var ws = words(), nw = ws.length, nf = facets.length, ord = order(), k, j, F, off, vals, cs;
      var useLinks = !!linksTo;
      facets.forEach(function (F) { F.counts.fill(0); });
      nm = 0;
      for (var t = 0; t < N; t++) {
        var i = ord ? ord[t] : t;
        if (useLinks && !linked[i]) continue;
        if (nw) {
          var w = 0, text = texts[i];
          while (w < nw && text.indexOf(ws[w]) >= 0) w++;
          if (w < nw) continue;
        }
        var fails = 0, missed = -1;
        for (k = 0; k < nf && fails < 2; k++) {
          F = facets[k];
          if (!F.nsel) continue;
          var ok = false, sel = F.sel, end = F.off[i + 1];
          vals = F.vals;
          for (j = F.off[i]; j < end; j++) if (sel[vals[j]]) { ok = true; break; }
          if (!ok) { fails++; missed = k; }
        }
        if (fails > 1) continue;
        if (fails === 0) {
          matches[nm++] = i;
          for (k = 0; k < nf; k++) {
            F = facets[k]; off = F.off; vals = F.vals; cs = F.counts;
            for (j = off[i]; j < off[i + 1]; j++) cs[vals[j]]++;
          }
        } else {
          F = facets[missed]; off = F.off; vals = F.vals; cs = F.counts;
          for (j = off[i]; j < off[i + 1]; j++) cs[vals[j]]++;
        }
      }
      facets.forEach(renderFacet);
      shown = PAGE;
      countEl.textContent = nm === N
        ? "Showing all " + N + " records."
        : "Showing " + nm + " of " + N + " records.";
      if (activeEl) {
        var n = (ws.length ? 1 : 0) + (linksTo ? 1 : 0);
        facets.forEach(function (F) { n += F.nsel; });
        activeEl.textContent = n ? "(" + n + " active)" : "";
      }
      return renderList(0, my);
    }

    // Load what the state needs (words, links), then apply it; a later change wins.
    function update() {
      var my = ++gen, waits = [];
      if (words().length && !texts) waits.push(loadText());
      if (linksTo && linkedFor !== linksTo) waits.push(loadLinks(linksTo));
      if (!waits.length) return apply(my);
      busy(true);
      return Promise.all(waits).then(function () {
        if (my !== gen) return;
        showLinksNote();
        return apply(my);
      }, failed);
    }

    function showLinksNote() {
      if (!linksTo) { noteEl.hidden = true; noteEl.textContent = ""; return; }
      var name = linkedFor === linksTo ? linksName : linksTo;
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
      if (sort) p.set("sort", sort);
      var search = p.toString() ? "?" + p.toString() : "";
      if (search === location.search) return;
      history[push ? "pushState" : "replaceState"]({ ctwg: true }, "", location.pathname + search + location.hash);
    }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      q.value = p.get("q") || "";
      linksTo = p.get("links") || "";
      sort = sortEl && data.date && (p.get("sort") === "newest" || p.get("sort") === "oldest") ? p.get("sort") : "";
      if (sortEl) sortEl.value = sort;
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
      var F = byKey[t.name];
      var i = F ? F.index[t.value] : undefined;
      if (i === undefined) return;
      if (t.checked !== !!F.sel[i]) { F.sel[i] = t.checked ? 1 : 0; F.nsel += t.checked ? 1 : -1; }
      update();
      writeUrl(true);
    });
    if (sortEl) {
      sortEl.closest(".ctwg-sort").hidden = !data.date;
      sortEl.addEventListener("change", function () {
        sort = sortEl.value === "newest" || sortEl.value === "oldest" ? sortEl.value : "";
        update();
        writeUrl(true);
      });
    }
    var timer = null;
    q.addEventListener("focus", function () { loadText().catch(function () {}); });
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(); writeUrl(false); }, 120);
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
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); writeUrl(true); });
    form.addEventListener("reset", function () {
      linksTo = "";
      facets.forEach(function (F) { F.sel.fill(0); F.nsel = 0; F.find = ""; F.limit = TOP; });
      showLinksNote();
      setTimeout(function () { update(); writeUrl(true); }, 0);  // after the form has cleared its fields
    });
    moreBtn.addEventListener("click", function () {
      var first = shown, my = gen;
      shown += PAGE;
      renderList(first, my).then(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();  // keyboard users continue where the new items start
      });
    });
    window.addEventListener("popstate", function () { if (document.body.contains(root)) { readUrl(); update(); } });
    readUrl();
    Promise.resolve(update()).then(function () {
      root.classList.add("ctwg-explorer--ready");
      // Once the first result is shown, when the browser is idle: the first rows file, which
      // most filtered views start from (records are in name order).
      (window.requestIdleCallback || setTimeout)(function () { loadChunk(0).catch(function () {}); });
    });
  }

  function run() {
    document.querySelectorAll(".ctwg-explorer[data-src]").forEach(init);
  }
  if (window.document$) { window.document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
})();
