"""Pulling a model: every file downloaded (or copied from a folder) into the models
folder, checked against its pin before it takes its place.

What a pull promises (a partial file resumed with HTTP `Range`, only the pinned bytes
renamed into place, a file it did not write set aside as `NAME.not-pinned-<time>`, a
lying or struggling server one line and never a kept body) is docs/models.md's
"Pulling, listing, checking"; the limits are `Stall`, `PULL_RETRY` and `MAX_REDIRECTS`.
Redirects are followed here, each checked: an http(s) URL, never one seen before in the
chain. A model's pull holds the run lock of `store.lock` on the folder
`<models folder>/.<model>.lock`, so a second pull waits and then finds it installed.

Hugging Face files are asked for with the Hub's `resolve` protocol: a HEAD first, whose
`X-Repo-Commit` says the server is a Hub (a proxy's login page is not) and whose
`X-Linked-Etag` (the sha256 of a large file) tells before any download whether the Hub
still serves the pinned file; then a GET, redirects followed. GitHub release assets are
a GET of the release-download URL, which redirects to the asset. HF_ENDPOINT and
TTS_ASSETS_GITHUB_MIRROR point them at mirrors; httpx honours the usual proxy and
certificate variables (HTTPS_PROXY, SSL_CERT_FILE, ...). TTS_ASSETS_OFFLINE=1 (or
HF_HUB_OFFLINE=1) refuses the network: only `--from DIR` installs then. A model with
other sources holding the same files (`Model.also`: Supertonic-3's archived copy) is asked
of each in turn, file by file, until one serves the pinned bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from .. import tls
from ..dirs import offline
from ..errors import DownloadFailed, InputError, ModelNotPinned, machine_fault
from ..retry import RetryPolicy, parse_retry_after
from .catalog import SERVERS, Model, ModelFile, http_url_problem
from .installed import (
    Digests,
    check_file,
    folder,
    installed,
    model_record,
    pinned_now,
    record_checked,
    vouched,
)
from .record import Checked, Record, Stamp, trusted_sha256

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")

CHUNK = 1 << 20
MAX_REDIRECTS = 10
_COMMIT = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BUSY = frozenset({429, 500, 502, 503, 504})
"""Statuses of a server that may answer later: asked again."""

PULL_RETRY = RetryPolicy(max_attempts=5, base=1.0, cap=30.0, max_retry_after=60.0)
"""How often a download is tried, and how long a pull waits between attempts."""

_HUB_ERRORS = {
    "EntryNotFound": "the file is not in the repository at that revision",
    "RevisionNotFound": "the repository has no such revision",
    "RepoNotFound": "no such repository (or it is private)",
    "GatedRepo": "the repository is gated: it needs a login",
}


@dataclass(frozen=True)
class Stall:
    """The least a download must move: `min_bytes` in every `window_s` seconds, or the
    attempt is given up (and resumed by the next)."""

    window_s: float = 60.0
    min_bytes: int = 256 * 1024

    def describe(self) -> str:
        return f"{self.min_bytes:,} bytes in {self.window_s:g} s"


class Progress(Protocol):
    """What a pull reports as it goes (the CLI draws a bar or prints lines); by default,
    nothing."""

    def waiting(self, model: str) -> None:
        """Another pull of `model` holds its lock: this one waits for it."""
        return None

    def started(self, model: str, name: str, total: int, start: int) -> None:
        """A file starts downloading (or copying), `start` bytes already there."""
        return None

    def advanced(self, done: int) -> None:
        """`done` bytes of the current file are written."""
        return None

    def finished(self, model: str, name: str, how: str) -> None:
        """A file is in place: `how` is "downloaded", "copied" or "present"."""
        return None


class Silent(Progress):
    pass


@dataclass
class Pulled:
    """What a pull did for one model."""

    model: Model
    folder: Path
    status: str
    """"present" (nothing to do) or "installed"."""
    files: dict[str, str] = field(default_factory=dict)
    """Each file's fate: "present", "downloaded", "copied"."""
    set_aside: dict[str, Path] = field(default_factory=dict)
    """The files that stood where a pinned one went, not the pinned ones and not written
    by a pull: each file's name and where it is now."""


@dataclass(frozen=True)
class _Ask:
    """How a pull talks to servers: the client, the retry policy, the least progress."""

    client: httpx.Client
    retry: RetryPolicy
    stall: Stall


def pull(
    model: Model,
    *,
    from_dir: Path | None = None,
    progress: Progress | None = None,
    retry: RetryPolicy = PULL_RETRY,
    stall: Stall | None = None,
) -> Pulled:
    """Install `model` into the models folder (from `from_dir` instead of the network
    when given); a model already installed with its pinned files is left as it is.
    DownloadFailed: the network, the server, a file not the pinned one; InputError:
    offline, or `from_dir` lacks a file or holds a wrong one; ConfigError: a mirror
    variable that is no URL."""
    told = progress or Silent()
    place = folder(model)
    present = _pinned_already(model)
    if present is not None:
        return present
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DownloadFailed(
            f"{place.parent}: cannot create the models folder ({e.strerror}); set "
            "TTS_ASSETS_MODELS_DIR (or TTS_ASSETS_CACHE_DIR) to a writable folder"
        ) from None
    lock = place.parent / f".{model.folder_name}.lock"
    try:
        with _locked(lock, lambda: told.waiting(model.name)):
            # Another pull may have finished it meanwhile.
            return _pinned_already(model) or _pull_files(model, place, from_dir, told, retry, stall)
    except OSError as e:  # the models folder's disk: full, read-only, not ours
        fault = machine_fault(e)
        if fault is not None:
            raise fault from None
        raise DownloadFailed(f"{model.name}: {e}") from None


def _pinned_already(model: Model) -> Pulled | None:
    """A "present" pull when every file of `model` is there and its pin (hashed where the
    record no longer vouches for it: nothing is written but the record, so a read-only
    models folder pulls nothing, as it should); None when something must be pulled."""
    found = installed(model)
    if found is None:
        return None
    try:
        pinned_now(found)
    except ModelNotPinned:
        return None
    return Pulled(model, found.folder, "present", {f.name: "present" for f in model.files})


def _pull_files(
    model: Model,
    place: Path,
    from_dir: Path | None,
    progress: Progress,
    retry: RetryPolicy,
    stall: Stall | None,
) -> Pulled:
    """Every file of `model` into `place`, under its lock: those there kept, the others
    copied from `from_dir` or downloaded."""
    place.mkdir(exist_ok=True)
    record = model_record(place)
    checked: dict[str, Checked] = {}
    pulled = Pulled(model, place, "installed")
    ask: _Ask | None = None
    with contextlib.ExitStack() as stack:
        for f in model.files:
            dest = place / f.name
            found = _present(dest, f, record)
            if found is not None:
                checked[f.name], pulled.files[f.name] = found, "present"
                progress.finished(model.name, f.name, "present")
                continue
            if from_dir is not None:
                sha, partial = _copy(model, f, from_dir, place, progress)
                how = "copied"
            else:
                if ask is None:
                    ask = _Ask(stack.enter_context(_client()), retry, stall or Stall())
                sha, partial = _download(model, f, place, ask, progress)
                how = "downloaded"
            aside = _place(partial, dest, ours=trusted_sha256(dest, record) is not None)
            if aside is not None:
                pulled.set_aside[f.name] = aside
            checked[f.name], pulled.files[f.name] = Checked(sha, Stamp.of(dest)), how
            progress.finished(model.name, f.name, how)
    record_checked(model, place, checked)
    return pulled


def _present(path: Path, f: ModelFile, record: Record) -> Checked | None:
    """The check of `path` when it is already the pinned file (its record vouches for it,
    or it is hashed now); None otherwise. Nothing is deleted."""
    try:
        if not path.is_file() or path.stat().st_size != f.size:
            return None
        if vouched(path, f, record) is not None:
            return record.files[path.name]
        return check_file(path, f)[0]  # None: not the pin, or changed while it was read
    except OSError:
        return None


def _place(partial: Path, dest: Path, *, ours: bool) -> Path | None:
    """Rename the pinned file `partial` to `dest`. A file at `dest` that a pull did not
    write (`ours` False) is renamed aside first: where it went (None when nothing was
    set aside)."""
    aside = None
    if not ours and os.path.lexists(dest):
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        aside = dest.with_name(f"{dest.name}.not-pinned-{stamp}")
        n = 1
        while os.path.lexists(aside):
            n += 1
            aside = dest.with_name(f"{dest.name}.not-pinned-{stamp}-{n}")
        os.rename(dest, aside)
    try:
        os.replace(partial, dest)
    except OSError:
        if aside is not None:
            os.rename(aside, dest)  # as it was
        raise
    return aside


def _locked(path: Path, on_wait: Callable[[], None]) -> contextlib.AbstractContextManager[None]:
    """The run lock (`store.lock`) of the folder `path` for the block; `on_wait()` once
    when another pull holds it, then wait for it as long as it takes."""
    from ..store import lock

    told = functools.cache(on_wait)

    def waiting() -> bool:
        told()
        return False  # a pull is never given up on

    return lock.locked([path], wait=math.inf, give_up=waiting)


@contextlib.contextmanager
def _client() -> Iterator[httpx.Client]:
    from importlib.metadata import PackageNotFoundError, version

    import httpx

    try:
        agent = f"tts-assets/{version('tts-assets')}"
    except PackageNotFoundError:
        agent = "tts-assets"
    with httpx.Client(
        follow_redirects=False,  # followed and checked by _get
        timeout=httpx.Timeout(30.0, read=60.0),
        # The file as it is: a range of an encoded body is not a range of the file.
        headers={"User-Agent": agent, "Accept-Encoding": "identity"},
        verify=tls.context(),
        event_hooks={"response": [_check_location]},
    ) as client:
        yield client


class _BadRedirect(Exception):
    """A redirect whose Location is no http(s) URL: (what it said, what is wrong)."""

    def failed(self, model: Model, url: str) -> DownloadFailed:
        shown, problem = self.args
        return DownloadFailed(
            f"{model.name}: {url} redirects to {shown} ({problem}): not a file server's "
            f"answer; {_mirror_hint(model)}"
        )


def _check_location(response: httpx.Response) -> None:
    """A response hook: `_BadRedirect` for a redirect to what is no http(s) URL
    (`javascript:`, `ftp:`, `http://[::1`), before httpx reads its Location itself."""
    import httpx

    if not response.has_redirect_location:
        return
    location = response.headers["Location"]
    shown = "".join(c for c in location if c.isprintable())[:200]
    try:
        problem = http_url_problem(str(response.url.join(location)))
    except (httpx.InvalidURL, ValueError) as e:
        problem = str(e)
    if problem is not None:
        raise _BadRedirect(shown, problem)


def _copy(
    model: Model, f: ModelFile, source: Path, place: Path, progress: Progress
) -> tuple[str, Path]:
    """Copy `f` from folder `source` into a partial file, checked like a download: its
    sha256 and the partial file, to be put in place."""
    candidates = [source / f.name, source / f.remote, source / model.folder_name / f.name]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise InputError(
            f"--from {source}: no {f.name} there (looked for {', '.join(map(str, candidates))}); "
            f"copy the files of {model.name} into that folder"
        )
    partial = place / f"{f.name}.partial"
    progress.started(model.name, f.name, f.size, 0)
    digests = Digests(f)
    try:
        with found.open("rb") as src:
            chunks = iter(lambda: src.read(CHUNK), b"")
            cut, _ = _write_body(None, chunks, partial, digests, f, 0, progress)
        problem = digests.mismatch(found.stat().st_size if cut else f.size)
        if problem:
            raise InputError(
                f"--from {source}: {found} is not the pinned {f.name} of {model.name} ({problem}); "
                "nothing was installed: copy the right file there"
            )
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return digests.sha256.hexdigest(), partial


class _Again(Exception):
    """An attempt that may succeed later: the connection dropped, the body stalled, the
    server is busy. `retry_after` is what the server asked for."""

    def __init__(self, why: str, *, retry_after: float | None = None, status: int = 0) -> None:
        super().__init__(why)
        self.retry_after = retry_after
        self.status = status


def _mirror_hint(model: Model) -> str:
    server = SERVERS.get(model.source.kind)
    return f"check {server[0]} and the proxy" if server else "check the URL and the proxy"


def _download(
    model: Model, f: ModelFile, place: Path, ask: _Ask, progress: Progress
) -> tuple[str, Path]:
    """Download `f` from the first of the model's sources that serves its pinned bytes
    (`Model.sources`: a model whose upstream was archived has its copy as well): its
    sha256 and the partial file. DownloadFailed when none does, saying what each did."""
    refused = offline()
    if refused:
        raise InputError(
            f"{refused}: the network is off, and {model.name} needs {f.name} from "
            f"{model.source.describe()}; install it with: {model.pull_command()} --from DIR "
            "(a folder holding its files), or unset the variable"
        )
    failed: list[str] = []
    for source in model.sources:
        try:
            return _download_from(
                dataclasses.replace(model, source=source, also=()), f, place, ask, progress
            )
        except DownloadFailed as e:
            if not model.also:
                raise
            failed.append(f"{source.describe()}: {str(e).removeprefix(model.name + ': ')}")
    raise DownloadFailed(
        f"{model.name}: none of its {len(failed)} sources gave the pinned {f.name}; "
        + "; ".join(failed)
    )


def _download_from(
    model: Model, f: ModelFile, place: Path, ask: _Ask, progress: Progress
) -> tuple[str, Path]:
    """Download `f` from `model.source` into a partial file in `place`, resuming one left
    by an earlier pull: its sha256 and the partial file, once it is the pinned file
    (DownloadFailed otherwise, nothing of a wrong file kept)."""
    url = f.url(model.source)
    if model.source.kind == "hf":
        _attempts(ask, model, url, lambda: _check_hub(ask.client, url, model, f))
    partial = place / f"{f.name}.partial"
    from_nothing = False
    while True:
        digests, start = _attempts(
            ask, model, url, lambda: _fetch(ask, url, model, f, partial, progress), partial
        )
        problem = digests.mismatch(partial.stat().st_size)
        if problem is None:
            return digests.sha256.hexdigest(), partial
        partial.unlink()
        if start and not from_nothing:
            from_nothing = True  # the part kept from before may be what is wrong
            continue
        raise DownloadFailed(
            f"{model.name}: {url} sent another file than the pinned {f.name} ({problem}); "
            "nothing was installed. A mirror or proxy may serve a changed file; report it "
            "if it persists"
        )


def _attempts(
    ask: _Ask, model: Model, url: str, attempt: Callable[[], T], partial: Path | None = None
) -> T:
    """`attempt()`, tried again after each `_Again` as the retry policy says; the final
    DownloadFailed says what the last attempt met."""
    import httpx

    policy = ask.retry
    for n in range(1, policy.max_attempts + 1):
        try:
            return attempt()
        except httpx.TimeoutException as e:
            again = _Again(f"no answer in time ({type(e).__name__})")
        except httpx.TransportError as e:
            said = " ".join(str(e).split()) or type(e).__name__
            again = _Again(f"the connection failed ({said}); {_mirror_hint(model)}")
        except _Again as e:
            again = e
        except _BadRedirect as e:  # the Hub's HEAD met it
            raise e.failed(model, url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as e:  # nothing another attempt mends
            said = " ".join(str(e).split()) or type(e).__name__
            raise DownloadFailed(f"{model.name}: {url}: {said}; {_mirror_hint(model)}") from None
        asked = again.retry_after
        if again.status and asked is not None and asked > policy.max_retry_after:
            raise DownloadFailed(
                f"{model.name}: {url}: the server is busy (HTTP {again.status}) and asks to "
                f"come back in {asked:g} s; try again later"
            )
        if n < policy.max_attempts:
            time.sleep(policy.wait(n, asked))
    if again.status:
        raise DownloadFailed(
            f"{model.name}: {url}: the server answered HTTP {again.status} "
            f"{policy.max_attempts} times (a busy or broken server); try again later, or "
            f"{_mirror_hint(model)}"
        )
    kept = ""
    if partial is not None:
        size = f"{partial.stat().st_size} bytes" if partial.exists() else "nothing"
        kept = f"; {size} kept: run {model.pull_command()} again to resume"
    raise DownloadFailed(f"{model.name}: {url}: {again} ({policy.max_attempts} attempts){kept}")


@contextlib.contextmanager
def _get(ask: _Ask, url: str, model: Model, headers: dict[str, str]) -> Iterator[httpx.Response]:
    """A streamed GET of `url`, redirects followed here, each checked: an http(s) URL
    (`_check_location`), and none seen before in the chain (DownloadFailed otherwise)."""
    seen = [url]
    for _ in range(MAX_REDIRECTS + 1):
        request = ask.client.build_request("GET", url, headers=headers)
        try:
            response = ask.client.send(request, stream=True, follow_redirects=False)
        except _BadRedirect as e:
            raise e.failed(model, url) from None
        if not response.is_redirect:
            try:
                yield response
            finally:
                response.close()
            return
        response.close()
        assert response.next_request is not None  # a redirect, checked by _check_location
        target = str(response.next_request.url)
        if target in seen:
            raise DownloadFailed(
                f"{model.name}: {seen[0]} redirects in a loop (back to {target}); "
                f"{_mirror_hint(model)}"
            )
        seen.append(target)
        url = target
    raise DownloadFailed(
        f"{model.name}: {seen[0]} redirects more than {MAX_REDIRECTS} times; {_mirror_hint(model)}"
    )


def _fetch(
    ask: _Ask, url: str, model: Model, f: ModelFile, partial: Path, progress: Progress
) -> tuple[Digests, int]:
    """One GET, resumed from what `partial` holds: the digests of the whole file, and how
    many bytes were there before."""

    start = partial.stat().st_size if partial.exists() else 0
    if start >= f.size:
        start = 0  # nothing to resume: the complete file failed its check, or is too long
    headers = {"Range": f"bytes={start}-"} if start else {}
    with _get(ask, url, model, headers) as response:
        if response.status_code == 416:  # the range is past the end: start again
            partial.unlink(missing_ok=True)
            raise _Again("the server refused the range")
        _check_status(response, url, model, f)
        resumed = (
            start > 0
            and response.status_code == 206
            and response.headers.get("Content-Range", "").startswith(f"bytes {start}-")
        )
        if not resumed:
            start = 0  # the server ignored the range (200): write it from the start
        _check_body(response, url, model, f, start)
        digests = Digests(f)
        if start:
            with partial.open("rb") as before:
                while chunk := before.read(CHUNK):
                    digests.update(chunk)
        progress.started(model.name, f.name, f.size, start)
        encoding = response.headers.get("Content-Encoding", "")
        chunks = response.iter_bytes()
        failure, keep = _write_body(
            ask.stall, chunks, partial, digests, f, start, progress, encoding
        )
    if failure is not None:
        if keep:
            os.truncate(partial, keep)  # what this answer wrote is not the file
        else:
            partial.unlink(missing_ok=True)
        raise DownloadFailed(f"{model.name}: {url} {failure}")
    return digests, start


def _write_body(
    stall: Stall | None,
    chunks: Iterable[bytes],
    partial: Path,
    digests: Digests,
    f: ModelFile,
    start: int,
    progress: Progress,
    encoding: str = "",
) -> tuple[str | None, int]:
    """Write the body's `chunks` (a file's, for a copy: no `stall`) into `partial` after
    its `start` bytes: (None, 0) when the file is whole, else why the body is not the file
    and how many bytes of `partial` to keep. `_Again` when the body moves slower than
    `stall` allows, and a transport error when it breaks off: what came is kept, to resume
    from."""
    import httpx

    written = start
    window_start, window_bytes = time.monotonic(), written
    with partial.open("ab" if start else "wb") as out:
        try:
            for chunk in chunks:
                written += len(chunk)
                if written > f.size:
                    return (
                        f"sends more than the {f.size} bytes of the pinned {f.name}; nothing "
                        "was installed",
                        0,
                    )
                out.write(chunk)
                digests.update(chunk)
                progress.advanced(written)
                now = time.monotonic()
                if stall is not None and now - window_start >= stall.window_s:
                    moved = written - window_bytes
                    if moved < stall.min_bytes:
                        raise _Again(
                            f"too slow: {moved:,} bytes in the last {now - window_start:.3g} "
                            f"s, under {stall.describe()}"
                        )
                    window_start, window_bytes = now, written
        except httpx.DecodingError as e:
            return (
                f"sent a body its Content-Encoding {encoding} does not describe ({e}); "
                "nothing was kept (a proxy changing answers?)",
                start,
            )
        finally:
            out.flush()
            os.fsync(out.fileno())
    if written < f.size:  # the server said that was all
        return (
            f"sent {written - start:,} bytes and said that was all, where {f.name} has "
            f"{f.size - start:,} (a proxy's page?); nothing was kept",
            start,
        )
    return None, 0


def _check_status(response: httpx.Response, url: str, model: Model, f: ModelFile) -> None:
    if response.status_code in (200, 206):
        return
    if response.status_code in _BUSY:
        raise _Again(
            f"HTTP {response.status_code}",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            status=response.status_code,
        )
    code = response.headers.get("X-Error-Code", "")
    why = _HUB_ERRORS.get(code, f"HTTP {response.status_code}")
    if response.status_code == 404 and not code:
        why = "not found (HTTP 404)"
    raise DownloadFailed(f"{model.name}: {url}: {why}; the pin of {f.name} may be out of date")


def _check_body(response: httpx.Response, url: str, model: Model, f: ModelFile, start: int) -> None:
    """DownloadFailed, before anything is written, for a body that cannot be the file: a
    web page, or a declared length other than the file's."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind == "text/html" and not f.name.lower().endswith((".html", ".htm")):
        raise DownloadFailed(
            f"{model.name}: {url} answered with a web page (Content-Type text/html), not "
            f"{f.name}: a proxy's or a login page? nothing was kept; {_mirror_hint(model)}"
        )
    length = response.headers.get("Content-Length", "")
    encoded = response.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
    if length.isdigit() and not encoded and int(length) != f.size - start:
        raise DownloadFailed(
            f"{model.name}: {url} sends {int(length):,} bytes where {f.name} has "
            f"{f.size - start:,} (a proxy's page?); nothing was kept; {_mirror_hint(model)}"
        )


def _check_hub(client: httpx.Client, url: str, model: Model, f: ModelFile) -> None:
    """The Hub's HEAD: the server is a Hub, the revision and the file are the pinned ones."""
    response = client.head(url, follow_redirects=False)
    for _ in range(3):  # a renamed repository redirects within the Hub
        location = response.headers.get("Location", "")
        if response.is_redirect and location.startswith("/") and not location.startswith("//"):
            response = client.head(response.url.join(location), follow_redirects=False)
    if response.status_code >= 400:
        _check_status(response, url, model, f)
    commit = response.headers.get("X-Repo-Commit")
    if not commit:
        raise DownloadFailed(
            f"{model.name}: {url} answered without X-Repo-Commit: that is not a Hugging Face "
            "Hub (a proxy's page?); check HF_ENDPOINT and the proxy settings"
        )
    revision = model.source.revision
    if _COMMIT.fullmatch(revision) and commit != revision:
        raise DownloadFailed(
            f"{model.name}: {url} answered commit {commit}, not the pinned {revision}"
        )
    etag = (response.headers.get("X-Linked-Etag") or response.headers.get("ETag") or "").strip()
    etag = etag.removeprefix("W/").strip('"')
    if not etag:
        raise DownloadFailed(
            f"{model.name}: {url} answered without an ETag: that is not a Hugging Face Hub; "
            "check HF_ENDPOINT and the proxy settings"
        )
    if f.sha256 and _SHA256.fullmatch(etag) and etag != f.sha256:
        raise DownloadFailed(
            f"{model.name}: the Hub holds another {f.name} than the pinned one (sha256 {etag}, "
            f"pinned {f.sha256}); nothing was downloaded"
        )
    size = response.headers.get("X-Linked-Size")
    if size and size.isdigit() and int(size) != f.size:
        raise DownloadFailed(
            f"{model.name}: the Hub holds another {f.name} than the pinned one ({size} bytes, "
            f"pinned {f.size}); nothing was downloaded"
        )
