"""The brief's sections, one function each, in the order they are written."""
from __future__ import annotations

from argmap.analysis.evaluate import IN, OUT, UNDEC
from argmap.analysis.graph import with_reasons
from argmap.analysis.questions import fill_question, fill_roles
from argmap.model import opposite_side
from argmap.render.brief.blocks import block
from argmap.render.brief.cards import unstated
from argmap.render.brief.state import SIDE_NAMES, BriefState
from argmap.render.escape import escape_markdown


def write_header(state: BriefState) -> None:
    """Title, resolution, description, the resolution's evaluation and the diagram link."""
    resolution = state.map.claims[state.map.resolution]
    state.doc.heading(1, f"Debate brief: {state.map.title}")
    state.doc.add(f"**Resolution:** {escape_markdown(resolution.text)}", "")
    if state.map.description:
        state.doc.add(escape_markdown(state.map.description), "")
    if state.speech:
        return
    state.doc.add(f"*{escape_markdown(resolution_reading(state))}*", "")
    if state.diagram:
        state.doc.add(f"The debate at a glance (the resolution and its contentions): [{state.diagram}]({state.diagram})", "")
    if state.interactive:
        state.doc.add(f"Interactive map (explore the evidence, ask \"what if\"): "
                      f"[{state.interactive}]({state.interactive})", "")


def resolution_reading(state: BriefState) -> str:
    """The evaluation of the resolution in plain words, as a reading of the map, not a verdict on the debate.

    For example: "Given what the map encodes, the resolution falls (strength 0.51): 9 of the 10 con
    attacks on the pro side have no answer in the map. This reads the map; it does not judge the debate."
    """
    resolution = state.map.resolution
    verb = {IN: "stands", OUT: "falls", UNDEC: "is undecided"}[state.evaluation.labels[resolution]]
    attacks = state.attacks_on("pro")
    total = sum(len(group) for group in attacks.values())
    unanswered = sum(1 for group in attacks.values() for a in group if not state.answers_to(a, "pro"))
    return (f"Given what the map encodes, the resolution {verb} (strength "
            f"{state.evaluation.strengths[resolution]:.2f}): {unanswered} of the {total} con attack(s) on the pro "
            "side have no answer in the map. This reads the map; it does not judge the debate.")


def write_overview(state: BriefState, side: str) -> None:
    """One paragraph: a side's contentions and claims, how many stand, and the attacks it faces."""
    state.doc.heading(2, f"Overview of the {side} side")
    claims = [c for c, claim in state.map.claims.items()
              if state.side_of(c) == side and not claim.is_resolution and claim.by != "analyst"]
    labels = [state.evaluation.labels[c] for c in claims]
    contentions = state.contentions(side)
    attacks = state.attacks_on(side)
    unanswered = sum(1 for group in attacks.values() for a in group if not state.answers_to(a, side))
    text = [f"**{SIDE_NAMES[side]}** has {len(contentions)} contention(s) and {len(claims)} claim(s): "
            f"{labels.count(IN)} stand, {labels.count(OUT)} fall, {labels.count(UNDEC)} undecided."]
    if contentions:
        strongest = max(contentions, key=lambda a: state.evaluation.strengths[a])
        text.append(f"Its strongest contention is \u201c{escape_markdown(state.premises_text(strongest))}\u201d "
                    f"({state.status(strongest)}).")
    text.append(f"The other side makes {sum(len(g) for g in attacks.values())} attack(s) on it; "
                f"{unanswered} have no answer in the map.")
    state.doc.add(" ".join(text))


def write_case(state: BriefState, side: str) -> None:
    """The side's pocket heading and its case: one block per contention."""
    name = SIDE_NAMES[side]
    verb = "affirms" if side == "pro" else "denies"
    state.doc.heading(1, f"{name}: the case that {verb} the resolution")
    state.doc.heading(2, f"{name} case")
    for number, argument_id in enumerate(state.contentions(side), 1):
        relation = "supports" if side == "pro" else "attacks"
        roots = state.map.arguments[argument_id].premises
        scheme = state.map.arguments[argument_id].scheme
        step = f"the step to the resolution{f' ({scheme.replace(chr(45), chr(32))})' if scheme else ''}"
        lead = [] if state.speech else [f"*{relation.capitalize()} the resolution. Given what the map encodes, "
                                        f"{step}: {escape_markdown(state.plain_why(argument_id))}.*", ""]
        if argument_id in state.contention_diagrams and not state.speech:
            href = state.contention_diagrams[argument_id]
            what = ("Slides of this contention, a claim and its direct reasons and objections each, from"
                    if href.startswith("slides/") else "Diagram of this contention and everything that bears on it:")
            lead += [f"{what} [{href}]({href})", ""]
        block(state, f"Contention {number}: {state.premises_text(argument_id)}", lead, roots)
        write_frontline(state, side, argument_id)


def write_frontline(state: BriefState, side: str, contention: str) -> None:
    """What the other side will say against a contention, in the order the map gives it, each with the
    number of answers ready and a link to its A2 block (the cards are printed there, once)."""
    within = {contention} | with_reasons(state.graph, state.map.arguments[contention].premises)
    expected = [(key, attacks) for key, attacks in state.attacks_on(side).items()
                if any(state.map.arguments[a].target in within for a in attacks)]
    if not expected:
        return
    state.doc.add("**Frontline** (what the other side says against this contention, and the answers ready):", "")
    for number, (key, attacks) in enumerate(expected, 1):
        answers = {a for attack in attacks for a in state.answers_to(attack, side) if not state.by_analyst(a)}
        ready = f"{len(answers)} answer(s) ready" if answers else "no answer in the map yet, suggested lines only"
        state.doc.add(f"{number}. They say \u201c{escape_markdown(state.premises_text(attacks[0]))}\u201d "
                      f"({ready}: [the A2 block]\x01{key}\x01).")
    state.doc.add("")


def write_answers(state: BriefState, side: str) -> None:
    """A2 blocks, headed "AT: <their argument>": each group of opposing attacks with this side's numbered
    answers from the map, or, where the map has none, suggested lines of answer (marked as such)."""
    state.doc.heading(2, f"{SIDE_NAMES[side]} answers to the other side (A2 blocks)")
    attacks = state.attacks_on(side)
    if not attacks:
        state.doc.add("The other side makes no attack on this side in the map.")
    for premises, attack_ids in attacks.items():
        lead = []
        answers: list[str] = []
        for attack_id in attack_ids:
            argument = state.map.arguments[attack_id]
            verb_phrase = "undercuts" if argument.relation == "undercut" else "attacks"
            lead.append(f"- *They {verb_phrase.rstrip('s')}* {state.plain_phrase(argument.target)}." if state.speech else
                        f"- *The other side {verb_phrase}* {state.target_phrase(argument.target)} "
                        f"(`{attack_id}`, {state.status(attack_id)}).")
            found = state.answers_to(attack_id, side)
            answers += [a for a in found if a not in answers]
            if not found:
                lead.append("  - **No answer in the map yet.** Suggested lines of answer (suggestions to research, "
                            "not evidence):")
                lead += [f"    {number}. {escape_markdown(line)}"
                         for number, line in enumerate(suggested_answers(state, attack_id), 1)]
        analyst = [a for a in answers if state.by_analyst(a)]
        answers = [a for a in answers if a not in analyst]
        for argument_id in analyst:
            lead.append(f"- *Not an answer any source gives:* the analyst reads "
                        f"\u201c{escape_markdown(state.premises_text(argument_id))}\u201d against it "
                        "(see \u201cThe analyst's readings\u201d).")
        lead.append("")
        roots = list(dict.fromkeys(p for a in answers for p in state.map.arguments[a].premises))
        if roots:
            lead += [f"Answers in the map ({len(roots)}), numbered as they are read:", ""]
        state.block_anchor[premises] = block(state, f"AT: {state.premises_text(attack_ids[0])}", lead, roots,
                                             numbered=True)
        for claim_id in premises.split(" + "):
            state.shown.add(claim_id)


def suggested_answers(state: BriefState, attack_id: str) -> list[str]:
    """Lines of answer to an attack the map does not answer: the open critical questions of its scheme
    in the map's own words, else the three classic answers (deny, no link, outweigh)."""
    argument = state.map.arguments[attack_id]
    scheme = state.schemes.get(argument.scheme)
    if scheme is not None:
        roles = fill_roles(state.map, argument)
        return [fill_question(q.question, scheme, roles) for q in scheme.questions]
    premises = " and ".join(f"\u201c{state.text(p)}\u201d" for p in argument.premises)
    target = state.plain_target(argument.target)
    target = f"\u201c{target}\u201d" if argument.target in state.map.claims else target
    lines = [f"Deny it: is {premises} true, and what in the sources shows it?",
             f"No link: even if {premises}, does that really tell against {target}?"]
    reasons = state.into(argument.target, ("support",)) if argument.target in state.map.claims else []
    if reasons:
        lines.append(f"Outweigh it: the map gives {len(reasons)} reason(s) for {target}; say why they weigh more.")
    return lines


def write_offense(state: BriefState, side: str) -> None:
    """This side's attacks on the other side (other than on the resolution), each block headed "AT: <their
    argument>", then this side's claims shown nowhere else."""
    name = SIDE_NAMES[side]
    groups: dict[str, list[str]] = {}
    for attacks in state.attacks_on(opposite_side(side)).values():
        for attack_id in attacks:
            target = state.map.arguments[attack_id].target
            if target != state.map.resolution:
                groups.setdefault(target, []).append(attack_id)
    state.doc.heading(2, f"{name} offense: attacks on the other side")
    if not groups:
        state.doc.add("This side makes no attack on the other side's claims in the map.")
    for target, attack_ids in groups.items():
        lead = [] if state.speech else [
            f"- *{'Undercuts' if state.map.arguments[a].relation == 'undercut' else 'Attacks'}* "
            f"{state.target_phrase(target)} ({state.status(a)})." for a in attack_ids]
        roots = list(dict.fromkeys(p for a in attack_ids for p in state.map.arguments[a].premises))
        block(state, f"AT: {state.plain_target(target)}", [*lead, ""], roots, numbered=True)
    rest = [c for c, claim in state.map.claims.items()
            if state.side_of(c) == side and c not in state.shown and not claim.is_resolution and claim.by != "analyst"]
    if rest:
        block(state, f"Other {name.lower()} claims", ["Claims of this side that no block above shows:", ""], rest)


def write_analyst_readings(state: BriefState) -> None:
    """The analyst's own claims, apart from both sides: no source argues them, so no side's case
    files them as its own."""
    readings = [c for c, claim in state.map.claims.items() if claim.by == "analyst"]
    if not readings or state.speech:
        return
    lead = ["These are the analyst's readings of the sources, not arguments either source makes. They start "
            "with a lower base score (0.3) and are shown apart so that no side's case claims them.", ""]
    for claim_id in readings:
        targets = [a.target for a in state.map.arguments.values() if claim_id in a.premises]
        if targets:
            lead.append(f"- `{claim_id}` bears on " + "; ".join(state.target_phrase(t) for t in targets) + ".")
    state.doc.heading(1, "The analyst's readings")
    state.doc.heading(2, "Apart from both sides")
    block(state, "Readings no source argues", [*lead, ""], readings)


def write_evaluation(state: BriefState) -> None:
    """Tables of the claims that stand, fall or are undecided, with their strength and why (not in a
    speech document)."""
    if state.speech:
        return
    state.doc.heading(1, "Evaluation")
    state.doc.add("Grounded semantics (Dung): a claim stands (IN) when every attack on it is defeated, falls (OUT) "
                  "when an attack on it stands, and is undecided otherwise. Strength is DF-QuAD (0 to 1, base 0.5). "
                  "docs/graph.md explains both.", "")
    for label, title in ((IN, "Claims that stand"), (OUT, "Claims that fall"), (UNDEC, "Undecided claims")):
        claims = [c for c in state.map.claims if state.evaluation.labels[c] == label]
        state.doc.heading(2, f"{title} ({len(claims)})")
        if not claims:
            state.doc.add("None.")
            continue
        state.doc.add("| Claim | Side | Strength | Why |", "| --- | --- | ---: | --- |")
        for claim_id in sorted(claims, key=lambda c: (-state.evaluation.strengths[c], c)):
            why = escape_markdown(state.plain_why(claim_id))
            side = "resolution" if state.map.claims[claim_id].is_resolution else (state.side_of(claim_id) or "")
            side += " (analyst)" if state.map.claims[claim_id].by == "analyst" else ""
            state.doc.add(f"| {escape_markdown(state.text(claim_id))} (`{claim_id}`) | {side} | "
                          f"{state.evaluation.strengths[claim_id]:.2f} | {why} |")


def write_sources(state: BriefState) -> None:
    """The bibliography: every cited source with its fields and the paragraphs the map cites."""
    state.doc.heading(1, "Sources")
    cited: dict[str, set[int]] = {}
    for claim in state.map.claims.values():
        for citation in claim.citations:
            if citation.locator:
                cited.setdefault(citation.source, set()).update(
                    range(citation.locator.paragraph, citation.locator.end_paragraph + 1))
    for source in state.map.cited_sources():
        paragraphs = sorted(cited.get(source.id, ()))
        fields = [f"{name}: {source.get(key)}" for name, key in (("author", "author"), ("publisher", "publisher"),
                  ("date", "date"), ("kind", "kind"), ("URL", "url"), ("accessed", "accessed")) if source.get(key)]
        if missing := unstated(source):
            fields.append("states no " + ", ".join(missing))
        pages = sorted({source.pages[n - 1] for n in paragraphs if n <= len(source.pages)})
        on_pages = f" (pp. {', '.join(map(str, pages))})" if pages else ""
        source_id = "" if state.speech else f" (`{source.id}`)"
        state.doc.add(f"- \u201c{escape_markdown(source.get('title'))}\u201d{source_id}: "
                      f"{escape_markdown('; '.join(fields))}. Paragraphs cited: "
                      f"{', '.join(map(str, paragraphs)) or 'none'} of {len(source.paragraphs)}{on_pages}.")
