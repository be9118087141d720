"""Issue 21, the page: no secret on the browser's command line, a bounded server (connections,
a deadline on the request head), superseded lints dropped, a number out of range answered,
hidden folders judged on the resolved path, and a save made against the version opened.
Real server, real sockets; each test failed on the code before it."""
from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time

import pytest

from tests.serve.test_serve_security import request, status_of

SECRET = "TOKEN=do-not-leak\n"


def exchange(server, code: str):
    """GET /?code=...: the status, the Set-Cookie header and where it sends the browser."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", f"/?code={code}", headers={"Host": f"127.0.0.1:{server.port}"})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status, resp.getheader("Set-Cookie") or "", resp.getheader("Location")


def test_the_browser_and_the_terminal_get_no_secret(served, monkeypatch):
    from promolint.serve import server as module
    opened, said = [], []
    monkeypatch.setattr("webbrowser.open", opened.append)
    started = []

    def forever(self, poll_interval=0.5):  # stands in for the loop: wait for the browser, stop
        started.append(self)
        for _ in range(100):
            if opened:
                return
            time.sleep(0.05)

    monkeypatch.setattr(module.PageServer, "serve_forever", forever)
    module.serve_forever(served.repo, 0, "en", open_browser=True, say=said.append)
    (page,) = started
    assert opened and page.token not in opened[0] and "token" not in opened[0]
    assert not any(page.token in line for line in said)


def test_a_code_opens_the_page_once_and_sets_a_strict_http_only_cookie(served):
    code = served.new_code()
    status, cookie, where = exchange(served, code)
    assert status in (302, 303) and where == "/"  # the code leaves the address bar
    attrs = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert cookie.startswith(f"{served.cookie_name}={served.token}")
    assert {"httponly", "samesite"} <= attrs and "samesite=strict" in cookie.lower().replace(" ", "")
    assert exchange(served, code)[0] == 403  # spent: the printed address works for one person
    assert exchange(served, "nope")[0] == 403
    assert status_of(served, "GET", "/") == 200 and status_of(served, "GET", "/api/repo") == 200


def test_a_slow_request_head_is_cut_at_its_deadline(served):
    served.head_seconds = 1.0
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
        sock.sendall(b"GET /api/repo HTTP/1.1\r\n")
        began = time.monotonic()
        closed = False
        while time.monotonic() - began < 4:  # one header line every 0.2 s: each read is quick
            try:
                sock.sendall(b"X-Slow: 1\r\n")
                sock.settimeout(0.2)
                if sock.recv(1024) == b"":
                    closed = True
                    break
            except socket.timeout:
                continue
            except OSError:
                closed = True
                break
        assert closed and time.monotonic() - began < 3


def test_a_flood_of_slow_connections_neither_grows_threads_nor_stops_answers(served):
    served.head_seconds = 30.0
    before = threading.active_count()
    socks = []
    try:
        for _ in range(120):
            sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
            sock.sendall(b"GET /api/repo HTTP/1.1\r\nHost: x\r\n")  # and never the end of the head
            socks.append(sock)
        time.sleep(0.5)
        assert threading.active_count() - before <= 32 + 4  # MAX_CONNECTIONS, not one per socket
        cpu = time.process_time()
        time.sleep(1.0)
        assert time.process_time() - cpu < 0.5  # the accept loop does not spin
        began = time.monotonic()
        assert status_of(served, "GET", "/api/repo") == 200
        assert time.monotonic() - began < 10
    finally:
        for sock in socks:
            sock.close()


def test_a_lint_superseded_by_a_newer_one_for_its_file_is_dropped(served, monkeypatch):
    real, ran = served.repo.lint_draft, []

    def slow(path, text):
        ran.append(text)
        time.sleep(0.6)
        return real(path, text)

    monkeypatch.setattr(served.repo, "lint_draft", slow)
    answers = {}

    def lint(n):
        answers[n] = request(served, "POST", "/api/lint", {"path": "drafts/d.promo.yaml", "text": f"# {n}\n"})

    threads = [threading.Thread(target=lint, args=(n,)) for n in range(5)]
    for thread in threads:  # one typing pause after another while the first still runs
        thread.start()
        time.sleep(0.1)
    began = time.monotonic()
    saved = request(served, "POST", "/api/save", {"path": "drafts/other.promo.yaml", "text": "x: 1\n"})
    assert saved[0] == 200 and time.monotonic() - began < 0.5  # a save never waits on a lint
    for thread in threads:
        thread.join(30)
    assert ran[0] == "# 0\n" and ran[-1] == "# 4\n" and len(ran) <= 2
    assert all(answers[n][0] == 200 for n in range(5))
    assert json.loads(answers[4][1])["path"] == "drafts/d.promo.yaml"
    assert all(json.loads(answers[n][1]).get("superseded") for n in (1, 2, 3))


def test_a_number_out_of_range_is_one_clear_answer(served):
    raw = b'{"path": "d.promo.yaml", "text": "", "x": 1e' + b"9" * 100 + b"}"
    code, body = request(served, "POST", "/api/lint", raw_body=raw, headers={"Content-Type": "application/json"})
    assert code == 400 and set(json.loads(body)["error"]) == {"en", "zh"}


def test_hidden_folders_are_judged_on_the_resolved_path(served):
    root = served.repo.root
    (root / ".git").mkdir()
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".env").write_text(SECRET, encoding="utf-8")
    (root / "drafts").symlink_to(".git")
    (root / "ci").symlink_to(".github/workflows")
    (root / "x.promo.yaml").symlink_to(".env")
    for path in ("drafts/draft.promo.yaml", "ci/deploy.promo.yml"):
        assert status_of(served, "POST", "/api/save", {"path": path, "text": "x: 1\n"}) == 403
    assert os.listdir(root / ".git") == [] and os.listdir(root / ".github" / "workflows") == []
    code, body = request(served, "GET", "/api/file?path=x.promo.yaml")
    assert code == 403 and b"do-not-leak" not in body


def test_a_save_is_made_against_the_version_that_was_opened(served):
    root = served.repo.root
    target = root / "promotions" / "double11.promo.yaml"
    code, body = request(served, "GET", "/api/file?path=promotions/double11.promo.yaml")
    opened = json.loads(body)
    assert code == 200 and opened["version"]
    mine = opened["text"].replace("Double 11", "Double 11 (page)")
    target.write_text(opened["text"] + "# an edit made outside the page\n", encoding="utf-8")  # or a stale tab
    outside = target.read_bytes()
    code, body = request(served, "POST", "/api/save", {"path": "promotions/double11.promo.yaml",
                                                       "text": mine, "base": opened["version"]})
    conflict = json.loads(body)
    assert code == 409 and conflict["key"] == "conflict"
    assert conflict["theirs"] == outside.decode() and conflict["yours"] == mine  # the two versions
    assert target.read_bytes() == outside
    code, body = request(served, "POST", "/api/save", {"path": "promotions/double11.promo.yaml",
                                                       "text": mine, "base": conflict["theirs_version"]})
    assert code == 200 and target.read_text(encoding="utf-8") == mine
    again = json.loads(body)["version"]  # the next save builds on the one just made
    code, _ = request(served, "POST", "/api/save", {"path": "promotions/double11.promo.yaml",
                                                    "text": mine + "# more\n", "base": again})
    assert code == 200


@pytest.mark.parametrize("base", [None, "", "0" * 64, 42])
def test_an_existing_file_is_never_replaced_without_its_version(served, base):
    target = served.repo.root / "promotions" / "double11.promo.yaml"
    before = target.read_bytes()
    body = {"path": "promotions/double11.promo.yaml", "text": "y: 1\n"} | ({} if base is None else {"base": base})
    assert status_of(served, "POST", "/api/save", body) == 409
    assert target.read_bytes() == before


def test_connections_stalled_past_their_head_do_not_lock_the_page_out(served):
    socks = []
    try:
        for _ in range(40):  # more than the cap, each stalled in its body (a tab whose upload hangs)
            sock = socket.create_connection(("127.0.0.1", served.port), timeout=5)
            sock.sendall(f"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
                         f"Cookie: {served.cookie_name}={served.token}\r\n"
                         f"X-Promolint-Token: {served.page_key}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: 100\r\n\r\n{{".encode())
            socks.append(sock)
        time.sleep(0.5)
        began = time.monotonic()
        assert status_of(served, "GET", "/api/repo") == 200 and time.monotonic() - began < 10
    finally:
        for sock in socks:
            sock.close()
