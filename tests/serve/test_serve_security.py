"""`promolint serve` guards: loopback only, Host/Origin (DNS rebinding), the per-run token,
paths inside the repo (symlinks resolved), bounded bodies. Real server, real sockets."""
from __future__ import annotations

import http.client
import json
import os
from pathlib import Path

import pytest

from promolint.serve.server import MAX_BODY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def request(server, method, path, body=None, headers=None, token=True, raw_body=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    sent = {"Host": f"127.0.0.1:{server.port}"}
    if token:  # what the page sends: its session cookie and the page key
        sent["Cookie"] = f"{server.cookie_name}={server.token}"
        sent["X-Promolint-Token"] = server.page_key
    data = raw_body
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for key, value in sent.items():
        if value is not None:
            conn.putheader(key, value)
    if data is not None and "Content-Length" not in sent:
        conn.putheader("Content-Length", str(len(data)))
    conn.endheaders()
    if data is not None:
        conn.send(data)
    resp = conn.getresponse()
    payload = resp.read()
    conn.close()
    return resp.status, payload


def status_of(*args, **kwargs) -> int:
    return request(*args, **kwargs)[0]


def test_binds_loopback_only(served):
    assert served.server_address[0] == "127.0.0.1"


def test_page_needs_the_session_and_never_carries_its_secret(served):
    assert status_of(served, "GET", "/", token=False) == 403
    assert status_of(served, "GET", "/?token=wrong", token=False) == 403
    assert status_of(served, "GET", f"/?token={served.token}", token=False) == 403  # the old way
    code, page = request(served, "GET", "/")
    assert code == 200 and served.page_key.encode() in page and served.token.encode() not in page


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "",
                                  "127.0.0.1:{port}.evil.example", "localhost.evil:{port}"])
def test_a_foreign_host_header_is_refused(served, host):
    # DNS rebinding: an attacker's name resolving to 127.0.0.1 still sends its own Host.
    host = host.format(port=served.port)
    assert status_of(served, "GET", "/api/repo", headers={"Host": host}) == 403
    assert status_of(served, "GET", "/", headers={"Host": host}) == 403


def test_localhost_host_is_the_same_server(served):
    assert status_of(served, "GET", "/api/repo", headers={"Host": f"localhost:{served.port}"}) == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1",
                                    "https://127.0.0.1:{port}"])
def test_a_foreign_origin_is_refused(served, origin):
    headers = {"Origin": origin.format(port=served.port)}
    assert status_of(served, "GET", "/api/repo", headers=headers) == 403
    assert status_of(served, "POST", "/api/lint", {"path": "a.promo.yaml", "text": ""}, headers) == 403


def test_own_origin_is_accepted(served):
    headers = {"Origin": f"http://127.0.0.1:{served.port}", "Sec-Fetch-Site": "same-origin"}
    assert status_of(served, "GET", "/api/repo", headers=headers) == 200


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_fetch_metadata_from_another_site_is_refused(served, site):
    assert status_of(served, "GET", "/api/repo", headers={"Sec-Fetch-Site": site}) == 403


@pytest.mark.parametrize("method,path,body", [("GET", "/api/repo", None),
                                              ("GET", "/api/file?path=promotions/double11.promo.yaml", None),
                                              ("POST", "/api/lint", {"path": "d.promo.yaml", "text": ""}),
                                              ("POST", "/api/save", {"path": "d.promo.yaml", "text": "x"}),
                                              ("POST", "/api/eval", {"cart": "", "user": ""})])
def test_every_api_call_needs_the_token(served, method, path, body):
    assert status_of(served, method, path, body, token=False) == 403
    assert status_of(served, method, path, body, headers={"X-Promolint-Token": "x" + served.page_key}) == 403
    assert status_of(served, method, path, body, headers={"Cookie": f"{served.cookie_name}=x"}) == 403
    assert status_of(served, method, path, body, headers={"Cookie": None}) == 403
    assert not (served.repo.root / "d.promo.yaml").exists()


@pytest.mark.parametrize("path", ["../secret.promo.yaml", "promotions/../../secret.promo.yaml",
                                  "/etc/passwd", "%2e%2e/secret.promo.yaml", "..\\secret.promo.yaml",
                                  ".git/config.promo.yaml", "promolint.toml", "market_prices.csv",
                                  "promotions", "a\x00.promo.yaml"])
def test_files_outside_the_repo_or_not_promotions_are_never_read(served, path):
    from urllib.parse import quote
    code, body = request(served, "GET", "/api/file?path=" + quote(path, safe="%"))
    assert code in (400, 403, 404)
    assert b"outside: the repo" not in body and b"market_price" not in body


def test_a_symlink_out_of_the_repo_is_not_followed(served):
    root = served.repo.root
    os.symlink(root.parent / "secret.promo.yaml", root / "link.promo.yaml")
    os.symlink(root.parent, root / "up")
    for path in ("link.promo.yaml", "up/secret.promo.yaml"):
        code, body = request(served, "GET", f"/api/file?path={path}")
        assert code == 403 and b"outside: the repo" not in body
        assert status_of(served, "POST", "/api/save", {"path": path, "text": "x"}) == 403
    assert (root.parent / "secret.promo.yaml").read_text() == "outside: the repo\n"


@pytest.mark.parametrize("path", ["../evil.promo.yaml", "/tmp/evil.promo.yaml", "promolint.toml",
                                  ".git/hooks/pre-commit.promo", "drafts/../../evil.promo.yaml"])
def test_save_stays_inside_the_repo_and_on_promotion_files(served, path):
    before = (served.repo.root / "promolint.toml").read_bytes()
    assert status_of(served, "POST", "/api/save", {"path": path, "text": "x"}) in (400, 403)
    assert not (served.repo.root.parent / "evil.promo.yaml").exists()
    assert (served.repo.root / "promolint.toml").read_bytes() == before


def test_save_writes_exactly_and_never_overwrites_what_it_did_not_open(served):
    root = served.repo.root
    text = "# 满200减50\r\nid: x\n\ttab\n"  # CRLF from a paste becomes LF, the rest is kept
    code, body = request(served, "POST", "/api/save", {"path": "drafts/new.promo.yaml", "text": text})
    assert code == 200 and json.loads(body)["written"] is True
    assert (root / "drafts/new.promo.yaml").read_bytes() == text.replace("\r\n", "\n").encode()
    target = root / "promotions/double11.promo.yaml"
    before = target.read_bytes()
    code, body = request(served, "POST", "/api/save", {"path": "promotions/double11.promo.yaml", "text": "y\n",
                                                       "overwrite": True})  # the old flag means nothing now
    answer = json.loads(body)
    assert code == 409 and answer["key"] == "conflict" and answer["theirs"] == before.decode()
    assert target.read_bytes() == before
    assert status_of(served, "POST", "/api/save", {"path": "promotions/double11.promo.yaml",
                                                   "text": "y\n", "base": answer["theirs_version"]}) == 200
    assert target.read_bytes() == b"y\n"
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_oversized_bodies_are_refused_unread(served):
    # The server answers from the header alone; the 2 MiB never has to be sent.
    assert status_of(served, "POST", "/api/lint", headers={"Content-Length": str(MAX_BODY + 1),
                                                           "Content-Type": "application/json"},
                     raw_body=b"") == 413


def test_bodies_must_say_their_length_and_be_json(served):
    assert status_of(served, "POST", "/api/lint", raw_body=None,
                     headers={"Content-Type": "application/json"}) == 411
    assert status_of(served, "POST", "/api/lint", raw_body=b"path=a",
                     headers={"Content-Type": "application/x-www-form-urlencoded"}) == 415
    assert status_of(served, "POST", "/api/lint", raw_body=b"[1, 2]",
                     headers={"Content-Type": "application/json"}) == 400
    assert status_of(served, "POST", "/api/lint", raw_body=b"\xff\xfe",
                     headers={"Content-Type": "application/json"}) == 400


def test_static_files_stay_in_the_static_folder(served):
    assert status_of(served, "GET", "/static/app.js", token=False) == 200
    for path in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/../../lint.py",
                 "/static/index.html", "/static/vendor/../../repo.py"):
        assert status_of(served, "GET", path, token=False) == 404


def test_other_methods_are_refused(served):
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        assert status_of(served, method, "/api/save") == 405


def test_responses_forbid_framing_and_sniffing(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request("GET", "/", headers={"Host": f"127.0.0.1:{served.port}",
                                      "Cookie": f"{served.cookie_name}={served.token}"})
    resp = conn.getresponse()
    resp.read()
    assert "frame-ancestors 'none'" in resp.getheader("Content-Security-Policy")
    assert resp.getheader("X-Content-Type-Options") == "nosniff"
    assert resp.getheader("Access-Control-Allow-Origin") is None
    conn.close()
