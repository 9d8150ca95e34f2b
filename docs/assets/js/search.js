// Site search with Pagefind (its index is built into pagefind/ after every build).
// Pagefind splits the index into small pieces: a reader downloads the search code and a
// small table of contents once, then only the pieces a query needs, so the cost of a search
// hardly grows with the site.
// - The header box (partials/site-search.html): the best matches appear under it as you type;
//   Down/Up move through them, Escape closes, Enter opens the search page with every result.
//   "/" anywhere focuses it (on narrow screens it opens the search page).
// - The search page (docs/search.md): every result, 10 at a time, narrowed by kind of page;
//   the address bar keeps the query (?q=...&kind=...) so a search can be shared.
// - A result link carries ?h=the+words; the page it opens marks those words.
// Ranking: Pagefind's scores hardly separate a page named by the query from one that
// mentions it, so the first RERANK results are put in this order: pages whose title (or
// its short name in brackets, or a keyword such as an event's city) is the query; then
// pages whose title holds every word; then the rest. Within the first two groups hub pages
// come first (the kind order is set in constants.SEARCH_TYPE_ORDER), then Pagefind's order.
// A query that is exactly a record's name or short name (search/names/<bucket>.json, written
// by the build: ctwg.site.outputs.search.search_names) puts that record's page first even when
// Pagefind ranks it lower.
// Result text comes from Pagefind as HTML with <mark> around the matches; only the text and
// the marks are kept (nothing else from it reaches the page).
(function () {
  "use strict";
  var HEADER_RESULTS = 6;
  var PAGE_RESULTS = 10;
  var MIN_CHARS = 2;  // the header box answers from two characters on (one matches nearly every page)
  var RERANK = 8;  // each needs its own small download (a fragment): 8 keep a query quick
  var pagefind = null;
  var NAMES_BUCKETS = 64;  // as ctwg.site.outputs.search.NAMES_BUCKETS
  var buckets = {};

  function bucketOf(key) {  // djb2 over UTF-16 code units, as the build computes it
    var h = 5381;
    for (var i = 0; i < key.length; i++) h = (Math.imul(h, 33) + key.charCodeAt(i)) >>> 0;
    return h % NAMES_BUCKETS;
  }

  // The records named exactly `key` (normalised): one small file of names per bucket, fetched once.
  function named(key) {
    if (!key) return Promise.resolve([]);
    var b = bucketOf(key);
    if (!buckets[b]) {
      buckets[b] = fetch(new URL("search/names/" + b + ".json", siteRoot()).href)
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return buckets[b].then(function (index) { return index[key] || []; });
  }

  function siteRoot() {
    var base = ".";
    var el = document.getElementById("__config");
    if (el) {
      try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  // Loads Pagefind once (its script, then in its worker the WebAssembly and the index's
  // table of contents); resolves when it can answer. Started when a reader shows intent
  // (pointer over the box, focus, "/"), so most of it is done before the first key.
  function load() {
    if (!pagefind) {
      var root = siteRoot();
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: root.pathname, excerptLength: 24 }))
          .then(function () { return pf.init(); })
          .then(function () { return pf.options({}); })  // waits until Pagefind is initialised
          // Its first query costs about 150 ms more than the next ones (one-time set-up in
          // Pagefind's worker): pay it now, before the reader's first query.
          .then(function () { return pf.preload("e"); })
          .then(function () {
            document.querySelectorAll("[data-ctwg-search]").forEach(function (el) { el.dataset.loaded = "1"; });
            return pf;
          });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function words(query) {
    return query.trim().split(/\s+/).filter(Boolean);
  }

  function resultUrl(url, query) {
    var w = words(query).join(" ");
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "h=" + encodeURIComponent(w).replace(/%20/g, "+");
  }

  // Pagefind's excerpt is HTML; keep its text and its <mark>s, drop everything else.
  function excerptInto(el, html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function resultItem(data, query, cls) {
    var li = document.createElement("li");
    li.className = cls;
    var a = document.createElement("a");
    a.href = resultUrl(data.url, query);
    var title = document.createElement("span");
    title.className = cls + "-title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    var kind = document.createElement("span");
    kind.className = cls + "-kind";
    kind.textContent = (data.meta && data.meta.kind) || "Page";
    a.appendChild(title);
    a.appendChild(document.createTextNode(" "));
    a.appendChild(kind);
    li.appendChild(a);
    if (data.excerpt) {
      var p = document.createElement("p");
      p.className = cls + "-excerpt";
      excerptInto(p, data.excerpt);
      li.appendChild(p);
    }
    return li;
  }

  function norm(text) {
    return (text || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function tier(data, query) {
    var q = norm(query);
    var meta = data.meta || {};
    var title = meta.title || "";
    var names = [norm(title)];
    var paren = /\(([^()]*)\)\s*$/.exec(title);
    if (paren) names.push(norm(paren[1]), norm(title.slice(0, paren.index)));
    (meta.keywords || "").split(",").forEach(function (k) { if (k.trim()) names.push(norm(k)); });
    if (q && names.indexOf(q) >= 0) return 0;
    var padded = " " + names[0] + " ";
    if (q && q.split(" ").every(function (w) { return padded.indexOf(" " + w) >= 0; })) return 1;
    return 2;
  }

  var kindOrder = null;
  function kindRank(kind) {
    if (!kindOrder) {
      var el = document.querySelector("[data-kind-order]");
      kindOrder = el ? el.getAttribute("data-kind-order").split("|") : [];
    }
    var i = kindOrder.indexOf(kind);
    return i < 0 ? kindOrder.length + (kind === "Page" ? 1 : 0) : i;
  }

  // Resolves to the results in display order: objects with data() like Pagefind's.
  function ranked(results, query) {
    var head = results.slice(0, RERANK);
    return Promise.all([Promise.all(head.map(function (r) { return r.data(); })), named(norm(query))]).then(function (got) {
      var datas = got[0];
      var root = siteRoot().pathname;
      // Pages named exactly by the query come first, in the build's order, wherever Pagefind put them.
      var exact = got[1].map(function (item) {
        var url = root + item[0];
        var found = datas.filter(function (d) { return d.url === url; })[0];
        return found || { url: url, meta: { title: item[1], kind: item[2] }, excerpt: "" };
      });
      var pinned = exact.map(function (d) { return d.url; });
      var rows = datas.filter(function (d) { return pinned.indexOf(d.url) < 0; }).map(function (d, i) {
        return { d: d, i: i, t: tier(d, query), k: kindRank((d.meta || {}).kind) };
      });
      rows.sort(function (a, b) { return a.t - b.t || (a.t < 2 ? a.k - b.k : 0) || a.i - b.i; });
      return exact.concat(rows.map(function (row) { return row.d; })).map(function (d) {
        return { data: function () { return Promise.resolve(d); } };
      }).concat(results.slice(RERANK));
    });
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // ---------------------------------------------------------------- misspellings
  // A query that finds nothing is tried again with each unknown word replaced by the nearest
  // word of the records' names (search/words.json): one edit away for short words, two for
  // long ones (letters swapped count as one).
  var vocabulary = null;
  function loadWords() {
    if (!vocabulary) {
      vocabulary = fetch(new URL("search/words.json", siteRoot()).href)
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return vocabulary;
  }

  function distance(a, b, most) {  // optimal string alignment distance, stopping past `most`
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > most) return most + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function corrected(query) {
    return loadWords().then(function (vocab) {
      var changed = false;
      var out = norm(query).split(" ").map(function (w) {
        if (w.length < 4 || vocab[w]) return w;
        var most = w.length > 6 ? 2 : 1, best = null, bestD = most + 1, bestN = 0;
        Object.keys(vocab).forEach(function (v) {
          var d = distance(w, v, most);
          if (d < bestD || (d === bestD && d <= most && vocab[v] > bestN)) { best = v; bestD = d; bestN = vocab[v]; }
        });
        if (best && bestD <= most) { changed = true; return best; }
        return w;
      });
      return changed ? out.join(" ") : null;
    });
  }

  // Pagefind's answer for the query, or, when a word of it is not a word of any record's name
  // but is one or two letters from one, for the corrected query if that finds more:
  // {search, used: the query answered}. Queries of known words cost nothing more.
  function searchOrCorrect(pf, query, opts) {
    return pf.search(query, opts).then(function (search) {
      if (!search) return { search: search, used: query };
      return corrected(query).then(function (fixed) {
        if (!fixed) return { search: search, used: query };
        return pf.search(fixed, opts).then(function (again) {
          return again && again.results.length > search.results.length
            ? { search: again, used: fixed } : { search: search, used: query };
        });
      });
    });
  }

  function answerFor(n, query, used, where) {
    if (!n) return "No results for " + query + (where || "") + ".";
    var text = plural(n, "result", "results") + " for " + used + (where || "");
    return used === query ? text + "." : text + " (instead of " + query + ", which finds less).";
  }

  // ---------------------------------------------------------------- header box
  function initHeader(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var panel = root.querySelector(".ctwg-search__panel");
    var status = root.querySelector(".ctwg-search__status");
    var list = root.querySelector(".ctwg-search__results");
    var seq = 0, timer = null;

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
    function open(on) {
      panel.hidden = !on;
      root.classList.toggle("ctwg-search--open", on);
    }

    // A query's answer is dropped if the box no longer holds that query.
    function stale(mine, query) { return mine !== seq || input.value.trim() !== query; }

    function run() {
      var query = input.value.trim();
      var mine = ++seq;
      if (query.length < MIN_CHARS) {
        list.replaceChildren(); status.textContent = ""; open(false);
        return Promise.resolve();
      }
      var used = query;
      return load().then(function (pf) {
        if (stale(mine, query)) return null;
        return searchOrCorrect(pf, query, {});
      }).then(function (answer) {
        var search = answer && answer.search;
        if (stale(mine, query) || !search) return null;
        used = answer.used;
        return ranked(search.results, used).then(function (order) {
          return Promise.all(order.slice(0, HEADER_RESULTS).map(function (r) { return r.data(); }));
        }).then(function (datas) {
            if (stale(mine, query)) return;
            var frag = document.createDocumentFragment();
            datas.forEach(function (d) { frag.appendChild(resultItem(d, used, "ctwg-search__result")); });
            var n = search.results.length;
            if (n > HEADER_RESULTS) {
              var li = document.createElement("li");
              li.className = "ctwg-search__all";
              var a = document.createElement("a");
              a.href = form.action + "?q=" + encodeURIComponent(used);
              a.textContent = "See all " + n + " results";
              li.appendChild(a);
              frag.appendChild(li);
            }
            list.replaceChildren(frag);
            status.textContent = answerFor(n, query, used);
            open(true);
          });
      }).catch(function () {
        if (stale(mine, query)) return;
        list.replaceChildren();
        status.textContent = "Search could not load. Try the search page, or reload.";
        open(true);
      });
    }

    // One query at a time: while one is being answered, the newest text waits and goes next
    // (typing does not pile up queries for every prefix in Pagefind's worker).
    var busy = false, again = false;
    function kick() {
      if (busy) { again = true; return; }
      busy = true;
      run().then(done, done);
      function done() {
        busy = false;
        if (again) { again = false; kick(); }
      }
    }

    input.addEventListener("focus", function () { load(); if (list.children.length) open(true); });
    form.addEventListener("pointerenter", function () { load(); });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query.length >= MIN_CHARS) load().then(function (pf) { pf.preload(query); }).catch(function () {});
      clearTimeout(timer);
      timer = setTimeout(kick, 40);
    });
    root.addEventListener("keydown", function (ev) {
      var items = links();
      var i = items.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && items.length && !panel.hidden) {
        ev.preventDefault();
        items[Math.min(i + 1, items.length - 1)].focus();
      } else if (ev.key === "ArrowUp" && i >= 0) {
        ev.preventDefault();
        if (i === 0) input.focus(); else items[i - 1].focus();
      } else if (ev.key === "Escape" && !panel.hidden) {
        ev.preventDefault();
        open(false);
        input.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (!root.contains(ev.target)) open(false);
    });
    root.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !root.contains(ev.relatedTarget)) open(false);
    });
    form.addEventListener("submit", function (ev) {
      if (!input.value.trim()) { ev.preventDefault(); }
    });
  }

  // ---------------------------------------------------------------- search page
  function initPage(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector("form");
    var input = form.querySelector("input[type=search]");
    var kind = form.querySelector("select");
    var status = root.querySelector(".ctwg-search-page__status");
    var list = root.querySelector(".ctwg-search-page__results");
    var more = root.querySelector(".ctwg-search-page__more");
    var nojs = root.querySelector(".ctwg-search-page__nojs");
    if (nojs) nojs.hidden = true;
    var seq = 0, timer = null, results = [], shown = 0, query = "", answered = "";

    function showMore(focusFirst) {
      var mine = seq;
      var next = results.slice(shown, shown + PAGE_RESULTS);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== seq) return;
        var first = null;
        datas.forEach(function (d) {
          var li = resultItem(d, answered || query, "ctwg-search-page__result");
          first = first || li;
          list.appendChild(li);
        });
        shown += datas.length;
        more.hidden = shown >= results.length;
        if (!more.hidden) more.querySelector("button").textContent = "Show more results (" + (results.length - shown) + " left)";
        if (focusFirst && first) first.querySelector("a").focus();
      });
    }

    function writeUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      if (kind.value) p.set("kind", kind.value);
      var search = p.toString() ? "?" + p.toString() : "";
      if (search !== location.search) history.replaceState(null, "", location.pathname + search);
    }

    function run() {
      var mine = ++seq;
      query = input.value.trim();
      writeUrl();
      if (!query) {
        results = []; shown = 0; list.replaceChildren(); more.hidden = true;
        status.textContent = "Type a word or two to search every page.";
        return;
      }
      var opts = kind.value ? { filters: { kind: kind.value } } : {};
      var used = query;
      load().then(function (pf) { return searchOrCorrect(pf, query, opts); }).then(function (answer) {
        if (mine !== seq || !answer || !answer.search) return null;
        used = answered = answer.used;
        return ranked(answer.search.results, used);
      }).then(function (order) {
        if (mine !== seq || !order) return;
        results = order; shown = 0;
        list.replaceChildren();
        var where = kind.value ? " among " + kind.options[kind.selectedIndex].text.replace(/ \(\d+\)$/, "") : "";
        status.textContent = results.length ? answerFor(results.length, query, used, where)
          : "No results for " + query + where + ". Try fewer or shorter words, or every kind of page.";
        return showMore(false);
      }).catch(function () {
        if (mine !== seq) return;
        status.textContent = "Search could not load. Please reload the page.";
      });
    }

    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    var wanted = p.get("kind") || "";
    load().then(function (pf) { return pf.filters(); }).then(function (filters) {
      var kinds = (filters && filters.kind) || {};
      Object.keys(kinds).sort().forEach(function (k) {
        var o = document.createElement("option");
        o.value = k;
        o.textContent = k + " (" + kinds[k] + ")";
        kind.appendChild(o);
      });
      kind.value = wanted;
      if (kind.value !== wanted) kind.value = "";
      run();
    }).catch(function () { run(); });

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    kind.addEventListener("change", run);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); run(); });
    more.querySelector("button").addEventListener("click", function () { showMore(true); });
    if (!input.value) input.focus();
  }

  // ---------------------------------------------------------------- "/" and ?h= marks
  function shortcut(ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.querySelector('[data-ctwg-search="page"] input[type=search]') ||
              document.querySelector('[data-ctwg-search="header"] input[type=search]');
    if (!box) return;
    ev.preventDefault();
    ev.stopPropagation();
    if (box.offsetParent === null) {  // the header box is hidden on narrow screens
      location.href = new URL("search/", siteRoot()).href;
      return;
    }
    box.focus();
    box.select();
  }

  function markTerms() {
    var h = new URLSearchParams(location.search).get("h");
    var article = document.querySelector("article");
    if (!h || !article) return;
    var terms = words(h.toLowerCase()).filter(function (w) { return w.length > 1; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!terms.length) return;
    var re = new RegExp("(" + terms.join("|") + ")", "gi");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentNode;
        if (!n.nodeValue.trim() || !p || /^(SCRIPT|STYLE|MARK|TEXTAREA)$/.test(p.tagName) ||
            p.closest("[hidden], .headerlink, svg")) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode() && nodes.length < 5000) nodes.push(walker.currentNode);
    nodes.forEach(function (n) {
      var parts = n.nodeValue.split(re);
      if (parts.length < 2) return;
      var frag = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (!part) return;
        if (i % 2) { var m = document.createElement("mark"); m.textContent = part; frag.appendChild(m); }
        else frag.appendChild(document.createTextNode(part));
      });
      n.parentNode.replaceChild(frag, n);
    });
  }

  function run() {
    document.querySelectorAll('[data-ctwg-search="header"]').forEach(initHeader);
    document.querySelectorAll('[data-ctwg-search="page"]').forEach(initPage);
    markTerms();
  }
  document.addEventListener("keydown", shortcut, true);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
