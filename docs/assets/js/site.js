// Small progressive enhancements; every page works without them.
// Sortable index tables: each column header becomes a button that sorts the rows.
(function () {
  function cellValue(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function enhance(table) {
    var head = table.tHead;
    if (!head || table.dataset.sortable) return;
    table.dataset.sortable = "1";
    Array.prototype.forEach.call(head.rows[0].cells, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          var nx = parseFloat(x), ny = parseFloat(y);
          var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function run() {
    document.querySelectorAll(".ctwg-index table").forEach(enhance);
  }
  if (window.document$) { window.document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
})();

// Material's menu button is a <label> for a hidden checkbox, which the keyboard cannot reach
// (and a label may not take the button role). With JavaScript, a real <button> takes its
// place: focusable, named, pressed with Enter or Space, and saying whether the menu is open
// (WCAG 2.1.1, 4.1.2). Without JavaScript the label still opens the menu by pointer.
(function () {
  function enhance() {
    var toggle = document.getElementById("__drawer");
    document.querySelectorAll('.md-header label.md-header__button[for="__drawer"]').forEach(function (label) {
      if (!toggle || label.dataset.ctwgButton) return;
      label.dataset.ctwgButton = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " ctwg-menu-button";
      button.setAttribute("aria-label", "Open the navigation menu");
      button.setAttribute("aria-expanded", String(toggle.checked));
      button.innerHTML = label.innerHTML;  // Material's menu icon (its own markup)
      button.addEventListener("click", function () {
        toggle.checked = !toggle.checked;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      });
      toggle.addEventListener("change", function () { button.setAttribute("aria-expanded", String(toggle.checked)); });
      label.parentNode.insertBefore(button, label);
      label.hidden = true;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhance); } else { enhance(); }
})();

// Opened from the disk (file://), as the download of a pull request's build is: the pages
// show, but links to folders open lists of files and the search and the explorer cannot
// load their data. Say so at the top of the page, and how to view the site properly (the
// download's HOW-TO-VIEW.html, .github/preview/, says the same step by step).
(function () {
  if (location.protocol !== "file:") return;
  function add() {
    var inner = document.querySelector(".md-content__inner") || document.querySelector("main") || document.body;
    if (!inner || document.getElementById("ctwg-from-disk")) return;
    var note = document.createElement("div");
    note.id = "ctwg-from-disk";
    note.className = "admonition warning";
    note.setAttribute("role", "note");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "This copy of the site is opened from the disk";
    var text = document.createElement("p");
    text.appendChild(document.createTextNode(
      "Links open lists of files, and the search and the explorer do not work. To view it: open a terminal in the folder that holds index.html, run "));
    var code = document.createElement("code");
    code.textContent = "python3 -m http.server 8000 --bind 127.0.0.1";
    text.appendChild(code);
    text.appendChild(document.createTextNode(
      " (on Windows: py instead of python3), then open http://127.0.0.1:8000/ in the browser."));
    note.appendChild(title);
    note.appendChild(text);
    inner.insertBefore(note, inner.firstChild);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", add); } else { add(); }
})();
