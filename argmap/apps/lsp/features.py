"""What the language server answers, as functions of a :class:`Snapshot` and a position: diagnostics,
hover, completion, symbols, rename edits and code actions. Positions here are 0-based character
columns; the server converts to and from the editor's UTF-16 columns."""
from __future__ import annotations

import json
import re
from pathlib import Path

from lsprotocol import types

from argmap.apps.lsp.positions import REFERENCE_KEYS, ClaimBlock, Scalar
from argmap.apps.lsp.snapshot import Place, Snapshot
from argmap.check.passages import closest_passage
from argmap.check.quotes import normalise
from argmap.diagnostics import Diagnostic, Severity
from argmap.load.sources import path_of_display_name
from argmap.load.map_file import ID_PATTERN
from argmap.load.schemes import questioned_arguments
from argmap.render.escape import escape_markdown
from argmap.render.map_page.data import evidence_card

#: Keys that may follow in each kind of mapping (from the JSON Schema's object definitions).
KEYS = {
    "map": ["map", "title", "description", "resolution", "sources", "left_out", "claims", "arguments"],
    "claim": ["id", "text", "side", "tags", "weight", "implicit", "by", "allow_overreach", "cite", "note", "tag", "order",
              "supports", "attacks", "undercuts", "reasons", "objections", "scheme", "argument_id", "answers"],
    "cite": ["source", "quote", "highlight", "speaker", "note"],
    "argument": ["id", "premises", "supports", "attacks", "undercuts", "scheme", "note", "answers"],
    "left_out": ["source", "paragraph", "reason"],
}
_PARENT_KIND = {"claims": "claim", "reasons": "claim", "objections": "claim", "cite": "cite", "arguments": "argument",
                "left_out": "left_out"}
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+)\s*:")


def lsp_diagnostic(snapshot: Snapshot, diagnostic: Diagnostic, path: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    """The range of a diagnostic: the scalar that starts at its location, else the rest of its line."""
    line, column = diagnostic.location.line - 1, diagnostic.location.column - 1
    index = snapshot.item_index(path, line)
    scalar = index.at(line, column) if index else None
    if scalar is not None and scalar.start == (line, column):
        return scalar.start, scalar.end
    text = (snapshot.text(path) or "").split("\n")
    end = len(text[line].rstrip()) if 0 <= line < len(text) else column + 1
    return (line, column), (line, max(end, column + 1))


def diagnostics_by_file(snapshot: Snapshot) -> dict[Path, list[tuple[Diagnostic, tuple, tuple]]]:
    found: dict[Path, list] = {}
    for diagnostic in snapshot.diagnostics:
        path = path_of_display_name(diagnostic.location.file)
        found.setdefault(path, []).append((diagnostic, *lsp_diagnostic(snapshot, diagnostic, path)))
    return found


def severity(diagnostic: Diagnostic) -> types.DiagnosticSeverity:
    return types.DiagnosticSeverity.Error if diagnostic.severity == Severity.ERROR else types.DiagnosticSeverity.Warning


# ---- hover ----
def hover_markdown(snapshot: Snapshot, path: Path, scalar: Scalar) -> str | None:
    """What hovering a scalar shows: a claim's text and evaluation, a citation's verified passage, a
    scheme's premises and questions, a source's metadata."""
    if scalar.value in snapshot.claim_ids and (scalar.key in (*REFERENCE_KEYS, "id") or scalar.is_key is False
                                               and scalar.key == "resolution"):
        return _claim_hover(snapshot, scalar.value)
    if scalar.key in ("quote", "highlight") and not scalar.is_key:
        return _citation_hover(snapshot, path, scalar)
    if scalar.key == "scheme" and not scalar.is_key:
        scheme = snapshot.schemes().get(scalar.value)
        if scheme:
            questions = "\n".join(f"- `{q.id}`: {escape_markdown(q.question)}" for q in scheme.questions)
            premises = "\n".join(f"- {escape_markdown(p)}" for p in scheme.premises)
            return (f"**{escape_markdown(scheme.name)}**\n\nPremises:\n{premises}\n\nConclusion: "
                    f"{escape_markdown(scheme.conclusion)}\n\nCritical questions:\n{questions}")
    if scalar.key == "source" and not scalar.is_key and scalar.value in snapshot.project.sources:
        source = snapshot.project.sources[scalar.value]
        fields = [f"{k}: {escape_markdown(source.get(k))}" for k in ("author", "publisher", "date", "url") if source.get(k)]
        return f"**{escape_markdown(source.get('title') or source.id)}**\n\n" + "  \n".join(fields)
    return None


def _claim_hover(snapshot: Snapshot, claim_id: str) -> str:
    argument_map = snapshot.claim_ids[claim_id]
    claim = argument_map.claims[claim_id]
    side = "resolution" if claim.is_resolution else (claim.side or "no side")
    lines = [f"**{escape_markdown(claim.text)}**", "", f"side: {side}"]
    found = snapshot.evaluations.get(argument_map.id)
    if found:
        graph, evaluation = found
        lines[-1] += (f" · label: {evaluation.labels[claim_id]} · strength: {evaluation.strengths[claim_id]:.2f}")
        lines += ["", escape_markdown(evaluation.explanations[claim_id])]
    else:
        lines += ["", "_No label or strength while the project has errors._"]
    return "\n".join(lines)


def _citation_hover(snapshot: Snapshot, path: Path, scalar: Scalar) -> str | None:
    found = snapshot.citation(path, scalar)
    if not found:
        return None
    argument_map, citation = found
    source = argument_map.sources.get(citation.source)
    if source is None:
        return None
    if citation.locator is None:
        closest = closest_passage(citation.quote, source)
        return ("**Not found in the source.**" + (f" Closest passage (¶{closest.paragraph}, "
                f"{closest.similarity:.0f}% similar):\n\n> {escape_markdown(closest.text)}" if closest else ""))
    card = evidence_card(source, citation)
    body = "".join(f"**{escape_markdown(t)}**" if kind == "quote" else f"**=={escape_markdown(t)}==**"
                   if kind == "highlight" else escape_markdown(t) for t, kind in card["segments"])
    first, last = card.get("paragraphs", [citation.locator.paragraph] * 2)
    where = f"¶{first}" + (f"–{last}" if last != first else "")
    return f"Verified in **{escape_markdown(source.id)}**, {where}:\n\n> " + body.replace("\n", " ")


# ---- completion ----
def completion_context(lines: list[str], line: int, column: int) -> tuple[str, str]:
    """('value', key) when the cursor is at a key's value or a list item under it; ('key', kind) when it
    is where a key may be written, with the kind of mapping it is in."""
    current = lines[line][:column] if line < len(lines) else ""
    match = re.match(r"^\s*(?:-\s+)?([A-Za-z_]+)\s*:\s*(?:\[.*)?[^:]*$", current)
    if match and ":" in current:
        return "value", match.group(1)
    indent = len(current) - len(current.lstrip(" -"))
    if re.match(r"^\s*-\s+[^:]*$", current) or re.match(r"^\s*-\s*$", current):     # an item of a list
        for above in range(line - 1, -1, -1):
            found = _KEY_LINE.match(lines[above])
            if found and len(found.group(1)) < indent and lines[above].rstrip().endswith(":"):
                if found.group(2) in ("premises", "supports", "attacks", "undercuts", "linked", "tags"):
                    return "value", found.group(2)
                break
    for above in range(line - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        depth = len(text) - len(text.lstrip(" "))
        found = _KEY_LINE.match(text)
        if depth < indent and found and text.rstrip().endswith(":") and not text.lstrip().startswith("-"):
            return "key", _PARENT_KIND.get(found.group(2), "claim")
        if depth < indent and text.lstrip().startswith("-"):
            continue
        if depth == 0 and indent > 0 and found:
            return "key", _PARENT_KIND.get(found.group(2), "claim")
    return "key", "map" if indent == 0 else "claim"


def completions(snapshot: Snapshot, path: Path, lines: list[str], line: int, column: int) -> list[types.CompletionItem]:
    kind, what = completion_context(lines, line, column)
    item = types.CompletionItemKind
    if kind == "key":
        return [types.CompletionItem(label=k, kind=item.Property, insert_text=f"{k}: ") for k in KEYS[what]]
    argument_map = snapshot.map_of(path) or next(iter(snapshot.project.maps.values()), None)
    if what in ("supports", "attacks", "premises", "linked") and argument_map:
        return [types.CompletionItem(label=c.id, kind=item.Reference, detail=c.text, documentation=c.text)
                for c in argument_map.claims.values()]
    if what == "undercuts" and argument_map:
        return [types.CompletionItem(label=a.id, kind=item.Reference, detail=f"{a.relation} of {a.target}")
                for a in argument_map.arguments.values()]
    if what == "source":
        return [types.CompletionItem(label=s.id, kind=item.File, detail=s.get("title"))
                for s in snapshot.project.sources.values()]
    if what == "scheme":
        return [types.CompletionItem(label=s.id, kind=item.EnumMember, detail=s.name) for s in snapshot.schemes().values()]
    if what == "answers":
        return _question_completions(snapshot, path, line)
    if what == "side":
        return [types.CompletionItem(label=v, kind=item.EnumMember) for v in ("pro", "con")]
    if what == "by":
        return [types.CompletionItem(label=v, kind=item.EnumMember) for v in ("source", "analyst")]
    return []


def _question_completions(snapshot: Snapshot, path: Path, line: int) -> list[types.CompletionItem]:
    """The critical questions the claim at ``line`` can answer: those of the arguments its objection
    questions (or every question, when the map cannot say)."""
    schemes = snapshot.schemes()
    index, argument_map = snapshot.index(path), snapshot.map_of(path)
    snapshot.claim_blocks(path)
    block = index.claim_at(line) if index else None
    questions = []
    if block and argument_map:
        for answer in argument_map.arguments.values():
            if block.id in answer.premises and answer.relation != "support":
                for questioned in questioned_arguments(answer, argument_map.arguments):
                    scheme = schemes.get(questioned.scheme)
                    questions += [(q, scheme.name) for q in scheme.questions] if scheme else []
    if not questions:
        questions = [(q, s.name) for s in schemes.values() for q in s.questions]
    seen: dict[str, types.CompletionItem] = {}
    for question, name in questions:
        seen.setdefault(question.id, types.CompletionItem(label=question.id, kind=types.CompletionItemKind.EnumMember,
                                                          detail=name, documentation=question.question))
    return list(seen.values())


# ---- symbols ----
def document_symbols(blocks: list[ClaimBlock]) -> list[types.DocumentSymbol]:
    def symbol(block: ClaimBlock) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=block.id or block.text[:40], detail=block.text[:120], kind=types.SymbolKind.Object,
            range=types.Range(start=types.Position(*block.start), end=types.Position(*block.end)),
            selection_range=types.Range(start=types.Position(*block.id_start), end=types.Position(*block.id_end)),
            children=[symbol(child) for child in block.children])
    return [symbol(block) for block in blocks]


# ---- rename ----
def rename_problem(snapshot: Snapshot, old: str, new: str) -> str | None:
    """Why ``old`` cannot be renamed to ``new`` (None when it can)."""
    if not ID_PATTERN.match(new):
        return f"'{new}' is not a valid id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"
    if new in snapshot.claim_ids or new in snapshot.argument_ids:
        return f"'{new}' is already an id in this map"
    if snapshot.definition(old) is None:
        return f"'{old}' is not defined in a map file (generated ids cannot be renamed)"
    return None


def rename_edits(snapshot: Snapshot, old: str, new: str) -> dict[Path, list[Place]]:
    edits: dict[Path, list[Place]] = {}
    for place in snapshot.references(old):
        edits.setdefault(place.path, []).append(place)
    return edits


# ---- code actions ----
def closest_original_passage(snapshot: Snapshot, path: Path, scalar: Scalar) -> str | None:
    """The source's own words closest to a quote that did not verify (for "replace with ...")."""
    source = snapshot.project.sources.get(scalar.siblings.get("source", ""))
    if source is None:
        return None
    closest = closest_passage(scalar.value, source)
    if closest is None:
        return None
    paragraph = source.paragraphs[closest.paragraph - 1]
    folded = normalise(paragraph.text)
    start = folded.text.find(closest.text)
    if start < 0:
        return None
    low, high = folded.original_span(start, start + len(closest.text))
    return " ".join(paragraph.text[low:high].split())


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's).

    >>> yaml_string('He said "no"\u2019')
    '"He said \\\\"no\\\\"\u2019"'
    """
    return json.dumps(text, ensure_ascii=False)


def citation_skeleton(block: ClaimBlock, lines: list[str], source: str, quote: str = "") -> tuple[int, str]:
    """Where and what to insert to give a claim a citation: after its ``text`` line(s)."""
    indent = " " * block.indent           # the column of the claim's keys
    line = block.text_line + 1
    while line < len(lines) and lines[line].strip() and len(lines[line]) - len(lines[line].lstrip()) > len(indent):
        line += 1
    return line, f"{indent}cite:\n{indent}  source: {source}\n{indent}  quote: {yaml_string(quote)}\n"
