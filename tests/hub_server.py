"""A loopback Hugging Face Hub: the HTTP API huggingface_hub 2.4 calls, for real.

`FakeHub` runs a ThreadingHTTPServer on 127.0.0.1 (port 0) in a daemon thread and
answers like the Hub does:
- GET /api/models?search=&filter=gguf&sort=&limit=: the list (descending sort)
- GET /api/models/{repo}[/revision/{rev}][?blobs=true]: model info with siblings
  (size, blobId, lfs {sha256, size, pointerSize}), sha, gated, private, ...
- HEAD/GET /{repo}/resolve/{rev}/{path}: for LFS files a 302 to a CDN URL with
  X-Repo-Commit, X-Linked-Etag (the sha256) and X-Linked-Size, like the Hub. The CDN
  lives on the same server under the name "localhost", so it is another origin (as
  the real CDN is) and huggingface_hub does not forward the token there.
- HEAD/GET /cdn/{repo}/{path} on the CDN: the bytes, with Range -> 206 + Content-Range.
Errors carry the Hub's X-Error-Code / X-Error-Message headers (RepoNotFound,
RevisionNotFound, EntryNotFound, GatedRepo), which huggingface_hub maps to its errors.

Knobs: `add_repo` (bytes or a path per file, gated/private with a token),
then per file (`hub.file(repo, name)`) `advertised_size`, `corrupt` (or `corrupt_at`),
`drop_after` (with `drop_reset` for a TCP reset), `on_sent`; per server `ignore_range`
and `info_reply`. Every request lands in `log` (method, path, query, Range, status,
body bytes sent, whether auth was sent).
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

# Before anything imports huggingface_hub: hub_api turns its telemetry off, which it reads
# once at import (otherwise its first call would also ask huggingface.co itself).
import desktop.backends.hub_api  # noqa: F401

BLOCK = 256 * 1024
_SHA_CACHE: dict[Path, str] = {}


def sha256_of(source: bytes | Path) -> str:
    """sha256 of bytes or of a file (cached per path: the starter model is 98 MB)."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    if source not in _SHA_CACHE:
        digest = hashlib.sha256()
        with open(source, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        _SHA_CACHE[source] = digest.hexdigest()
    return _SHA_CACHE[source]


@dataclass
class RepoFile:
    """A file the fake Hub serves, and the test knobs that bend it."""

    name: str
    source: bytes | Path
    size: int
    sha256: str
    lfs: bool = True
    advertised_size: int | None = None  # what the API and HEAD claim, if not `size`
    corrupt: bool = False  # serve the same size with one byte flipped (the middle one)
    corrupt_at: int | None = None  # ... or the byte at this offset
    drop_after: int | None = None  # close the connection once after this many body bytes
    drop_reset: bool = False  # ... with a TCP reset (RST) instead of a clean close (FIN)
    on_sent: tuple[int, object] | None = None  # (bytes, callback) once per file

    def read(self, start: int, length: int) -> bytes:
        if isinstance(self.source, bytes):
            data = self.source[start:start + length]
        else:
            with open(self.source, "rb") as f:
                f.seek(start)
                data = f.read(length)
        flip = self.size // 2 if self.corrupt else self.corrupt_at
        if flip is not None and start <= flip < start + len(data):
            i = flip - start
            data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
        return data


@dataclass
class Repo:
    """A model repository on the fake Hub."""

    repo_id: str
    sha: str
    files: dict[str, RepoFile]
    gated: bool = False
    private: bool = False
    token: str | None = None
    downloads: int = 0
    likes: int = 0
    last_modified: str = "2024-01-01T00:00:00.000Z"
    tags: tuple[str, ...] = ("gguf",)


@dataclass
class Logged:
    """One request the fake Hub answered."""

    method: str
    path: str
    range: str | None
    auth: bool
    query: str = ""
    status: int = 0
    sent: int = 0  # body bytes handed to the socket (all of them, unless the client left)


@dataclass
class FakeHub:
    """The server and its repositories. `endpoint` goes into HF_ENDPOINT."""

    repos: dict[str, Repo] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    ignore_range: bool = False
    info_reply: tuple[int, bytes] | None = None  # replaces every model-info answer

    def __post_init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.hub = self  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.cdn = f"http://localhost:{self.port}"
        self._lock = threading.Lock()
        # A short poll: shutdown() waits for it, once per test.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True, name="fake-hub")
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def add_repo(self, repo_id: str, files: dict[str, bytes | Path], **options: object) -> str:
        """Publish `files` under `repo_id` (options: Repo fields); returns the commit sha."""
        sha = hashlib.sha1(repo_id.encode()).hexdigest()
        served = {}
        for name, source in files.items():
            size = len(source) if isinstance(source, bytes) else source.stat().st_size
            served[name] = RepoFile(name, source, size, sha256_of(source),
                                    lfs=not name.endswith(".md"))
        self.repos[repo_id] = Repo(repo_id, sha, served, **options)  # type: ignore[arg-type]
        return sha

    def file(self, repo_id: str, name: str) -> RepoFile:
        return self.repos[repo_id].files[name]

    def record(self, entry: Logged) -> Logged:
        with self._lock:
            self.log.append(entry)
        return entry

    def body_gets(self, name: str) -> list[Logged]:
        """The CDN GETs that served the file `name`."""
        return [e for e in self.log
                if e.method == "GET" and e.path.startswith("/cdn/") and e.path.endswith(name)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the Hub; every reply has a length
    timeout = 10  # an idle kept-alive connection's thread ends on its own

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    @property
    def hub(self) -> FakeHub:
        return self.server.hub  # type: ignore[attr-defined]

    def _dispatch(self, head: bool) -> None:
        url = urlsplit(self.path)
        self.entry = self.hub.record(Logged(self.command, url.path, self.headers.get("Range"),
                                            "Authorization" in self.headers, url.query))
        query = parse_qs(url.query)
        parts = [unquote(p) for p in url.path.split("/")[1:]]
        if parts[:2] == ["api", "models"] and len(parts) == 2:
            self._list(query)
        elif parts[:2] == ["api", "models"] and len(parts) >= 4:
            revision = parts[5] if len(parts) >= 6 and parts[4] == "revision" else "main"
            self._info("/".join(parts[2:4]), revision, query)
        elif len(parts) >= 5 and parts[2] == "resolve":
            self._resolve("/".join(parts[:2]), parts[3], "/".join(parts[4:]), head)
        elif parts[0] == "cdn" and len(parts) >= 4:
            self._cdn("/".join(parts[1:3]), "/".join(parts[3:]), head)
        else:
            self._error(404, "", "Not Found")

    # ---- the API -----------------------------------------------------------------------

    def _list(self, query: dict[str, list[str]]) -> None:
        search = (query.get("search") or [""])[0].lower()
        tags = set(query.get("filter", []))
        repos = [r for r in self.hub.repos.values() if not r.private
                 and search in r.repo_id.lower() and tags <= set(r.tags)]
        key = (query.get("sort") or [""])[0]
        if key in ("downloads", "likes", "lastModified"):
            field_name = {"lastModified": "last_modified"}.get(key, key)
            repos.sort(key=lambda r: getattr(r, field_name), reverse=True)
        limit = int((query.get("limit") or [len(repos)])[0])
        self._json(200, [self._summary(r) for r in repos[:limit]])

    def _summary(self, repo: Repo) -> dict:
        return {"_id": repo.sha[:24], "id": repo.repo_id, "modelId": repo.repo_id,
                "downloads": repo.downloads, "likes": repo.likes,
                "lastModified": repo.last_modified, "createdAt": repo.last_modified,
                "gated": "manual" if repo.gated else False, "private": repo.private,
                "tags": list(repo.tags), "library_name": "gguf"}

    def _info(self, repo_id: str, revision: str, query: dict[str, list[str]]) -> None:
        if self.hub.info_reply is not None:
            self._raw(*self.hub.info_reply)
            return
        repo = self._repo(repo_id, revision, metadata=True)
        if repo is None:
            return
        blobs = query.get("blobs") == ["True"] or query.get("blobs") == ["true"]
        siblings = []
        for f in repo.files.values():
            sibling: dict = {"rfilename": f.name}
            if blobs:
                size = f.advertised_size or f.size
                sibling |= {"size": size, "blobId": hashlib.sha1(f.name.encode()).hexdigest()}
                if f.lfs:
                    sibling["lfs"] = {"sha256": f.sha256, "size": size, "pointerSize": 134}
            siblings.append(sibling)
        self._json(200, {**self._summary(repo), "sha": repo.sha, "siblings": siblings})

    def _repo(self, repo_id: str, revision: str, metadata: bool = False) -> Repo | None:
        """The repo if this request may see it at `revision`; else the Hub's error is sent."""
        repo = self.hub.repos.get(repo_id)
        auth = self.headers.get("Authorization")
        if repo is None:
            self._error(404, "RepoNotFound", "Repository not found")
            return None
        authorized = repo.token is not None and auth == f"Bearer {repo.token}"
        if repo.private and not authorized:
            # The Hub answers 401 to anonymous requests for a private repo.
            self._error(404 if auth else 401, "RepoNotFound", "Repository not found")
        elif repo.gated and not metadata and not authorized:
            # Gated: the model card is public, the files are not.
            self._error(403 if auth else 401, "GatedRepo",
                        f"Access to model {repo_id} is restricted.")
        elif revision not in ("main", repo.sha):
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        else:
            return repo
        return None

    # ---- files -------------------------------------------------------------------------

    def _resolve(self, repo_id: str, revision: str, name: str, head: bool) -> None:
        repo = self._repo(repo_id, revision)
        if repo is None:
            return
        f = repo.files.get(name)
        if f is None:
            self._error(404, "EntryNotFound", f"{name} does not exist on \"{revision}\"",
                        {"X-Repo-Commit": repo.sha})
            return
        if not f.lfs:
            self._send_body(f, head, {"X-Repo-Commit": repo.sha})
            return
        self.entry.status = 302
        self.send_response(302)
        self.send_header("Location", f"{self.hub.cdn}/cdn/{repo_id}/{quote(name)}")
        self.send_header("X-Repo-Commit", repo.sha)
        self.send_header("X-Linked-Etag", f'"{f.sha256}"')
        self.send_header("X-Linked-Size", str(f.advertised_size or f.size))
        self.send_header("ETag", f'"{hashlib.sha1(name.encode()).hexdigest()}"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _cdn(self, repo_id: str, name: str, head: bool) -> None:
        repo = self.hub.repos.get(repo_id)
        f = repo.files.get(name) if repo else None
        if f is None:
            self._error(404, "", "NoSuchKey")
            return
        self._send_body(f, head, {})

    def _send_body(self, f: RepoFile, head: bool, headers: dict[str, str]) -> None:
        start, end = 0, f.size - 1
        ranged = self.headers.get("Range", "").removeprefix("bytes=")
        status = 200
        if ranged and not self.hub.ignore_range:
            first, _, last = ranged.partition("-")
            start, end = int(first), int(last) if last else f.size - 1
            if start >= f.size:
                self._error(416, "", "Range Not Satisfiable")
                return
            status = 206
        self.entry.status = status
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("ETag", f'"{f.sha256}"')
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start + 1))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{f.size}")
        self.end_headers()
        if not head:
            self._stream(f, start, end + 1)

    def _stream(self, f: RepoFile, start: int, stop: int) -> None:
        try:
            offset = start
            while offset < stop:
                budget = stop - offset
                if f.drop_after is not None:
                    budget = min(budget, f.drop_after - self.entry.sent)
                    if budget <= 0:  # once: the retry gets the whole range
                        f.drop_after = None
                        self.close_connection = True
                        if f.drop_reset:
                            self._reset()
                        return
                data = f.read(offset, min(BLOCK, budget))
                # Counted before writing: the client may finish reading (and the test
                # read the log) before write() returns here.
                self.entry.sent += len(data)
                self.wfile.write(data)
                offset += len(data)
                if f.on_sent is not None and self.entry.sent >= f.on_sent[0]:
                    callback, f.on_sent = f.on_sent[1], None
                    callback()  # type: ignore[operator]
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading: a pause or a cancel

    def _reset(self) -> None:
        """End the connection with a TCP RST, as a crashed proxy or a NAT timeout does."""
        # Linger 0 makes close() send RST; the socket closes for real when the handler
        # closes its rfile (socketserver's later shutdown() of it is a no-op).
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _json(self, status: int, payload: object) -> None:
        self._raw(status, json.dumps(payload).encode())

    def _raw(self, status: int, body: bytes) -> None:
        self.entry.status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.entry.sent = len(body)
        self.wfile.write(body)

    def _error(self, status: int, code: str, message: str,
               headers: dict[str, str] | None = None) -> None:
        body = json.dumps({"error": message}).encode()
        self.entry.status = status
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
        self.send_header("X-Error-Message", message)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture
def fake_hub(tmp_path, monkeypatch):
    """A running FakeHub with HF_ENDPOINT pointing at it and HF_HOME isolated."""
    from huggingface_hub.utils import close_session

    hub = FakeHub()
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    yield hub
    close_session()  # closes kept-alive connections, so the server's threads end
    hub.close()
