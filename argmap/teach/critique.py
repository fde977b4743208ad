"""``argmap critique``: the feedback a teacher gives on a map.

For every argument that names a scheme, its critical questions and whether the map answers each one
(an attack or undercut tagged ``answers: <question id>`` on the argument or one of its premises).
Then structural feedback: unsupported claims, reasons that only restate their parent, attacks never
answered, one-sided contentions, and quotations whose speaker is not identified.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import networkx as nx
from rapidfuzz import fuzz, utils

from argmap.render.escape import escape_markdown
from argmap.analysis.evaluate import Evaluation
from argmap.analysis.graph import relations_into
from argmap.model import ArgumentMap
from argmap.analysis.questions import SchemeCritique, critical_questions
from argmap.load.schemes import Scheme
from argmap.analysis.stats import unanswered_attacks, unsupported_claims
from argmap.load.gcpause import paused_gc

#: Schemes whose critical questions are about a source (E or a): the sheet names who that is.
SOURCE_SCHEMES = ("expert-opinion", "position-to-know")
#: A reason whose words overlap its parent's this much (rapidfuzz token-set ratio on lowercased words without
#: punctuation, 0-100) only restates it.
RESTATEMENT_SIMILARITY = 90
_REPORTED_SPEECH = re.compile(r"[\"\u201c\u201d].*\b(said|says|adds|added|claims|claimed|told|tells)\b|"
                              r"\b(said|says|adds|added|claims|claimed|told|tells)\b.*[\"\u201c\u201d]")


@dataclass
class Finding:
    kind: str
    message: str
    advice: str
    items: list[str] = field(default_factory=list)


@dataclass
class Critique:
    map: str
    title: str
    schemes: list[SchemeCritique]
    findings: list[Finding]

    def to_dict(self) -> dict:
        data = asdict(self)
        for entry, scheme in zip(data["schemes"], self.schemes, strict=True):
            for question, status in zip(entry["questions"], scheme.questions, strict=True):
                question["answered"] = status.answered
        return data


def restatements(argument_map: ArgumentMap) -> list[str]:
    """Support arguments whose single premise says little more than the claim it supports."""
    found = []
    for argument in argument_map.arguments.values():
        if argument.relation == "support" and not argument.linked and argument.target in argument_map.claims:
            premise = argument_map.claims[argument.premises[0]].text
            target = argument_map.claims[argument.target].text
            if fuzz.token_set_ratio(premise, target, processor=utils.default_process) >= RESTATEMENT_SIMILARITY:
                found.append(argument.id)
    return found


def one_sided_contentions(argument_map: ArgumentMap, graph: nx.DiGraph) -> list[str]:
    """Contentions (arguments on the resolution) with no objection anywhere in their reasoning."""
    attacked = {t for _, t, kind in graph.edges(data="type") if kind in ("attack", "undercut")}
    found = []
    for argument in argument_map.arguments.values():
        if argument.target != argument_map.resolution:
            continue
        reasoning = {argument.id, *argument.premises}
        frontier = list(argument.premises)
        while frontier:
            claim = frontier.pop()
            for supporter, kind in relations_into(graph, claim):
                if kind == "support" and supporter not in reasoning:
                    reasoning.add(supporter)
                    new = [p for p in argument_map.arguments[supporter].premises if p not in reasoning]
                    reasoning.update(new)
                    frontier.extend(new)
        if not reasoning & attacked:
            found.append(argument.id)
    return found


def unidentified_speakers(argument_map: ArgumentMap) -> list[str]:
    """Citations that quote a person without saying who they are: a speaker with no role, or reported
    speech ("... says X") with no speaker at all. Items are 'claim-id: speaker or quote'."""
    found = []
    for claim in argument_map.claims.values():
        for citation in claim.citations:
            if citation.speaker and "," not in citation.speaker:
                found.append(f"{claim.id}: {citation.speaker}")
            elif not citation.speaker and _REPORTED_SPEECH.search(citation.quote):
                found.append(f"{claim.id}: \u201c{citation.quote[:60]}\u2026\u201d")
    return found


@paused_gc
def critique(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation,
             schemes: dict[str, Scheme]) -> Critique:
    """Critical questions and structural feedback for one map."""
    findings = []

    def finding(kind: str, items: list[str], message: str, advice: str) -> None:
        if items:
            findings.append(Finding(kind, message.format(n=len(items)), advice, items))

    finding("unsupported", unsupported_claims(graph), "{n} claim(s) are asserted without a citation or a reason.",
            "Cite the source for each, give a reason, or mark it implicit if it is an unstated assumption.")
    finding("restates-parent", restatements(argument_map),
            "{n} reason(s) only restate the claim they support.",
            "A reason should add information: say why the claim is true, not the claim again.")
    finding("unanswered-attack", unanswered_attacks(graph), "{n} attack(s) are never answered.",
            "For each, find a rebuttal in the sources (or concede the point) and add it as an objection.")
    finding("one-sided", one_sided_contentions(argument_map, graph),
            "{n} contention(s) meet no objection anywhere in their reasoning.",
            "Look for the strongest objection to each and add it; a case that faces none is untested.")
    finding("unidentified-speaker", unidentified_speakers(argument_map),
            "{n} citation(s) quote someone without saying who they are.",
            "Give the speaker's role as the source states it; if the source never says, note that and weigh "
            "the quote accordingly (an unidentified speaker cannot support an argument from expert opinion).")
    sides = [c.side for c in argument_map.claims.values() if not c.is_resolution]
    pro, con = sides.count("pro"), sides.count("con")
    if min(pro, con) * 2 < max(pro, con):
        weaker = "pro" if pro < con else "con"
        findings.append(Finding("unbalanced", f"The map is lopsided: {pro} pro and {con} con claims.",
                                f"Look for more of the {weaker} side's best arguments before judging the debate.",
                                [f"pro: {pro}", f"con: {con}"]))
    return Critique(argument_map.id, argument_map.title, critical_questions(argument_map, schemes, evaluation), findings)


def critique_markdown(result: Critique, argument_map: ArgumentMap) -> str:
    """The feedback sheet a teacher hands back, as Markdown."""
    def text(node: str) -> str:
        if node in argument_map.claims:
            return argument_map.claims[node].text
        argument = argument_map.arguments[node]
        premises = " + ".join(argument_map.claims[p].text for p in argument.premises)
        verb = {"support": "supports", "attack": "speaks against", "undercut": "undercuts the inference to"}[
            argument.relation]
        target = argument.target
        while target in argument_map.arguments:
            target = argument_map.arguments[target].target
        return f"\u201c{premises}\u201d {verb} \u201c{argument_map.claims[target].text}\u201d"

    open_questions = sum(not q.answered for s in result.schemes for q in s.questions)
    lines = [f"# Critique: {escape_markdown(result.title)}", "",
             f"{len(result.schemes)} argument(s) name a scheme; {open_questions} of their critical questions are "
             f"still open. {len(result.findings)} structural point(s) follow.", "",
             "## Critical questions", "",
             "A question is answered when an objection or undercut in the map is tagged `answers: <question>`; "
             "an open question is a weak point to attack, or a gap to fill. The arguments whose inference weighs "
             "most come first; each question is asked in the map's own words.", ""]
    for entry in result.schemes:
        lines += [f"### {escape_markdown(entry.scheme_name)}: `{entry.argument}`", "",
                  escape_markdown(text(entry.argument)), ""]
        if entry.scheme in SOURCE_SCHEMES:
            speakers = sorted({c.speaker for p in entry.premises for c in argument_map.claims[p].citations
                               if c.speaker})
            who = "; ".join(speakers) if speakers else "not named in the citations (a weak point in itself)"
            lines += [f"Here the source is: {escape_markdown(who)}.", ""]
        for status in entry.questions:
            if status.answered:
                verdict = "the answer stands" if status.answer_stands else "the answer does not stand"
                lines.append(f"- [x] **{status.id}**: {escape_markdown(status.question)} Answered by "
                             + ", ".join(f"`{a}`" for a in status.answered_by) + f" ({verdict}).")
            else:
                lines.append(f"- [ ] **{status.id}**: {escape_markdown(status.question)} *Open.*")
        lines.append("")
    lines += ["## Structural feedback", ""]
    if not result.findings:
        lines.append("No structural problems found.")
    for item in result.findings:
        lines += [f"### {escape_markdown(item.message)}", "", escape_markdown(item.advice), ""]
        lines += [f"- `{i}`: {escape_markdown(text(i))}" if i in argument_map.claims or i in argument_map.arguments
                  else f"- {escape_markdown(i)}" for i in item.items]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
