/* argmap's evaluator in the page: grounded labels (with the same explanations) and DF-QuAD strengths,
 * a port of argmap/analysis/{semantics,strength}.py, so a reader's "what if" gives in the browser the
 * numbers `argmap evaluate --off CLAIM --weight CLAIM=W` gives. tests/render/test_map_page_evaluator.py
 * runs this file in Node against the Python evaluator on random maps.
 *
 * The model (argmap/render/map_page/data.py, evaluator_model):
 *   ids[i], kinds[i] ("claim" | "argument"), weights[i] (base score of a claim),
 *   preds[i] = [[source, type], ...] in the graph's predecessor order (DF-QuAD aggregates in that order),
 *   edges = [[u, v, type], ...] in the graph's edge order (the Dung framework is built in that order).
 * evaluateMap(model, off: Set<index>, weights: Map<index, number>) ->
 *   {labels, strengths, why: [{label, attackers: [{node, via, defeatedBy}], text}], converged}
 */
(function (root) {
  "use strict";
  var IN = "IN", OUT = "OUT", UNDEC = "UNDEC";
  var MAX_ITERATIONS = 200;

  function attackFramework(model, off) {
    var n = model.ids.length, OFF = n;        // index n: the hypothetical attacker of switched-off claims
    var pred = [], succ = [], via = new Map();
    for (var i = 0; i <= n; i++) { pred.push([]); succ.push([]); }
    function addEdge(a, b, through) {
      var key = a + "," + b;
      if (!via.has(key)) { succ[a].push(b); pred[b].push(a); via.set(key, null); }
      if (through !== undefined) via.set(key, through);
    }
    var direct = new Map();
    off.forEach(function (claim) { addEdge(OFF, claim); direct.set(claim, [OFF]); });
    model.edges.forEach(function (e) {
      if (e[2] === "attack" || e[2] === "undercut") {
        addEdge(e[0], e[1]);
        if (!direct.has(e[1])) direct.set(e[1], []);
        direct.get(e[1]).push(e[0]);
      }
    });
    model.edges.forEach(function (e) {
      if (e[2] === "premise") (direct.get(e[0]) || []).forEach(function (a) { addEdge(a, e[1], e[0]); });
    });
    return {pred: pred, succ: succ, via: via, off: OFF};
  }

  function groundedLabelling(fw) {
    var n = fw.pred.length, live = [], labels = new Array(n).fill(null), queue = [];
    for (var i = 0; i < n; i++) {
      live.push(fw.pred[i].length);
      if (fw.pred[i].length === 0) { labels[i] = IN; queue.push(i); }
    }
    for (var head = 0; head < queue.length; head++) {
      fw.succ[queue[head]].forEach(function (loser) {
        if (labels[loser] !== null) return;
        labels[loser] = OUT;
        fw.succ[loser].forEach(function (freed) {
          if (labels[freed] !== null) return;
          live[freed] -= 1;
          if (live[freed] === 0) { labels[freed] = IN; queue.push(freed); }
        });
      });
    }
    return labels.map(function (label) { return label || UNDEC; });
  }

  function explain(model, fw, labels) {
    function phrase(attacker, target) {
      var via = fw.via.get(attacker + "," + target);
      if (attacker === fw.off) {
        return via !== null ? "its premise '" + model.ids[via] + "' is switched off"
                            : "it is switched off (what if it were defeated)";
      }
      return "'" + model.ids[attacker] + "'" + (via !== null ? " (which attacks its premise '" + model.ids[via] + "')" : "");
    }
    var why = [];
    for (var node = 0; node < model.ids.length; node++) {
      var attackers = fw.pred[node], label = labels[node], text, listed = [];
      if (label === IN && attackers.length === 0) {
        text = "IN: unattacked";
      } else if (label === IN) {
        var parts = attackers.map(function (a) {
          var defeater = fw.pred[a].filter(function (d) { return labels[d] === IN; })[0];
          listed.push({node: a, via: fw.via.get(a + "," + node), defeatedBy: defeater});
          return phrase(a, node) + " is OUT (defeated by '" + (defeater === fw.off ? "(switched off)" : model.ids[defeater]) + "')";
        });
        text = (parts.length === 1 ? "IN: its attacker " : "IN: its attackers ") + parts.join("; ");
      } else if (label === OUT) {
        var winner = attackers.filter(function (a) { return labels[a] === IN; })[0];
        listed.push({node: winner, via: fw.via.get(winner + "," + node)});
        text = winner === fw.off ? "OUT: " + phrase(winner, node)
                                 : "OUT: attacked by " + phrase(winner, node) + ", which is IN";
      } else {
        var open = attackers.filter(function (a) { return labels[a] === UNDEC; });
        open.forEach(function (a) { listed.push({node: a, via: fw.via.get(a + "," + node)}); });
        text = "UNDEC: attacked by " + open.map(function (a) { return phrase(a, node); }).join(", ")
             + ", undecided (the attacks form a cycle)";
      }
      why.push({label: label, attackers: listed, text: text, off: fw.off});
    }
    return why;
  }

  function combineStrength(base, attack, support) {
    if (attack >= support) return base - base * (attack - support);
    return base + (1 - base) * (support - attack);
  }

  function aggregate(values) {
    if (values.length === 0) return 0;
    var product = 1;
    for (var i = 0; i < values.length; i++) product *= (1 - values[i]);
    return 1 - product;
  }

  /* Strongly connected components of the nodes not yet computed (iterative Tarjan), returned in
   * topological order of the condensation (Tarjan finds them in reverse). */
  function components(model, remaining) {
    var index = new Map(), low = new Map(), onStack = new Set(), stack = [], found = [], counter = 0;
    var succ = model.ids.map(function () { return []; });
    model.ids.forEach(function (_, v) {
      model.preds[v].forEach(function (p) { if (remaining.has(p[0]) && remaining.has(v)) succ[p[0]].push(v); });
    });
    remaining.forEach(function (start) {
      if (index.has(start)) return;
      var work = [[start, 0]];
      index.set(start, counter); low.set(start, counter); counter++; stack.push(start); onStack.add(start);
      while (work.length) {
        var frame = work[work.length - 1], v = frame[0];
        if (frame[1] < succ[v].length) {
          var w = succ[v][frame[1]++];
          if (!index.has(w)) {
            index.set(w, counter); low.set(w, counter); counter++; stack.push(w); onStack.add(w);
            work.push([w, 0]);
          } else if (onStack.has(w)) {
            low.set(v, Math.min(low.get(v), index.get(w)));
          }
        } else {
          work.pop();
          if (work.length) { var parent = work[work.length - 1][0]; low.set(parent, Math.min(low.get(parent), low.get(v))); }
          if (low.get(v) === index.get(v)) {
            var members = [], w2;
            do { w2 = stack.pop(); onStack.delete(w2); members.push(w2); } while (w2 !== v);
            found.push(members);
          }
        }
      }
    });
    return found.reverse();
  }

  function strengths(model, off, weights) {
    var n = model.ids.length, values = new Array(n).fill(undefined);
    function baseScore(node) {
      if (off.has(node)) return 0;
      return weights.has(node) ? weights.get(node) : model.weights[node];
    }
    function strength(node) {
      if (off.has(node)) return 0;
      var attackers = [], supporters = [], premises = [];
      model.preds[node].forEach(function (p) {
        var value = values[p[0]] === undefined ? 0 : values[p[0]];
        if (p[1] === "premise") premises.push(value);
        else if (p[1] === "support") supporters.push(value);
        else attackers.push(value);
      });
      var base = model.kinds[node] === "claim" ? baseScore(node)
               : (premises.length ? Math.min.apply(null, premises) : 0);
      return combineStrength(base, aggregate(attackers), aggregate(supporters));
    }
    var waiting = model.preds.map(function (p) { return p.length; }), queue = [];
    var succ = model.ids.map(function () { return []; });
    model.preds.forEach(function (ps, v) { ps.forEach(function (p) { succ[p[0]].push(v); }); });
    for (var i = 0; i < n; i++) if (waiting[i] === 0) queue.push(i);
    for (var head = 0; head < queue.length; head++) {
      var node = queue[head];
      values[node] = strength(node);
      succ[node].forEach(function (s) { waiting[s] -= 1; if (waiting[s] === 0) queue.push(s); });
    }
    var remaining = new Set();
    for (var j = 0; j < n; j++) if (values[j] === undefined) remaining.add(j);
    var converged = true, cycles = [];
    components(model, remaining).forEach(function (members) {
      var selfLoop = members.length === 1 && succ[members[0]].indexOf(members[0]) >= 0;
      if (members.length === 1 && !selfLoop) { values[members[0]] = strength(members[0]); return; }
      cycles.push(members);
      members.forEach(function (m) { values[m] = model.kinds[m] === "claim" ? baseScore(m) : 0.5; });
      var settled = false;
      for (var round = 0; round < MAX_ITERATIONS && !settled; round++) {
        var updated = members.map(function (m) { return (values[m] + strength(m)) / 2; });
        var change = 0;
        members.forEach(function (m, k) { change = Math.max(change, Math.abs(updated[k] - values[m])); values[m] = updated[k]; });
        settled = change < 1e-9;
      }
      converged = converged && settled;
    });
    return {values: values, cycles: cycles, converged: converged};
  }

  function evaluateMap(model, off, weights) {
    off = off || new Set(); weights = weights || new Map();
    var fw = attackFramework(model, off);
    var labels = groundedLabelling(fw);
    var why = explain(model, fw, labels);
    var found = strengths(model, off, weights);
    return {labels: labels.slice(0, model.ids.length), strengths: found.values, why: why,
            cycles: found.cycles, converged: found.converged};
  }

  root.argmapEvaluate = {evaluateMap: evaluateMap, combineStrength: combineStrength, aggregate: aggregate};
})(typeof window !== "undefined" ? window : globalThis);
