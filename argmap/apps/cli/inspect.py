"""Commands that report on maps: check, coverage, stats, evaluate."""
from __future__ import annotations

import dataclasses
import sys

import click

from argmap.apps.cli.common import FORMAT, PATHS, checked_project, fail, main
from argmap.diagnostics import render_json, render_text
from argmap.formats.json_text import json_text


@main.command()
@PATHS
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-cache", is_flag=True, help="Check from scratch, ignoring .argmap-cache/.")
@FORMAT
def check(paths: tuple[str, ...], strict: bool, output_format: str, no_cache: bool) -> None:
    """Check maps and sources (default: arguments/); exit 1 when there are problems."""
    from argmap.apps.cache import CheckCache

    given = list(paths) or ["arguments"]
    cache = None if no_cache else CheckCache(given)
    diagnostics = cache.load() if cache else None
    if diagnostics is not None:
        cache.met_again()
    elif cache:
        diagnostics = cache.recheck()
    if diagnostics is None:
        from argmap.check.checker import check as check_project
        from argmap.load.project import load_project

        project = load_project(given, memo=cache.memo) if cache else load_project(given)
        diagnostics = check_project(project)
        if cache:
            cache.remember(project, diagnostics)
    click.echo(render_json(diagnostics) if output_format == "json" else render_text(diagnostics))
    failing = [d for d in diagnostics if d.is_error or strict]
    sys.exit(1 if failing else 0)


@main.command()
@PATHS
@FORMAT
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when a source's coverage is below this percentage.")
def coverage(paths: tuple[str, ...], output_format: str, fail_under: float | None) -> None:
    """Which paragraphs of each source the maps cite, leave out, or miss."""
    from argmap.check.coverage import render_coverage, source_coverage
    project = checked_project(paths)
    reports = {map_id: source_coverage(m) for map_id, m in project.maps.items()}
    if output_format == "json":
        click.echo(json_text({k: [dataclasses.asdict(s) | {"percent": s.percent} for s in v]
                               for k, v in reports.items()}))
    else:
        click.echo("\n\n".join(f"map {k}\n{render_coverage(v)}" for k, v in reports.items()))
    low = [s for report in reports.values() for s in report if fail_under is not None and s.percent < fail_under]
    sys.exit(1 if low else 0)


@main.command()
@PATHS
@FORMAT
def stats(paths: tuple[str, ...], output_format: str) -> None:
    """Structure of each map: counts, depth, unanswered attacks, central claims, cycles."""
    from argmap.analysis.graph import build_graph
    from argmap.analysis.stats import render_stats, structure_stats
    project = checked_project(paths)
    reports = []
    for argument_map in project.maps.values():
        graph = build_graph(argument_map)
        found = structure_stats(graph)
        reports.append(dataclasses.asdict(found) | {"map": argument_map.id} if output_format == "json"
                       else render_stats(graph, found))
    click.echo(json_text(reports) if output_format == "json" else "\n\n".join(reports))


def _weight(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, float]:
    """``CLAIM=W`` pairs, W a number from 0 to 1."""
    weights = {}
    for value in values:
        claim, _, number = value.partition("=")
        try:
            weights[claim] = float(number)
        except ValueError:
            weights[claim] = -1.0
        if not claim or not 0 <= weights[claim] <= 1:
            raise click.BadParameter(f"'{value}' is not CLAIM=W with W from 0 to 1 (e.g. --weight market-power=0.8)")
    return weights


@main.command()
@PATHS
@FORMAT
@click.option("--explain/--no-explain", default=True, show_default=True, help="Say why each claim has its label.")
@click.option("--off", "switched_off", multiple=True, metavar="CLAIM",
              help="What if this claim were defeated: it is OUT with strength 0 (repeatable).")
@click.option("--weight", "weights", multiple=True, metavar="CLAIM=W", callback=_weight,
              help="What if this claim's base weight were W, from 0 to 1 (repeatable).")
def evaluate(paths: tuple[str, ...], output_format: str, explain: bool, switched_off: tuple[str, ...],
             weights: dict[str, float]) -> None:
    """Which claims stand (grounded labelling) and how strong each is (DF-QuAD), optionally under a
    reader's "what if" (--off, --weight), as the interactive map's what-if panel computes it."""
    from argmap.analysis.evaluate import WhatIf, render_evaluation
    from argmap.analysis.evaluate import evaluate as evaluate_graph
    from argmap.analysis.graph import build_graph
    project = checked_project(paths)
    known = {c for m in project.maps.values() for c in m.claims}
    unknown = sorted({*switched_off, *weights} - known)
    if unknown:
        fail(f"no claim {', '.join(map(repr, unknown))} in these maps; --off and --weight take claim ids "
             "(run 'argmap evaluate' to list them)")
    results = {}
    for argument_map in project.maps.values():
        graph = build_graph(argument_map)
        what_if = WhatIf(frozenset(c for c in switched_off if c in argument_map.claims),
                         {c: w for c, w in weights.items() if c in argument_map.claims})
        results[argument_map.id] = (graph, evaluate_graph(graph, what_if))
    if output_format == "json":
        click.echo(json_text({k: e.to_dict(g) for k, (g, e) in results.items()}))
        return
    for graph, evaluation in results.values():
        click.echo(render_evaluation(graph, evaluation, explain))
