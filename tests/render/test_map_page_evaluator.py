"""The interactive map's evaluator (assets/evaluate.js, run in Node) gives the Python evaluator's labels,
explanations and strengths on random maps under random what-ifs: cycles, linked arguments, undercuts,
undercuts of undercuts, switched-off claims and changed weights."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from importlib import resources

import networkx as nx
import pytest

from argmap.analysis.evaluate import WhatIf, evaluate
from argmap.render.map_page.data import evaluator_model

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (scripts/setup installs it)")

RUNNER = """
const fs = require("fs");
require(process.argv[1]);
const cases = JSON.parse(fs.readFileSync(0, "utf-8"));
const answers = cases.map(c => {
  const result = globalThis.argmapEvaluate.evaluateMap(c.model, new Set(c.off),
                                                      new Map(Object.entries(c.weights).map(([k, v]) => [+k, v])));
  return {labels: result.labels, strengths: result.strengths, why: result.why.map(w => w.text),
          converged: result.converged};
});
process.stdout.write(JSON.stringify(answers));
"""


def random_graph(rng: random.Random) -> nx.DiGraph:
    """A graph in build_graph's shape: claims, then arguments with 1-3 premises supporting or attacking a
    claim, or undercutting an earlier argument; targets anywhere, so cycles are common."""
    graph = nx.DiGraph()
    claims = [f"c{i}" for i in range(rng.randint(2, 12))]
    for claim in claims:
        graph.add_node(claim, kind="claim", weight=rng.choice([0.5, 0.5, rng.random(), 0.0, 1.0]))
    arguments: list[str] = []
    for number in range(rng.randint(1, 16)):
        relation = rng.choice(["support", "attack", "attack", "undercut"]) if arguments else rng.choice(
            ["support", "attack"])
        premises = rng.sample(claims, rng.randint(1, min(3, len(claims))))
        target = rng.choice(arguments) if relation == "undercut" else rng.choice(claims)
        if relation != "undercut" and target in premises:
            continue
        node = f"a{number}"
        graph.add_node(node, kind="argument", relation=relation, premises=premises, target=target)
        for premise in premises:
            graph.add_edge(premise, node, type="premise")
        graph.add_edge(node, target, type=relation)
        arguments.append(node)
    return graph


def test_page_evaluator_matches_python_on_random_maps():
    rng = random.Random(20261123)
    cases, expected = [], []
    for _ in range(400):
        graph = random_graph(rng)
        claims = [n for n, k in graph.nodes(data="kind") if k == "claim"]
        off = rng.sample(claims, min(len(claims), rng.choice([0, 0, 1, 2])))
        weights = {c: round(rng.random(), 2) for c in rng.sample(claims, min(len(claims), rng.choice([0, 1, 3])))}
        index = {node: i for i, node in enumerate(graph)}
        cases.append({"model": evaluator_model(graph), "off": [index[c] for c in off],
                      "weights": {index[c]: w for c, w in weights.items()}})
        expected.append(evaluate(graph, WhatIf(frozenset(off), weights)))
    script = str(resources.files("argmap.render.map_page") / "assets" / "evaluate.js")
    run = subprocess.run([NODE, "-e", RUNNER, script], input=json.dumps(cases), capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    answers = json.loads(run.stdout)
    cycles = 0
    for case, want, got in zip(cases, expected, answers, strict=True):
        ids = case["model"]["ids"]
        assert got["labels"] == [want.labels[n] for n in ids]
        assert got["why"] == [want.explanations[n] for n in ids]
        assert got["strengths"] == [want.strengths[n] for n in ids]      # the same floats, not just close
        assert got["converged"] == want.converged
        cycles += bool(want.cycles)
    assert cycles > 50        # the random maps do exercise the cycle iteration


def test_switching_off_a_claim_defeats_it_and_what_rests_on_it():
    graph = nx.DiGraph()
    for claim in ("r", "p", "q", "x"):
        graph.add_node(claim, kind="claim", weight=0.5)
    for node, relation, premises, target in (("p+q->r", "support", ["p", "q"], "r"), ("x->r", "attack", ["x"], "r")):
        graph.add_node(node, kind="argument", relation=relation, premises=premises, target=target)
        for premise in premises:
            graph.add_edge(premise, node, type="premise")
        graph.add_edge(node, target, type=relation)
    before = evaluate(graph)
    after = evaluate(graph, WhatIf(frozenset({"x"}), {"p": 0.9}))
    assert (before.labels["r"], after.labels["r"]) == ("OUT", "IN")
    assert after.labels["x"] == "OUT" and after.strengths["x"] == 0.0 and after.strengths["x->r"] == 0.0
    assert after.explanations["x"] == "OUT: it is switched off (what if it were defeated)"
    assert after.explanations["x->r"] == "OUT: its premise 'x' is switched off"
    assert after.strengths["p+q->r"] == pytest.approx(0.5)          # min(0.9, 0.5): q is still the weakest
    assert "(switched off)" not in after.labels and "(switched off)" not in str(after.extensions.preferred)
