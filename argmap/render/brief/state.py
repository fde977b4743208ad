"""The state a brief is written with, handed from section to section: the map, its graph and
evaluation, the Markdown under construction, and which claims already have a card or a place."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

import networkx as nx
from mdit_py_plugins.anchors.index import slugify, unique_slug

from argmap.analysis.evaluate import Evaluation
from argmap.analysis.graph import relations_into
from argmap.load.schemes import Scheme
from argmap.model import ArgumentMap, Citation, Source
from argmap.render.brief.cards import evidence_digest, evidence_lines, source_digest
from argmap.render import Made, kept_texts
from argmap.render.escape import escape_markdown

SIDE_NAMES = {"pro": "Pro", "con": "Con"}
_CARD_LINK = re.compile("\x00([^\x00]+)\x00")
_BLOCK_LINK = re.compile("\x01([^\x01]+)\x01")


@dataclass
class BriefDocument:
    """Markdown under construction, with GitHub-style anchors allocated in document order."""

    lines: list[str] = field(default_factory=list)
    slugs: set[str] = field(default_factory=set)
    toc: list[tuple[int, str, str]] = field(default_factory=list)

    def heading(self, level: int, text: str) -> str:
        """Add a heading; returns its anchor (headings up to level 3 go into the contents)."""
        anchor = unique_slug(slugify(" ".join(text.split())), self.slugs)
        self.lines += ["", f"{'#' * level} {escape_markdown(text)}", ""]
        if level <= 3:
            self.toc.append((level, text, anchor))
        return anchor

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


#: Words that begin a sentence only because they begin it; after "and" they are written in lower case.
_FUNCTION_WORDS = {"a", "an", "the", "this", "that", "these", "those", "it", "its", "there", "they", "their",
                   "without", "with", "in", "for", "if", "when", "while", "as", "by", "on", "at", "to", "of",
                   "all", "any", "each", "every", "many", "most", "some", "no", "not", "only", "even", "so", "but",
                   "and", "or", "because", "since", "although", "though", "however", "yet", "such", "other", "more"}


def linked_tag(texts: list[str]) -> str:
    """The premises of a linked argument as one sentence ("A, and b."), not glued with " + "; a word that
    is capitalised only because it starts its sentence is lowered, a name is kept.

    >>> linked_tag(["Antitrust is not a panacea.", "Without rights, it consolidates power."])
    'Antitrust is not a panacea, and without rights, it consolidates power.'
    >>> linked_tag(["Rules exist.", "China's state collects data."])
    "Rules exist, and China's state collects data."
    """
    if len(texts) == 1:
        return texts[0]
    parts = []
    for number, text in enumerate(texts):
        text = text.strip().rstrip(".")
        first = text.split(" ", 1)[0]
        if number and first.lower() in _FUNCTION_WORDS and first[:1].isupper() and not first.isupper():
            text = text[:1].lower() + text[1:]
        parts.append(text)
    return ", ".join(parts[:-1]) + ", and " + parts[-1] + "."


@dataclass
class BriefState:
    """Everything the brief's sections read and write."""

    map: ArgumentMap
    graph: nx.DiGraph
    evaluation: Evaluation
    diagram: str | None = None
    interactive: str | None = None
    contention_diagrams: dict[str, str] = field(default_factory=dict)
    doc: BriefDocument = field(default_factory=BriefDocument)
    card_anchor: dict[str, str] = field(default_factory=dict)
    #: Each piece of evidence (source, quote) printed so far: the anchor and tag of the card it is under.
    evidence_card: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    block_anchor: dict[str, str] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    schemes: dict[str, Scheme] = field(default_factory=dict)
    #: A speech document: tags, cites, cards and blocks only; no ids, labels, strengths or evaluation prose.
    speech: bool = False
    #: Contentions strongest first (on request), instead of as the speaker runs them.
    by_strength: bool = False
    #: Cards kept between runs (``made(digest, make)``, e.g. a build's store), or None.
    made: Made | None = None
    #: Each source's digest, as the kept cards are named by it.
    source_digests: dict[str, str] = field(default_factory=dict)
    #: :meth:`attacks_on` by side, found once per brief (a 10,000-claim brief asked 17 times, 0.02 s each).
    attacks_by_side: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def evidence(self, source: Source, citation: Citation) -> list[str]:
        """A citation's cites and card (:func:`.cards.evidence_lines`), kept between runs when ``made`` keeps them."""
        if self.made is None:
            return evidence_lines(source, citation)
        if source.id not in self.source_digests:
            self.source_digests[source.id] = source_digest(source)
        return kept_texts(self.made, evidence_digest(self.source_digests[source.id], citation),
                          partial(evidence_lines, source, citation))

    def text(self, claim_id: str) -> str:
        return self.map.claims[claim_id].text

    def premises_text(self, argument_id: str) -> str:
        """An argument's premises as one tag (each claim's ``tag`` where it has one): a linked argument's
        premises read as one sentence."""
        return linked_tag([self.map.claims[p].tag or self.text(p) for p in self.map.arguments[argument_id].premises])

    def status(self, node: str) -> str:
        """'IN 0.92': a node's label and strength."""
        return f"{self.evaluation.labels[node]} {self.evaluation.strengths[node]:.2f}"

    def side_of(self, node: str) -> str | None:
        data = self.graph.nodes[node]
        return "pro" if data.get("resolution") else data["side"]

    def into(self, node: str, relations: tuple[str, ...]) -> list[str]:
        """The arguments of the given relations into ``node``, strongest first."""
        return sorted((a for a, kind in relations_into(self.graph, node) if kind in relations),
                      key=lambda a: (-self.evaluation.strengths[a], a))

    def claim_line(self, claim_id: str) -> str:
        """A claim in bold with its id and status, and a placeholder for the link to its card."""
        claim = self.map.claims[claim_id]
        if self.speech:
            mark = " (analytic: a premise the source leaves unstated)" if claim.implicit else ""
            return f"**{escape_markdown(claim.text)}**{mark}\x00{claim_id}\x00"
        marks = [f"`{claim_id}`", self.status(claim_id)]
        if claim.implicit:
            marks.append("implicit premise")
        if claim.by == "analyst":
            marks.append("the analyst's reading, argued by no source")
        return f"**{escape_markdown(claim.text)}** ({', '.join(marks)})\x00{claim_id}\x00"

    def scheme_note(self, argument_id: str) -> str:
        argument = self.map.arguments[argument_id]
        if self.speech:
            return argument.scheme.replace("-", " ")
        parts = []
        if argument.linked:
            parts.append("linked premises")
        if argument.scheme:
            parts.append(f"scheme: {argument.scheme.replace('-', ' ')}")
        parts.append(f"inference {self.status(argument_id)}")
        return "; ".join(parts)

    def link_cards(self, text: str) -> str:
        """Resolve the card placeholders of claim lines: a link where the claim has a card."""
        def link(match: re.Match) -> str:
            anchor = self.card_anchor.get(match.group(1))
            return f" ([card](#{anchor}))" if anchor else ""
        def block_link(match: re.Match) -> str:
            anchor = self.block_anchor.get(match.group(1))
            return f"(#{anchor})" if anchor else "(#contents)"
        return _BLOCK_LINK.sub(block_link, _CARD_LINK.sub(link, text))

    def by_analyst(self, argument_id: str) -> bool:
        """True when every premise of an argument is the analyst's own claim (no source argues it)."""
        return all(self.map.claims[p].by == "analyst" for p in self.map.arguments[argument_id].premises)

    def contentions(self, side: str) -> list[str]:
        """A side's arguments directly on the resolution, as a speaker runs them: by their premises' ``order``
        where the map gives one, else in the map's order."""
        wanted = "support" if side == "pro" else "attack"
        found = [a for a in self.map.arguments.values()
                 if a.target == self.map.resolution and a.relation == wanted and self.side_of(a.id) == side]
        place = {a.id: number for number, a in enumerate(found)}
        orders = {a.id: min((self.map.claims[p].order for p in a.premises if self.map.claims[p].order), default=None)
                  for a in found}
        if self.by_strength:
            return sorted(place, key=lambda a: (-self.evaluation.strengths[a], place[a]))
        return sorted(place, key=lambda a: (orders[a] is None, orders[a] or 0, place[a]))

    def attacks_on(self, side: str) -> dict[str, list[str]]:
        """Opponent attacks and undercuts on this side's claims or inferences, grouped by attacking claim
        (the analyst's readings are not the opponent's: they have a section of their own). The same dict
        each time: callers read it."""
        if side in self.attacks_by_side:
            return self.attacks_by_side[side]
        grouped: dict[str, list[str]] = {}
        for argument in self.map.arguments.values():
            if argument.relation == "support" or self.side_of(argument.id) == side or self.by_analyst(argument.id):
                continue
            if self.side_of(argument.target) == side:
                grouped.setdefault(" + ".join(argument.premises), []).append(argument.id)
        found = self.attacks_by_side[side] = dict(sorted(grouped.items(),
                                                         key=lambda item: -max(self.evaluation.strengths[a] for a in item[1])))
        return found

    def answers_to(self, attack_id: str, side: str) -> list[str]:
        """This side's attacks on the attacking inference or on its premises."""
        targets = [attack_id, *self.map.arguments[attack_id].premises]
        return [a for t in targets for a in self.into(t, ("attack", "undercut")) if self.side_of(a) == side]

    def plain_target(self, node: str) -> str:
        """What an attack targets, in words for a heading: a claim's text, or the step from an
        inference's premises to its conclusion (no ids).

        The text is unescaped: the caller escapes (headings are escaped by the document)."""
        if node in self.map.claims:
            return self.text(node)
        argument = self.map.arguments[node]
        target = argument.target if argument.target in self.map.claims else None
        step = linked_tag([self.text(p) for p in argument.premises])
        return f"the step from \u201c{step}\u201d" + (f" to \u201c{self.text(target)}\u201d" if target else "")

    def plain_why(self, node: str) -> str:
        """Why a claim or inference has its label, in words a reader of the brief uses (no ids, no notation).

        An inference falls with its premise: whatever defeats a premise is named."""
        label = self.evaluation.labels[node]
        attackers = [a for a, kind in relations_into(self.graph, node) if kind in ("attack", "undercut")]
        if node in self.map.arguments:
            attackers += [a for p in self.map.arguments[node].premises
                          for a, kind in relations_into(self.graph, p) if kind in ("attack", "undercut")]
        strength = f"strength {self.evaluation.strengths[node]:.2f}"
        if label == "IN":
            return (f"it stands ({strength}): nothing in the map speaks against it" if not attackers else
                    f"it stands ({strength}): every objection to it is itself answered")
        if label == "OUT":
            winner = next((a for a in attackers if self.evaluation.labels[a] == "IN"), None)
            said = f"\u201c{self.premises_text(winner)}\u201d" if winner else "an objection that stands"
            return f"it falls ({strength}): {said} speaks against it, and nothing in the map answers that"
        return f"it is undecided ({strength}): the objections to it answer each other in a circle"

    def plain_phrase(self, node: str) -> str:
        """What an attack targets, quoted, with no ids (for a speech document)."""
        text = escape_markdown(self.plain_target(node))
        return f"\u201c{text}\u201d" if node in self.map.claims else text

    def target_phrase(self, node: str, levels: int = 3) -> str:
        """What an attack targets, in words: a claim's text, or the inference from premises to
        conclusion; undercuts of undercuts nest at most ``levels`` deep (they may even form a cycle)."""
        opening: list[str] = []
        closing: list[str] = []
        while node not in self.map.claims and len(opening) < levels:
            opening.append(f"the inference from \u201c{escape_markdown(self.premises_text(node))}\u201d to ")
            closing.append(f" (`{node}`)")
            node = self.map.arguments[node].target
        inner = (f"\u201c{escape_markdown(self.text(node))}\u201d" if node in self.map.claims
                 else f"another inference (`{node}`)")
        if not opening:
            return f"{inner} (`{node}`)"
        return "".join(opening) + inner + "".join(reversed(closing))
