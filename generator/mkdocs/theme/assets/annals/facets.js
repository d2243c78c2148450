// Search results narrowed by kind (the folder a result's page is in) and by year (the years of
// its sources, from facets.json, loaded once when a year is first typed). The results are the
// theme's own list, whichever index answered; this hides those outside the chosen kind and year.
(function () {
  var FACETS = new URL("facets.json", document.currentScript.src);
  var BASE = new URL("../../", FACETS).href;
  var KINDS = [["", "All"], ["people", "People"], ["organizations", "Organizations"], ["places", "Places"],
               ["events", "Events"], ["anniversaries", "Anniversaries"], ["articles", "Articles"]];
  var state = {kind: "", year: null, years: null, loading: false};

  function address(href) {  // "https://…/people/xi-jinping/#roles" → "people/xi-jinping"
    if (href.indexOf(BASE) !== 0) return "";
    return href.slice(BASE.length).split("#")[0].split("?")[0]
      .replace(/(\/index)?\.html$/, "").replace(/\/$/, "");
  }

  function keep(item) {
    var link = item.querySelector("a");
    var page = link ? address(link.href) : "";
    var parts = page.split("/");
    if (state.kind && (parts[0] !== state.kind || parts.length < 2)) return false;  // a section's pages, not its index
    if (state.year === null || state.years === null) return true;
    var span = state.years[page];
    return !!span && span[0] <= state.year && state.year <= span[1];
  }

  function apply(result) {
    var list = result.querySelector(".md-search-result__list");
    var status = result.querySelector(".annals-facets__status");
    if (!list || !status) return;
    var items = list.querySelectorAll(":scope > .md-search-result__item");
    var shown = 0;
    items.forEach(function (item) {
      item.hidden = !keep(item);
      if (!item.hidden) shown++;
    });
    var narrowed = state.kind || state.year !== null;
    status.textContent = narrowed ? shown + " of the " + items.length + " results listed so far" : "";
    // The theme lists more results as its panel scrolls to the end: with few left, ask for more.
    var wrap = result.closest(".md-search__scrollwrap");
    if (narrowed && wrap && shown < 10) wrap.dispatchEvent(new Event("scroll"));
  }

  function loadYears(result) {
    if (state.years !== null || state.loading) return;
    state.loading = true;
    fetch(FACETS).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
      .then(function (years) { state.years = years; apply(result); });
  }

  function setup() {
    var result = document.querySelector(".md-search-result");
    if (!result || result.querySelector(".annals-facets")) return;
    var list = result.querySelector(".md-search-result__list");
    var bar = document.createElement("div");
    bar.className = "annals-facets";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Narrow the results");
    KINDS.forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "annals-facets__kind";
      button.dataset.kind = pair[0];
      button.textContent = pair[1];
      button.setAttribute("aria-pressed", pair[0] === state.kind ? "true" : "false");
      button.addEventListener("click", function () {
        state.kind = pair[0];
        bar.querySelectorAll(".annals-facets__kind").forEach(function (b) {
          b.setAttribute("aria-pressed", b.dataset.kind === state.kind ? "true" : "false");
        });
        apply(result);
      });
      bar.appendChild(button);
    });
    var year = document.createElement("input");
    year.type = "number";
    year.className = "annals-facets__year";
    year.placeholder = "Year";
    year.min = "1";
    year.max = "9999";
    year.setAttribute("aria-label", "Only results from this year");
    year.addEventListener("input", function () {
      var value = parseInt(year.value, 10);
      state.year = year.value.length === 4 && !isNaN(value) ? value : null;
      if (state.year !== null) loadYears(result);
      apply(result);
    });
    // The theme sends keys typed anywhere in the open search to its query box: keep the year's own.
    year.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") event.stopPropagation();
    });
    bar.appendChild(year);
    var status = document.createElement("span");
    status.className = "annals-facets__status";
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    result.insertBefore(bar, list);
    new MutationObserver(function () { apply(result); }).observe(list, {childList: true});
  }

  document$.subscribe(setup);
})();
