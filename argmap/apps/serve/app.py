"""The HTTP side of ``argmap serve`` (Starlette, run by uvicorn): the workspace page, the live maps and
briefs, the API (docs/serve.md) and the event stream, with the project watched by watchfiles.

Safe by default: the server answers only requests whose Host is the address it was started on (no DNS
rebinding); every request that writes or runs the checker on posted text needs the per-run token the
page carries and, when the browser sends one, this server's own Origin, so another web page in the same
browser cannot write through it; files are read and written only among the project's map files; bodies
are bounded.
"""
from __future__ import annotations

import asyncio
import json
import secrets
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from watchfiles import awatch

from argmap.apps.output import OutputError, write_atomic
from argmap.apps.serve.editing import cite_edit, completion_items
from argmap.apps.serve.state import Workspace, sha256, watched
from argmap.load.files import MAP_SUFFIXES
from argmap.load.yamlio import MAX_FILE_BYTES

STATIC = resources.files("argmap.apps.serve") / "static"
#: The largest request body the server reads (a map file at argmap's own limit, plus JSON's overhead).
MAX_BODY = MAX_FILE_BYTES + 64 * 1024
HEARTBEAT_SECONDS = 15


class Events:
    """Every open page's queue; an update is put in each (a slow page drops old updates, never blocks)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()

    def publish(self, event: dict) -> None:
        for queue in list(self.queues):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)


def problem(status: int, message: str, hint: str = "") -> JSONResponse:
    return JSONResponse({"error": message, "hint": hint}, status_code=status)


def create_app(root: Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> Starlette:
    """The server for the project at ``root``."""
    root = root.resolve()
    workspace = Workspace(root)
    events = Events()
    token = token or secrets.token_urlsafe(24)
    origins = {f"http://{name}:{port}" for name in (host, "127.0.0.1", "localhost")}

    async def refresh(reason: str) -> None:
        await anyio.to_thread.run_sync(workspace.refresh)
        events.publish({"version": workspace.version, "reason": reason,
                        "maps": {k: v.version for k, v in workspace.maps.items()}})

    saved: dict[Path, str] = {}          # what a save from the page wrote, already checked: the watcher skips it

    def new_on_disk(path: Path) -> bool:
        written = saved.pop(path.resolve(), None)
        try:
            return written is None or sha256(path.read_bytes()) != written
        except OSError:
            return True

    async def watch() -> None:
        folders = [str(p) for p in (root / "arguments", root / "sources") if p.is_dir()]
        async for changes in awatch(*folders, debounce=30, step=10, recursive=True):
            if any(watched(Path(path)) and new_on_disk(Path(path)) for _, path in changes):
                await refresh("files changed on disk")

    @asynccontextmanager
    async def lifespan(_app: Starlette):
        await anyio.to_thread.run_sync(workspace.refresh)
        watcher = asyncio.create_task(watch())
        try:
            yield
        finally:
            watcher.cancel()
            for queue in list(events.queues):
                queue.put_nowait(None)

    def allowed_write(request: Request) -> JSONResponse | None:
        if not secrets.compare_digest(request.headers.get("x-argmap-token", ""), token):
            return problem(403, "missing or wrong token", "use the workspace page this server printed")
        origin = request.headers.get("origin")
        if origin is not None and origin not in origins:
            return problem(403, f"requests from {origin} may not write here", "open the workspace from this server")
        return None

    async def body_json(request: Request) -> dict | JSONResponse:
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return problem(413, f"request body over {MAX_BODY:,} bytes")
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                return problem(413, f"request body over {MAX_BODY:,} bytes")
        try:
            found = json.loads(data)
        except ValueError:
            return problem(400, "the body is not JSON")
        return found if isinstance(found, dict) else problem(400, "the body must be a JSON object")

    async def posted(request: Request) -> dict | JSONResponse:
        """The JSON body of a request that must carry the token (and may carry only this origin)."""
        refused = allowed_write(request)
        return refused if refused is not None else await body_json(request)

    def map_file(relative: str | None) -> Path | JSONResponse:
        """A map file of the project, named relative to its root; anything else is refused."""
        if not relative or "\x00" in relative:
            return problem(400, "give ?path=arguments/<file>.yaml")
        candidate = (root / relative)
        resolved = candidate.resolve()
        if (not resolved.is_relative_to((root / "arguments").resolve()) or resolved.suffix not in MAP_SUFFIXES
                or candidate.is_symlink()):
            return problem(403, f"'{relative}' is not a map file of this project",
                           "only YAML files under arguments/ can be read or written")
        return resolved

    async def page(_request: Request) -> HTMLResponse:
        text = (STATIC / "workspace.html").read_text(encoding="utf-8").replace("{{TOKEN}}", token)
        return HTMLResponse(text, headers={"Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
            "frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            "Cache-Control": "no-store"})

    async def api_maps(_request: Request) -> JSONResponse:
        state = workspace.state()
        return JSONResponse([{"id": k, **v} for k, v in state["maps"].items()])

    async def api_diagnostics(_request: Request) -> Response:
        return Response(workspace.diagnostics_json(), media_type="application/json")

    async def api_state(_request: Request) -> JSONResponse:
        return JSONResponse(workspace.state())

    async def api_evaluation(request: Request) -> JSONResponse:
        view = workspace.maps.get(request.query_params.get("map", ""))
        if view is None:
            return problem(404, "no such map (or it has never passed the check)", "see GET /api/maps")
        return JSONResponse(view.evaluation)

    async def api_source(request: Request) -> JSONResponse:
        found = workspace.source_view(request.query_params.get("id", ""))
        return JSONResponse(found) if found else problem(404, "no such source")

    async def api_file(request: Request) -> Response:
        path = map_file(request.query_params.get("path"))
        if isinstance(path, JSONResponse):
            return path
        if request.method == "GET":
            if not path.is_file():
                return problem(404, "no such file")
            data = path.read_bytes()
            return JSONResponse({"path": str(path.relative_to(root)), "text": data.decode("utf-8", "replace"),
                                 "hash": sha256(data)})
        body = await posted(request)
        if isinstance(body, JSONResponse):
            return body
        text, base = body.get("text"), body.get("base")
        if not isinstance(text, str):
            return problem(400, "give the file's new text as 'text'")
        current = path.read_bytes() if path.is_file() else b""
        if base is not None and sha256(current) != base:
            return JSONResponse({"error": "the file changed on disk since you opened it",
                                 "disk": current.decode("utf-8", "replace"), "hash": sha256(current)}, status_code=409)
        data = text.encode("utf-8")
        saved[path] = sha256(data)
        try:
            await anyio.to_thread.run_sync(write_atomic, path, data)
        except OutputError as error:
            saved.pop(path, None)
            return problem(500, str(error))
        await refresh("saved from the workspace")
        return JSONResponse({"hash": sha256(data), "version": workspace.version})

    async def api_complete(request: Request) -> JSONResponse:
        body = await posted(request)
        if isinstance(body, JSONResponse):
            return body
        path = map_file(body.get("path"))
        if isinstance(path, JSONResponse):
            return path
        items = await anyio.to_thread.run_sync(completion_items, root, path, str(body.get("text", "")),
                                               int(body.get("line", 0)), int(body.get("column", 0)))
        return JSONResponse(items)

    async def api_cite(request: Request) -> JSONResponse:
        body = await posted(request)
        if isinstance(body, JSONResponse):
            return body
        project = workspace.project
        source = project.sources.get(str(body.get("source"))) if project else None
        if source is None:
            return problem(404, "no such source")
        edit = cite_edit(str(body.get("text", "")), int(body.get("line", 0)), source, str(body.get("quote", "")))
        return JSONResponse(edit) if "insert" in edit else problem(422, edit["error"], edit.get("hint", ""))

    async def api_events(request: Request) -> StreamingResponse:
        queue: asyncio.Queue = asyncio.Queue(maxsize=16)
        events.queues.add(queue)

        async def stream():
            try:
                yield f"event: update\ndata: {json.dumps({'version': workspace.version, 'reason': 'connected'})}\n\n"
                while True:
                    try:
                        event = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                    except asyncio.TimeoutError:
                        yield ": heartbeat\n\n"
                        continue
                    if event is None:
                        return
                    yield f"event: update\ndata: {json.dumps(event)}\n\n"
            finally:
                events.queues.discard(queue)
        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def live_page(request: Request) -> HTMLResponse:
        view = workspace.maps.get(request.path_params["map"])
        kind = request.path_params["kind"]
        if view is None or kind not in ("map", "brief"):
            return HTMLResponse("<!DOCTYPE html><title>No map yet</title><p>This map has not passed the check yet: "
                                "fix the problems listed in the workspace.</p>", status_code=404)
        return HTMLResponse(view.map_page if kind == "map" else view.brief, headers={"Cache-Control": "no-store"})

    routes = [
        Route("/", page), Route("/favicon.ico", lambda _request: Response(status_code=204)),
        Route("/api/maps", api_maps), Route("/api/diagnostics", api_diagnostics), Route("/api/state", api_state),
        Route("/api/evaluation", api_evaluation), Route("/api/source", api_source),
        Route("/api/file", api_file, methods=["GET", "PUT"]), Route("/api/complete", api_complete, methods=["POST"]),
        Route("/api/cite", api_cite, methods=["POST"]), Route("/api/events", api_events),
        Route("/live/{kind:str}/{map:str}.html", live_page),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    hosts = sorted({host, "127.0.0.1", "localhost"} | ({"*"} if host in ("0.0.0.0", "::") else set()))
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])
    app.state.workspace, app.state.events, app.state.token = workspace, events, token
    return app
