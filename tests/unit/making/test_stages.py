"""The two stages of making a clip: synthesis of its pieces, then finishing (join, process,
store) with its own timeout and retries. A retryable error while finishing retries the
finishing only: the pieces already made are kept, never synthesized again, and never
lost. And what a provider is handed for each piece: its phonemes, if it takes them."""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support import fault_provider
from tests.support.clips import spoken_clip
from tests.support.project import Project
from tts_assets import Audio, AudioSettings, Speech
from tts_assets.audio import process as audio_process
from tts_assets.cli.app import app
from tts_assets.errors import ClipError
from tts_assets.frontends.alphabets import KOKORO_JAPANESE
from tts_assets.making import clips as making
from tts_assets.making import finishing
from tts_assets.making.synthesis import speech_for
from tts_assets.planning.plan import Voice, content_key
from tts_assets.providers.espeak import EspeakProvider
from tts_assets.providers.kokoro import KokoroProvider
from tts_assets.retry import RetryPolicy
from tts_assets.store.manifest import Store

PASSAGE = "今日は雨です。傘を持って出かけました。駅までは十分です。"
"""Three sentences: three pieces, joined into one clip."""


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    readings = [{"id": "r1", "text": PASSAGE}]
    project.gen({"data/readings.json": json.dumps(readings, ensure_ascii=False)})
    fault_provider.write_config(project, log=str(project / "calls.jsonl"))
    return project


def test_a_retryable_error_while_storing_retries_the_storing_and_keeps_the_pieces(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    put = Store.put
    failures = []

    def flaky_put(self: Store, *args: object, **kwargs: object) -> object:
        if not failures:
            failures.append(args[0])
            raise ClipError("disk briefly unavailable", retryable=True)
        return put(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "put", flaky_put)
    # The retry, not its wait (up to 0.5 s: test_pool.py holds the backoff).
    monkeypatch.setattr(finishing, "RetryPolicy", functools.partial(RetryPolicy, base=0.01))
    summary = project.json("generate", "--provider", "fault", "--type", "reading")
    assert summary["generated"] == 1 and summary["failed"] == 0
    assert len(failures) == 1
    # Each sentence was synthesized once: the retry reused the pieces.
    assert sorted(fault_provider.calls(project / "calls.jsonl")) == sorted(
        ["今日は雨です。", "傘を持って出かけました。", "駅までは十分です。"]
    )
    url = project.url_of("readings.json", 0, "audioUrl")
    assert project.clip_of(url).is_file()


@pytest.mark.slow
def test_waiting_for_a_core_to_finish_a_clip_counts_against_no_timeout(
    fault: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clips made at once, finished on one core at 0.8 s each, with 1 s timeouts: the
    second waits 0.8 s for the core. When finishing ran inside the last piece's job, that
    wait counted against the piece's timeout and both clips failed "timed out after 1 s";
    now it waits for a slot of the finishing stage, and its own timeout starts there."""
    fault_provider.write_grammar(tmp_path / "data", ["山を見ます。", "川を見ます。"])
    fault_provider.write_config(tmp_path, delay=0.3)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(making, "physical_cores", lambda: 1)
    process = audio_process.process_heard

    def slow_process(*args: Any, **kwargs: Any) -> tuple[bytes, Audio]:
        time.sleep(0.8)  # a long passage's processing on a slow machine
        return process(*args, **kwargs)

    monkeypatch.setattr(audio_process, "process_heard", slow_process)
    argv = ["generate", "--provider", "fault", "--type", "grammar", "--json"]
    result = CliRunner().invoke(app, [*argv, "--timeout", "1", "--concurrency", "2"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["generated"] == 2


def test_a_provider_that_takes_phonemes_gets_them_the_others_get_the_text() -> None:
    voice = Voice("kokoro", "jf_alpha")
    clip = spoken_clip(
        "k",
        "学生です。先生です。",
        "ja",
        voice,
        pieces=["学生です。", "先生です。"],
        phonemes=["ɡakɯseː desɯ", "seɴseː desɯ"],
    )
    assert KokoroProvider().alphabet("jf_alpha") == KOKORO_JAPANESE
    assert EspeakProvider().alphabet("ja") is None
    assert speech_for(clip, 1, KokoroProvider()) == Speech(
        "先生です。", "ja", "jf_alpha", 1.0, "seɴseː desɯ"
    )
    assert speech_for(clip, 1, EspeakProvider()).phonemes is None
    # Phonemes name the clip when given; a clip spoken from text keeps the key it had.
    audio = AudioSettings()
    plain = content_key("学生", "ja", voice, 1.0, audio, 1)
    assert content_key("学生", "ja", voice, 1.0, audio, 1, None) == plain
    assert content_key("学生", "ja", voice, 1.0, audio, 1, ["ɡakɯseː"]) != plain


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_a_synthesis_faster_than_the_finishing_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: None
) -> None:
    """Whole clips waiting to be finished stay few, whatever the two stages' speeds: the
    audio of every clip is not piled up in memory before it is stored."""
    texts = [{"id": f"w{n}", "word": f"ことば{n}"} for n in range(40)]
    (tmp_path / "data").mkdir()
    (tmp_path / "data/vocabulary.json").write_text(
        json.dumps(texts, ensure_ascii=False), encoding="utf-8"
    )
    fault_provider.write_config(tmp_path, heal=True)
    monkeypatch.chdir(tmp_path)
    put = Store.put
    waiting = {"now": 0, "peak": 0}
    made = making.finishing_job

    def slow_put(self: Store, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.02)  # storing is the slow stage here
        return put(self, *args, **kwargs)

    def counted(*args: Any, **kwargs: Any) -> Any:
        job = made(*args, **kwargs)
        waiting["now"] += 1
        waiting["peak"] = max(waiting["peak"], waiting["now"])
        run = job.run

        async def started() -> None:
            waiting["now"] -= 1
            await run()

        return type(job)(job.id, started, job.retry)

    monkeypatch.setattr(Store, "put", slow_put)
    monkeypatch.setattr(making, "finishing_job", counted)
    result = CliRunner().invoke(
        app, ["generate", "--provider", "fault", "--type", "vocabulary", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["generated"] == 40
    finishers = making.physical_cores()
    bound = making.WAITING_PER_FINISHER * finishers + finishers + 1 + 2 * finishers
    assert 0 < waiting["peak"] <= bound
