"""Saved web pages and PDFs become sources: the article text, the metadata the document states, the
page of each paragraph, and cards cut from them verify. The PDFs are generated here with reportlab."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import check, load_project
from argmap.apps.cli import main
from argmap.check.quotes import fold, normalise
from argmap.load.ingest import extract_pdf
from tests.conftest import REPO

DATA = Path(__file__).resolve().parent / "data"
CORPORA = REPO.parent / "shared" / "corpora"
HEADER = "Journal of Testing Studies, Vol. 3"
LEFT = ["Regulators in several countries now turn their", "attention to the largest online platforms, which",
        "they say grew too powerful to regulate them-", "selves. Critics answer that the new rules do", "nothing to restrain the state.",
        "The rules would limit how much personal data", "private companies may collect from their users."]
RIGHT = ["Supporters reply that the first step is to limit", "what firms collect; the state comes next, once",
         "the courts have tested the new data-protection", "regu-", "lation in cases brought by users.",
         "Few expect quick results."]


def make_pdf(path: Path, pages: int = 2, title: str = "Platforms and the state", text: bool = True) -> Path:
    """A two-column PDF with a running header, page numbers as footers and hyphenated line ends."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setAuthor("Ann Lee")
    for number in range(1, pages + 1):
        if text:
            page.setFont("Helvetica", 9)
            page.drawString(72, 800, HEADER)
            page.setFont("Helvetica", 10)
            for column, lines in ((72, LEFT), (320, RIGHT)):
                y = 760
                for line in lines:
                    page.drawString(column, y, line.replace("Regulators", f"Regulators ({number})", 1))
                    y -= 14
            page.drawString(290, 40, str(number))
        else:
            page.rect(100, 100, 300, 300, fill=1)
        page.showPage()
    page.save()
    return path


def add(project, *args: str):
    return CliRunner().invoke(main, ["add-source", *args])


def test_a_web_page_with_json_ld(project) -> None:
    shutil.copy(DATA / "jsonld-article.html", project.root / "page.html")
    result = add(project, "page.html", "--id", "gazette")
    assert result.exit_code == 0, result.output
    written = (project.root / "sources" / "gazette.txt").read_text(encoding="utf-8")
    for field in ('title: "Regulators turn to the platforms"', 'author: "Ann Lee"', 'publisher: "The Test Gazette"',
                  'date: "2021-08-30"', 'url: "https://gazette.example/regulators-platforms"', "by trafilatura"):
        assert field in written
    assert "accessed:\n" in written                      # a saved file states no access date
    for noise in ("Subscribe", "Buy now", "Great article", "All rights reserved"):
        assert noise not in written
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite: {source: gazette, quote: \"the rules do nothing to restrain "
                  "the state\"}\n")
    assert [d for d in check(load_project(["arguments"])) if d.is_error] == []


def test_a_web_page_with_meta_tags_only(project) -> None:
    shutil.copy(DATA / "meta-only.html", project.root / "page.html")
    assert add(project, "page.html", "--id", "blatt").exit_code == 0
    written = (project.root / "sources" / "blatt.txt").read_text(encoding="utf-8")
    assert 'author: "Bo Chen"' in written and 'publisher: "Testblatt"' in written and 'language: "de"' in written


def test_a_two_column_pdf_with_headers_footers_and_hyphenation(project) -> None:
    make_pdf(project.root / "paper.pdf")
    result = add(project, "paper.pdf", "--id", "paper")
    assert result.exit_code == 0, result.output
    source = load_project(["sources"]).sources["paper"]
    assert HEADER not in source.body and "\n\n2\n" not in source.body
    assert "regu-\nlation in cases" in source.body and "them-\nselves" in source.body   # the break is kept
    assert source.pages[0] == 1 and source.pages[-1] == 2 and source.get("author") == "Ann Lee"
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite: [{source: paper, quote: \"Regulators (2) in several countries\"},"
                  " {source: paper, quote: \"too powerful to regulate themselves\"}]\n")
    loaded = load_project(["arguments"])
    assert [d for d in check(loaded) if d.is_error] == []
    from argmap.render.brief.cards import full_cite
    claim = [c for c in loaded.maps["m"].claims.values() if c.citations][0]
    assert "; \u00b64; p. 2." in full_cite(source, claim.citations[0])


@pytest.mark.parametrize("make,message", [
    (lambda p: make_pdf(p, text=False), "no text layer"),
    (lambda p: p.write_bytes(make_pdf(p).read_bytes()[:900]), "damaged or truncated"),
    (lambda p: p.write_text("just text pretending to be a pdf"), "not a PDF"),
    (lambda p: _encrypted(make_pdf(p)), "encrypted"),
])
def test_unusable_pdfs_are_refused_and_nothing_is_written(project, make, message: str) -> None:
    make(project.root / "bad.pdf")
    result = add(project, "bad.pdf", "--id", "bad", "--title", "Bad")
    assert result.exit_code == 1 and message in result.output and "nothing was written" in result.output
    assert not list((project.root / "sources").glob("bad.*"))


def test_a_page_without_an_article_is_refused(project) -> None:
    shutil.copy(DATA / "no-article.html", project.root / "login.html")
    result = add(project, "login.html", "--id", "login", "--title", "Login")
    assert result.exit_code == 1 and "no article text" in result.output


def _encrypted(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt("secret")
    with path.open("wb") as stream:
        writer.write(stream)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")
def test_every_microtext_pdf_holds_its_text() -> None:
    pdfs = sorted((CORPORA / "microtexts-en").glob("*.pdf"))
    assert len(pdfs) >= 90
    for pdf in pdfs:
        # the corpus PDFs label each segment "[e1]" ... and print the graph's edge ids after the text
        extracted = re.sub(r"\[e\d+\]\s*", "", extract_pdf(pdf).text)
        expected = normalise(pdf.with_suffix(".txt").read_text(encoding="utf-8").strip()).text
        assert expected in normalise(extracted).text or expected in fold(extracted, keep_wrap=True).text, pdf.name


def test_a_long_pdf_shows_progress_and_the_brief_names_its_pages(project) -> None:
    make_pdf(project.root / "long.pdf", pages=60)
    result = CliRunner().invoke(main, ["add-source", "long.pdf", "--id", "long"])
    assert result.exit_code == 0 and "reading page 25 of 60" in result.output and "reading page 60 of 60" in result.output
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite: {source: long, quote: \"Regulators (42) in several countries\"}\n")
    brief = CliRunner().invoke(main, ["brief", "arguments"]).output
    assert "; p. 42" in brief and "(pp. 42)." in brief


def test_fetch_downloads_a_page_from_a_real_server_and_dates_the_access(project) -> None:
    import datetime
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/jsonld-article.html"
        result = CliRunner().invoke(main, ["add-source", "--fetch", url, "--id", "fetched"])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    written = (project.root / "sources" / "fetched.txt").read_text(encoding="utf-8")
    assert f'accessed: "{datetime.date.today().isoformat()}"' in written and 'author: "Ann Lee"' in written
    assert list((project.root / "sources").glob("*.html")) == []          # the download is not kept
    offline = CliRunner().invoke(main, ["add-source", "--fetch", "http://127.0.0.1:9/none.html", "--id", "gone"])
    assert offline.exit_code == 1 and "cannot download" in offline.output
