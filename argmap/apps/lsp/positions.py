"""Where things are in a map file's text, for the editor: every scalar with its key, range and the
mapping it sits in, and the claims as a tree (for the outline). Built from PyYAML's composed nodes,
so it follows YAML exactly; a buffer that is not (yet) valid YAML has no index, and the features that
need one answer nothing until it parses again.

Positions are 0-based (line, character); :func:`utf16_column` turns a character column into the
UTF-16 units LSP counts by default.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Keys whose values name claims or arguments.
REFERENCE_KEYS = ("supports", "attacks", "undercuts", "premises", "linked")


@dataclass(frozen=True)
class Scalar:
    """One scalar of the file: a key, or a value with the key it belongs to."""

    value: str
    key: str
    is_key: bool
    start: tuple[int, int]
    end: tuple[int, int]
    path: tuple[str, ...]
    siblings: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def contains(self, line: int, column: int) -> bool:
        return self.start <= (line, column) <= self.end


@dataclass
class ClaimBlock:
    """A claim entry (a mapping with ``text``), with the claims nested in it. ``id`` is "" where the file
    leaves it to the loader to make one from the text (:meth:`Snapshot.claim_blocks` fills it in)."""

    id: str
    text: str
    start: tuple[int, int]
    end: tuple[int, int]
    id_start: tuple[int, int]
    id_end: tuple[int, int]
    has_citation: bool
    text_line: int
    indent: int
    children: list[ClaimBlock] = field(default_factory=list)


@dataclass
class DocumentIndex:
    scalars: list[Scalar]
    claims: list[ClaimBlock]

    def __post_init__(self) -> None:
        self.scalars.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self.scalars]

    def at(self, line: int, column: int) -> Scalar | None:
        """The scalar under a position (its last character counts as inside it, as editors expect)."""
        index = bisect_right(self._starts, (line, column)) - 1
        for candidate in self.scalars[max(index - 2, 0):index + 1][::-1]:
            if candidate.contains(line, column):
                return candidate
        return None

    def claim_at(self, line: int) -> ClaimBlock | None:
        """The innermost claim whose entry spans a line."""
        found, level = None, self.claims
        while level:
            inside = next((c for c in level if c.start[0] <= line <= c.end[0]), None)
            if inside is None:
                break
            found, level = inside, inside.children
        return found

    def all_claims(self) -> list[ClaimBlock]:
        stack, found = list(reversed(self.claims)), []
        while stack:
            claim = stack.pop()
            found.append(claim)
            stack.extend(reversed(claim.children))
        return found


def index_document(text: str) -> DocumentIndex | None:
    """The index of a map file's text, or None when it is not YAML PyYAML can compose.

    >>> index = index_document("claims:\\n  - id: a\\n    text: A.\\n    supports: resolution\\n")
    >>> [(s.key, s.value, s.start) for s in index.scalars if not s.is_key]
    [('id', 'a', (1, 8)), ('text', 'A.', (2, 10)), ('supports', 'resolution', (3, 14))]
    >>> index.at(3, 20).value, index.claims[0].id
    ('resolution', 'a')
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    scalars: list[Scalar] = []
    claims: list[ClaimBlock] = []
    if root is not None:
        _walk(root, (), "", scalars, claims)
    return DocumentIndex(scalars, claims)


def _position(mark) -> tuple[int, int]:
    return mark.line, mark.column


def _walk(node: yaml.Node, path: tuple[str, ...], key: str, scalars: list[Scalar], claims: list[ClaimBlock]) -> None:
    """Record a node's scalars; a claim mapping collects the claims nested under it. Iterative, so no
    nesting exhausts the recursion limit."""
    stack: list[tuple[yaml.Node, tuple[str, ...], str, list[ClaimBlock]]] = [(node, path, key, claims)]
    while stack:
        node, path, key, into = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            scalars.append(Scalar(str(node.value), key, False, _position(node.start_mark), _position(node.end_mark), path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path, key, into) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            pairs = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
            siblings = {str(k.value): str(v.value) for k, v in pairs if isinstance(v, yaml.ScalarNode)}
            children = into
            id_node = next((v for k, v in pairs if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
            text_node = next((v for k, v in pairs if k.value == "text" and isinstance(v, yaml.ScalarNode)), None)
            if text_node is not None and (id_node is not None or key in ("claims", "reasons", "objections")):
                named = id_node if id_node is not None else text_node
                block = ClaimBlock(str(id_node.value) if id_node is not None else "", str(text_node.value),
                                   _position(node.start_mark), _position(node.end_mark),
                                   _position(named.start_mark), _position(named.end_mark),
                                   any(k.value == "cite" for k, _ in pairs), text_node.start_mark.line,
                                   node.start_mark.column)
                into.append(block)
                children = block.children
            for k, v in reversed(pairs):
                name = str(k.value)
                scalars.append(Scalar(name, name, True, _position(k.start_mark), _position(k.end_mark), path, siblings))
                if isinstance(v, yaml.ScalarNode):
                    scalars.append(Scalar(str(v.value), name, False, _position(v.start_mark), _position(v.end_mark),
                                          path, siblings))
                else:
                    stack.append((v, (*path, name), name, children))


def utf16_column(line_text: str, column: int) -> int:
    """A character column as UTF-16 code units (LSP's default position encoding).

    >>> utf16_column("a\U0001F600b", 2)
    3
    """
    return len(line_text[:column].encode("utf-16-le")) // 2


def character_column(line_text: str, units: int) -> int:
    """A UTF-16 column as a character column.

    >>> character_column("a\U0001F600b", 3)
    2
    """
    count = 0
    for index, character in enumerate(line_text):
        if count >= units:
            return index
        count += 2 if ord(character) > 0xFFFF else 1
    return len(line_text)
