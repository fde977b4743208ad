/* argmap's interactive map: explore the Graphviz layout (panzoom), inspect a claim's evidence, filter and
 * focus, and ask "what if" (evaluate.js). Every text from the map is put in the page with textContent,
 * never as markup. The view (selected claim, filters, what-ifs) lives in the URL's #fragment. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var nodes = data.nodes, model = data.model, evaluator = window.argmapEvaluate;
  var LABEL_WORDS = {IN: "stands", OUT: "falls", UNDEC: "undecided"};
  var RELATION_VERBS = {support: "supports", attack: "speaks against", undercut: "undercuts the step to"};
  var viewport = document.getElementById("viewport");
  var svg = viewport.querySelector("svg");
  var graphGroup = svg.querySelector("g.graph");
  var panel = document.getElementById("panel");
  var byId = new Map(nodes.map(function (n, i) { return [n.id, i]; }));
  var claims = data.order;
  var state = {selected: null, focus: 0, side: "", status: "", source: "", tag: "", off: new Set(), weights: new Map()};
  var base = evaluator.evaluateMap(model), current = base;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) {
      if (k === "text") node.textContent = attributes[k]; else node.setAttribute(k, attributes[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function svgEl(tag, attributes) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }
  function drawn(i) { return document.getElementById("n" + i); }
  function lines(i) {
    var found = [], k = 0, line;
    while ((line = document.getElementById("n" + i + "-" + k))) { found.push(line); k++; }
    return found;
  }
  function short(text, length) { length = length || 90; return text.length > length ? text.slice(0, length - 1) + "\u2026" : text; }
  function claimOf(i) {          // the claim an inference finally bears on (through undercuts)
    var seen = new Set();
    while (nodes[i].kind === "argument" && !seen.has(i)) { seen.add(i); i = nodes[i].target; }
    return nodes[i].kind === "claim" ? i : null;
  }
  function premisesText(a) { return nodes[a].premises.map(function (p) { return "\u201c" + short(nodes[p].text, 60) + "\u201d"; }).join(" and "); }
  function relationPhrase(a) {
    var n = nodes[a], target = nodes[n.target];
    var what = n.relation === "undercut" ? "the step " + premisesText(n.target) + " \u2192 \u201c" + short(nodes[nodes[n.target].target].text || "", 60) + "\u201d"
                                         : "\u201c" + short(target.text, 60) + "\u201d";
    var verb = n.relation === "undercut" ? "undercuts" : RELATION_VERBS[n.relation];
    var scheme = n.scheme_name || (n.scheme ? n.scheme.replace(/-/g, " ") : "");
    return n.relation.charAt(0).toUpperCase() + n.relation.slice(1) + (scheme ? " (" + scheme + ")" : "") + ": "
      + premisesText(a) + " " + verb + " " + what;
  }

  /* ---- the diagram: panzoom moves a wrapper (CSS transforms, which the compositor handles); claims are
   * made focusable in reading order ---- */
  var scene = el("div", {id: "scene"});
  viewport.insertBefore(scene, svg);
  scene.appendChild(svg);
  var layout = svg.viewBox.baseVal;               // one layout unit = one CSS pixel at zoom 1
  svg.setAttribute("width", layout.width);
  svg.setAttribute("height", layout.height);
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Argument diagram: " + data.title + ". Tab through the claims; Enter opens one.");
  var graphTitle = graphGroup.querySelector(":scope > title");
  if (graphTitle) graphTitle.textContent = data.title;
  var pz = window.panzoom(scene, {maxZoom: 6, minZoom: 0.02, zoomDoubleClickSpeed: 1, smoothScroll: false,
    filterKey: function (e) { return e.target && e.target.tagName === "INPUT"; }});
  var toLayout = graphGroup.transform.baseVal.numberOfItems ? graphGroup.transform.baseVal.consolidate().matrix
                                                           : {a: 1, b: 0, c: 0, d: 1, e: 0, f: 0};

  // Reorder first, then read every box, then add the badges: reading layout between writes would make
  // the browser lay the whole diagram out again for each claim.
  claims.forEach(function (i) { var g = drawn(i); if (g) graphGroup.appendChild(g); });
  var boxes = new Map();
  var drawnState = new Map(), badgeText = new Map();   // what each claim shows now: only changes are redrawn
  claims.forEach(function (i) { var g = drawn(i); if (g) boxes.set(i, g.querySelector("path, polygon").getBBox()); });
  claims.forEach(function (i) {
    var g = drawn(i);
    if (!g) return;
    g.setAttribute("tabindex", "0");                 // DOM order = reading order = tab order
    g.setAttribute("role", "button");
    g.classList.add("claim", "side-" + (nodes[i].side || "none"));
    var title = g.querySelector("title");
    if (title) title.textContent = nodes[i].text;
    var box = boxes.get(i);
    var badge = svgEl("g", {"class": "badge", "aria-hidden": "true"});
    badge.appendChild(svgEl("rect", {x: box.x + box.width - 64, y: box.y - 9, width: 62, height: 16, rx: 8}));
    var text = svgEl("text", {x: box.x + box.width - 33, y: box.y + 3, "text-anchor": "middle"});
    badge.appendChild(text);
    badgeText.set(i, text);
    g.appendChild(badge);
    g.addEventListener("click", function () { select(i, false); });
    g.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(i, true); }
    });
  });
  nodes.forEach(function (n, a) {
    if (n.kind !== "argument") return;
    var phrase = relationPhrase(a);
    [drawn(a)].concat(lines(a)).forEach(function (g) {
      if (!g) return;
      g.classList.add("relation", "rel-" + n.relation);
      var title = g.querySelector("title");
      if (title) title.textContent = phrase;
      g.addEventListener("mouseenter", function (e) { showTip(phrase, e); });
      g.addEventListener("mousemove", function (e) { showTip(phrase, e); });
      g.addEventListener("mouseleave", hideTip);
    });
  });
  var tip = document.getElementById("tip");
  function showTip(text, e) {
    tip.textContent = text; tip.hidden = false;
    var r = viewportRect();
    tip.style.left = Math.min(e.clientX - r.left + 12, r.width - 300) + "px";
    tip.style.top = (e.clientY - r.top + 14) + "px";
  }
  function hideTip() { tip.hidden = true; }

  /* ---- pan, zoom, fit, minimap ---- */
  var viewRect = null;            // read once per size: reading it during a pan would force a layout each frame
  function viewportRect() { return viewRect || (viewRect = viewport.getBoundingClientRect()); }
  window.addEventListener("resize", function () { viewRect = null; });
  new ResizeObserver(function () { viewRect = null; }).observe(viewport);
  function sceneBox() { return {x: 0, y: 0, width: layout.width, height: layout.height}; }
  function fit() {
    var box = sceneBox(), r = viewportRect();
    var scale = Math.min(r.width / box.width, r.height / box.height) * 0.96;
    pz.zoomAbs(0, 0, scale);
    pz.moveTo((r.width - box.width * scale) / 2, (r.height - box.height * scale) / 2);
  }
  function zoomBy(factor) {
    var r = viewportRect();
    pz.smoothZoom(r.left + r.width / 2, r.top + r.height / 2, factor);
  }
  function sceneCentre(g) {      // from the layout itself: panzoom applies its transform on the next frame
    var b = g.getBBox(), x = b.x + b.width / 2, y = b.y + b.height / 2, m = toLayout;
    return {x: m.a * x + m.c * y + m.e - layout.x, y: m.b * x + m.d * y + m.f - layout.y};
  }
  function flyTo(i) {
    var g = drawn(i);
    if (!g) return;
    var r = viewportRect(), t = pz.getTransform(), c = sceneCentre(g);
    var sheet = panel.hidden ? null : panel.getBoundingClientRect();   // on a phone the panel covers the bottom
    var height = sheet && sheet.left <= r.left + 1 && sheet.top > r.top ? Math.min(r.height, sheet.top - r.top) : r.height;
    var scale = Math.max(t.scale, 1);
    if (scale !== t.scale) pz.zoomAbs(0, 0, scale);
    var x = r.width / 2 - c.x * scale, y = height / 2 - c.y * scale;
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) pz.moveTo(x, y); else pz.smoothMoveTo(x, y);
  }
  var minimap = document.getElementById("minimap-svg"), lens = null;
  (function buildMinimap() {
    var box = sceneBox();
    minimap.setAttribute("viewBox", [layout.x, layout.y, layout.width, layout.height].join(" "));
    var use = svgEl("use", {href: "#" + graphGroup.id});
    minimap.appendChild(use);
    lens = svgEl("rect", {"class": "lens"});
    minimap.appendChild(lens);
    minimap.addEventListener("click", function (e) {
      var m = minimap.getBoundingClientRect(), scale = Math.min(m.width / box.width, m.height / box.height);
      var ox = (m.width - box.width * scale) / 2, oy = (m.height - box.height * scale) / 2;
      var x = (e.clientX - m.left - ox) / scale, y = (e.clientY - m.top - oy) / scale;
      var r = viewportRect(), t = pz.getTransform();
      pz.moveTo(r.width / 2 - x * t.scale, r.height / 2 - y * t.scale);
    });
  })();
  function updateLens() {
    var t = pz.getTransform(), r = viewportRect();
    lens.setAttribute("x", layout.x - t.x / t.scale); lens.setAttribute("y", layout.y - t.y / t.scale);
    lens.setAttribute("width", r.width / t.scale); lens.setAttribute("height", r.height / t.scale);
  }
  pz.on("transform", updateLens);

  /* The pan and zoom survive a reload (argmap serve reloads the page when the map changes). */
  var viewKey = "argmap-view:" + data.map, saveTimer = null;
  function saveView() {
    try { var t = pz.getTransform(); sessionStorage.setItem(viewKey, JSON.stringify({x: t.x, y: t.y, scale: t.scale})); }
    catch (e) { /* no storage here (a sandboxed or private page): the view is simply not kept */ }
  }
  pz.on("transform", function () { clearTimeout(saveTimer); saveTimer = setTimeout(saveView, 200); });
  window.addEventListener("pagehide", saveView);
  function restoreView() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(viewKey) || "null"); } catch (e) { saved = null; }
    if (!saved || !(saved.scale > 0) || !isFinite(saved.x) || !isFinite(saved.y)) return false;
    pz.zoomAbs(0, 0, saved.scale);
    pz.moveTo(saved.x, saved.y);
    return true;
  }

  /* ---- evaluation on the diagram ---- */
  function changed(i) {
    return current.labels[i] !== base.labels[i] || Math.abs(current.strengths[i] - base.strengths[i]) >= 0.005;
  }
  function applyEvaluation() {
    claims.forEach(function (i) {
      var g = drawn(i), label = current.labels[i], n = nodes[i];
      if (!g) return;
      var shown = label + " " + current.strengths[i].toFixed(2) + (changed(i) ? " c" : "") + (state.off.has(i) ? " o" : "");
      if (drawnState.get(i) === shown) return;
      drawnState.set(i, shown);
      ["IN", "OUT", "UNDEC"].forEach(function (l) { g.classList.toggle("label-" + l, l === label); });
      g.classList.toggle("changed", changed(i));
      g.classList.toggle("switched-off", state.off.has(i));
      badgeText.get(i).textContent = label + " " + current.strengths[i].toFixed(2);
      var side = n.side === "resolution" ? "Resolution" : n.side ? n.side.toUpperCase() + " claim" : "Claim";
      g.setAttribute("aria-label", side + ": " + n.text + ". " + label + " (" + LABEL_WORDS[label] + "), strength "
        + current.strengths[i].toFixed(2) + (state.off.has(i) ? ", switched off" : "")
        + (changed(i) ? ", changed by your what-if" : "") + ".");
    });
    nodes.forEach(function (n, a) {
      if (n.kind !== "argument") return;
      var out = current.labels[a] !== "IN";
      if (drawnState.get(a) === out) return;
      drawnState.set(a, out);
      [drawn(a)].concat(lines(a)).forEach(function (g) { if (g) g.classList.toggle("fallen", out); });
    });
    var r = data.resolution, edits = state.off.size + state.weights.size;
    var moved = claims.filter(changed).length;
    document.getElementById("status").textContent = "Resolution: " + current.labels[r] + " ("
      + LABEL_WORDS[current.labels[r]] + "), strength " + current.strengths[r].toFixed(2)
      + (edits ? ". What if: " + edits + " change(s) by you, " + moved + " claim(s) changed (marked)." : ".");
    document.getElementById("reset").disabled = edits === 0;
    if (state.selected !== null) renderPanel(state.selected);
  }
  function recompute() { current = evaluator.evaluateMap(model, state.off, state.weights); applyEvaluation(); writeHash(); }

  /* ---- filters and focus ---- */
  var neighbours = new Map(claims.map(function (i) { return [i, new Set()]; }));
  nodes.forEach(function (n, a) {
    if (n.kind !== "argument") return;
    var t = claimOf(a);
    if (t === null) return;
    n.premises.forEach(function (p) { neighbours.get(p).add(t); neighbours.get(t).add(p); });
  });
  function near(start, depth) {
    var found = new Map([[start, 0]]), queue = [start];
    for (var h = 0; h < queue.length; h++) {
      var d = found.get(queue[h]);
      if (d >= depth) continue;
      neighbours.get(queue[h]).forEach(function (m) { if (!found.has(m)) { found.set(m, d + 1); queue.push(m); } });
    }
    return found;
  }
  function visible(i) {
    var n = nodes[i];
    if (state.side && n.side !== state.side && n.side !== "resolution") return false;
    if (state.status && current.labels[i] !== state.status) return false;
    if (state.source && !n.evidence.some(function (c) { return c.source === state.source; })) return false;
    if (state.tag && n.tags.indexOf(state.tag) < 0) return false;
    return true;
  }
  function applyFilters() {
    var focus = state.focus && state.selected !== null ? near(state.selected, state.focus) : null;
    var shown = new Set(claims.filter(function (i) { return visible(i) && (!focus || focus.has(i)); }));
    claims.forEach(function (i) {
      var g = drawn(i), hide = !shown.has(i);
      if (!g) return;
      g.classList.toggle("dim", hide);
      g.setAttribute("tabindex", hide ? "-1" : "0");
      if (hide) g.setAttribute("aria-hidden", "true"); else g.removeAttribute("aria-hidden");
    });
    nodes.forEach(function (n, a) {
      if (n.kind !== "argument") return;
      var t = claimOf(a), hide = t === null || !shown.has(t) || !n.premises.some(function (p) { return shown.has(p); });
      [drawn(a)].concat(lines(a)).forEach(function (g) { if (g) g.classList.toggle("dim", hide); });
    });
    document.getElementById("shown").textContent = shown.size + " of " + claims.length + " claims shown";
    writeHash();
  }
  function fillSelect(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) { select.appendChild(el("option", {value: v[0], text: v[1]})); });
    select.addEventListener("change", function () {
      state[select.dataset.key] = select.dataset.key === "focus" ? Number(select.value) : select.value;
      applyFilters();
    });
  }
  fillSelect("filter-source", Object.keys(data.sources).map(function (s) { return [s, short(data.sources[s].title || s, 50)]; }));
  var tags = new Set();
  claims.forEach(function (i) { nodes[i].tags.forEach(function (t) { tags.add(t); }); });
  fillSelect("filter-tag", Array.from(tags).sort().map(function (t) { return [t, t]; }));
  ["filter-side", "filter-status", "filter-focus"].forEach(function (id) { fillSelect(id, []); });

  /* ---- the side panel ---- */
  function nodeButton(i) {
    var b = el("button", {type: "button", "class": "link", text: short(nodes[i].text, 110)});
    b.addEventListener("click", function () { select(i, true); });
    return b;
  }
  function labelBadge(i) { return el("span", {"class": "pill label-" + current.labels[i], text: current.labels[i] + " \u00b7 " + LABEL_WORDS[current.labels[i]]}); }
  function argumentItem(a, lead) {
    var n = nodes[a], item = el("li", {"class": "rel-" + n.relation});
    item.appendChild(el("span", {"class": "rel-name", text: lead}));
    n.premises.forEach(function (p, k) { if (k) item.appendChild(document.createTextNode(" + ")); item.appendChild(nodeButton(p)); });
    var scheme = n.scheme_name || (n.scheme ? n.scheme.replace(/-/g, " ") : "");
    item.appendChild(el("span", {"class": "meta", text: (scheme ? " \u00b7 " + scheme : "") + " \u00b7 inference " + current.labels[a]}));
    return item;
  }
  function whyText(i) {
    var w = current.why[i];
    if (state.off.has(i)) return "Switched off by you: treated as defeated, strength 0.";
    if (w.label === "IN" && !w.attackers.length) return "Stands: nothing in the map attacks it.";
    var who = function (a) { return a === w.off ? "your what-if" : nodes[a].kind === "argument" ? premisesText(a) : "\u201c" + short(nodes[a].text, 60) + "\u201d"; };
    if (w.label === "IN") return "Stands: every objection to it falls (" + w.attackers.map(function (x) { return who(x.node) + ", defeated by " + who(x.defeatedBy); }).join("; ") + ").";
    if (w.label === "OUT") return "Falls: " + (w.attackers[0].node === w.off ? "it rests on a claim you switched off." : "defeated by " + who(w.attackers[0].node) + ", which stands" + (w.attackers[0].via !== null ? " (it attacks the premise \u201c" + short(nodes[w.attackers[0].via].text, 60) + "\u201d)" : "") + ".");
    return "Undecided: the objections to it form a cycle (" + w.attackers.map(function (x) { return who(x.node); }).join("; ") + ").";
  }
  function evidenceCard(card) {
    var article = el("article", {"class": "card"});
    var cite = el("p", {"class": "cite"}, [el("strong", {text: card.short}), " \u00b7 " + card.full]);
    article.appendChild(cite);
    if (card.speaker) article.appendChild(el("p", {"class": "meta", text: "Quoting " + card.speaker}));
    var quote = el("blockquote", {});
    if (card.segments.length) {
      card.segments.forEach(function (s) {
        if (s[1] === "highlight") quote.appendChild(el("u", {}, [el("mark", {text: s[0]})]));
        else if (s[1] === "quote") quote.appendChild(el("u", {text: s[0]}));
        else quote.appendChild(document.createTextNode(s[0]));
      });
    } else {
      quote.appendChild(el("u", {text: card.quote}));
    }
    article.appendChild(quote);
    var verified = el("p", {"class": "meta", text: "Quote verified in source \u201c" + card.source + "\u201d" + (card.paragraphs ? ", \u00b6" + card.paragraphs[0] + (card.paragraphs[1] !== card.paragraphs[0] ? "\u2013" + card.paragraphs[1] : "") : "") + "."});
    article.appendChild(verified);
    if (card.note) article.appendChild(el("p", {"class": "note", text: card.note}));
    if (card.url) article.appendChild(el("p", {}, [el("a", {href: card.url, rel: "noopener noreferrer", text: "Open the source"})]));
    return article;
  }
  function section(title, children) {
    if (!children.length) return null;
    return el("section", {}, [el("h3", {text: title})].concat(children));
  }
  function renderPanel(i) {
    var n = nodes[i], body = document.getElementById("panel-body");
    document.getElementById("panel-title").textContent = n.text;
    body.textContent = "";
    var side = n.side === "resolution" ? "Resolution" : n.side ? n.side.toUpperCase() : "No side";
    body.appendChild(el("p", {"class": "facts"}, [el("span", {"class": "pill side-" + (n.side || "none"), text: side}), " ", labelBadge(i),
      el("span", {"class": "meta", text: " strength " + current.strengths[i].toFixed(2) + " \u00b7 base weight " + (state.weights.has(i) ? state.weights.get(i) : n.weight) + " \u00b7 id " + n.id + (n.implicit ? " \u00b7 implicit premise" : "") + (n.by === "analyst" ? " \u00b7 the analyst's reading" : "")})]));
    body.appendChild(el("p", {"class": "why", text: whyText(i)}));
    body.appendChild(el("details", {"class": "meta"}, [el("summary", {text: "As argmap evaluate says it"}), el("p", {text: current.why[i].text})]));
    if (n.note) body.appendChild(el("p", {"class": "note", text: n.note}));
    var reasons = [], objections = [], bears = [], questions = [];
    nodes.forEach(function (m, a) {
      if (m.kind !== "argument") return;
      if (m.target === i && m.relation === "support") reasons.push(argumentItem(a, "Reason: "));
      if (m.target === i && m.relation === "attack") objections.push(argumentItem(a, "Objection: "));
      if (m.relation === "undercut" && nodes[m.target].target === i) objections.push(argumentItem(a, "Undercut of a reason: "));
      if (m.premises.indexOf(i) >= 0) {
        var item = el("li", {"class": "rel-" + m.relation}, [el("span", {"class": "rel-name", text: RELATION_VERBS[m.relation] + " "})]);
        var t = m.relation === "undercut" ? claimOf(a) : m.target;
        if (t !== null) item.appendChild(nodeButton(t));
        bears.push(item);
      }
      if ((m.target === i || m.premises.indexOf(i) >= 0) && m.questions.length) {
        var list = el("ul", {});
        m.questions.forEach(function (q) {
          var li = el("li", {"class": q.answered_by.length ? "answered" : "open"}, [el("strong", {text: q.answered_by.length ? "Answered: " : "Open: "}), q.question]);
          q.answered_by.forEach(function (b) { li.appendChild(document.createTextNode(" \u2014 by ")); nodes[b].premises.forEach(function (p) { li.appendChild(nodeButton(p)); }); });
          list.appendChild(li);
        });
        questions.push(el("div", {"class": "questions"}, [el("p", {text: (m.scheme_name || m.scheme) + ": " + premisesText(a) + " \u2192 \u201c" + short(nodes[m.target].text || "", 60) + "\u201d"}), list]));
      }
    });
    [section("Reasons for it", [el("ul", {}, reasons)].filter(function () { return reasons.length; })),
     section("Objections to it", [el("ul", {}, objections)].filter(function () { return objections.length; })),
     section("It bears on", [el("ul", {}, bears)].filter(function () { return bears.length; })),
     section("Evidence", n.evidence.map(evidenceCard)),
     section("Critical questions", questions)].forEach(function (s) { if (s) body.appendChild(s); });
    if (!n.evidence.length && n.side !== "resolution") body.appendChild(el("p", {"class": "meta", text: "No citation: this claim is not backed by a quote from a source."}));
    body.appendChild(whatIfControls(i));
  }
  function whatIfControls(i) {
    var box = el("section", {"class": "what-if"}, [el("h3", {text: "What if\u2026"})]);
    var off = el("input", {type: "checkbox", id: "what-if-off"});
    off.checked = state.off.has(i);
    off.addEventListener("change", function () { if (off.checked) state.off.add(i); else state.off.delete(i); recompute(); });
    box.appendChild(el("p", {}, [off, el("label", {"for": "what-if-off", text: " this claim were defeated (switch it off)"})]));
    var weight = el("input", {type: "range", id: "what-if-weight", min: "0", max: "1", step: "0.05",
                              value: String(state.weights.has(i) ? state.weights.get(i) : nodes[i].weight)});
    var shown = el("output", {"for": "what-if-weight", text: Number(weight.value).toFixed(2)});
    weight.addEventListener("input", function () { shown.textContent = Number(weight.value).toFixed(2); });
    weight.addEventListener("change", function () {
      var value = Number(weight.value);
      if (value === nodes[i].weight) state.weights.delete(i); else state.weights.set(i, value);
      recompute();
    });
    box.appendChild(el("p", {}, [el("label", {"for": "what-if-weight", text: "its base weight were "}), weight, " ", shown]));
    return box;
  }
  var returnFocus = null;
  function select(i, moveFocus, stay) {
    state.selected = i;
    claims.forEach(function (c) { var g = drawn(c); if (g) g.classList.toggle("selected", c === i); });
    returnFocus = drawn(i);
    panel.hidden = false;
    viewRect = null;
    renderPanel(i);
    if (!stay) flyTo(i);
    if (moveFocus) document.getElementById("panel-title").focus();
    if (state.focus) applyFilters(); else writeHash();
  }
  function closePanel() {
    panel.hidden = true;
    viewRect = null;
    state.selected = null;
    claims.forEach(function (c) { var g = drawn(c); if (g) g.classList.remove("selected"); });
    if (state.focus) applyFilters(); else writeHash();
    if (returnFocus) returnFocus.focus();
  }
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); closePanel(); }
    else if (e.key === "/" && document.activeElement.tagName !== "INPUT") { e.preventDefault(); searchBox.focus(); }
  });

  /* ---- search ---- */
  var searchBox = document.getElementById("search-box"), results = document.getElementById("search-results");
  function matches(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    return claims.filter(function (i) {
      var hay = (nodes[i].text + " " + nodes[i].id).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).sort(function (a, b) { return (nodes[b].id === query) - (nodes[a].id === query); }).slice(0, 8);
  }
  searchBox.addEventListener("input", function () {
    results.textContent = "";
    matches(searchBox.value).forEach(function (i) {
      var b = el("button", {type: "button", "class": "result", text: short(nodes[i].text, 100)});
      b.addEventListener("click", function () { results.textContent = ""; select(i, true); });
      results.appendChild(el("li", {}, [b]));
    });
    document.getElementById("search-count").textContent = searchBox.value ? results.children.length + " found" : "";
  });
  document.getElementById("search").addEventListener("submit", function (e) {
    e.preventDefault();
    var found = matches(searchBox.value);
    if (found.length) { results.textContent = ""; select(found[0], true); }
  });
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && results.firstChild) { e.preventDefault(); results.firstChild.firstChild.focus(); }
  });

  /* ---- buttons, outline, printing ---- */
  document.getElementById("fit").addEventListener("click", fit);
  var more = document.getElementById("more");
  more.addEventListener("click", function () {
    var open = document.querySelector("header").classList.toggle("open");
    more.setAttribute("aria-expanded", String(open));
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
  document.getElementById("reset").addEventListener("click", function () { state.off.clear(); state.weights.clear(); recompute(); });
  var outline = document.getElementById("outline-list");
  var depth = near(data.resolution, Infinity);
  claims.forEach(function (i) {
    var item = el("li", {style: "margin-left:" + Math.min(depth.has(i) ? depth.get(i) : 0, 8) + "em"},
      [el("span", {"class": "pill side-" + (nodes[i].side || "none"), text: nodes[i].side || "no side"}), " ", nodeButton(i)]);
    outline.appendChild(item);
  });
  var outlineBox = document.getElementById("outline"), wasOpen = false;
  window.addEventListener("beforeprint", function () { wasOpen = outlineBox.open; outlineBox.open = true; fit(); });
  window.addEventListener("afterprint", function () { outlineBox.open = wasOpen; });

  /* ---- the view in the URL ---- */
  var writing = false, pending = null;
  function writeHash() {         // at most once per 150 ms: replacing the URL of a large page is slow in Chromium
    if (pending === null) pending = setTimeout(function () { pending = null; writeHashNow(); }, 150);
  }
  function writeHashNow() {
    var parts = [];
    if (state.selected !== null) parts.push("claim=" + encodeURIComponent(nodes[state.selected].id));
    ["focus", "side", "status", "source", "tag"].forEach(function (k) { if (state[k]) parts.push(k + "=" + encodeURIComponent(state[k])); });
    if (state.off.size) parts.push("off=" + Array.from(state.off).map(function (i) { return encodeURIComponent(nodes[i].id); }).join(","));
    if (state.weights.size) parts.push("weight=" + Array.from(state.weights).map(function (e) { return encodeURIComponent(nodes[e[0]].id) + ":" + e[1]; }).join(","));
    writing = true;
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
    writing = false;
  }
  function readHash(restored) {
    var params = new URLSearchParams(location.hash.slice(1));
    var claimIndex = function (id) { var i = byId.get(id); return i !== undefined && nodes[i].kind === "claim" ? i : undefined; };
    state.focus = Math.max(0, Math.min(9, parseInt(params.get("focus"), 10) || 0));
    ["side", "status", "source", "tag"].forEach(function (k) { state[k] = params.get(k) || ""; });
    state.off = new Set((params.get("off") || "").split(",").map(claimIndex).filter(function (i) { return i !== undefined; }));
    state.weights = new Map();
    (params.get("weight") || "").split(",").forEach(function (pair) {
      var cut = pair.lastIndexOf(":"), i = claimIndex(pair.slice(0, cut)), w = Number(pair.slice(cut + 1));
      if (i !== undefined && cut > 0 && w >= 0 && w <= 1) state.weights.set(i, w);
    });
    ["side", "status", "source", "tag", "focus"].forEach(function (k) {
      var select = document.getElementById("filter-" + k), value = String(state[k] || (k === "focus" ? "0" : ""));
      select.value = Array.from(select.options).some(function (o) { return o.value === value; }) ? value : select.options[0].value;
      state[k] = k === "focus" ? Number(select.value) : select.value;
    });
    current = evaluator.evaluateMap(model, state.off, state.weights);
    applyEvaluation();
    var chosen = claimIndex(params.get("claim") || "");
    if (chosen !== undefined) select(chosen, false, restored); else if (!panel.hidden) closePanel();
    applyFilters();
  }
  window.addEventListener("hashchange", function () { if (!writing) readHash(false); });

  if (window.innerWidth < 1400 || window.innerHeight < 800) document.getElementById("legend").open = false;
  fit();
  var restored = restoreView();
  updateLens();
  readHash(restored);
  document.documentElement.dataset.ready = "true";
})();
