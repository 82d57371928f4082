/* kg's page script: legend, type filter, labels, search, side panel, timeline and table of meetings.
 *
 * Runs after pyvis's script, whose globals `network`, `nodes` and `edges` hold
 * the vis-network graph. Every string that comes from a document is put into
 * the page with textContent or as an attribute value, never parsed as HTML.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var hiddenTypes = {};
  var hiddenRels = {};
  DATA.typeOrder.forEach(function (t) { hiddenTypes[t] = DATA.shownTypes.indexOf(t) < 0; });
  DATA.relationOrder.forEach(function (r) { hiddenRels[r] = DATA.relations[r].shown === false; });
  var current = null;
  var hovered = null;
  var visibleNode = {};
  var visibleEdge = {};
  var drawnLabels = [];
  var kg = (window.kg = {
    ready: false, data: DATA, select: selectNode, showEdge: showEdge,
    labels: function () { return drawnLabels.slice(); },
    visible: function () { return Object.keys(visibleNode).filter(function (id) { return visibleNode[id]; }).sort(); },
    setType: function (t, on) { setTypeVisible(t, on); },
    setRelation: function (r, on) { setRelationVisible(r, on); }
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function safeHref(url) {
    return typeof url === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
  }

  /* a legend icon of a vis shape */
  function icon(shape, color, size) {
    size = size || 14;
    var s = svgEl("svg", { width: size, height: size, viewBox: "0 0 20 20", "class": "kg-icon", "aria-hidden": "true" });
    var a = { fill: color, stroke: "#1e293b", "stroke-width": "1" };
    var shapeEl;
    if (shape === "dot") shapeEl = svgEl("circle", Object.assign({ cx: 10, cy: 10, r: 8 }, a));
    else if (shape === "square") shapeEl = svgEl("rect", Object.assign({ x: 3, y: 3, width: 14, height: 14 }, a));
    else if (shape === "triangle") shapeEl = svgEl("polygon", Object.assign({ points: "10,2 18.5,17.5 1.5,17.5" }, a));
    else if (shape === "diamond") shapeEl = svgEl("polygon", Object.assign({ points: "10,1.5 18.5,10 10,18.5 1.5,10" }, a));
    else if (shape === "hexagon") shapeEl = svgEl("polygon", Object.assign({ points: "10,1.5 17.5,5.8 17.5,14.2 10,18.5 2.5,14.2 2.5,5.8" }, a));
    else if (shape === "star") shapeEl = svgEl("polygon", Object.assign({ points: "10,1 12.4,7.2 19,7.4 13.8,11.5 15.6,18 10,14.3 4.4,18 6.2,11.5 1,7.4 7.6,7.2" }, a));
    else shapeEl = svgEl("circle", Object.assign({ cx: 10, cy: 10, r: 8 }, a));
    s.appendChild(shapeEl);
    return s;
  }

  function typeIcon(type, size) {
    var t = DATA.types[type] || { shape: "dot", color: "#94a3b8" };
    return icon(t.shape, t.color, size);
  }

  /* ---------------------------------------------------------------- header */

  function renderStats() {
    var m = DATA.meta;
    var shown = Object.keys(visibleNode).filter(function (id) { return visibleNode[id]; }).length;
    var links = Object.keys(visibleEdge).filter(function (id) { return visibleEdge[id]; }).length;
    var text = shown + " of " + m.nodes + " nodes shown · " + links + " links";
    if (m.total !== m.nodes) text += " (graph: " + m.total + " nodes)";
    document.getElementById("kg-stats").textContent = text;
  }

  /* ---------------------------------------------------------------- legend */

  function renderLegend() {
    var ul = document.getElementById("kg-types");
    DATA.typeOrder.forEach(function (type) {
      var t = DATA.types[type];
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = !hiddenTypes[type];
      box.dataset.type = type;
      box.addEventListener("change", function () { setTypeVisible(type, box.checked); });
      label.appendChild(box);
      label.appendChild(icon(t.shape, t.color, 16));
      label.appendChild(el("span", null, t.name));
      label.appendChild(el("span", "kg-count", t.count));
      if (!t.count) label.classList.add("kg-off");
      li.appendChild(label);
      ul.appendChild(li);
    });
    var rels = document.getElementById("kg-rels");
    var relCount = {};
    DATA.edges.forEach(function (e) { relCount[e.rel] = (relCount[e.rel] || 0) + 1; });
    DATA.relationOrder.forEach(function (rel) {
      if (!relCount[rel]) return;
      var r = DATA.relations[rel];
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = !hiddenRels[rel];
      box.dataset.rel = rel;
      box.addEventListener("change", function () { setRelationVisible(rel, box.checked); });
      label.appendChild(box);
      var s = svgEl("svg", { width: 26, height: 10, "class": "kg-icon", "aria-hidden": "true" });
      var line = svgEl("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: r.color, "stroke-width": 2 });
      if (r.dashes) line.setAttribute("stroke-dasharray", "4 3");
      s.appendChild(line);
      label.appendChild(s);
      label.appendChild(el("span", null, rel));
      label.appendChild(el("span", "kg-count", relCount[rel]));
      li.appendChild(label);
      rels.appendChild(li);
    });
  }

  /* what is drawn: links of ticked kinds between nodes of ticked types, and the nodes such links join
     (the selected node too); the same rule as kg.html.visible_at_first, which drew the page */
  function visibility() {
    var vn = {}, ve = {};
    DATA.edges.forEach(function (e) {
      var a = DATA.nodes[e.from], b = DATA.nodes[e.to];
      var on = !hiddenRels[e.rel] && !hiddenTypes[a.type] && !hiddenTypes[b.type] && e.from !== e.to;
      ve[e.id] = on;
      if (on) { vn[e.from] = true; vn[e.to] = true; }
    });
    var focus = DATA.meta.focus;
    [focus, current].forEach(function (id) { if (id && DATA.nodes[id] && DATA.nodes[id].drawn) vn[id] = true; });
    return [vn, ve];
  }

  /* the page starts with only what shows at first in vis-network's DataSets; the rest is added from
     DATA (positions laid out in Python) the first time it is ticked on, and hidden, not removed, after */
  var inNodes = {}, inEdges = {};

  function visNode(id) {
    var n = DATA.nodes[id];
    return { id: id, shape: (DATA.types[n.type] || {}).shape || "dot", group: n.type, size: n.size, x: n.x, y: n.y, hidden: false };
  }

  function visEdge(e) {
    var r = DATA.relations[e.rel] || { color: "#94a3b8", dashes: true };
    return { id: e.id, from: e.from, to: e.to, color: { color: r.color }, dashes: r.dashes, hidden: false };
  }

  function applyVisibility() {
    var v = visibility(), vn = v[0], ve = v[1];
    var nu = [], eu = [];
    Object.keys(DATA.nodes).forEach(function (id) {
      if (!DATA.nodes[id].drawn) return;
      var on = !!vn[id];
      if (on !== !!visibleNode[id]) nu.push(inNodes[id] ? { id: id, hidden: !on } : visNode(id));
      if (on) inNodes[id] = true;
      visibleNode[id] = on;
    });
    DATA.edges.forEach(function (e) {
      var on = !!ve[e.id];
      if (on !== !!visibleEdge[e.id]) eu.push(inEdges[e.id] ? { id: e.id, hidden: !on } : visEdge(e));
      if (on) inEdges[e.id] = true;
      visibleEdge[e.id] = on;
    });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    renderStats();
    typeNote();
  }

  /* a ticked type none of whose nodes links to what is shown draws nothing: say which ticks would show it */
  function typeNote() {
    var note = document.getElementById("kg-type-note");
    if (!note) return;
    var seen = {}, drawn = {};
    Object.keys(DATA.nodes).forEach(function (id) {
      var t = DATA.nodes[id].type;
      if (DATA.nodes[id].drawn) drawn[t] = true;
      if (visibleNode[id]) seen[t] = true;
    });
    var lines = [];
    DATA.typeOrder.forEach(function (type) {
      if (hiddenTypes[type] || seen[type] || !drawn[type]) return;
      var types = {}, rels = {};
      DATA.edges.forEach(function (e) {
        var a = DATA.nodes[e.from].type, b = DATA.nodes[e.to].type;
        if (a !== type && b !== type) return;
        var other = a === type ? b : a;
        if (hiddenTypes[other]) types[other] = true;
        if (hiddenRels[e.rel]) rels[e.rel] = true;
      });
      var needs = DATA.typeOrder.filter(function (t) { return types[t]; }).map(function (t) { return DATA.types[t].name; })
        .concat(DATA.relationOrder.filter(function (r) { return rels[r]; }).map(function (r) { return "\u201c" + r + "\u201d"; }));
      lines.push("No " + DATA.types[type].name.toLowerCase() + " is linked to what is shown" + (needs.length ? "; also tick " + needs.join(", ") + "." : "."));
    });
    note.textContent = lines.join(" ");
    note.hidden = !lines.length;
  }

  function setRelationVisible(rel, visible) {
    hiddenRels[rel] = !visible;
    var box = document.querySelector('#kg-rels input[data-rel="' + rel + '"]');
    if (box) box.checked = visible;
    applyVisibility();
  }

  function setTypeVisible(type, visible) {
    hiddenTypes[type] = !visible;
    var box = document.querySelector('#kg-types input[data-type="' + type + '"]');
    if (box) box.checked = visible;
    applyVisibility();
    renderTimeline();
    renderTable();
  }

  /* ---------------------------------------------------------------- labels */

  /* vis-network's own labels scale with the zoom and overlap; kg draws its own after each frame,
     at one readable size, the most connected nodes first, each only where it overlaps nothing */
  var LABEL_FONT = 13, LABEL_H = 16, CELL = 96;
  var byImportance = Object.keys(DATA.nodes).filter(function (id) { return DATA.nodes[id].drawn; });
  byImportance.sort(function (a, b) { return (DATA.nodes[b].size || 0) - (DATA.nodes[a].size || 0) || (a < b ? -1 : 1); });
  var measureCtx = document.createElement("canvas").getContext("2d");
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  measureCtx.font = LABEL_FONT + "px " + FONT;
  var widths = {};

  function labelWidth(id) {
    var w = widths[id];
    if (w === undefined) w = widths[id] = Math.ceil(measureCtx.measureText(DATA.nodes[id].short || "").width) + 4;
    return w;
  }

  function drawLabels(ctx) {
    var scale = network.getScale();
    var origin = network.canvasToDOM({ x: 0, y: 0 });
    var box = document.getElementById("mynetwork");
    var W = box.clientWidth, H = box.clientHeight;
    var pos = network.getPositions(byImportance.filter(function (id) { return visibleNode[id]; }));
    var grid = {};
    function cells(b, fn) {
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) if (fn(cx + "," + cy) === false) return false;
      return true;
    }
    function free(b, own) {
      return cells(b, function (k) {
        var list = grid[k];
        if (!list) return true;
        for (var i = 0; i < list.length; i++) {
          var o = list[i];
          if (o[4] !== own && o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3]) return false;
        }
        return true;
      });
    }
    function put(b) { cells(b, function (k) { (grid[k] || (grid[k] = [])).push(b); }); }
    var ids = Object.keys(pos);
    var onScreen = ids.filter(function (id) {
      var x = origin.x + pos[id].x * scale, y = origin.y + pos[id].y * scale;
      return x > -200 && y > -40 && x < W + 200 && y < H + 40;
    });
    var first = [current, hovered].filter(function (id) { return id && pos[id]; });
    var order = first.concat(onScreen.filter(function (id) { return first.indexOf(id) < 0; }));
    drawnLabels = [];
    ctx.save();
    ctx.font = (LABEL_FONT / scale) + "px " + FONT;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.fillStyle = "#0f172a";
    for (var i = 0; i < order.length && drawnLabels.length < 300; i++) {
      var id = order[i], p = pos[id], r = (DATA.nodes[id].size || 10) * scale;
      var w = labelWidth(id);
      var x = origin.x + p.x * scale, y = origin.y + p.y * scale;
      /* below the node, else above, right or left of it: the first place that is free */
      var spots = [
        [x - w / 2, y + r + 2], [x - w / 2, y - r - 2 - LABEL_H],
        [x + r + 3, y - LABEL_H / 2], [x - r - 3 - w, y - LABEL_H / 2]
      ];
      var b = null;
      for (var k = 0; k < spots.length; k++) {
        var c = [spots[k][0], spots[k][1], spots[k][0] + w, spots[k][1] + LABEL_H, id];
        if (c[0] < 0 || c[2] > W || c[1] < 0 || c[3] > H) continue;  /* whole, not cut by the box's edge */
        if (i < first.length || free(c, id)) { b = c; break; }  /* the selected and hovered nodes always say who they are */
      }
      if (!b) continue;
      put(b);
      /* a labelled node's shape: no later label covers it (an unlabelled small node may be) */
      put([x - r, y - r, x + r, y + r, id]);
      var text = DATA.nodes[id].short || "";
      var tx = (b[0] + 2 - origin.x) / scale, ty = (b[1] + 1 - origin.y) / scale;
      ctx.strokeText(text, tx, ty);
      ctx.fillText(text, tx, ty);
      drawnLabels.push({ id: id, text: text, x0: b[0], y0: b[1], x1: b[2], y1: b[3], font: LABEL_FONT });
    }
    ctx.restore();
  }

  /* ---------------------------------------------------------------- search */

  var results = [];
  var active = -1;

  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    Object.keys(DATA.nodes).forEach(function (id) {
      var n = DATA.nodes[id];
      var label = (n.label || "").toLowerCase();
      var score = -1;
      if (label === q) score = 0;
      else if (label.indexOf(q) === 0) score = 1;
      else if (label.indexOf(q) > 0) score = 2;
      else if ((n.aliases || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; })) score = 3;
      else if (id.toLowerCase().indexOf(q) >= 0 || (n.role || "").toLowerCase().indexOf(q) >= 0) score = 4;
      if (score >= 0) found.push([score, n.label || id, id]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return found.slice(0, 10).map(function (f) { return f[2]; });
  }

  function renderResults() {
    var ul = document.getElementById("kg-results");
    ul.textContent = "";
    var q = document.getElementById("kg-search").value;
    if (!q.trim()) { ul.hidden = true; return; }
    if (!results.length) {
      ul.appendChild(el("li", "kg-empty", "No match in this view"));
    }
    results.forEach(function (id, i) {
      var n = DATA.nodes[id];
      var li = el("li", i === active ? "active" : "");
      li.setAttribute("role", "option");
      li.appendChild(typeIcon(n.type, 12));
      li.appendChild(el("span", null, n.label));
      li.appendChild(el("span", "kg-type", (DATA.types[n.type] || {}).name || n.type));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      ul.appendChild(li);
    });
    ul.hidden = false;
  }

  function pick(id) {
    var input = document.getElementById("kg-search");
    input.value = DATA.nodes[id].label;
    document.getElementById("kg-results").hidden = true;
    selectNode(id);
  }

  function wireSearch() {
    var input = document.getElementById("kg-search");
    input.addEventListener("input", function () {
      results = search(input.value);
      active = results.length ? 0 : -1;
      renderResults();
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!results.length) return;
        ev.preventDefault();
        active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        renderResults();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (!results.length) results = search(input.value);
        if (results.length) pick(results[Math.max(active, 0)]);
      } else if (ev.key === "Escape") {
        document.getElementById("kg-results").hidden = true;
      }
    });
    input.addEventListener("blur", function () { document.getElementById("kg-results").hidden = true; });
    input.addEventListener("focus", function () { if (input.value.trim()) renderResults(); });
  }

  /* ---------------------------------------------------------------- panel */

  function nodeLink(id, text) {
    if (id && DATA.nodes[id]) {
      var a = el("a", "kg-link", text);
      a.href = "#";
      a.setAttribute("role", "button");
      a.dataset.node = id;
      a.addEventListener("click", function (ev) { ev.preventDefault(); selectNode(id); });
      return a;
    }
    return el("span", null, text);
  }

  function quote(e) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("blockquote", null, "\u201c" + e.q + "\u201d"));
    var cite = el("div", "kg-cite");
    var doc = DATA.docs[e.d] || { title: e.d || "unknown source" };
    cite.appendChild(document.createTextNode("\u2014 "));
    cite.appendChild(nodeLink(doc.inView ? e.d : null, doc.title));
    /* an untitled document's title already says its publisher and date */
    var rest = [doc.publisher, doc.date].filter(function (x) { return x && (doc.title || "").indexOf(x) < 0; }).join(", ");
    if (rest) cite.appendChild(document.createTextNode(", " + rest));
    var href = safeHref(doc.url);
    if (href) {
      cite.appendChild(document.createTextNode(" "));
      var a = el("a", null, "open");
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      cite.appendChild(a);
    }
    frag.appendChild(cite);
    return frag;
  }

  function count(n, word) {
    return n.toLocaleString("en-US") + " " + word + (n === 1 ? "" : "s");
  }

  /* the first quote shows; the others fold away. refs index DATA.quotes; `beyond` more are only in the export */
  function evidence(refs, beyond) {
    var frag = document.createDocumentFragment();
    var list = (refs || []).map(function (i) { return DATA.quotes[i]; }).filter(Boolean);
    if (list.length) frag.appendChild(quote(list[0]));
    if (list.length > 1) {
      var more = el("details", "kg-more");
      more.appendChild(el("summary", null, count(list.length - 1, "more quote")));
      list.slice(1).forEach(function (e) { more.appendChild(quote(e)); });
      frag.appendChild(more);
    }
    if (beyond) frag.appendChild(el("p", "kg-beyond", "and " + count(beyond, "more quote") + " in graph.nq (kg query evidence)"));
    return frag;
  }

  function item(it, noEvidence) {
    var li = el("li", "kg-item");
    if (it.k) li.appendChild(el("span", "kg-key", it.k));
    var href = safeHref(it.href);
    if (href) {
      var a = el("a", null, it.text);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      li.appendChild(a);
    } else {
      li.appendChild(nodeLink(it.node, it.text));
    }
    if (it.note) li.appendChild(el("span", "kg-note", it.note));
    if (it.ev && !noEvidence) li.appendChild(evidence(it.ev, it.evMore));
    return li;
  }

  /* a section's items. A panel quotes each sentence once: an item whose sentences are all quoted
     above says so instead of repeating them (one sentence often states a meeting's date, place and format) */
  var quoted = {};

  function fillSection(ul, items) {
    items.forEach(function (it) {
      var fresh = (it.ev || []).filter(function (q) { return !quoted[q]; });
      var again = it.ev && it.ev.length && !fresh.length && !it.evMore;
      var li = item(fresh.length === (it.ev || []).length ? it : Object.assign({}, it, { ev: fresh }), again);
      if (again) li.appendChild(el("span", "kg-note kg-same", "quoted above"));
      fresh.forEach(function (q) { quoted[q] = true; });
      ul.appendChild(li);
    });
  }

  function panelHead(box, type, title, sub) {
    var badge = el("div", "kg-badge");
    if (type) badge.appendChild(typeIcon(type, 14));
    badge.appendChild(el("span", null, type ? (DATA.types[type] || {}).name || type : "link"));
    box.appendChild(badge);
    box.appendChild(el("h2", null, title));
    if (sub) box.appendChild(el("p", "kg-sub", sub));
  }

  function showNode(id) {
    var n = DATA.nodes[id];
    if (!n) return;
    current = id;
    var box = document.getElementById("kg-panel-body");
    box.textContent = "";
    box.dataset.node = id;
    panelHead(box, n.type, n.label, n.type === "person" ? n.role : n.type === "meeting" ? n.when : "");
    quoted = {};
    (n.sections || []).forEach(function (s) {
      var sec = el("section", "kg-section");
      sec.dataset.section = s.title;
      sec.appendChild(el("h3", null, s.title));
      var ul = el("ul");
      var fold = s.fold && s.items.length > s.fold + 1 ? s.fold : s.items.length;
      fillSection(ul, s.items.slice(0, fold));
      if (fold < s.items.length) {
        var more = el("details", "kg-more kg-fold");
        more.appendChild(el("summary", null, (s.items.length - fold) + " more"));
        var rest = el("ul");
        fillSection(rest, s.items.slice(fold));
        more.appendChild(rest);
        var li = el("li");
        li.appendChild(more);
        ul.appendChild(li);
      }
      if (s.more) ul.appendChild(el("li", "kg-beyond", "and " + s.more.toLocaleString("en-US") + " more, not listed here: the export has them all (kg query)"));
      sec.appendChild(ul);
      box.appendChild(sec);
    });
    markSelection();
  }

  var edgeById = {};
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });

  function showEdge(edgeId) {
    var e = edgeById[edgeId];
    if (!e) return;
    current = null;
    var box = document.getElementById("kg-panel-body");
    box.textContent = "";
    delete box.dataset.node;
    var from = DATA.nodes[e.from], to = DATA.nodes[e.to];
    panelHead(box, null, e.rel);
    var ul = el("ul");
    ul.appendChild(item({ k: "From", text: from.label, node: e.from }));
    ul.appendChild(item({ k: "To", text: to.label, node: e.to }));
    (e.notes || []).forEach(function (n) { ul.appendChild(item({ k: "At", text: n })); });
    box.appendChild(ul);
    var sec = el("section", "kg-section");
    sec.appendChild(el("h3", null, e.ev && e.ev.length ? "Evidence" : "No quoted evidence for this link"));
    sec.appendChild(evidence(e.ev, e.evMore));
    box.appendChild(sec);
    markSelection();
  }

  function showHelp() {
    current = null;
    var box = document.getElementById("kg-panel-body");
    box.textContent = "";
    delete box.dataset.node;
    box.appendChild(el("h3", null, "How to explore"));
    var ul = el("ul", "kg-help");
    [
      "Click a node to see its facts, each with the sentence that states it and its source.",
      "Click a link to see why it is there.",
      "Type in the search box to find a node; Enter jumps to it.",
      "Tick a type in the legend to show it (issues, organizations, documents), untick it to hide it.",
      "Click a meeting on the timeline or in the table to select it; sort the table by a column, filter it by typing.",
      "Drag to move, scroll to zoom."
    ].forEach(function (t) { ul.appendChild(el("li", null, t)); });
    box.appendChild(ul);
    markSelection();
  }

  function selectNode(id, opts) {
    var n = DATA.nodes[id];
    if (!n) return false;
    if (hiddenTypes[n.type]) setTypeVisible(n.type, true);
    current = id;
    applyVisibility();
    if (!n.drawn) {
      network.unselectAll();  /* no link in this view: its panel, but nothing to point at */
    } else {
      network.selectNodes([id]);
      if (!opts || opts.zoom !== false) {
        /* show the node with its neighbours, without zooming in further than 1.3 */
        var near = [id].concat(network.getConnectedNodes(id).filter(function (m) { return visibleNode[m]; }));
        var animation = opts && opts.animate === false ? false : { duration: 400, easingFunction: "easeInOutQuad" };
        network.fit({ nodes: near, maxZoomLevel: 1.3, animation: animation });
      }
    }
    showNode(id);
    return true;
  }

  /* ---------------------------------------------------------------- timeline */

  function day(iso, last) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso || "");
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : (last ? 11 : 0);
    var d = m[3] ? +m[3] : (last ? new Date(Date.UTC(y, mo + 1, 0)).getUTCDate() : 1);
    return Date.UTC(y, mo, d) + (last ? 86400000 : 0);
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function meetingIds() {
    return Object.keys(DATA.nodes).filter(function (id) { return DATA.nodes[id].type === "meeting"; });
  }

  function mark(id, tag, attrs) {
    var g = tag === "g" ? svgEl("g", attrs) : el(tag, "kg-mark kg-undated");
    if (tag === "g") g.setAttribute("class", "kg-mark");
    g.setAttribute("data-node", id);
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.addEventListener("click", function () { selectNode(id); });
    g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") selectNode(id); });
    return g;
  }

  /* every meeting: a bar per dated one, named by who met, where and when; the undated ones after */
  function renderTimeline() {
    var box = document.getElementById("kg-timeline-box");
    box.textContent = "";
    var items = [], undated = [];
    meetingIds().forEach(function (id) {
      var n = DATA.nodes[id];
      var a = day(n.start, false), b = day(n.end || n.start, true);
      if (a === null) { undated.push(id); return; }
      items.push({ id: id, a: a, b: Math.max(b, a + 86400000), n: n });
    });
    if (!items.length && !undated.length) {
      box.appendChild(el("p", "kg-empty", "No meetings in this view."));
      return;
    }
    items.sort(function (x, y) { return x.a - y.a || (x.id < y.id ? -1 : 1); });
    var width = Math.max(box.clientWidth - 4, 200);
    if (items.length) {
      var lo = items[0].a, hi = items[items.length - 1].b;
      for (var i = 0; i < items.length; i++) hi = Math.max(hi, items[i].b);
      var pad = Math.max((hi - lo) * 0.04, 86400000 * 10);
      lo -= pad; hi += pad;
      var x = function (t) { return 8 + (t - lo) / (hi - lo) * (width - 16); };
      var rowH = 20, axis = 18;
      var withLabels = items.length <= 60;
      var lanes = [];
      items.forEach(function (it) {
        it.x0 = x(it.a);
        it.x1 = Math.max(x(it.b), it.x0 + (withLabels ? 8 : 4));  /* many meetings: thinner marks, fewer lanes */
        var text = withLabels ? it.n.label || "" : "";
        var tw = text ? 6 + measureCtx.measureText(text).width * 11 / LABEL_FONT : 3;
        it.text = text;
        it.left = text && it.x1 + tw > width - 4 && it.x0 - tw > 4;
        var from = it.left ? it.x0 - tw : it.x0, end = it.left ? it.x1 + 3 : it.x1 + tw;
        var lane = 0;
        while (lane < lanes.length && lanes[lane] > from - 4) lane++;
        lanes[lane] = end;
        it.lane = lane;
      });
      var height = axis + lanes.length * rowH + 6;
      var s = svgEl("svg", { width: width, height: height, role: "img", "aria-label": "Meetings by date" });
      /* ticks: months for spans under three years, else years */
      var span = hi - lo, years = span / (365.25 * 86400000);
      var start = new Date(lo), step = years > 3 ? 12 : years > 1 ? 3 : 1;
      var t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (start.getUTCMonth() % step) + step, 1);
      var every = Math.max(1, Math.ceil(((years * 12) / step) / (width / 70)));
      for (var k = 0; t < hi; k++) {
        var dd = new Date(t);
        if (k % every === 0) {
          var tx = x(t);
          s.appendChild(svgEl("line", { x1: tx, y1: axis - 4, x2: tx, y2: height, stroke: "#e2e8f0" }));
          var lab = svgEl("text", { x: tx + 2, y: 11, "class": "kg-tick" });
          lab.textContent = step === 12 || dd.getUTCMonth() === 0 ? (step === 12 ? "" : MONTHS[dd.getUTCMonth()] + " ") + dd.getUTCFullYear() : MONTHS[dd.getUTCMonth()];
          s.appendChild(lab);
        }
        t = Date.UTC(dd.getUTCFullYear(), dd.getUTCMonth() + step, 1);
      }
      var color = (DATA.types.meeting || {}).color || "#ea580c";
      items.forEach(function (it) {
        var g = mark(it.id, "g", {});
        var y = axis + it.lane * rowH;
        g.appendChild(svgEl("rect", { x: it.x0, y: y + 3, width: it.x1 - it.x0, height: 12, rx: 3, fill: color }));
        if (it.text) {
          var tt = it.left ? svgEl("text", { x: it.x0 - 5, y: y + 13, "text-anchor": "end" }) : svgEl("text", { x: it.x1 + 5, y: y + 13 });
          tt.textContent = it.text;
          g.appendChild(tt);
        }
        var title = svgEl("title", {});
        title.textContent = it.n.label;
        g.appendChild(title);
        s.appendChild(g);
      });
      box.appendChild(s);
    }
    if (undated.length) {
      var row = el("div", "kg-undated-row");
      row.appendChild(el("span", "kg-tick", "No date:"));
      undated.sort(function (a, b) { return DATA.nodes[a].label < DATA.nodes[b].label ? -1 : 1; });
      undated.forEach(function (id) {
        var b = mark(id, "button");
        b.type = "button";
        b.textContent = DATA.nodes[id].label;
        row.appendChild(b);
      });
      box.appendChild(row);
    }
    markSelection();
  }

  /* ---------------------------------------------------------------- table of meetings */

  var COLUMNS = [
    { key: "date", name: "Date" },
    { key: "who", name: "Participants" },
    { key: "place", name: "Place" },
    { key: "format", name: "Format" },
    { key: "status", name: "Status" },
    { key: "sources", name: "Sources", num: true }
  ];
  var sortBy = { key: "date", dir: 1 };

  function meetingRow(id) {
    var n = DATA.nodes[id];
    return {
      id: id,
      date: n.when || "",
      /* " " sorts a month before its days; a day with no year ('--02-02') after the dated, the undated last */
      dateKey: !n.start ? "\uffff" : (/^\d/.test(n.start) ? "" : "\ufff0") + n.start + " " + (n.end || ""),
      who: (n.people || []).map(function (p) { return DATA.nodes[p].label; }).join(", "),
      place: n.placeLabel || "",
      format: n.format || "",
      status: n.status || "",
      sources: n.sources || 0
    };
  }

  function renderTable() {
    var table = document.getElementById("kg-table");
    if (!table) return;
    var head = table.tHead, body = table.tBodies[0];
    if (!head.rows.length) {
      var tr = head.insertRow();
      COLUMNS.forEach(function (c) {
        var th = el("th");
        th.dataset.col = c.key;
        var b = el("button", null, c.name);
        b.type = "button";
        b.addEventListener("click", function () {
          sortBy = { key: c.key, dir: sortBy.key === c.key ? -sortBy.dir : 1 };
          renderTable();
        });
        th.appendChild(b);
        tr.appendChild(th);
      });
    }
    Array.prototype.forEach.call(head.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", th.dataset.col === sortBy.key ? (sortBy.dir > 0 ? "ascending" : "descending") : "none");
    });
    var q = (document.getElementById("kg-table-filter").value || "").trim().toLowerCase();
    var rows = meetingIds().map(meetingRow);
    var all = rows.length;
    if (q) rows = rows.filter(function (r) { return [r.date, r.who, r.place, r.format, r.status, DATA.nodes[r.id].label].join(" \u0001 ").toLowerCase().indexOf(q) >= 0; });
    var key = sortBy.key === "date" ? "dateKey" : sortBy.key;
    rows.sort(function (a, b) {
      var x = a[key], y = b[key];
      var c = typeof x === "number" ? x - y : x < y ? -1 : x > y ? 1 : 0;
      if (key !== "dateKey" && c === 0) c = a.dateKey < b.dateKey ? -1 : a.dateKey > b.dateKey ? 1 : 0;
      return c * sortBy.dir || (a.id < b.id ? -1 : 1);
    });
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = body.insertRow();
      tr.dataset.node = r.id;
      tr.tabIndex = 0;
      COLUMNS.forEach(function (c) {
        var td = tr.insertCell();
        td.textContent = r[c.key] === "" ? "\u2014" : String(r[c.key]);
        if (c.num) td.className = "kg-num";
      });
      tr.addEventListener("click", function () { selectNode(r.id); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") selectNode(r.id); });
    });
    document.getElementById("kg-table-count").textContent = rows.length === all ? count(all, "meeting") : rows.length + " of " + count(all, "meeting");
    markSelection();
  }

  function markSelection() {
    var marks = document.querySelectorAll("#kg-timeline .kg-mark");
    for (var i = 0; i < marks.length; i++) {
      marks[i].classList.toggle("selected", marks[i].getAttribute("data-node") === current);
    }
    var rows = document.querySelectorAll("#kg-table tbody tr");
    for (var j = 0; j < rows.length; j++) {
      var on = rows[j].dataset.node === current;
      rows[j].classList.toggle("selected", on);
      if (on) {
        rows[j].setAttribute("aria-selected", "true");
        var scroller = document.getElementById("kg-table-scroll");
        var top = rows[j].offsetTop - scroller.querySelector("thead").offsetHeight;
        if (top < scroller.scrollTop || rows[j].offsetTop + rows[j].offsetHeight > scroller.scrollTop + scroller.clientHeight)
          scroller.scrollTop = Math.max(top, 0);
      } else {
        rows[j].removeAttribute("aria-selected");
      }
    }
  }

  /* ---------------------------------------------------------------- wiring */

  /* hover tooltips, as text in a div of our own: giving thousands of nodes and links a vis-network
     `title` is a DataSet update that costs seconds on a large view */
  function tooltips() {
    var tip = el("div");
    tip.id = "kg-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var timer = null;
    function show(text, pointer) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var box = document.getElementById("mynetwork").getBoundingClientRect();
        tip.textContent = text;
        tip.style.left = Math.min(box.left + pointer.DOM.x + 12, window.innerWidth - 350) + "px";
        tip.style.top = (box.top + pointer.DOM.y + 14) + "px";
        tip.hidden = false;
      }, 150);
    }
    function hide() { clearTimeout(timer); tip.hidden = true; }
    network.on("hoverNode", function (p) {
      hovered = p.node;
      var n = DATA.nodes[p.node];
      if (!n) return;
      var lines = [n.label, (DATA.types[n.type] || {}).name || n.type];
      if (n.role) lines.push(n.role);
      if (n.when) lines.push(n.when);
      show(lines.join("\n"), p.pointer);
    });
    network.on("hoverEdge", function (p) {
      var e = edgeById[p.edge];
      if (e) show(DATA.nodes[e.from].label + " \u2192 " + e.rel + " \u2192 " + DATA.nodes[e.to].label, p.pointer);
    });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hide); });
  }

  function ready() {
    if (kg.ready) return;
    /* setOptions re-reads every node's and link's options, and fit redraws: only after a simulation */
    if (network.physics.physicsEnabled) {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
    }
    /* vis-network fits the nodes to the box; their labels need a margin beside the outermost */
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
    /* the first frame was drawn before this script could draw the labels */
    network.redraw();
    kg.ready = true;
    document.documentElement.setAttribute("data-kg-ready", "true");
  }

  /* what pyvis's script put in the DataSets: what shows at first */
  nodes.getIds().forEach(function (id) { inNodes[id] = visibleNode[id] = true; });
  edges.getIds().forEach(function (id) { inEdges[id] = visibleEdge[id] = true; });
  renderStats();
  renderLegend();
  wireSearch();
  showHelp();
  renderTimeline();
  document.getElementById("kg-table-filter").addEventListener("input", renderTable);
  renderTable();
  tooltips();
  network.on("afterDrawing", drawLabels);
  network.on("blurNode", function () { hovered = null; });
  network.on("click", function (p) {
    if (p.nodes.length) { current = p.nodes[0]; showNode(p.nodes[0]); }
    else if (p.edges.length) showEdge(p.edges[0]);
    else showHelp();
    network.redraw();
  });
  /* the layout comes computed, physics off: nothing to wait for. With physics on (an older page,
     or options changed), vis-network may have stabilized before this script ran */
  if (!DATA.meta.nodes || !network.physics.physicsEnabled || network.physics.ready) ready();
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
  setTimeout(ready, 20000);
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderTimeline, 150);
  });
})();
