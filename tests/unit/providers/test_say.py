"""The say provider, run against the stand-in `say` in tests/support/fake_say (any platform)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import TESTS
from tts_assets.errors import ClipError, InputError, ProviderFatal
from tts_assets.providers.base import ProviderOptions, Speech
from tts_assets.providers.say import SayProvider

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

FAKE_SAY_DIR = TESTS / "support" / "fake_say"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def say_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the stand-in `say` first on PATH; returns the file it logs its calls to."""
    monkeypatch.setenv("PATH", f"{FAKE_SAY_DIR}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("FAKE_SAY_MODE", raising=False)
    log = tmp_path / "say-calls.jsonl"
    monkeypatch.setenv("FAKE_SAY_LOG", str(log))
    return log


def calls(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def process_exists(pid: int) -> bool:
    """True while `pid` is alive; zombies (dead, waiting for init to reap them) are not."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_the_command_names_voice_rate_and_output_but_never_the_text(
    say_log: Path,
) -> None:
    say = SayProvider()
    text = "-v Alex --rate 500 こんにちは"
    audio = await say.synthesize(Speech(text, "ja", "Kyoko", 1.2))
    [call] = calls(say_log)
    argv = call["argv"]
    assert call["text"] == text
    assert argv[argv.index("-v") + 1] == "Kyoko"
    assert argv[argv.index("-r") + 1] == "210"
    assert argv[argv.index("-o") + 1].endswith(".wav")
    assert "--file-format=WAVE" in argv
    assert "--data-format=LEI16@22050" in argv
    assert not any("こんにちは" in arg or "Alex" in arg for arg in argv)
    # The stand-in speaks 0.06 s per character at 175 words/min.
    assert audio.sample_rate == 22050
    assert audio.duration == pytest.approx(0.06 * len(text) * 175 / 210, abs=0.01)
    assert float(abs(audio.samples).max()) > 0.3


async def test_voice_names_with_spaces_are_passed_as_one_argument(say_log: Path) -> None:
    say = SayProvider()
    say.check_voice("Eddy (English (US))")
    await say.synthesize(Speech("Hello", "en", "Eddy (English (US))", 1.0))
    argv = calls(say_log)[0]["argv"]
    assert argv[argv.index("-v") + 1] == "Eddy (English (US))"


def test_voices_are_parsed_from_the_installed_list(say_log: Path) -> None:
    say = SayProvider()
    assert say.voices() == [
        "Alex",
        "Eddy (English (US))",
        "Fiona",
        "Grandma (Japanese (Japan))",
        "Kyoko",
        "Otoya",
        "Samantha",
    ]
    assert say.voice_locales["Grandma (Japanese (Japan))"] == "ja_JP"
    assert say.voice_locales["Fiona"] == "en-scotland"
    for lang in ("ja", "en"):
        say.check_voice(say.default_voice(lang))
    with pytest.raises(InputError, match=r"unknown voice 'Kyok'.*installed voices: Alex, "):
        say.check_voice("Kyok")
    assert say.identity("Kyoko")["locale"] == "ja_JP"


async def test_timeout_kills_say_and_the_processes_it_started(
    say_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    monkeypatch.setenv("FAKE_SAY_MODE", "hang")
    monkeypatch.setenv("FAKE_SAY_PIDS", str(pids))
    say = SayProvider(options=ProviderOptions(timeout=1.0))
    with pytest.raises(ClipError, match=r"^say timed out after 1 s$"):
        await say.synthesize(Speech("hello", "en", "Samantha", 1.0))
    leader, child = map(int, pids.read_text().split())
    with pytest.raises(ProcessLookupError):
        os.kill(leader, 0)
    give_up = time.monotonic() + 60  # the loop ends as soon as it is gone
    while process_exists(child) and time.monotonic() < give_up:
        time.sleep(0.02)
    assert not process_exists(child)


async def test_failure_is_a_clip_error_with_the_last_line_of_stderr(
    say_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SAY_MODE", "fail")
    with pytest.raises(ClipError) as caught:
        await SayProvider().synthesize(Speech("hello", "en", "Samantha", 1.0))
    assert str(caught.value) == "say failed (exit status 1): voice data could not be loaded"
    assert not caught.value.retryable


def test_without_say_on_path_the_provider_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sys.platform", "linux")
    assert SayProvider.unavailable_reason() == "say is macOS only (this is Linux)"
    monkeypatch.setattr("sys.platform", "darwin")
    assert "/usr/bin/say" in str(SayProvider.unavailable_reason())
    with pytest.raises(ProviderFatal):
        SayProvider().voices()


def test_with_say_on_path_the_provider_is_available(say_log: Path) -> None:
    assert SayProvider.unavailable_reason() is None
