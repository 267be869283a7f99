"""A model server on 127.0.0.1 speaking the two protocols `tts-assets models pull` uses.

- The Hugging Face Hub's `resolve`: HEAD and GET `/{repo}/resolve/{revision}/{path}`,
  answered with `X-Repo-Commit` and `ETag` (the git blob id), and for a large (LFS) file
  `X-Linked-Etag` (its sha256) and `X-Linked-Size`, then a 302 to the file's content
  (`/cdn/{sha256}`) as the Hub redirects to its CDN; `Range` answered with 206; an
  unknown file 404 with `X-Error-Code: EntryNotFound` (`RepoNotFound`,
  `RevisionNotFound` likewise).
- GitHub's release downloads: GET `/{owner}/{repo}/releases/download/{tag}/{asset}`
  redirects (302) to `/release-assets/{sha256}?sig=...`, which serves the file.

Faults to inject, set on the server between requests: `drop_after` (the next body
longer than that is cut after that many bytes and the connection closed),
`ignore_range` (answer 200 with the whole file), `omit` (header names left out of the
Hub's answers), `wrong` (the sha256 of files served with other bytes), `hold` (an Event
the body waits for after its first bytes; `holding` is set when it waits). `gets`
counts the GETs of each content, `ranges` lists their Range headers and `asked_at` when
each was asked for (time.monotonic()).

A lying or struggling server: `busy` (answers such as `(503, {"Retry-After": "1"})` given
to the next requests for a body, one each, before the file is served), `page` (the next
bodies are this proxy page instead, with 200, `page_type` and a Content-Length unless
`page_chunked`), `drip` (seconds between the bytes of a body, sent one at a time),
`encoding` (a Content-Encoding header sent with bodies as they are), `raw` (the bytes
served in place of every body, with `encoding`: a gzip bomb), `endless` (bodies never
end: chunks of zeros for ever), `location` (where every redirect points: a loop to
itself, `javascript:`...).
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class ModelServer:
    """The files served and the faults to inject; `url` once started."""

    hub: dict[tuple[str, str, str], bytes] = field(default_factory=dict)
    """(repo, revision, path): content, on the Hub."""
    commits: dict[tuple[str, str], str] = field(default_factory=dict)
    """(repo, revision): the commit a revision (a tag, a branch) resolves to."""
    releases: dict[tuple[str, str, str], bytes] = field(default_factory=dict)
    """(owner/repo, tag, asset): content, as GitHub release assets."""
    lfs_from: int = 1024
    """Files from this size on are LFS files on the Hub (sha256 ETag, CDN redirect)."""
    drop_after: int | None = None
    ignore_range: bool = False
    omit: set[str] = field(default_factory=set)
    wrong: set[str] = field(default_factory=set)
    """The sha256 of files served with other bytes (same size) than published."""
    hold: threading.Event | None = None
    holding: threading.Event = field(default_factory=threading.Event)
    gets: Counter[str] = field(default_factory=Counter)
    heads: Counter[str] = field(default_factory=Counter)
    ranges: list[str] = field(default_factory=list)
    """The Range header of every body asked for ("" for none), in order."""
    asked_at: list[float] = field(default_factory=list)
    busy: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    page: bytes | None = None
    page_type: str = "text/html; charset=utf-8"
    page_chunked: bool = False
    drip: float | None = None
    encoding: str | None = None
    raw: bytes | None = None
    endless: bool = False
    location: str | None = None
    url: str = ""

    def content(self, digest: str) -> bytes | None:
        for data in [*self.hub.values(), *self.releases.values()]:
            if sha256(data) == digest:
                return data
        return None


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "model-server"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle's algorithm on, the body waits
    # for the client's delayed ACK of the headers (some 15 ms a file on loopback).
    disable_nagle_algorithm = True
    state: ModelServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _route(self, *, head: bool) -> None:
        path = urllib.parse.urlsplit(self.path).path
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if parts[0] == "cdn" and len(parts) == 2:
            return self._serve(parts[1], head=head)
        if parts[0] == "release-assets" and len(parts) == 2:
            return self._serve(parts[1], head=head)
        if len(parts) >= 5 and parts[2] == "resolve":
            repo, revision, file = f"{parts[0]}/{parts[1]}", parts[3], "/".join(parts[4:])
            return self._resolve(repo, revision, file, head=head)
        if len(parts) == 6 and parts[2:4] == ["releases", "download"]:
            data = self.state.releases.get((f"{parts[0]}/{parts[1]}", parts[4], parts[5]))
            if data is None:
                return self._status(404)
            where = self.state.location or f"/release-assets/{sha256(data)}?sig=abc"
            self._status(302, {"Location": where})
            return None
        return self._status(404)

    def _resolve(self, repo: str, revision: str, file: str, *, head: bool) -> None:
        s = self.state
        repos = {r for r, _, _ in s.hub}
        if repo not in repos:
            return self._status(404, {"X-Error-Code": "RepoNotFound"})
        commit = s.commits.get((repo, revision), revision)
        if not any(r == repo and c == revision for r, c, _ in s.hub):
            return self._status(404, {"X-Error-Code": "RevisionNotFound"})
        data = s.hub.get((repo, revision, file))
        if data is None:
            return self._status(404, {"X-Error-Code": "EntryNotFound"})
        headers = {"X-Repo-Commit": commit, "ETag": f'"{_blob_id(data)}"'}
        if len(data) >= s.lfs_from:
            headers["X-Linked-Etag"] = f'"{sha256(data)}"'
            headers["X-Linked-Size"] = str(len(data))
            headers["Location"] = s.location or f"{s.url}/cdn/{sha256(data)}"  # the CDN
            headers = {k: v for k, v in headers.items() if k not in s.omit}
            if head:
                s.heads[file] += 1
            return self._status(302, headers)
        headers = {k: v for k, v in headers.items() if k not in s.omit}
        if head:
            s.heads[file] += 1
            return self._status(200, headers)
        return self._body(file, data, headers)

    def _serve(self, digest: str, *, head: bool) -> None:
        data = self.state.content(digest)
        if data is None:
            return self._status(404)
        if head:
            return self._status(200, {"Accept-Ranges": "bytes"})
        return self._body(digest, data, {})

    def _body(self, key: str, data: bytes, headers: dict[str, str]) -> None:
        s = self.state
        s.gets[key] += 1
        s.ranges.append(self.headers.get("Range", ""))
        s.asked_at.append(time.monotonic())
        if s.busy:
            code, said = s.busy.pop(0)
            return self._status(code, said)
        if s.page is not None:
            return self._page(s.page)
        if s.raw is not None or s.endless:
            return self._unending(s.raw)
        if sha256(data) in s.wrong:
            data = bytes(b ^ 0x5A for b in data)
        start = 0
        wanted = self.headers.get("Range", "")
        if wanted.startswith("bytes=") and not s.ignore_range:
            start = int(wanted[6:].split("-")[0])
        if start >= len(data) and start:
            return self._status(416, {"Content-Range": f"bytes */{len(data)}"})
        body = data[start:]
        self.send_response(206 if start else 200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(len(body)))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        if s.encoding:
            self.send_header("Content-Encoding", s.encoding)
        self.end_headers()
        if s.drip is not None:
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(s.drip)
            except OSError:  # the client gave up on the slow body: what a drip is for
                self.close_connection = True
            return None
        cut = s.drop_after
        if cut is not None and cut < len(body):
            s.drop_after = None  # once
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            return None
        if s.hold is not None:
            first = max(1, len(body) // 4)
            self.wfile.write(body[:first])
            self.wfile.flush()
            s.holding.set()
            s.hold.wait(10)
            body = body[first:]
        self.wfile.write(body)
        return None

    def _page(self, page: bytes) -> None:
        """A proxy's page, with 200, in place of the file."""
        self.send_response(200)
        self.send_header("Content-Type", self.state.page_type)
        if self.state.page_chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page))
            return
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def _unending(self, raw: bytes | None) -> None:
        """`raw` as the body (with `encoding`), or with `endless` zeros until the client
        goes away, chunked."""
        self.send_response(200)
        if self.state.encoding:
            self.send_header("Content-Encoding", self.state.encoding)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunks = iter([raw]) if raw is not None else iter(lambda: bytes(1 << 16), None)
        try:
            for chunk in chunks:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client stopped reading: what an endless body is for
            self.close_connection = True

    def _status(self, code: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


@contextmanager
def serving(state: ModelServer) -> Iterator[ModelServer]:
    """Serve `state` on 127.0.0.1 (a free port) for the block; `state.url` is its base."""
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # Polled every 5 ms: `shutdown` waits for the poll, at every test's end (at 50 ms, the
    # pull tests spent more time stopping their servers than pulling).
    thread = threading.Thread(
        target=server.serve_forever, args=(0.005,), name="model-server", daemon=True
    )
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        if state.hold is not None:
            state.hold.set()
        server.shutdown()
        server.server_close()
        thread.join()
