"""The ElevenLabs key never shows: not on stdout or stderr, in logs (`--verbose`), error
messages, tracebacks or `--json`, nor in any file a run writes.

Every scenario runs the real CLI as a process against the fake ElevenLabs server on
127.0.0.1 and searches every byte the process wrote for the key.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs, _Handler
from tests.support.fault_provider import driver_env, write_grammar
from tests.support.project import Project

pytestmark = pytest.mark.slow

TEXTS = ["山を見ます。", "川を見ます。", "海を見ます。"]
FAST = "[providers.elevenlabs]\nbackoff_base = 0.01\nbackoff_cap = 0.05\n"

# A provider whose aclose() has a bug that puts the provider's state into its message:
# the traceback goes to stderr, where the key must not be.
BUGGY = """
from tts_assets.providers import registry
from tts_assets.providers.elevenlabs import ElevenLabsProvider

class Buggy(ElevenLabsProvider):
    async def aclose(self):
        await super().aclose()
        raise RuntimeError(f"bug: {self!r} {self.options!r} {vars(self)!r}")

registry.register("elevenlabs", Buggy)
from tts_assets.cli.app import main
main()
"""


@pytest.fixture
def key() -> str:
    """A fresh key per test: any byte string equal to it came from the key."""
    return f"sk_{secrets.token_hex(24)}"


@pytest.fixture
def project(project: Project) -> Project:
    write_grammar(project / "data", TEXTS)
    return project.config(FAST)


@pytest.fixture
def server(key: str) -> Iterator[FakeElevenLabs]:
    with FakeElevenLabs(api_key=key) as fake:
        yield fake


def _run(
    project: Project,
    base_url: str,
    key: str | None,
    *args: str,
    program: list[str] | None = None,
) -> tuple[int, bytes]:
    """Run the CLI; returns its exit code and every byte it wrote (output and files)."""
    # The cache (where a bug's traceback is logged) inside the project: it is searched too.
    env = driver_env(ELEVENLABS_BASE_URL=base_url, TTS_ASSETS_CACHE_DIR=str(project / "cache"))
    env.pop("ELEVENLABS_API_KEY", None)
    if key is not None:
        env["ELEVENLABS_API_KEY"] = key
    argv = program or [sys.executable, "-m", "tts_assets"]
    done = subprocess.run(
        [*argv, "generate", "--provider", "elevenlabs", "--verbose", *args],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=120,
    )
    written = b"".join(p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file())
    return done.returncode, done.stdout + done.stderr + b"\0" + written


def _assert_secret(key: str, everything: bytes) -> None:
    assert key.encode() not in everything
    assert key[3:].encode() not in everything  # not even without its prefix


def test_a_successful_run_shows_no_key_in_logs_json_or_files(
    project: Project, server: FakeElevenLabs, key: str
) -> None:
    code, everything = _run(project, server.base_url, key, "--json")
    assert code == 0, everything.decode(errors="replace")
    assert b"DEBUG" in everything  # --verbose did log (HTTP requests included)
    assert all(r.headers["xi-api-key"] == key for r in server.stats.records)
    _assert_secret(key, everything)
    # Again with the key as a flag, and the summary table instead of --json.
    (project / "data/grammar.json").write_text("[]\n", encoding="utf-8")
    write_grammar(project / "data", ["空を見ます。"])
    code, everything = _run(project, server.base_url, None, "--api-key", key)
    assert code == 0, everything.decode(errors="replace")
    assert b"1 generated" in everything
    _assert_secret(key, everything)


def test_quota_exceeded_shows_no_key(project: Project, key: str) -> None:
    with FakeElevenLabs(api_key=key, quota_chars=8, max_concurrent=1) as server:
        code, everything = _run(project, server.base_url, key, "--concurrency", "1")
    assert code == 3
    assert b"quota exceeded" in everything
    _assert_secret(key, everything)


def test_a_rejected_key_is_not_repeated_in_the_error(project: Project, key: str) -> None:
    with FakeElevenLabs(api_key="the-right-key") as server:
        code, everything = _run(project, server.base_url, key, "--json")
    assert code == 3
    assert b"rejected the API key" in everything
    _assert_secret(key, everything)


class _EchoingHandler(_Handler):
    """A server that repeats the key it was sent in its error message."""

    def do_POST(self) -> None:
        sent = self.headers.get("xi-api-key", "")
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        body = json.dumps(
            {"detail": {"status": "invalid_api_key", "message": f"Invalid API key: {sent}"}}
        ).encode()
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_server_that_echoes_the_key_is_redacted(project: Project, key: str) -> None:
    server = FakeElevenLabs(api_key=key)
    handler: type[BaseHTTPRequestHandler] = _EchoingHandler
    server._httpd.RequestHandlerClass = handler
    with server:
        code, everything = _run(project, server.base_url, key)
    assert code == 3
    assert b"Invalid API key: [api key]" in everything
    _assert_secret(key, everything)


def test_a_key_with_illegal_characters_is_refused_without_printing_it(
    project: Project, server: FakeElevenLabs, key: str
) -> None:
    code, everything = _run(project, server.base_url, f"{key} \u00e9")
    assert code == 2
    assert b"contains spaces or non-ASCII characters" in everything
    _assert_secret(key, everything)


def test_an_unreachable_server_shows_no_key(project: Project, key: str) -> None:
    with FakeElevenLabs(api_key=key) as server:
        closed = server.base_url  # the port is free again once the server stops
    code, everything = _run(project, closed, key)
    assert code == 1
    assert b"connection failed" in everything
    _assert_secret(key, everything)


def test_a_traceback_from_a_bug_shows_no_key(
    project: Project, server: FakeElevenLabs, key: str
) -> None:
    code, everything = _run(project, server.base_url, key, program=[sys.executable, "-c", BUGGY])
    assert code == 4  # a bug: one line, the traceback in a log file
    assert len(list((project / "cache/crashes").iterdir())) == 1
    assert b"Traceback (most recent call last)" in everything
    assert b"RuntimeError: bug: " in everything
    _assert_secret(key, everything)


def test_provider_and_voice_listings_show_no_key(key: str, tmp_path: Path) -> None:
    env = {**os.environ, "ELEVENLABS_API_KEY": key}
    for args in (["providers"], ["voices", "--provider", "elevenlabs"]):
        done = subprocess.run(
            [sys.executable, "-m", "tts_assets", *args], cwd=tmp_path, env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        _assert_secret(key, done.stdout + done.stderr)
