"""Markdown debate briefs: the case for each side, evidence cards, A2 blocks and the evaluation.

Headings follow debaters' Word templates so a brief converted to a document keeps its navigation:
pocket = H1 (a side, the evaluation, the sources), hat = H2 (case, answers, offense), block = H3
(a contention or an A2 block), tag = H4 (an evidence card). Cards put the tag first, then the cite
(the short spoken form in bold, then the full written form), then the card: the source's sentences
with the quoted words in bold and the highlight marked ``==like this==``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
from mdit_py_plugins.anchors.index import slugify, unique_slug

from argmap.evaluate import IN, OUT, UNDEC, Evaluation
from argmap.model import ArgumentMap, Citation, Source, opposite_side
from argmap.quotes import normalise

SIDE_NAMES = {"pro": "Pro", "con": "Con"}
#: Reason lists nest at most this deep; deeper reasons stay in order at this level (renderers truncate
#: deeply nested lists: markdown-it's commonmark preset stops parsing beyond 20 levels of nesting).
MAX_LIST_DEPTH = 8
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=#!])")
_SPACES = re.compile(r"\s+")
_CARD_LINK = re.compile("\x00([^\x00]+)\x00")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters that Markdown (or ``==mark==``) would read as markup; folds newlines.

    >>> escape_markdown("a *b*  [c] == d ")
    'a \\\\*b\\\\* \\\\[c\\\\] \\\\=\\\\= d '
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))



def short_cite(source: Source, citation: Citation) -> str:
    """The spoken form, 'Name YY': the quoted speaker, else the author, publisher or title; 'n.d.' without a date.

    >>> from argmap.diagnostics import Location
    >>> s = Source("s", "s.md", {"title": "A title here", "date": "2021-08-30"}, "", [], Location("s.md"))
    >>> short_cite(s, Citation("s", "q", Location("m"), speaker="Jamie Susskind, a lawyer"))
    'Susskind 21'
    """
    name = citation.speaker.split(",")[0].split()[-1] if citation.speaker else ""
    name = name or (source.get("author").split(",")[0].split() or [""])[-1] or source.get("publisher")
    name = name or "\u201c" + " ".join(source.get("title").split()[:4]) + "\u2026\u201d"
    year = re.search(r"\b(\d{4})\b", source.get("date"))
    return f"{name} {year.group(1)[2:] if year else 'n.d.'}"


def full_cite(source: Source, citation: Citation) -> str:
    """The written form evidence rules ask for, saying 'not stated' (or 'n.d.') where the source is silent."""
    locator = citation.locator
    paragraph = ""
    if locator:
        paragraph = f"\u00b6{locator.paragraph}" + (f"\u2013{locator.end_paragraph}"
                                                   if locator.end_paragraph != locator.paragraph else "")
    parts = []
    if citation.speaker:
        parts.append(f"quoting {citation.speaker}")
    author = source.get("author")
    if author and source.get("author_qualifications"):
        author += f", {source.get('author_qualifications')}"
    parts += [f"author: {author or 'not stated'}", f"\u201c{source.get('title')}\u201d",
              f"publisher: {source.get('publisher') or 'not stated'}", f"date: {source.get('date') or 'n.d.'}",
              f"accessed: {source.get('accessed') or 'not stated'}", f"URL: {source.get('url') or 'not stated'}"]
    if paragraph:
        parts.append(paragraph)
    return "; ".join(parts)


def _sentence_window(source: Source, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole sentences, without leaving its paragraph."""
    paragraph = source.paragraph_at(start) or source.paragraph_at(max(start - 1, 0))
    low, high = (paragraph.start, paragraph.end) if paragraph else (0, len(source.body))
    before = [m.end() for m in _SENTENCE_END.finditer(source.body, low, start)]
    after = _SENTENCE_END.search(source.body, end, high)
    return (before[-1] if before else low), (after.start() + 1 if after else high)


def card_body(source: Source, citation: Citation) -> str:
    """The card: source sentences around the quote, the quote in bold, the highlight marked, '[...]' for gaps."""
    spans = citation.locator.spans
    windows: list[list[int]] = []
    for start, end in spans:
        low, high = _sentence_window(source, start, end)
        if windows and low <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    highlight = _highlight_span(source, citation)
    pieces = []
    for low, high in windows:
        text, position = [], low
        for start, end in spans:
            if end <= low or start >= high:
                continue
            text.append(escape_markdown(source.body[position:start]))
            text.append(_bold(source, start, end, highlight))
            position = end
        text.append(escape_markdown(source.body[position:high]))
        pieces.append("".join(text).strip())
    return " [...] ".join(pieces)


def _highlight_span(source: Source, citation: Citation) -> tuple[int, int] | None:
    if not citation.highlight:
        return None
    wanted = normalise(citation.highlight.strip()).text
    for start, end in citation.locator.spans:
        folded = normalise(source.body[start:end])
        found = folded.text.find(wanted)
        if found >= 0:
            return start + folded.offsets[found], start + folded.offsets[found + len(wanted) - 1] + 1
    return None


def _bold(source: Source, start: int, end: int, highlight: tuple[int, int] | None) -> str:
    """Quoted words in bold, the highlight inside them marked, the source's own spacing kept."""
    if not (highlight and start <= highlight[0] and highlight[1] <= end):
        return f"**{escape_markdown(source.body[start:end])}**"
    before = escape_markdown(source.body[start:highlight[0]])
    marked = escape_markdown(source.body[highlight[0]:highlight[1]])
    after = escape_markdown(source.body[highlight[1]:end])
    return f"**{before}=={marked}=={after}**"


@dataclass
class _Document:
    """Markdown under construction, with GitHub-style anchors allocated in document order."""

    lines: list[str] = field(default_factory=list)
    slugs: set[str] = field(default_factory=set)
    toc: list[tuple[int, str, str]] = field(default_factory=list)

    def heading(self, level: int, text: str) -> str:
        anchor = unique_slug(slugify(" ".join(text.split())), self.slugs)
        self.lines += ["", f"{'#' * level} {escape_markdown(text)}", ""]
        if level <= 3:
            self.toc.append((level, text, anchor))
        return anchor

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


class _BriefWriter:
    def __init__(self, argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation, diagram: str | None,
                 contention_diagrams: dict[str, str]):
        self.map, self.graph, self.evaluation, self.diagram = argument_map, graph, evaluation, diagram
        self.contention_diagrams = contention_diagrams
        self.doc = _Document()
        self.card_anchor: dict[str, str] = {}
        self.shown: set[str] = set()

    # -- small pieces ---------------------------------------------------------------------------
    def text(self, claim_id: str) -> str:
        return self.map.claims[claim_id].text

    def premises_text(self, argument_id: str) -> str:
        return " + ".join(self.text(p) for p in self.map.arguments[argument_id].premises)

    def status(self, node: str) -> str:
        return f"{self.evaluation.labels[node]} {self.evaluation.strengths[node]:.2f}"

    def side_of(self, node: str) -> str | None:
        data = self.graph.nodes[node]
        return "pro" if data.get("resolution") else data["side"]

    def into(self, node: str, relations: tuple[str, ...]) -> list[str]:
        return sorted((a for a, _, kind in self.graph.in_edges(node, data="type") if kind in relations),
                      key=lambda a: (-self.evaluation.strengths[a], a))

    def claim_line(self, claim_id: str) -> str:
        claim = self.map.claims[claim_id]
        marks = [f"`{claim_id}`", self.status(claim_id)]
        if claim.implicit:
            marks.append("implicit premise")
        return f"**{escape_markdown(claim.text)}** ({', '.join(marks)})\x00{claim_id}\x00"

    def scheme_note(self, argument_id: str) -> str:
        argument = self.map.arguments[argument_id]
        parts = []
        if argument.linked:
            parts.append("linked premises")
        if argument.scheme:
            parts.append(f"scheme: {argument.scheme.replace('-', ' ')}")
        parts.append(f"inference {self.status(argument_id)}")
        return "; ".join(parts)

    # -- reasons and cards ---------------------------------------------------------------------
    def reason_tree(self, claim_id: str, depth: int, seen: set[str], cards: list[str]) -> None:
        """Nested list of the reasons for a claim (linked groups kept together); collects cited claims."""
        if claim_id in seen:
            return
        seen.add(claim_id)
        for argument_id in self.into(claim_id, ("support",)):
            argument = self.map.arguments[argument_id]
            indent = "  " * min(depth, MAX_LIST_DEPTH)
            if argument.linked:
                self.doc.add(f"{indent}- *Together ({self.scheme_note(argument_id)}):*")
                inner = "  " * min(depth + 1, MAX_LIST_DEPTH)
                for premise in argument.premises:
                    self.doc.add(f"{inner}- {self.claim_line(premise)}")
                    self.note_claim(premise, cards)
                    self.reason_tree(premise, depth + 2, seen, cards)
            else:
                premise = argument.premises[0]
                note = f" \u2014 *{self.scheme_note(argument_id)}*" if argument.scheme else ""
                self.doc.add(f"{indent}- {self.claim_line(premise)}{note}")
                self.note_claim(premise, cards)
                self.reason_tree(premise, depth + 1, seen, cards)

    def note_claim(self, claim_id: str, cards: list[str]) -> None:
        self.shown.add(claim_id)
        if self.map.claims[claim_id].citations and claim_id not in self.card_anchor and claim_id not in cards:
            cards.append(claim_id)

    def write_cards(self, cards: list[str]) -> None:
        for claim_id in cards:
            if claim_id in self.card_anchor:
                continue
            claim = self.map.claims[claim_id]
            self.card_anchor[claim_id] = self.doc.heading(4, claim.text)
            for citation in claim.citations:
                source = self.map.sources[citation.source]
                self.doc.add(f"**{escape_markdown(short_cite(source, citation))}** \u00b7 "
                             f"{escape_markdown(full_cite(source, citation))}", "",
                             "> " + card_body(source, citation), "")
                if citation.note:
                    self.doc.add(f"*Note: {escape_markdown(citation.note)}*", "")

    def block(self, heading: str, lead: list[str], roots: list[str]) -> None:
        """An H3 block: a lead paragraph, the roots' reason trees, then the cards of every cited claim."""
        self.doc.heading(3, heading)
        self.doc.add(*lead)
        cards: list[str] = []
        seen: set[str] = set()
        for root in roots:
            self.note_claim(root, cards)
        for root in roots:
            self.doc.add(f"- {self.claim_line(root)}")
            self.reason_tree(root, 1, seen, cards)
        self.doc.add("")
        self.write_cards(cards)

    def link_cards(self, text: str) -> str:
        """Resolve the card placeholders of claim lines: a link where the claim has a card."""
        def link(match: re.Match) -> str:
            anchor = self.card_anchor.get(match.group(1))
            return f" ([card](#{anchor}))" if anchor else ""
        return _CARD_LINK.sub(link, text)

    # -- the sections ---------------------------------------------------------------------------
    def contentions(self, side: str) -> list[str]:
        wanted = "support" if side == "pro" else "attack"
        return [a for a in self.into(self.map.resolution, (wanted,)) if self.side_of(a) == side]

    def attacks_on(self, side: str) -> dict[str, list[str]]:
        """Opponent attacks and undercuts on this side's claims or inferences, grouped by attacking claim."""
        grouped: dict[str, list[str]] = {}
        for argument in self.map.arguments.values():
            if argument.relation == "support" or self.side_of(argument.id) == side:
                continue
            if self.side_of(argument.target) == side:
                grouped.setdefault(" + ".join(argument.premises), []).append(argument.id)
        return dict(sorted(grouped.items(), key=lambda item: -max(self.evaluation.strengths[a] for a in item[1])))

    def answers_to(self, attack_id: str, side: str) -> list[str]:
        """This side's attacks on the attacking inference or on its premises."""
        targets = [attack_id, *self.map.arguments[attack_id].premises]
        return [a for t in targets for a in self.into(t, ("attack", "undercut")) if self.side_of(a) == side]

    def target_phrase(self, node: str) -> str:
        if node in self.map.claims:
            return f"\u201c{escape_markdown(self.text(node))}\u201d (`{node}`)"
        argument = self.map.arguments[node]
        return (f"the inference from \u201c{escape_markdown(self.premises_text(node))}\u201d to "
                f"\u201c{escape_markdown(self.text(argument.target))}\u201d (`{node}`)")

    def side_overview(self, side: str) -> list[str]:
        claims = [c for c in self.map.claims if self.side_of(c) == side and not self.map.claims[c].is_resolution]
        labels = [self.evaluation.labels[c] for c in claims]
        contentions = self.contentions(side)
        attacks = self.attacks_on(side)
        unanswered = sum(1 for group in attacks.values() for a in group if not self.answers_to(a, side))
        strongest = contentions[0] if contentions else None
        text = [f"**{SIDE_NAMES[side]}** has {len(contentions)} contention(s) and {len(claims)} claim(s): "
                f"{labels.count(IN)} stand, {labels.count(OUT)} fall, {labels.count(UNDEC)} undecided."]
        if strongest:
            text.append(f"Its strongest contention is \u201c{escape_markdown(self.premises_text(strongest))}\u201d "
                        f"({self.status(strongest)}).")
        text.append(f"The other side makes {sum(len(g) for g in attacks.values())} attack(s) on it; "
                    f"{unanswered} have no answer in the map.")
        return [" ".join(text)]

    def write_side(self, side: str) -> None:
        name = SIDE_NAMES[side]
        verb = "affirms" if side == "pro" else "denies"
        self.doc.heading(1, f"{name}: the case that {verb} the resolution")
        self.doc.heading(2, f"{name} case")
        for number, argument_id in enumerate(self.contentions(side), 1):
            relation = "supports" if side == "pro" else "attacks"
            roots = self.map.arguments[argument_id].premises
            lead = [f"*{relation.capitalize()} the resolution; {self.scheme_note(argument_id)}. "
                    f"{escape_markdown(self.evaluation.explanations[argument_id])}.*", ""]
            if argument_id in self.contention_diagrams:
                href = self.contention_diagrams[argument_id]
                lead += [f"Diagram of this contention and everything that bears on it: [{href}]({href})", ""]
            self.block(f"Contention {number}: {self.premises_text(argument_id)}", lead, roots)
        self.doc.heading(2, f"{name} answers to the other side (A2 blocks)")
        attacks = self.attacks_on(side)
        if not attacks:
            self.doc.add("The other side makes no attack on this side in the map.")
        for premises, attack_ids in attacks.items():
            first = attack_ids[0]
            lead = []
            answers: list[str] = []
            for attack_id in attack_ids:
                argument = self.map.arguments[attack_id]
                verb_phrase = "undercuts" if argument.relation == "undercut" else "attacks"
                lead.append(f"- *The other side {verb_phrase}* {self.target_phrase(argument.target)} "
                            f"(`{attack_id}`, {self.status(attack_id)}).")
                found = self.answers_to(attack_id, side)
                answers += [a for a in found if a not in answers]
                if not found:
                    lead.append("  - **Unanswered:** the map gives no answer to this attack yet.")
            lead.append("")
            if answers:
                lead.append("Answers in the map:")
                lead.append("")
            roots = [p for a in answers for p in self.map.arguments[a].premises]
            self.block(f"A2: {self.premises_text(first)}", lead, list(dict.fromkeys(roots)))
            for claim_id in premises.split(" + "):
                self.shown.add(claim_id)
        self.write_offense(side)

    def write_offense(self, side: str) -> None:
        """This side's attacks on the other side (other than on the resolution), with their evidence."""
        name = SIDE_NAMES[side]
        groups = {premises: kept for premises, attacks in self.attacks_on(opposite_side(side)).items()
                  if (kept := [a for a in attacks if self.map.arguments[a].target != self.map.resolution])}
        self.doc.heading(2, f"{name} offense: attacks on the other side")
        if not groups:
            self.doc.add("This side makes no attack on the other side's claims in the map.")
        for premises, attack_ids in groups.items():
            lead = [f"- *{'Undercuts' if self.map.arguments[a].relation == 'undercut' else 'Attacks'}* "
                    f"{self.target_phrase(self.map.arguments[a].target)} ({self.status(a)})." for a in attack_ids]
            self.block(f"Against: {self.premises_text(attack_ids[0])}", [*lead, ""], premises.split(" + "))
        rest = [c for c, claim in self.map.claims.items()
                if self.side_of(c) == side and c not in self.shown and not claim.is_resolution]
        if rest:
            self.block(f"Other {name.lower()} claims", ["Claims of this side that no block above shows:", ""], rest)

    def write_evaluation(self) -> None:
        self.doc.heading(1, "Evaluation")
        self.doc.add("Grounded semantics (Dung): a claim stands (IN) when every attack on it is defeated, falls (OUT) "
                     "when an attack on it stands, and is undecided otherwise. Strength is DF-QuAD (0 to 1, base 0.5). "
                     "docs/graph.md explains both.", "")
        for label, title in ((IN, "Claims that stand"), (OUT, "Claims that fall"), (UNDEC, "Undecided claims")):
            claims = [c for c in self.map.claims if self.evaluation.labels[c] == label]
            self.doc.heading(2, f"{title} ({len(claims)})")
            if not claims:
                self.doc.add("None.")
                continue
            self.doc.add("| Claim | Side | Strength | Why |", "| --- | --- | ---: | --- |")
            for claim_id in sorted(claims, key=lambda c: (-self.evaluation.strengths[c], c)):
                why = escape_markdown(self.evaluation.explanations[claim_id])
                side = "resolution" if self.map.claims[claim_id].is_resolution else (self.side_of(claim_id) or "")
                self.doc.add(f"| {escape_markdown(self.text(claim_id))} (`{claim_id}`) | {side} | "
                             f"{self.evaluation.strengths[claim_id]:.2f} | {why} |")

    def write_sources(self) -> None:
        self.doc.heading(1, "Sources")
        for source in self.map.cited_sources():
            paragraphs = sorted({n for c in self.map.claims.values() for cit in c.citations
                                 if cit.source == source.id and cit.locator
                                 for n in range(cit.locator.paragraph, cit.locator.end_paragraph + 1)})
            fields = [f"author: {source.get('author') or 'not stated'}",
                      f"publisher: {source.get('publisher') or 'not stated'}", f"date: {source.get('date') or 'n.d.'}",
                      f"kind: {source.get('kind') or 'not stated'}", f"URL: {source.get('url') or 'not stated'}",
                      f"accessed: {source.get('accessed') or 'not stated'}"]
            self.doc.add(f"- \u201c{escape_markdown(source.get('title'))}\u201d (`{source.id}`): "
                         f"{escape_markdown('; '.join(fields))}. Paragraphs cited: "
                         f"{', '.join(map(str, paragraphs)) or 'none'} of {len(source.paragraphs)}.")

    def write(self, sides: list[str]) -> str:
        resolution = self.map.claims[self.map.resolution]
        self.doc.heading(1, f"Debate brief: {self.map.title}")
        self.doc.add(f"**Resolution:** {escape_markdown(resolution.text)}", "")
        if self.map.description:
            self.doc.add(escape_markdown(self.map.description), "")
        self.doc.add(f"*Evaluation of the resolution: {self.status(self.map.resolution)}. "
                     f"{escape_markdown(self.evaluation.explanations[self.map.resolution])}.*", "")
        if self.diagram:
            self.doc.add(f"Argument diagram: [{self.diagram}]({self.diagram})", "")
        for side in sides:
            self.doc.heading(2, f"Overview of the {side} side")
            self.doc.add(*self.side_overview(side))
        self.doc.heading(2, "Contents")
        toc_at = len(self.doc.lines)
        for side in sides:
            self.write_side(side)
        self.write_evaluation()
        self.write_sources()
        toc = [f"{'  ' * (level - 1)}- [{escape_markdown(text)}](#{anchor})"
               for level, text, anchor in self.doc.toc[1:] if anchor != "contents"]
        lines = self.doc.lines[:toc_at] + toc + self.doc.lines[toc_at:]
        return self.link_cards("\n".join(_squeeze_blank_lines(lines)).strip()) + "\n"


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if line == "" and result and result[-1] == "":
            continue
        result.append(line)
    return result


def contention_arguments(argument_map: ArgumentMap) -> list[str]:
    """The arguments directly on the resolution (each side's contentions), in map order."""
    return [a.id for a in argument_map.arguments.values() if a.target == argument_map.resolution]


def brief_markdown(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation, side: str = "both",
                   diagram: str | None = None, contention_diagrams: dict[str, str] | None = None) -> str:
    """The brief as CommonMark (tables and ``==mark==`` aside, which GitHub and argmap's HTML render).
    ``diagram`` links the whole map's diagram; ``contention_diagrams`` maps contention ids to theirs."""
    sides = ["pro", "con"] if side == "both" else [side]
    return _BriefWriter(argument_map, graph, evaluation, diagram, contention_diagrams or {}).write(sides)
