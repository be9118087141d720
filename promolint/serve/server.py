"""The page's HTTP server: the standard library's ThreadingHTTPServer on 127.0.0.1.

One person on their own machine, so the guards are about other pages and programs:
- bound to 127.0.0.1 only;
- a Host header that is not this server's own address is refused (DNS rebinding), and so
  is an Origin or Sec-Fetch-Site that says the request comes from another page;
- every /api call carries the per-run token in X-Promolint-Token (a custom header: a
  cross-origin page cannot send it without a CORS preflight, which is never granted);
  the page itself is served only to a URL holding the token;
- POST bodies are JSON, at most MAX_BODY bytes, and must say how long they are;
- files are read and written only through Repo, which keeps them inside the root.
"""
from __future__ import annotations

import hmac
import json
import secrets
import threading
from decimal import Decimal
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from promolint.serve import api
from promolint.serve.repo import Refused, Repo

MAX_BODY = 1024 * 1024  # a draft is hand-typed; 1 MiB is far beyond any promotion file
TOKEN_HEADER = "X-Promolint-Token"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")


def static_root() -> Path:
    return Path(str(resources.files("promolint.serve") / "static"))


class PageServer(ThreadingHTTPServer):
    """Serves one repo's page; `token` and the allowed hosts are fixed per run."""

    daemon_threads = True

    def __init__(self, repo: Repo, port: int = 0, lang: str = "en"):
        super().__init__(("127.0.0.1", port), Handler)
        self.repo, self.lang = repo, lang
        self.token = secrets.token_urlsafe(32)
        self.port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.lock = threading.Lock()  # one lint at a time: the library is not made for threads

    def warm_up(self) -> None:
        """Import the checks and lint the repo once before the page asks (about a second
        cold; the page's first request waits on the lock instead of doing it)."""
        with self.lock:
            try:
                self.repo.lint_all()
                (static_root() / "index.html").read_bytes()
            except Exception:  # noqa: BLE001 - the page's own request reports any problem
                pass

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"


class Handler(BaseHTTPRequestHandler):
    server: PageServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # a client that stops sending mid-request frees its thread
    server_version = "promolint-serve"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal shows the URL only
        pass

    # -- guards --------------------------------------------------------------------
    def _allowed(self) -> bool:
        host = self.headers.get("Host", "")
        if host not in self.server.hosts:
            return self._deny(HTTPStatus.FORBIDDEN, "bad-host")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            return self._deny(HTTPStatus.FORBIDDEN, "bad-origin")
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return self._deny(HTTPStatus.FORBIDDEN, "bad-origin")
        return True

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.server.token.encode())

    def _deny(self, status: HTTPStatus, key: str) -> bool:
        self._json({"error": api.error_text(key)}, status)
        return False

    # -- methods -------------------------------------------------------------------
    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._allowed():
            return
        parts = urlsplit(self.path)
        if parts.path == "/":
            token = parse_qs(parts.query).get("token", [None])[0]
            if not self._token_ok(token):
                return self._deny(HTTPStatus.FORBIDDEN, "bad-token")
            return self._page()
        if parts.path.startswith("/static/"):
            return self._static(parts.path[len("/static/"):])
        if parts.path.startswith("/api/"):
            if not self._token_ok(self.headers.get(TOKEN_HEADER)):
                return self._deny(HTTPStatus.FORBIDDEN, "bad-token")
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            return self._call(parts.path[len("/api/"):], query, "GET")
        self._deny(HTTPStatus.NOT_FOUND, "not-found")

    def do_POST(self):  # noqa: N802
        if not self._allowed():
            return
        parts = urlsplit(self.path)
        if not parts.path.startswith("/api/"):
            return self._deny(HTTPStatus.NOT_FOUND, "not-found")
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._deny(HTTPStatus.FORBIDDEN, "bad-token")
        body = self._body()
        if body is None:
            return
        self._call(parts.path[len("/api/"):], body, "POST")

    def do_PUT(self):  # noqa: N802 - only GET and POST exist here
        self._deny(HTTPStatus.METHOD_NOT_ALLOWED, "not-found")

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _body(self) -> dict | None:
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length is None or not length.isdigit():
            self._deny(HTTPStatus.LENGTH_REQUIRED, "length-required")
            return None
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is not read: drop the connection after
            self._deny(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too-large")
            return None
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self.close_connection = True
            self._deny(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "bad-json")
            return None
        raw = self.rfile.read(int(length))
        try:
            data = json.loads(raw.decode("utf-8"), parse_float=Decimal)
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            self._deny(HTTPStatus.BAD_REQUEST, "bad-json")
            return None
        return data

    def _call(self, name: str, args: dict, method: str) -> None:
        route = api.ROUTES.get((method, name))
        if route is None:
            return self._deny(HTTPStatus.NOT_FOUND, "not-found")
        try:
            with self.server.lock:
                data = route(self.server.repo, args)
        except Refused as err:
            return self._json({"error": api.error_text(err.key, **err.args_), "key": err.key},
                              err.status)
        except Exception as err:  # noqa: BLE001 - a bug is one line on the page, never a traceback
            return self._json({"error": api.error_text("internal", problem=f"{type(err).__name__}: {err}")},
                              HTTPStatus.INTERNAL_SERVER_ERROR)
        self._json(data)

    # -- responses -----------------------------------------------------------------
    def _page(self) -> None:
        from html import escape
        text = (static_root() / "index.html").read_text("utf-8")
        text = text.replace("{{TOKEN}}", escape(self.server.token)).replace(
            "{{LANG}}", escape(self.server.lang)).replace("{{ROOT}}", escape(self.server.repo.root.name))
        self._send(text.encode("utf-8"), "text/html; charset=utf-8", HTTPStatus.OK)

    def _static(self, rel: str) -> None:
        root = static_root().resolve()
        full = (root / rel).resolve()
        kind = STATIC_TYPES.get(full.suffix)
        if not full.is_relative_to(root) or kind is None or not full.is_file() or full.name == "index.html":
            return self._deny(HTTPStatus.NOT_FOUND, "not-found")
        self._send(full.read_bytes(), kind, HTTPStatus.OK, cache=True)

    def _json(self, data, status=HTTPStatus.OK) -> None:
        body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        self._send(body, "application/json; charset=utf-8", status)

    def _send(self, body: bytes, kind: str, status, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Frame-Options", "DENY")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def serve_forever(repo: Repo, port: int = 0, lang: str = "en", open_browser: bool = True,
                  say=print) -> None:
    """Serve until Ctrl-C; prints the address (with its token) and opens the browser."""
    server = PageServer(repo, port, lang)
    threading.Thread(target=server.warm_up, daemon=True).start()
    say(f"promolint serve: {server.url}")
    say("  (Ctrl-C stops it)" if lang != "zh" else "  (按 Ctrl-C 停止)")
    if open_browser:
        import webbrowser
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
