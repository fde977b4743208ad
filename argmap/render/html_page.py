"""Render argmap's Markdown (briefs, indexes, feedback sheets) to standalone, print-friendly HTML pages.

markdown-it-py with tables, heading anchors (the same GitHub-style slugs the Markdown's own links use)
and ``==mark==`` as ``<mark>``. Raw HTML in the input is escaped, never passed through.
"""
from __future__ import annotations

import html

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from argmap.render.markdown_mark import mark_plugin
from argmap.render import Made
from argmap.render.markdown_runs import render_in_parts
from argmap.load.gcpause import paused_gc

STYLESHEET = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #111; }
h1, h2, h3, h4 { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; line-height: 1.25; }
h1 { border-bottom: 2px solid #333; padding-bottom: .2em; margin-top: 2em; }
h2 { border-bottom: 1px solid #999; margin-top: 1.6em; }
h4 { margin-bottom: .3em; }
blockquote { margin: .4em 0 1.2em; padding: .3em 1em; border-left: 4px solid #0072B2; background: #f6f8fa;
             font-size: .92em; color: #555; }
blockquote strong { font-size: 1.08em; text-decoration: underline; color: #111; }
mark { background: #fff200; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .25em .5em; vertical-align: top; }
code { font-size: .85em; background: #f0f0f0; padding: 0 .2em; }
a { color: #0050a0; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { page-break-after: avoid; }
  blockquote, tr { page-break-inside: avoid; }
  mark { background: none; border-bottom: 2px solid #000; }
}
"""


#: The heading levels given an id (anchor) in the HTML.
ANCHOR_LEVELS = range(1, 5)


def markdown_renderer() -> MarkdownIt:
    """The parser argmap renders (and tests) its Markdown with; nesting up to 100 levels (the preset's 20
    silently drops the rest of a document nested deeper)."""
    return (MarkdownIt("commonmark", {"html": False, "maxNesting": 100}).enable("table")
            .use(anchors_plugin, min_level=ANCHOR_LEVELS.start, max_level=ANCHOR_LEVELS.stop - 1).use(mark_plugin))


@paused_gc
def markdown_to_html(markdown: str, title: str, made: Made | None = None) -> str:
    """A standalone HTML page for a Markdown document; with ``made`` (a store of parts kept between runs,
    :mod:`argmap.render.markdown_parts`) only the parts not kept are rendered, for the same page.

    >>> page = markdown_to_html("# A & B\\n\\n**x ==y==**", "T")
    >>> '<h1 id="a--b">A &amp; B</h1>' in page, "<strong>x <mark>y</mark></strong>" in page
    (True, True)
    """
    renderer = markdown_renderer()
    body = render_in_parts(renderer, markdown, made, ANCHOR_LEVELS) if made else renderer.render(markdown)
    return _standalone(body, title, STYLESHEET)


def _standalone(body: str, title: str, style: str) -> str:
    """A whole HTML page around rendered ``body``."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


#: For a page of several documents (e.g. every student's feedback sheet): each starts a new page in
#: print, and no table row, list item or quote is cut across pages.
PAGES_STYLE = """
.page + .page { break-before: page; }
@media print { table { break-inside: auto; } tr, li, blockquote { break-inside: avoid; } thead { display: table-header-group; } }
"""


def pages_to_html(pages: list[str], title: str) -> str:
    """One printable HTML page of several Markdown documents, each beginning a new printed page."""
    renderer = markdown_renderer()
    body = "".join(f'<section class="page">\n{renderer.render(page)}</section>\n' for page in pages)
    return _standalone(body, title, STYLESHEET + PAGES_STYLE)
