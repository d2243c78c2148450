// The connections graph of an entity's page: the page's subject, its strongest neighbours and
// the ties between them, laid out by d3-force (vendored) and drawn as SVG. The page carries
// only each node's kind and the edges; names and addresses are read from the list below the
// graph, so a node's click follows the same link (and instant navigation) as the list's.
// d3-force and what it needs are loaded with the first page that has a graph, not with every page.
(function () {
  var VENDOR = new URL("vendor/", document.currentScript.src);
  var LIBRARIES = ["d3-dispatch.min.js", "d3-quadtree.min.js", "d3-timer.min.js", "d3-force.min.js"];
  var loading = null;

  function load() {
    if (loading === null) {
      loading = LIBRARIES.reduce(function (done, name) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = new URL(name, VENDOR).href;
            script.onload = resolve;
            script.onerror = reject;
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    }
    return loading;
  }

  document$.subscribe(function () {
    var boxes = document.querySelectorAll(".annals-graph:not([data-annals-ready])");
    if (boxes.length) load().then(function () { boxes.forEach(draw); });
  });

  function draw(box) {
    if (box.dataset.annalsReady) return;
    box.dataset.annalsReady = "1";
    var data = JSON.parse(box.dataset.graph);
    var list = box.nextElementSibling;  // the list of connections, right below the graph
    var links = list && list.tagName === "UL" ? list.querySelectorAll("li > a:first-child") : [];
    var title = document.querySelector("article h1");
    var nodes = data.kinds.map(function (kind, n) {
      var a = n === 0 ? null : links[n - 1];
      return {n: n, kind: kind, link: a,
              name: n === 0 ? (title ? title.textContent.replace(/¶$/, "").trim() : "") : (a ? a.textContent : "")};
    });
    var edges = data.edges.map(function (e) { return {source: e[0], target: e[1], weight: e[2]}; });
    var width = Math.max(280, box.clientWidth), height = width < 500 ? 300 : 360;
    var simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).distance(function (e) { return e.source.n === 0 ? 130 : 170; })
                                        .strength(function (e) { return e.source.n === 0 ? 0.7 : 0.05; }))
      .force("charge", d3.forceManyBody().strength(-420))
      .force("collide", d3.forceCollide(34))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .stop();
    for (var i = 0; i < 300; i++) simulation.tick();  // laid out once, the same each time: no animation
    var pad = 24;
    nodes.forEach(function (d) {
      d.x = Math.max(pad, Math.min(width - pad, d.x));
      d.y = Math.max(pad, Math.min(height - pad, d.y));
    });
    var longest = width < 500 ? 16 : 24, edge = width < 500 ? 60 : 90;  // label characters; a label's half width
    var NS = "http://www.w3.org/2000/svg";
    function make(name, attributes, parent) {
      var el = document.createElementNS(NS, name);
      Object.keys(attributes).forEach(function (k) { el.setAttribute(k, attributes[k]); });
      parent.appendChild(el);
      return el;
    }
    var svg = make("svg", {viewBox: "0 0 " + width + " " + height, width: width, height: height,
                           "aria-hidden": "true", focusable: "false"}, box);
    var top = Math.max.apply(null, edges.map(function (e) { return e.weight; }).concat([1]));
    edges.forEach(function (e) {
      make("line", {x1: e.source.x, y1: e.source.y, x2: e.target.x, y2: e.target.y,
                    "class": "annals-graph__edge" + (e.source.n === 0 ? " annals-graph__edge--own" : ""),
                    "stroke-width": 1 + 3 * e.weight / top}, svg);
    });
    nodes.forEach(function (d) {
      var g = make("g", {"class": "annals-graph__node annals-graph__node--" + d.kind + (d.n === 0 ? " annals-graph__node--self" : ""),
                         transform: "translate(" + d.x + "," + d.y + ")"}, svg);
      make("circle", {r: d.n === 0 ? 11 : 8}, g);
      // A label near an edge of the box runs inwards, so that none is cut.
      var anchor = d.x < edge ? "start" : d.x > width - edge ? "end" : "middle";
      var label = make("text", {y: d.n === 0 ? -16 : -12, x: anchor === "start" ? -8 : anchor === "end" ? 8 : 0,
                                "text-anchor": anchor}, g);
      label.textContent = d.name.length > longest ? d.name.slice(0, longest - 1) + "…" : d.name;
      if (d.link) {
        g.addEventListener("click", function () { d.link.click(); });
        var tip = make("title", {}, g);
        tip.textContent = d.name;
      }
    });
    var legend = document.createElement("p");
    legend.className = "annals-graph__legend";
    legend.setAttribute("aria-hidden", "true");
    legend.innerHTML = '<span class="annals-graph__key annals-graph__key--person"></span> person ' +
      '<span class="annals-graph__key annals-graph__key--organization"></span> organization ' +
      '<span class="annals-graph__key annals-graph__key--place"></span> place';
    box.appendChild(legend);
  }
})();
