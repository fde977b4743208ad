"""``==marked text==`` for markdown-it-py, rendered as ``<mark>``: the highlight of an evidence card.

A port of the JavaScript markdown-it-mark plugin, which is markdown-it's strikethrough rule with
``=`` in place of ``~``; these are the same two plain rule functions over markdown-it-py's
delimiter list (no such plugin ships with mdit-py-plugins).
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, StateInline

_EQUALS = 0x3D


def mark_tokenize(state: StateInline, silent: bool) -> bool:
    """Push each ``==`` as a text token and record it as a delimiter (an odd ``=`` stays text)."""
    if silent or state.src[state.pos] != "=":
        return False
    scanned = state.scanDelims(state.pos, True)
    length = scanned.length
    if length < 2:
        return False
    if length % 2:
        state.push("text", "", 0).content = "="
        length -= 1
    for _ in range(0, length, 2):
        state.push("text", "", 0).content = "=="
        state.delimiters.append(Delimiter(marker=_EQUALS, length=0, token=len(state.tokens) - 1, end=-1,
                                          open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def _pair_marks(state: StateInline, delimiters: list[Delimiter]) -> None:
    lone_markers = []
    for opener in delimiters:
        if opener.marker != _EQUALS or opener.end == -1:
            continue
        closer = delimiters[opener.end]
        for index, (kind, nesting) in ((opener.token, ("mark_open", 1)), (closer.token, ("mark_close", -1))):
            token = state.tokens[index]
            token.type, token.tag, token.nesting, token.markup, token.content = kind, "mark", nesting, "==", ""
        before = state.tokens[closer.token - 1]
        if before.type == "text" and before.content == "=":
            lone_markers.append(closer.token - 1)
    # a lone "=" left from an odd run belongs after the closing tags that follow it
    while lone_markers:
        index = lone_markers.pop()
        last = index + 1
        while last < len(state.tokens) and state.tokens[last].type == "mark_close":
            last += 1
        last -= 1
        if index != last:
            state.tokens[index], state.tokens[last] = state.tokens[last], state.tokens[index]


def mark_post_process(state: StateInline) -> None:
    """Turn paired ``==`` delimiters into mark_open / mark_close tokens, at every nesting level."""
    _pair_marks(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _pair_marks(state, meta["delimiters"])


def mark_plugin(md: MarkdownIt) -> None:
    """Enable ``==mark==``.

    >>> md = MarkdownIt().use(mark_plugin)
    >>> md.renderInline("**a ==b== c** and a == b")
    '<strong>a <mark>b</mark> c</strong> and a == b'
    """
    md.inline.ruler.before("emphasis", "mark", mark_tokenize)
    md.inline.ruler2.before("emphasis", "mark", mark_post_process)
