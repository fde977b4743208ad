"""Every command on maps that are valid but unusual (undercuts of undercuts, linked attacks on
undercuts, cycles through inferences, claims with many conclusions): none may crash (exit 3)."""
from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from argmap import check, load_project
from argmap.apps.cli import main


def unusual_map(rng: random.Random) -> str:
    """A random map of implicit claims whose relations reach every unusual shape the trust issue lists."""
    claims = [f"c{i}" for i in range(rng.randint(3, 9))]
    lines = ["map: m", "title: An unusual map", "resolution: R holds.", "claims:"]
    lines += [f"  - {{id: {c}, text: Claim {c} holds., implicit: true}}" for c in claims]
    lines += ["arguments:", "  - {id: base, premises: [c0], supports: resolution}"]
    arguments = ["base"]
    for index in range(rng.randint(2, 12)):
        kind = rng.choice(["supports", "attacks", "undercuts", "undercuts", "linked-undercut", "many"])
        name = f"a{index}"
        premises = rng.sample(claims, rng.randint(1, min(3, len(claims))))
        if kind == "many":                       # one claim with several conclusions
            for number, target in enumerate(rng.sample(claims, min(3, len(claims)))):
                if target not in premises:
                    lines.append(f"  - {{id: {name}-{number}, premises: [{premises[0]}], supports: {target}}}")
                    arguments.append(f"{name}-{number}")
            continue
        if kind in ("undercuts", "linked-undercut"):
            target = rng.choice(arguments)       # may be an undercut itself, or a cycle back
            premises = premises if kind == "linked-undercut" else premises[:1]
            relation = "undercuts"
        else:
            target = rng.choice(claims + ["resolution"])
            relation = kind
            if target in premises:
                continue
        lines.append(f"  - {{id: {name}, premises: [{', '.join(premises)}], {relation}: {target}}}")
        arguments.append(name)
    return "\n".join(lines) + "\n"


COMMANDS = [["check"], ["coverage"], ["stats"], ["stats", "--format", "json"], ["evaluate"],
            ["evaluate", "--format", "json"], ["diagram", "{map}", "--format", "dot"],
            ["diagram", "{map}", "--format", "dot", "--group", "tag", "--evaluation"],
            ["brief", "{map}"], ["brief", "{map}", "--html", "-o", "brief.html"],
            ["brief", "{map}", "--docx", "-o", "brief.docx"], ["brief", "{map}", "--side", "con"],
            ["critique", "{map}"], ["critique", "{map}", "--format", "json"], ["worksheet", "{map}", "--blank", "2"],
            ["export", "{map}", "--to", "aif"], ["export", "{map}", "--to", "argdown"],
            ["compare", "{map}", "{map}"]]


@pytest.mark.parametrize("seed", range(30))
def test_no_command_crashes_on_a_valid_unusual_map(project, seed: int) -> None:
    rng = random.Random(seed)
    text = unusual_map(rng)
    project.write("arguments/m.yaml", text)
    errors = [d for d in check(load_project(["arguments"])) if d.is_error]
    if errors:
        pytest.skip(f"generated map does not pass check: {errors[0].render()}")
    runner = CliRunner()
    commands = COMMANDS + ([["build", "--out", "out"]] if seed % 10 == 0 else [])
    for command in commands:
        args = [part.replace("{map}", "arguments/m.yaml") for part in command]
        result = runner.invoke(main, args, catch_exceptions=True)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"argmap {' '.join(args)} crashed on\n{text}\n{result.exception!r}"
        assert result.exit_code in (0, 1), (args, result.output)


def test_an_undercut_of_an_undercut_builds_its_brief(project) -> None:
    """The map of the trust issue's item 3 (5 of the 112 arg-microtexts have this shape)."""
    project.write("arguments/m.yaml", "map: m\ntitle: An undercut of an undercut\nresolution: R holds.\nclaims:\n"
                  "  - {id: p, text: P holds., implicit: true, supports: resolution}\n"
                  "  - {id: u, text: U holds., implicit: true, undercuts: p->resolution}\n"
                  "  - {id: v, text: V holds., implicit: true, undercuts: u->p->resolution}\n")
    result = CliRunner().invoke(main, ["brief", "arguments/m.yaml"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "the inference from \u201cU holds.\u201d to the inference from \u201cP holds.\u201d" in result.output


def test_reasons_nested_320_levels_are_a_located_error(project) -> None:
    lines = ["map: m", "title: Deep", "resolution: R holds.", "claims:", "  - text: Level zero holds.",
             "    implicit: true", "    supports: resolution"]
    indent = "    "
    for level in range(1, 321):
        lines += [f"{indent}reasons:", f"{indent}  - text: Level {level} holds.", f"{indent}    implicit: true"]
        indent += "    "
    project.write("arguments/m.yaml", "\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["check", "arguments"])
    assert result.exit_code == 1 and "AM009" in result.output


@pytest.mark.parametrize("command", [["check", "arguments"], ["brief", "arguments"], ["worksheet", "arguments"],
                                     ["critique", "arguments"], ["stats", "arguments"], ["evaluate", "arguments"],
                                     ["export", "arguments", "--to", "argdown"]])
def test_a_supports_chain_of_1500_claims_runs_every_command(project, command: list[str]) -> None:
    lines = ["map: m", "title: Chain", "resolution: R holds.", "claims:",
             "  - {id: c0, text: C0 holds., implicit: true, supports: resolution}"]
    lines += [f"  - {{id: c{i}, text: C{i} holds., implicit: true, supports: c{i - 1}}}" for i in range(1, 1500)]
    project.write("arguments/m.yaml", "\n".join(lines) + "\n")
    result = CliRunner().invoke(main, command, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output[-500:]
