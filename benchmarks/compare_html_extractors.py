"""trafilatura against readability-lxml on the test pages: how many of each page's article paragraphs
each keeps whole and apart, and how much page furniture (navigation, ads, comments) leaks in.

Run: .venv/bin/pip install readability-lxml; .venv/bin/python benchmarks/compare_html_extractors.py
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "tests" / "load" / "data"
FURNITURE = ("Subscribe", "Buy now", "Great article", "All rights reserved", "Log in")


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.inside, self.found = True, [*self.found, ""]

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "p"

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data


def article_paragraphs(html: str) -> list[str]:
    body = re.search(r"<(?:article|div id=\"content\")>(.*?)</(?:article|div)>", html, re.S)
    parser = _Paragraphs()
    parser.feed(body.group(1) if body else "")
    return [" ".join(p.split()) for p in parser.found]


def main() -> None:
    import trafilatura
    try:
        from readability import Document
    except ImportError:
        print("skipped: readability-lxml is not installed")
        return
    for page in sorted(PAGES.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        wanted = article_paragraphs(html)
        outputs = {"trafilatura": trafilatura.extract(html, include_comments=False, favor_precision=True) or "",
                   "readability": re.sub(r"<[^>]+>", "\n", Document(html).summary())}
        for name, text in outputs.items():
            blocks = [" ".join(b.split()) for b in re.split(r"\n\s*", text) if b.strip()]
            whole = sum(p in blocks for p in wanted)
            leaked = [f for f in FURNITURE if f in text]
            print(f"{page.name:<22} {name:<12} paragraphs kept whole and apart: {whole}/{len(wanted)}; "
                  f"furniture leaked: {', '.join(leaked) or 'none'}")


if __name__ == "__main__":
    main()
