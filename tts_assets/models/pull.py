"""Pulling a model: every file downloaded (or copied from a folder) into the models
folder, checked against its pin before it takes its place.

Each file streams into `NAME.partial` beside where it goes, hashed while it is written.
A partial file left by a dropped connection or a killed pull is resumed with an HTTP
`Range` request (its bytes are hashed again first); a server that ignores the range and
answers 200 gets the file written from the start. Only a file whose size and sha256 (or,
for Piper's voices, md5) are the pinned ones is renamed into place; a file that is not
the pinned one is deleted, so nothing half-right is ever used.

A model's pull holds a lock (the run lock of `store.lock` on the folder
`<models folder>/.<model>.lock`, released with the process), so two pulls at once wait for
each other instead of writing the same files; the second then finds the model installed.

Hugging Face files are asked for with the Hub's `resolve` protocol: a HEAD first, whose
`X-Repo-Commit` says the server is a Hub (a proxy's login page is not) and whose
`X-Linked-Etag` (the sha256 of a large file) tells before any download whether the Hub
still serves the pinned file; then a GET, redirects followed. GitHub release assets are
a GET of the release-download URL, which redirects to the asset. HF_ENDPOINT and
TTS_ASSETS_GITHUB_MIRROR point them at mirrors; httpx honours the usual proxy and
certificate variables (HTTPS_PROXY, SSL_CERT_FILE, ...). TTS_ASSETS_OFFLINE=1 (or
HF_HUB_OFFLINE=1) refuses the network: only `--from DIR` installs then.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import tls
from ..dirs import offline
from ..errors import DownloadFailed, InputError, machine_fault
from .catalog import Model, ModelFile
from .installed import file_digests, folder, installed, matches, read_record, write_record

if TYPE_CHECKING:
    import httpx

_Hash = Any
"""A hashlib hash object."""

CHUNK = 1 << 20
_COMMIT = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")

_HUB_ERRORS = {
    "EntryNotFound": "the file is not in the repository at that revision",
    "RevisionNotFound": "the repository has no such revision",
    "RepoNotFound": "no such repository (or it is private)",
    "GatedRepo": "the repository is gated: it needs a login",
}


class Progress(Protocol):
    """What a pull reports as it goes (the CLI draws a bar or prints lines)."""

    def waiting(self, model: str) -> None:
        """Another pull of `model` holds its lock: this one waits for it."""

    def started(self, model: str, name: str, total: int, start: int) -> None:
        """A file starts downloading (or copying), `start` bytes already there."""

    def advanced(self, done: int) -> None:
        """`done` bytes of the current file are written."""

    def finished(self, model: str, name: str, how: str) -> None:
        """A file is in place: `how` is "downloaded", "copied" or "present"."""


class Silent:
    """A Progress that reports nothing."""

    def waiting(self, model: str) -> None:
        pass

    def started(self, model: str, name: str, total: int, start: int) -> None:
        pass

    def advanced(self, done: int) -> None:
        pass

    def finished(self, model: str, name: str, how: str) -> None:
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


def pull(
    model: Model,
    *,
    from_dir: Path | None = None,
    progress: Progress | None = None,
    client: httpx.Client | None = None,
    attempts: int = 5,
    backoff: float = 1.0,
) -> Pulled:
    """Install `model` into the models folder (from `from_dir` instead of the network
    when given); a model already installed and verified is left as it is.

    Raises DownloadFailed (the network, the server, a file that is not the pinned one:
    exit 3), InputError (offline, or `from_dir` lacks a file or holds a wrong one: exit 2).
    """
    progress = progress or Silent()
    place = folder(model)
    found = installed(model)
    if found is not None and found.verified:
        return Pulled(model, place, "present", {f.name: "present" for f in model.files})
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DownloadFailed(
            f"{place.parent}: cannot create the models folder ({e.strerror}); set "
            "TTS_ASSETS_MODELS_DIR (or TTS_ASSETS_CACHE_DIR) to a writable folder"
        ) from None
    try:
        return _pull_locked(model, place, from_dir, progress, client, attempts, backoff)
    except OSError as e:  # the models folder's disk: full, read-only, not ours
        fault = machine_fault(e)
        if fault is not None:
            raise fault from None
        raise DownloadFailed(f"{model.name}: {e}") from None


def _pull_locked(
    model: Model,
    place: Path,
    from_dir: Path | None,
    progress: Progress,
    client: httpx.Client | None,
    attempts: int,
    backoff: float,
) -> Pulled:
    waiting = lambda: progress.waiting(model.name)  # noqa: E731
    with _locked(place.parent / f".{model.folder_name}.lock", waiting):
        found = installed(model)  # another pull may have finished it meanwhile
        if found is not None and found.verified:
            return Pulled(model, place, "present", {f.name: "present" for f in model.files})
        place.mkdir(exist_ok=True)
        record = read_record(place)
        digests: dict[str, str] = {}
        done: dict[str, str] = {}
        with contextlib.ExitStack() as stack:
            for f in model.files:
                sha = _present(place / f.name, f, record)
                if sha is not None:
                    digests[f.name], done[f.name] = sha, "present"
                    progress.finished(model.name, f.name, "present")
                    continue
                if from_dir is not None:
                    digests[f.name] = _copy(model, f, from_dir, place, progress)
                    done[f.name] = "copied"
                else:
                    if client is None:
                        client = stack.enter_context(_client())
                    digests[f.name] = _download(
                        model, f, place, client, progress, attempts, backoff
                    )
                    done[f.name] = "downloaded"
                progress.finished(model.name, f.name, done[f.name])
        write_record(model, place, digests)
    return Pulled(model, place, "installed", done)


def _present(path: Path, f: ModelFile, record: dict[str, dict[str, object]]) -> str | None:
    """The sha256 of `path` when it is already the pinned file (None otherwise; a file of
    the right size and the wrong digest is deleted)."""
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_size != f.size:
        path.unlink()
        return None
    seen = record.get(f.name) or {}
    sha = seen.get("sha256")
    if (
        isinstance(sha, str)
        and seen.get("size") == st.st_size
        and seen.get("mtime_ns") == st.st_mtime_ns
        and (f.sha256 is None or sha == f.sha256)
    ):
        return sha
    sha, md5 = file_digests(path, f)
    if matches(f, sha, md5):
        return sha
    path.unlink()
    return None


@contextlib.contextmanager
def _locked(path: Path, on_wait: object) -> Iterator[None]:
    """The run lock (`store.lock`, on every system) of the folder `path` for the block;
    `on_wait()` once when another pull holds it, then wait for it."""
    from ..store import lock

    path.mkdir(parents=True, exist_ok=True)
    real = path.resolve()
    release = lock.try_lock(real)
    if release is None:
        if callable(on_wait):
            on_wait()
        while (release := lock.try_lock(real)) is None:
            time.sleep(lock.POLL_S)
    try:
        yield
    finally:
        release()


@contextlib.contextmanager
def _client() -> Iterator[httpx.Client]:
    from importlib.metadata import PackageNotFoundError, version

    import httpx

    try:
        agent = f"tts-assets/{version('tts-assets')}"
    except PackageNotFoundError:
        agent = "tts-assets"
    with httpx.Client(
        follow_redirects=True,
        timeout=httpx.Timeout(30.0, read=60.0),
        headers={"User-Agent": agent},
        verify=tls.context(),
    ) as client:
        yield client


# --- from a folder ------------------------------------------------------------------------


def _copy(model: Model, f: ModelFile, source: Path, place: Path, progress: Progress) -> str:
    """Copy `f` from folder `source` through a partial file, checked like a download."""
    candidates = [source / f.name, source / f.remote, source / model.folder_name / f.name]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise InputError(
            f"--from {source}: no {f.name} there (looked for {', '.join(map(str, candidates))}); "
            f"copy the files of {model.name} into that folder"
        )
    partial = place / f"{f.name}.partial"
    progress.started(model.name, f.name, f.size, 0)
    hashers = _hashers(f)
    written = 0
    try:
        with found.open("rb") as src, partial.open("wb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > f.size:
                    break
                out.write(chunk)
                _update(hashers, chunk)
                progress.advanced(written)
            out.flush()
            os.fsync(out.fileno())
        problem = _mismatch(f, written, hashers)
        if problem:
            raise InputError(
                f"--from {source}: {found} is not the pinned {f.name} of {model.name} ({problem}); "
                "nothing was installed: copy the right file there"
            )
        os.replace(partial, place / f.name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return str(hashers[0].hexdigest())


# --- from the network ---------------------------------------------------------------------


def _download(
    model: Model,
    f: ModelFile,
    place: Path,
    client: httpx.Client,
    progress: Progress,
    attempts: int,
    backoff: float,
) -> str:
    """Download `f` into `place`, resuming a partial file; its sha256 when it is the
    pinned file (DownloadFailed otherwise, the partial file deleted)."""
    import httpx

    url = f.url(model.source)
    refused = offline()
    if refused:
        raise InputError(
            f"{refused}: the network is off, and {model.name} needs {f.name} from "
            f"{model.source.describe()}; install it with: {model.pull_command()} --from DIR "
            "(a folder holding its files), or unset the variable"
        )
    if model.source.kind == "hf":
        _check_hub(client, url, model, f)
    partial = place / f"{f.name}.partial"
    last: Exception | None = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(backoff * 2 ** (attempt - 1), 30.0))
        try:
            hashers = _fetch(client, url, model, f, partial, progress)
        except (httpx.TransportError, _Short) as e:
            last = e  # the connection dropped: resume from what was written
            continue
        problem = _mismatch(f, partial.stat().st_size, hashers)
        if problem:
            partial.unlink()
            raise DownloadFailed(
                f"{model.name}: {url} sent another file than the pinned {f.name} ({problem}); "
                "nothing was installed. A mirror or proxy may serve a changed file; report it "
                "if it persists"
            )
        os.replace(partial, place / f.name)
        return str(hashers[0].hexdigest())
    raise DownloadFailed(
        f"{model.name}: {url}: the download broke off {attempts} times ({last}); "
        f"{_size(partial)} kept: run {model.pull_command()} again to resume"
    )


class _Short(Exception):
    """The body ended before the file did (no error from the connection)."""


def _fetch(
    client: httpx.Client, url: str, model: Model, f: ModelFile, partial: Path, progress: Progress
) -> list[_Hash]:
    """One GET, resumed from what `partial` holds; the hashers of the whole file."""
    start = partial.stat().st_size if partial.exists() else 0
    if start >= f.size:
        start = 0  # nothing to resume: the complete file failed its check, or is too long
    headers = {"Range": f"bytes={start}-"} if start else {}
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 416:  # the range is past the end: start again
            start = 0
            partial.unlink(missing_ok=True)
            raise _Short("the server refused the range")
        _check_status(response, url, model, f)
        resumed = (
            start > 0
            and response.status_code == 206
            and response.headers.get("Content-Range", "").startswith(f"bytes {start}-")
        )
        if not resumed:
            start = 0  # the server ignored the range (200): write it from the start
        hashers = _hashers(f)
        if start:
            with partial.open("rb") as before:
                while chunk := before.read(CHUNK):
                    _update(hashers, chunk)
        progress.started(model.name, f.name, f.size, start)
        written = start
        too_long = False
        with partial.open("ab" if start else "wb") as out:
            for chunk in response.iter_bytes():
                written += len(chunk)
                if written > f.size:
                    too_long = True
                    break
                out.write(chunk)
                _update(hashers, chunk)
                progress.advanced(written)
            out.flush()
            os.fsync(out.fileno())
    if too_long:
        partial.unlink()
        raise DownloadFailed(
            f"{model.name}: {url} sends more than the {f.size} bytes of the pinned {f.name}; "
            "nothing was installed"
        )
    if written < f.size:
        raise _Short(f"{written} of {f.size} bytes")
    return hashers


def _check_status(response: httpx.Response, url: str, model: Model, f: ModelFile) -> None:
    if response.status_code in (200, 206):
        return
    code = response.headers.get("X-Error-Code", "")
    why = _HUB_ERRORS.get(code, f"HTTP {response.status_code}")
    if response.status_code == 404 and not code:
        why = "not found (HTTP 404)"
    raise DownloadFailed(f"{model.name}: {url}: {why}; the pin of {f.name} may be out of date")


def _check_hub(client: httpx.Client, url: str, model: Model, f: ModelFile) -> None:
    """The Hub's HEAD: the server is a Hub, the revision and the file are the pinned ones."""
    import httpx

    try:
        response = client.head(url, follow_redirects=False)
        for _ in range(3):  # a renamed repository redirects within the Hub
            location = response.headers.get("Location", "")
            if response.is_redirect and location.startswith("/"):
                response = client.head(response.url.join(location), follow_redirects=False)
    except httpx.TransportError as e:
        raise DownloadFailed(
            f"{model.name}: {url}: {e}; check the network, HF_ENDPOINT and the proxy"
        ) from None
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


# --- digests ------------------------------------------------------------------------------


def _hashers(f: ModelFile) -> list[_Hash]:
    """sha256 always (recorded), and md5 where that is the pin."""
    found = [hashlib.sha256()]
    if f.md5:
        found.append(hashlib.md5(usedforsecurity=False))
    return found


def _update(hashers: list[_Hash], chunk: bytes) -> None:
    for h in hashers:
        h.update(chunk)


def _mismatch(f: ModelFile, size: int, hashers: list[_Hash]) -> str | None:
    """Why the written bytes are not the pinned file, or None."""
    if size != f.size:
        return f"{size} bytes, pinned {f.size}"
    sha = hashers[0].hexdigest()
    md5 = hashers[1].hexdigest() if len(hashers) > 1 else None
    if matches(f, sha, md5):
        return None
    found = f"sha256 {sha}" if f.sha256 else f"md5 {md5}"
    return f"{found}, pinned {f.pin()}"


def _size(path: Path) -> str:
    try:
        return f"{path.stat().st_size} bytes"
    except OSError:
        return "nothing"


def remove(model: Model) -> None:
    """Delete a pulled model's folder (tests, and a user starting over)."""
    shutil.rmtree(folder(model), ignore_errors=True)
