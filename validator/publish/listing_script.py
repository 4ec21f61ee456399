"""The findings lists' inline script: sorting by a column and filtering by text, kind, status.

Every row is in the HTML; without the script its controls stay hidden and the whole list shows.
It loads nothing, stores nothing and reaches no network.
"""

SCRIPT = r"""
(function () {
  "use strict";
  document.querySelectorAll(".vf-list").forEach(function (box) {
    var table = box.querySelector("table.vf-list-table");
    var controls = box.querySelector(".vf-controls");
    if (!table || !controls) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = controls.querySelector("input[name=q]");
    var selects = controls.querySelectorAll("select");
    var count = controls.querySelector(".vf-count");
    controls.hidden = false;
    function apply() {
      var q = text.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (r) {
        var ok = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        selects.forEach(function (s) {
          if (s.value && r.getAttribute("data-" + s.name) !== s.value) ok = false;
        });
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " shown";
    }
    text.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vf-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var col = th.cellIndex;
        var numeric = th.getAttribute("data-sort") === "num";
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        table.querySelectorAll("th[aria-sort]").forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        function key(r) {
          var c = r.cells[col];
          var v = c.hasAttribute("data-v") ? c.getAttribute("data-v") : c.textContent;
          if (!numeric) return v;
          var n = parseFloat(v);
          return isNaN(n) ? -Infinity : n;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    apply();
  });
})();
"""
