"""The page's HTTP server: the standard library's ThreadingHTTPServer on 127.0.0.1.

One person on their own machine, so the guards are about other pages and programs:
- bound to 127.0.0.1 only;
- a Host header that is not this server's own address is refused (DNS rebinding), and so
  is an Origin or Sec-Fetch-Site that says the request comes from another page;
- the session secret never appears in a URL: the printed address and the one handed to the
  browser (whose command line any local user can read) hold a one-time code, exchanged for
  an HttpOnly, SameSite=Strict cookie and then worthless;
- every /api call carries that cookie and the page key in X-Promolint-Token (a custom
  header: a cross-origin page cannot send it without a CORS preflight, never granted);
- at most MAX_CONNECTIONS connections at once, and a request head must arrive whole within
  head_seconds (a slow one is cut; when full, the oldest connection still sending its head
  makes room), so slow clients cannot stop the page;
- POST bodies are JSON, at most MAX_BODY bytes, and must say how long they are;
- files are read and written only through Repo, which keeps them inside the root.
"""
from __future__ import annotations

import decimal
import hmac
import io
import itertools
import json
import secrets
import socket
import socketserver
import threading
import time
from decimal import Decimal
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from promolint.core.config import ConfigError
from promolint.serve import api
from promolint.serve.repo import Refused, Repo

MAX_BODY = 1024 * 1024  # a draft is hand-typed; 1 MiB is far beyond any promotion file
MAX_CONNECTIONS = 32    # a page uses a handful; each connection is a thread
HEAD_SECONDS = 10.0     # the request line and headers, whole
BODY_SECONDS = 30.0     # a 1 MiB body, whole
BROWSER_CODE_SECONDS = 120.0  # the code handed to the browser is on its command line
TOKEN_HEADER = "X-Promolint-Token"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")
UNLOCKED = {("POST", "save")}  # file work only: never waits behind a lint


def static_root() -> Path:
    return Path(str(resources.files("promolint.serve") / "static"))


class PageServer(ThreadingHTTPServer):
    """Serves one repo's page; the session secret, page key and allowed hosts are fixed per run."""

    daemon_threads = True
    request_queue_size = 64
    max_connections = MAX_CONNECTIONS
    head_seconds = HEAD_SECONDS

    def __init__(self, repo: Repo, port: int = 0, lang: str = "en"):
        super().__init__(("127.0.0.1", port), Handler)
        self.repo, self.lang = repo, lang
        self.token = secrets.token_urlsafe(32)     # the session: the cookie's value, never printed
        self.page_key = secrets.token_urlsafe(32)  # in the page, sent back in TOKEN_HEADER
        self.port = self.server_address[1]
        self.cookie_name = f"promolint-{self.port}"
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.lock = threading.Lock()  # one lint at a time: the library is not made for threads
        self.save_lock = threading.Lock()
        self._codes: dict[str, float | None] = {}  # one-time code -> expiry (None: none)
        self._heads: dict[socket.socket, float] = {}  # connections still sending their head
        self._open: dict[socket.socket, float] = {}   # every connection served, since when
        self._guard = threading.Lock()  # for the two dicts above and the newest lints
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self._newest: dict[str, int] = {}  # a draft's path -> the newest lint asked for it
        self._numbers = itertools.count(1)

    def warm_up(self) -> None:
        """Import the checks and lint the repo once before the page asks (about a second
        cold; the page's first request waits on the lock instead of doing it)."""
        with self.lock:
            try:
                self.repo.lint_all()
                (static_root() / "index.html").read_bytes()
            except Exception:  # noqa: BLE001 - the page's own request reports any problem
                pass

    # -- the way in: one-time codes ------------------------------------------------
    def new_code(self, seconds: float | None = None) -> str:
        code = secrets.token_urlsafe(16)
        with self._guard:
            self._codes[code] = None if seconds is None else time.monotonic() + seconds
        return code

    def spend(self, code: str | None) -> bool:
        """True once for a code this server gave out (and not expired)."""
        if not code:
            return False
        with self._guard:
            for known, expiry in list(self._codes.items()):
                if hmac.compare_digest(known.encode(), code.encode()):
                    del self._codes[known]
                    return expiry is None or time.monotonic() < expiry
        return False

    def address(self, seconds: float | None = None) -> str:
        return f"http://127.0.0.1:{self.port}/?code={self.new_code(seconds)}"

    # -- bounded connections -------------------------------------------------------
    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            self._evict_slowest()
            if not self._slots.acquire(timeout=1.0):
                return self._busy(request)
        with self._guard:
            self._open[request] = time.monotonic()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._forget(request)
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._forget(request)

    def _forget(self, request) -> None:
        with self._guard:
            self._heads.pop(request, None)
            self._open.pop(request, None)
        self._slots.release()

    def sending_head(self, conn, sending: bool) -> None:
        with self._guard:
            if sending:
                self._heads[conn] = time.monotonic()
            else:
                self._heads.pop(conn, None)

    def _evict_slowest(self) -> None:
        """Make room: cut the connection that has been sending its head the longest, else
        the oldest one (a client that does not read its answer holds its slot too)."""
        with self._guard:
            pool = self._heads or self._open
            if not pool:
                return
            conn = min(pool, key=pool.get)
            pool.pop(conn)
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _busy(self, request) -> None:
        try:
            request.setblocking(False)
            request.send(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                         b"Connection: close\r\n\r\n")
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request, client_address):  # a dropped connection is not news
        pass

    # -- superseded lints ----------------------------------------------------------
    def ask_lint(self, key: str) -> int:
        with self._guard:
            number = self._newest[key] = next(self._numbers)
        return number

    def superseded(self, key: str, number: int) -> bool:
        with self._guard:
            return self._newest.get(key) != number


class _Deadline(socket.SocketIO):
    """A socket reader whose reads together end by `deadline` (time.monotonic()): the
    socket's own timeout would restart on every byte a slow client sends."""

    deadline: float | None = None

    def readinto(self, buffer):
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request did not arrive in time")
            self._sock.settimeout(left)
        return super().readinto(buffer)


class Handler(BaseHTTPRequestHandler):
    server: PageServer
    protocol_version = "HTTP/1.1"
    server_version = "promolint-serve"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal shows the URL only
        pass

    # -- reading under deadlines ---------------------------------------------------
    def setup(self):
        self.connection = self.request
        self.connection.settimeout(self.server.head_seconds)
        self.reader = _Deadline(self.connection, "rb")
        self.rfile = io.BufferedReader(self.reader)
        self.wfile = socketserver._SocketWriter(self.connection)

    def handle_one_request(self):
        self.reader.deadline = time.monotonic() + self.server.head_seconds
        self.server.sending_head(self.connection, True)
        try:
            super().handle_one_request()
        finally:
            self.server.sending_head(self.connection, False)

    def parse_request(self):
        ok = super().parse_request()  # reads the headers, still under the head's deadline
        self.server.sending_head(self.connection, False)
        self.reader.deadline = None
        self.connection.settimeout(BODY_SECONDS)
        return ok

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

    def _session_ok(self) -> bool:
        """The session cookie and the page key (an /api call sends both)."""
        try:
            jar = SimpleCookie(self.headers.get("Cookie", ""))
        except CookieError:
            return False
        morsel = jar.get(self.server.cookie_name)
        return morsel is not None and hmac.compare_digest(morsel.value.encode(), self.server.token.encode())

    def _key_ok(self) -> bool:
        given = self.headers.get(TOKEN_HEADER)
        return given is not None and hmac.compare_digest(given.encode(), self.server.page_key.encode())

    def _deny(self, status: HTTPStatus, key: str) -> bool:
        self._json({"error": api.error_text(key)}, status)
        return False

    # -- methods -------------------------------------------------------------------
    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._allowed():
            return
        parts = urlsplit(self.path)
        if parts.path == "/":
            if parts.query and (self._session_ok()
                                or self.server.spend(parse_qs(parts.query).get("code", [None])[0])):
                return self._enter()  # the code leaves the address bar (and history)
            if not self._session_ok():
                return self._deny(HTTPStatus.FORBIDDEN, "bad-token")
            return self._page()
        if parts.path.startswith("/static/"):
            return self._static(parts.path[len("/static/"):])
        if parts.path.startswith("/api/"):
            if not (self._session_ok() and self._key_ok()):
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
        if not (self._session_ok() and self._key_ok()):
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
        self.reader.deadline = time.monotonic() + BODY_SECONDS
        try:
            raw = self.rfile.read(int(length))
        finally:
            self.reader.deadline = None
        try:
            data = json.loads(raw.decode("utf-8"), parse_float=Decimal)
        except (UnicodeDecodeError, ValueError, RecursionError, decimal.DecimalException):
            data = None  # 1e999...9 is no number a Decimal holds: the same one clear answer
        if not isinstance(data, dict):
            self._deny(HTTPStatus.BAD_REQUEST, "bad-json")
            return None
        return data

    def _call(self, name: str, args: dict, method: str) -> None:
        route = api.ROUTES.get((method, name))
        if route is None:
            return self._deny(HTTPStatus.NOT_FOUND, "not-found")
        try:
            if (method, name) in UNLOCKED:
                data = route(self.server.repo, args)
            elif (method, name) == ("POST", "lint"):
                key = str(args.get("path"))
                number = self.server.ask_lint(key)
                with self.server.lock:
                    if self.server.superseded(key, number):  # a newer keystroke is waiting
                        return self._json({"superseded": True})
                    data = route(self.server.repo, args)
            else:
                with self.server.lock:
                    data = route(self.server.repo, args)
        except Refused as err:
            return self._json({"error": api.error_text(err.key, **err.args_), "key": err.key,
                               **err.data}, err.status)
        except ConfigError as err:  # the user's config: their mistake, with its fix
            return self._json({"error": api.config_text(err, self.server.repo), "key": "config"},
                              HTTPStatus.UNPROCESSABLE_ENTITY)
        except Exception as err:  # noqa: BLE001 - a bug is one line on the page, never a traceback
            return self._json({"error": api.error_text("internal", problem=f"{type(err).__name__}: {err}")},
                              HTTPStatus.INTERNAL_SERVER_ERROR)
        self._json(data)

    # -- responses -----------------------------------------------------------------
    def _enter(self) -> None:
        """The session cookie, and the page again without the code in its address."""
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", "/")
        self.send_header("Set-Cookie", f"{self.server.cookie_name}={self.server.token}; "
                                       "HttpOnly; SameSite=Strict; Path=/")
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()

    def _page(self) -> None:
        from html import escape
        text = (static_root() / "index.html").read_text("utf-8")
        text = text.replace("{{TOKEN}}", escape(self.server.page_key)).replace(
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
    """Serve until Ctrl-C; prints an address and hands the browser another, each with a
    one-time code (the browser's short-lived: its command line is readable by others)."""
    server = PageServer(repo, port, lang)
    threading.Thread(target=server.warm_up, daemon=True).start()
    say(f"promolint serve: {server.address()}")
    say("  (Ctrl-C stops it; the address opens the page once)" if lang != "zh"
        else "  (按 Ctrl-C 停止;此地址只能打开一次页面)")
    if open_browser:
        import webbrowser
        threading.Thread(target=webbrowser.open, args=(server.address(BROWSER_CODE_SECONDS),),
                         daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
