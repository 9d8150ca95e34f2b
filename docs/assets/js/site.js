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

// Material's menu button (and its search button on small screens) are <label>s for hidden
// checkboxes, which the keyboard cannot reach. Make them buttons for the keyboard too:
// focusable, named, and pressed with Enter or Space (WCAG 2.1.1).
(function () {
  var NAMES = { __drawer: "Open the navigation menu", __search: "Open search" };
  function enhance() {
    document.querySelectorAll('.md-header label.md-header__button[for="__drawer"], ' +
                              '.md-header label.md-header__button[for="__search"]').forEach(function (label) {
      if (label.dataset.ctwgButton) return;
      label.dataset.ctwgButton = "1";
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      if (!label.hasAttribute("aria-label")) label.setAttribute("aria-label", NAMES[label.htmlFor]);
      label.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          ev.stopPropagation();  // Material's own Enter-on-a-label handler would click it again
          label.click();
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", enhance); } else { enhance(); }
})();
