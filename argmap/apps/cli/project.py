"""Commands that start a project or add to it: init, add-source."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.apps.cli.common import fail, main
from argmap.diagnostics import render_text


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--map", "map_id", default="my-debate", show_default=True, help="The new map's id.")
@click.option("--title", default="My debate", show_default=True, help="The new map's title.")
def init(folder: Path, map_id: str, title: str) -> None:
    """Start a project: a starter map that passes check, the JSON Schema for editors, and sources/."""
    from argmap.apps.output import OutputError
    from argmap.apps.scaffold import init_project
    try:
        created = init_project(folder, map_id, title)
    except OutputError as error:
        fail(str(error))
    for path in created:
        click.echo(f"created {path}")
    click.echo("next: argmap add-source ARTICLE.txt --id ID --title TITLE, then cite it and run argmap check")


@main.command(name="add-source")
@click.argument("text_file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--id", "source_id", required=True, help="The id citations will use (lowercase, digits, '-').")
@click.option("--title", default="", help="Required unless the page or PDF states its title.")
@click.option("--publisher", default="")
@click.option("--author", default="")
@click.option("--author-qualifications", default="")
@click.option("--date", default="")
@click.option("--url", default="")
@click.option("--accessed", default="")
@click.option("--kind", default="", help="news, op-ed, blog, report, study, interview, speech, transcript, declaration, "
              "statute, court-ruling, book-chapter or other.")
@click.option("--fetch", "fetch_url", metavar="URL", help="Download the web page at URL (needs a network).")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("sources"),
              show_default=True)
def add_source_command(text_file: Path | None, source_id: str, folder: Path, fetch_url: str | None, **fields: str) -> None:
    """Add an article to sources/: its text, with the metadata debate evidence rules ask for.

    TEXT_FILE is a text file ('-' for standard input), a .md file (kept as Markdown), a saved web page
    (.html: the article text and the metadata the page states) or a PDF (text per page, paragraphs
    rebuilt, each paragraph's page kept). What you give on the command line wins; leave out what
    the document does not state."""
    import datetime

    from argmap.apps.output import OutputError
    from argmap.apps.scaffold import add_source
    from argmap.load.ingest import IngestError, extract_document

    metadata: dict = {"id": source_id}
    markdown = False
    try:
        if fetch_url:
            text_file = _download(fetch_url, folder)
            metadata |= {"url": fetch_url, "accessed": datetime.date.today().isoformat()}
        if text_file is None:
            fail("give an article file, '-' for standard input, or --fetch URL")
        extracted = None if str(text_file) == "-" else extract_document(text_file, _show_progress)
    except IngestError as error:
        fail(f"{text_file}: {error}; nothing was written")
    except OSError as error:
        fail(f"{text_file}: cannot read it ({error.strerror or error}); nothing was written")
    if extracted is not None:
        text = extracted.text
        metadata |= extracted.metadata | {"extracted": extracted.provenance, "pages": extracted.pages}
    else:
        text = _article_text(text_file)
        markdown = text_file.suffix == ".md"
    metadata |= {key: value for key, value in fields.items() if value}
    try:
        path, paragraphs = add_source(text, metadata, folder, markdown=markdown)
    except OutputError as error:
        fail(str(error))
    finally:
        if fetch_url and text_file is not None:
            text_file.unlink(missing_ok=True)
    click.echo(f"created {path} ({paragraphs} paragraphs); cite it as 'source: {source_id}'")


def _show_progress(page: int, pages: int) -> None:
    """Where a long PDF's reading is, every 25 pages (on standard error)."""
    if pages > 50 and (page % 25 == 0 or page == pages):
        click.echo(f"reading page {page} of {pages}", err=True)


def _article_text(text_file: Path) -> str:
    """A plain-text (or Markdown) article from a file or standard input; exits 1 with why when unusable."""
    from argmap.load.yamlio import MAX_FILE_BYTES, decode_text, read_text

    if str(text_file) == "-":
        text, problems = decode_text(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "<standard input>", "article")
    else:
        text, problems = read_text(text_file, str(text_file), "article", confine=False)
    if text is None:
        click.echo(render_text(problems), err=True)
        sys.exit(1)
    return text


def _download(url: str, folder: Path) -> Path:
    """Fetch a web page into a temporary file beside the sources (deleted after the import)."""
    import tempfile
    import urllib.request

    if not url.startswith(("http://", "https://")):
        fail(f"--fetch takes an http(s) URL, not '{url}'")
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            data = response.read(64 * 1024 * 1024)
    except OSError as error:
        fail(f"cannot download {url} ({getattr(error, 'reason', error)}); save the page from a browser and add "
             "the file instead")
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(suffix=".html", dir=folder)
    with open(handle, "wb") as stream:
        stream.write(data)
    return Path(name)


@main.command()
@click.argument("source")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True)
def quote(source: str, words: tuple[str, ...], limit: int) -> None:
    """Find the exact words: SOURCE (an id in sources/, or a source file) and a few remembered WORDS
    (typos forgiven); prints the matching passages with their paragraph and a cite: block to paste."""
    import json

    from argmap.check.passages import find_passages
    from argmap.load.project import load_project

    path = Path(source)
    project = load_project([path] if path.suffix in (".md", ".txt") else ["sources"])
    found = project.sources.get(source) or next((s for s in project.sources.values() if Path(s.path) == path), None)
    if found is None:
        problems = [d for d in project.diagnostics if d.is_error]
        click.echo(render_text(problems) if problems else
                   f"argmap: no source '{source}' (give a source id from sources/ or a source file)", err=True)
        sys.exit(1)
    passages = find_passages(" ".join(words), found, limit)
    if not passages:
        click.echo(f"argmap: no passage of '{found.id}' holds those words; try other words from it", err=True)
        sys.exit(1)
    for passage in passages:
        click.echo(f"# {found.id}, paragraph {passage.paragraph} ({passage.similarity:.0f}% of the words, closely)")
        click.echo(f"cite:\n  source: {found.id}\n  quote: {json.dumps(passage.quote, ensure_ascii=False)}\n")


@main.command()
def lsp() -> None:
    """A language server for argument maps, over stdio (for VS Code, Neovim, Helix, Emacs ...)."""
    from argmap.apps.lsp.server import run
    run()


@main.command()
@click.argument("project", required=False, type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but 127.0.0.1/localhost exposes the project to the network.")
@click.option("--open", "open_browser", is_flag=True, help="Open the workspace in the browser.")
def serve(project: Path, port: int, host: str, open_browser: bool) -> None:
    """A live workspace in the browser: edit maps, see problems, the map and the brief update as you save."""
    import socket
    import webbrowser

    import uvicorn

    from argmap.apps.serve.app import create_app
    if not (project / "arguments").is_dir():
        fail(f"'{project}' has no arguments/ folder; give a project folder (one made by 'argmap init')")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"argmap: warning: listening on {host}: anyone who can reach this machine can read the project "
                   "(writes still need the page's token)", err=True)
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)          # connections wait from now on, while the first check runs
    except OSError as error:
        fail(f"cannot listen on {host}:{port}: {error.strerror}; choose another --port")
    port = listener.getsockname()[1]
    app = create_app(project, host, port)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    click.echo(f"argmap workspace for {project.resolve()} at {url} (Ctrl-C stops it)", err=True)
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:         # uvicorn shuts down cleanly, then re-raises the Ctrl-C it caught
        pass
    click.echo("argmap: workspace stopped", err=True)
