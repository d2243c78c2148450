// Index tables: sorted by a click on a column's heading (tablesort, vendored) and filtered as
// the reader types. Material's document$ runs this on every page, instant navigation included.
document$.subscribe(function () {
  document.querySelectorAll(".annals-index table").forEach(function (table) {
    if (table.dataset.annalsReady) return;
    table.dataset.annalsReady = "1";
    new Tablesort(table);
    var input = document.createElement("input");
    input.type = "search";
    input.className = "annals-filter";
    input.placeholder = "Filter this list";
    input.setAttribute("aria-label", "Filter this list");
    var block = table.closest(".md-typeset__scrollwrap") || table;
    block.parentNode.insertBefore(input, block);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().trim();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
  });
});
