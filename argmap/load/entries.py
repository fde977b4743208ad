"""One function per kind of map entry (the map header, claims, citations, arguments, left-out
paragraphs), each reading YAML nodes through a :class:`~argmap.load.map_file.MapReader`."""

from __future__ import annotations

import yaml

from argmap.load.map_file import (
    ARGUMENT_KEYS,
    CITE_KEYS,
    CLAIM_KEYS,
    LEFT_OUT_KEYS,
    LINKED_KEYS,
    MAP,
    MAP_KEYS,
    RELATION_KEYS,
    SEQ,
    STR,
    MapFile,
    MapReader,
    PendingArgument,
    Ref,
)
from argmap.load.yamlio import suggest
from argmap.model import AUTHORS, SIDES, Citation, Claim, LeftOut


def read_map(reader: MapReader, root: yaml.Node) -> MapFile:
    top = reader.fields(root, MAP_KEYS, "the map file")
    if "map" not in top:
        reader.report(
            "AM102",
            root,
            "map file lacks 'map' (the map's id)",
            "add 'map: my-map-id' at the top; files with the same id form one map",
        )
    else:
        reader.file.map_id = reader.identifier(top["map"][1], "map id")
    for key in ("title", "description"):
        if key in top:
            reader.file.header[key] = reader.text(top[key][1], key)
    if "title" in top or "resolution" in top:
        reader.file.header_location = reader.at(top.get("title", top.get("resolution"))[0])
    if "resolution" in top:
        node = top["resolution"][1]
        if node.tag == STR:
            claim = Claim("resolution", reader.text(node, "resolution"), reader.at(node))
            reader.file.claims.append(claim)
        else:
            claim = read_claim(reader, node, None)
        if claim:
            claim.id = claim.id or "resolution"
            claim.is_resolution = True
            reader.file.header["resolution"] = claim
    if "sources" in top:
        for item in reader.sequence(top["sources"][1], "sources"):
            if value := reader.text(item, "source path"):
                reader.file.source_paths.append((value, reader.at(item)))
    if "left_out" in top:
        for item in reader.sequence(top["left_out"][1], "left_out"):
            read_left_out(reader, item)
    for key in ("claims", "arguments"):
        if key in top and top[key][1].tag == SEQ and not top[key][1].flow_style:
            items, end = top[key][1].value, top[key][1].end_mark
            reader.file.layout[key] = ([(i.start_mark.line, i.start_mark.column) for i in items], (end.line, end.column))
    if "claims" in top:
        for item in reader.sequence(top["claims"][1], "claims"):
            read_claim(reader, item, None)
    if "arguments" in top:
        for item in reader.sequence(top["arguments"][1], "arguments"):
            read_argument(reader, item)
    return reader.file


def read_left_out(reader: MapReader, node: yaml.Node) -> None:
    entry = reader.fields(node, LEFT_OUT_KEYS, "a left_out entry")
    missing = [k for k in LEFT_OUT_KEYS if k not in entry]
    if missing and node.tag == MAP:
        reader.report(
            "AM102",
            node,
            f"left_out entry lacks {', '.join(missing)}",
            "write source, paragraph (its number) and reason",
        )
        return
    if missing:
        return
    paragraph_node = entry["paragraph"][1]
    if paragraph_node.tag != "tag:yaml.org,2002:int":
        reader.report("AM103", paragraph_node, "paragraph must be a number", "write the paragraph's number, e.g. 3")
        return
    reader.file.left_out.append(
        LeftOut(
            reader.text(entry["source"][1], "source"),
            int(paragraph_node.value),
            reader.text(entry["reason"][1], "reason"),
            reader.at(node),
        )
    )


def read_citation(reader: MapReader, node: yaml.Node) -> Citation | None:
    entry = reader.fields(node, CITE_KEYS, "a citation")
    if node.tag != MAP:
        return None
    for required in ("source", "quote"):
        if required not in entry:
            reader.report(
                "AM102",
                node,
                f"citation lacks '{required}'",
                "a citation needs 'source' (a source id) and 'quote' (the source's exact words)",
            )
    if "source" not in entry or "quote" not in entry:
        return None
    quote_node = entry["quote"][1]
    quote = reader.text(quote_node, "quote", allow_empty=True)
    if not quote:
        reader.report("AM304", quote_node, "quote is empty", "copy the source's exact words into 'quote'")
        return None
    source_node = entry["source"][1]
    citation = Citation(reader.text(source_node, "source"), quote, reader.at(quote_node), reader.at(source_node))
    for key in ("highlight", "speaker", "note"):
        if key in entry:
            setattr(citation, key, reader.text(entry[key][1], key))
    return citation


def read_claim(reader: MapReader, node: yaml.Node, parent: tuple[str, Claim] | None) -> Claim | None:
    """Read a claim entry; ``parent`` is (relation, claim) when nested under reasons/objections."""
    if node.tag == STR:
        text = reader.text(node, "claim text")
        return add_claim(reader, Claim("", text, reader.at(node)), parent, {}) if text else None
    entry = reader.fields(node, CLAIM_KEYS, "a claim")
    if node.tag != MAP:
        return None
    if "text" not in entry:
        reader.report("AM102", node, "claim lacks 'text'", "add 'text: the claim in one sentence'")
        return None
    claim = Claim("", reader.text(entry["text"][1], "claim text"), reader.at(node))
    if "id" in entry:
        claim.id = reader.identifier(entry["id"][1], "claim id")
    if "side" in entry:
        side = reader.text(entry["side"][1], "side")
        if side and side not in SIDES:
            reader.report("AM104", entry["side"][1], f"side '{side}' is not pro or con", suggest(side, SIDES))
        else:
            claim.side, claim.side_given = side or None, bool(side)
    if "tags" in entry:
        claim.tags = reader.text_list(entry["tags"][1], "tag")
    if "weight" in entry:
        claim.weight = reader.weight(entry["weight"][1])
    if "implicit" in entry:
        value = entry["implicit"][1]
        if value.tag != "tag:yaml.org,2002:bool":
            reader.report("AM103", value, "implicit must be true or false", "write 'implicit: true'")
        else:
            claim.implicit = value.value.lower() in ("true", "yes", "on")
    if "by" in entry:
        author = reader.text(entry["by"][1], "by")
        if author and author not in AUTHORS:
            reader.report("AM104", entry["by"][1], f"by '{author}' is not source or analyst", suggest(author, AUTHORS))
        elif author:
            claim.by = author
    if "allow_overreach" in entry:
        claim.allow_overreach = reader.text(entry["allow_overreach"][1], "allow_overreach")
        claim.overreach_location = reader.at(entry["allow_overreach"][0])
    if "note" in entry:
        claim.note = reader.text(entry["note"][1], "note")
    if "tag" in entry:
        claim.tag = reader.text(entry["tag"][1], "tag")
    if "order" in entry:
        claim.order = reader.order(entry["order"][1])
    if "cite" in entry:
        value = entry["cite"][1]
        items = value.value if value.tag == SEQ else [value]
        claim.citations = [c for item in items if (c := read_citation(reader, item))]
    return add_claim(reader, claim, parent, entry)


def add_claim(
    reader: MapReader, claim: Claim, parent: tuple[str, Claim] | None, entry: dict[str, tuple[yaml.Node, yaml.Node]]
) -> Claim:
    reader.file.claims.append(claim)
    options = {k: reader.text(entry[k][1], k) for k in ("scheme", "answers") if k in entry}
    name = reader.identifier(entry["argument_id"][1], "argument_id") if "argument_id" in entry else ""
    if parent:
        reader.file.arguments.append(PendingArgument(parent[0], [claim], parent[1], claim.location, name, **options))
        name = ""
    for key, relation in RELATION_KEYS.items():
        if key in entry:
            for target in reader.refs(entry[key][1], f"'{key}' target"):
                reader.file.arguments.append(
                    PendingArgument(relation, [claim], target, reader.at(entry[key][0]), name, **options)
                )
    for key, relation in (("reasons", "support"), ("objections", "attack")):
        if key in entry:
            for item in reader.sequence(entry[key][1], key):
                read_nested(reader, item, (relation, claim))
    return claim


def read_premise(reader: MapReader, node: yaml.Node) -> Claim | Ref | None:
    """A list item naming a claim: an id reference or an inline claim."""
    return reader.reference(node) or read_claim(reader, node, None)


def read_nested(reader: MapReader, node: yaml.Node, parent: tuple[str, Claim]) -> None:
    """An item under reasons/objections: a claim, a reference, or a linked group."""
    if node.tag == MAP and any(key.value == "linked" for key, _ in node.value):
        entry = reader.fields(node, LINKED_KEYS, "a linked argument")
        premises = [p for item in reader.sequence(entry["linked"][1], "linked") if (p := read_premise(reader, item))]
        add_argument(reader, parent[0], premises, parent[1], node, entry)
        return
    if ref := reader.reference(node):
        reader.file.arguments.append(PendingArgument(parent[0], [ref], parent[1], ref.location))
    else:
        read_claim(reader, node, parent)


def add_argument(
    reader: MapReader,
    relation: str,
    premises: list[Claim | Ref],
    target: Claim | Ref,
    node: yaml.Node,
    entry: dict[str, tuple[yaml.Node, yaml.Node]],
) -> None:
    if not premises:
        reader.report("AM102", node, "argument has no premises", "list the premises (claim ids or new claims)")
        return
    options = {k: reader.text(entry[k][1], k) for k in ("scheme", "note", "answers") if k in entry}
    name = reader.identifier(entry["id"][1], "argument id") if "id" in entry else ""
    reader.file.arguments.append(PendingArgument(relation, premises, target, reader.at(node), name, **options))


def read_argument(reader: MapReader, node: yaml.Node) -> None:
    entry = reader.fields(node, ARGUMENT_KEYS, "an argument")
    if node.tag != MAP:
        return
    targets = [k for k in RELATION_KEYS if k in entry]
    if len(targets) != 1:
        reader.report(
            "AM109",
            node,
            "an argument needs exactly one of supports, attacks, undercuts"
            + (f" (found {', '.join(targets)})" if targets else ""),
            "say what the premises do together, e.g. 'supports: claim-id'",
        )
        return
    if "premises" not in entry:
        reader.report("AM102", node, "argument lacks 'premises'", "list the co-premises (claim ids or new claims)")
        return
    premises = [p for item in reader.sequence(entry["premises"][1], "premises") if (p := read_premise(reader, item))]
    target_list = reader.refs(entry[targets[0]][1], "target")
    if len(target_list) != 1:
        reader.report(
            "AM109",
            entry[targets[0]][1],
            "an argument has exactly one target",
            "write several arguments for several targets",
        )
        return
    add_argument(reader, RELATION_KEYS[targets[0]], premises, target_list[0], node, entry)
