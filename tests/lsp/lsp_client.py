"""A small JSON-RPC client that talks to `promolint lsp` over stdio, as an editor does.

Every wait has a timeout, so a server that hangs fails the test instead of the suite.
"""
from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class Client:
    def __init__(self, cwd: Path | None = None, env: dict | None = None):
        command = [sys.executable, "-m", "promolint", "lsp"]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd,
                                     env={**os.environ, **(env or {})})
        self.ids = itertools.count(1)
        self.inbox: queue.Queue = queue.Queue()
        self.responses: dict[int, dict] = {}
        self.notifications: list[dict] = []
        self.server_requests: list[dict] = []  # e.g. client/registerCapability
        self.lock = threading.Condition()
        self.writing = threading.Lock()  # the test and the reader thread both write
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._drain, daemon=True).start()

    # -- wire ---------------------------------------------------------------------
    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self.writing:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            with self.lock:
                if "id" in message and "method" in message:  # a request from the server
                    self.server_requests.append(message)
                    self.send({"id": message["id"], "result": None})
                elif "id" in message:
                    self.responses[message["id"]] = message
                else:
                    message["received"] = time.monotonic()
                    self.notifications.append(message)
                self.lock.notify_all()

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)

    # -- calls --------------------------------------------------------------------
    def request(self, method: str, params=None, timeout: float = 10.0):
        number = next(self.ids)
        self.send({"id": number, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: number in self.responses, timeout):
                raise TimeoutError(f"no answer to {method} in {timeout}s")
            answer = self.responses.pop(number)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer["result"]

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def wait_diagnostics(self, uri: str, after: int = 0, timeout: float = 10.0,
                         version: int | None = None) -> dict:
        """The first publishDiagnostics for `uri` among notifications[after:]
        (of `version` when given)."""
        def found():
            for note in self.notifications[after:]:
                params = note.get("params") or {}
                if (note.get("method") == "textDocument/publishDiagnostics"
                        and params.get("uri") == uri
                        and (version is None or params.get("version") == version)):
                    return note
            return None
        with self.lock:
            if not self.lock.wait_for(lambda: found() is not None, timeout):
                raise TimeoutError(f"no diagnostics for {uri} in {timeout}s")
            return found()

    # -- the protocol's life cycle -----------------------------------------------------
    def initialize(self, root: Path, locale: str = "en", workspace: dict | None = None) -> dict:
        capabilities = {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}
        if workspace is not None:
            capabilities["workspace"] = workspace
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "locale": locale,
            "capabilities": capabilities,
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "yaml") -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}})
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def shutdown(self, timeout: float = 10.0) -> int:
        self.request("shutdown", None, timeout)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
