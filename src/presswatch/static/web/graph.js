// Stance graph: a small force-directed layout (repulsion, springs, centring) drawn as SVG.
// Data comes from the page's own API (/api/v1/stances?format=graph); labels are set with textContent.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function layout(nodes, edges, w, h) {
    var n = nodes.length, k = Math.sqrt((w * h) / Math.max(n, 1)) * 0.6;
    nodes.forEach(function (d, i) {  // start on a circle (deterministic), not at random
      var a = (2 * Math.PI * i) / n;
      d.x = w / 2 + Math.cos(a) * w * 0.3; d.y = h / 2 + Math.sin(a) * h * 0.3;
    });
    var steps = n > 150 ? 150 : 300, t = w / 10;
    for (var s = 0; s < steps; s++) {
      nodes.forEach(function (d) { d.dx = 0; d.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var dist = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01), f = (k * k) / dist;
          a.dx += (dx / dist) * f; a.dy += (dy / dist) * f; b.dx -= (dx / dist) * f; b.dy -= (dy / dist) * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.s.x - e.t.x, dy = e.s.y - e.t.y, dist = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        var f = (dist * dist) / k;
        e.s.dx -= (dx / dist) * f; e.s.dy -= (dy / dist) * f; e.t.dx += (dx / dist) * f; e.t.dy += (dy / dist) * f;
      });
      nodes.forEach(function (d) {
        d.dx += (w / 2 - d.x) * 1.5; d.dy += (h / 2 - d.y) * 2.5;  // gravity keeps islands in view
        var len = Math.max(Math.sqrt(d.dx * d.dx + d.dy * d.dy), 0.01), m = Math.min(len, t);
        d.x = Math.min(w - 40, Math.max(40, d.x + (d.dx / len) * m));
        d.y = Math.min(h - 24, Math.max(24, d.y + (d.dy / len) * m));
      });
      t *= 0.985;
    }
  }

  function draw(data) {
    var box = svg.getBoundingClientRect(), w = Math.max(box.width, 320), h = Math.max(box.height, 320);
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var byId = {};
    data.nodes.forEach(function (d) { byId[d.id] = d; d.links = []; });
    var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target] && e.source !== e.target; })
      .map(function (e) { var x = { s: byId[e.source], t: byId[e.target], d: e }; x.s.links.push(x); x.t.links.push(x); return x; });
    layout(data.nodes, edges, w, h);
    var defs = el("defs", {}, svg);
    ["support", "oppose", "mixed"].forEach(function (kind) {
      var m = el("marker", { id: "arrow-" + kind, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "11",
        markerHeight: "11", orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
      el("path", { d: "M0,0L10,5L0,10z", "class": "arrow " + kind }, m);
    });
    var gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
    var maxW = Math.max.apply(null, edges.map(function (e) { return e.d.weight; }).concat([1]));
    edges.forEach(function (e) {
      e.line = el("path", { "class": "edge " + e.d.attitude, "stroke-width": (1.5 + 4.5 * Math.log1p(e.d.weight) / Math.log1p(maxW)).toFixed(2),
        "marker-end": "url(#arrow-" + e.d.attitude + ")" }, gEdges);
      var title = el("title", {}, e.line);
      title.textContent = e.s.label + " " + e.d.attitude + " → " + e.t.label + " (" + e.d.weight + " stance" + (e.d.weight === 1 ? "" : "s") + ")";
    });
    var maxN = Math.max.apply(null, data.nodes.map(function (d) { return d.weight; }).concat([1]));
    data.nodes.forEach(function (d) {
      d.r = 5 + 9 * Math.sqrt(d.weight / maxN);
      var g = d.actor ? el("a", { href: "/actors/" + encodeURIComponent(d.id), "class": "node" }, gNodes)
                      : el("g", { "class": "node text", tabindex: "0" }, gNodes);
      el("circle", { r: d.r.toFixed(1) }, g);
      // Labels point inwards, so that nodes near the right edge keep theirs in view.
      var right = d.x > w * 0.6;
      var label = el("text", { x: ((right ? -1 : 1) * (d.r + 4)).toFixed(1), y: "4",
        "text-anchor": right ? "end" : "start" }, g);
      label.textContent = d.label.length > 40 ? d.label.slice(0, 39) + "…" : d.label;
      var title = el("title", {}, g);
      title.textContent = d.label + (d.actor ? " — open the actor page" : " (not a known actor)");
      d.el = g;
      g.addEventListener("mouseenter", function () { focus(d, true); });
      g.addEventListener("mouseleave", function () { focus(d, false); });
      g.addEventListener("focus", function () { focus(d, true); });
      g.addEventListener("blur", function () { focus(d, false); });
      drag(d);
    });
    position(data.nodes, edges);
  }

  function position(nodes, edges) {
    edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, dist = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
      var ex = e.t.x - (dx / dist) * (e.t.r + 3), ey = e.t.y - (dy / dist) * (e.t.r + 3);
      // A gentle curve, so that A→B and B→A do not overlap.
      var mx = (e.s.x + ex) / 2 - dy * 0.12, my = (e.s.y + ey) / 2 + dx * 0.12;
      e.line.setAttribute("d", "M" + e.s.x.toFixed(1) + "," + e.s.y.toFixed(1) + "Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1));
    });
    nodes.forEach(function (d) { d.el.setAttribute("transform", "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")"); });
    svg._redraw = function () { position(nodes, edges); };
  }

  function focus(d, on) {
    svg.classList.toggle("focused", on);
    d.el.classList.toggle("near", on);
    d.links.forEach(function (e) {
      e.line.classList.toggle("near", on);
      e.s.el.classList.toggle("near", on);
      e.t.el.classList.toggle("near", on);
    });
  }

  function drag(d) {
    var start = null;
    d.el.addEventListener("pointerdown", function (ev) {
      start = { x: ev.clientX, y: ev.clientY, moved: false };
      d.el.setPointerCapture(ev.pointerId);
    });
    d.el.addEventListener("pointermove", function (ev) {
      if (!start) return;
      var ctm = svg.getScreenCTM();
      if (Math.abs(ev.clientX - start.x) + Math.abs(ev.clientY - start.y) > 4) start.moved = true;
      if (!start.moved || !ctm) return;
      var p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse());
      d.x = p.x; d.y = p.y;
      svg._redraw();
    });
    d.el.addEventListener("pointerup", function () { if (start) d.el._dragged = start.moved; start = null; });
    d.el.addEventListener("click", function (ev) { if (d.el._dragged) { ev.preventDefault(); d.el._dragged = false; } });
  }

  fetch(svg.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) { draw(data); svg.setAttribute("data-ready", "1"); })
    .catch(function (err) {
      var msg = el("text", { x: "20", y: "30" }, svg);
      msg.textContent = "The graph could not be loaded (" + err.message + "); the table below lists the edges.";
    });
})();
