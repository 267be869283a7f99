"""`review --apply`: a word is a word, an override reads as it is shown, and an apply that
was stopped or killed is finished by running it again, through the CLI.

The fault provider speaks (it takes text) and logs what it was asked to say.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import fault_provider
from tests.support.project import Project, made_once

SENTENCE = "この歌は一度聞いたことがある。"
PASSAGE = "今日は晴れです。この歌は一度聞いたことがある。明日も晴れるでしょう。"
WORD = "先生"


def _config(project: Project, delay: float = 0.0) -> str:
    return (
        f'provider = "fault"\ntype = "vocabulary,reading"\n\n'
        f'[providers.fault]\nlog = "calls.jsonl"\ndelay = {delay}\n'
    )


def _build(project: Project) -> None:
    project.gen(
        {
            "data/vocabulary.json": [
                {"id": "v1", "word": WORD, "examples": [{"sentence": SENTENCE}]}
            ],
            "data/readings.json": [{"id": "r1", "text": PASSAGE}],
        }
    )
    project.config(_config(project))
    assert project.invoke("generate")[0] == 0


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return made_once(tmp_path_factory, _build)


@pytest.fixture
def project(project: Project, made: Project, fault: None) -> Project:
    """A word, a sentence and a passage, made by the fault provider, its calls logged."""
    return project.copy(made)


def _verdict(project: Project, text: str, place: str, **given: Any) -> dict[str, Any]:
    (clip,) = [c for c in project.manifest()["clips"] if c["text"] == text]
    return {
        "key": clip["key"],
        "clip": clip["path"],
        "places": [place],
        "text": text,
        "verdict": "reject",
        "note": "",
        "reading": None,
        "voice": None,
        "at": "2026-11-22T10:00:00Z",
        **given,
    }


SENTENCE_AT = "vocabulary.json › [0] › examples › [0] › sentence"


def _review(project: Project, *verdicts: dict[str, Any]) -> Path:
    path = project / "review.json"
    doc = {
        "format": "tts-assets-review",
        "version": 1,
        "page": "0123456789abcdef",
        "exported": "2026-11-22T10:01:00Z",
        "verdicts": list(verdicts),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(project: Project, review: Path, *said: str) -> str:
    before = project.tree()
    code, out = project.invoke("review", "--apply", str(review))
    assert code == 2, out
    line = out.strip()
    assert line.startswith("error: ") and "\n" not in line, out
    for words in said:
        assert words in line, line
    assert project.tree() == before  # no override, no decision, no page
    return line


# --- a word is a word ---------------------------------------------------------------


def test_a_word_that_is_no_one_word_of_the_text_is_refused(project: Project) -> None:
    """A run of several words the analyzer found (or never found) would turn the sentence
    into another; a reading names one word. One case through the command line: exit 2, one
    line, nothing written; every word and reading the verdict's check refuses, asked of it
    (`misread_word`, tests/unit/review/test_misread.py)."""
    pytest.importorskip("pyopenjtalk")
    verdict = _verdict(project, SENTENCE, SENTENCE_AT, reading="いちどきいた", word="一度聞いた")
    line = _refused(project, _review(project, verdict), "› word", "is not one word of the text")
    assert "この / 歌 / は / 一度 / 聞い / た / こと / が / ある" in line


def test_one_word_the_analyzer_found_is_kept(project: Project) -> None:
    pytest.importorskip("pyopenjtalk")
    verdict = _verdict(project, SENTENCE, SENTENCE_AT, reading="いちど", word="一度")
    code, out = project.invoke("review", "--apply", str(_review(project, verdict)))
    assert code == 0, out
    assert '"一度" = "いちど"' in (project / "pronunciations.toml").read_text("utf-8")


# --- what is written is what is shown ---------------------------------------------------


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"reading": "\u202eえいんせ"}, "U+202E"),
        ({"reading": "せんせえ", "word": "先\u200d生"}, "U+200D"),
    ],
)
def test_an_invisible_character_in_a_verdict_is_refused(
    project: Project, given: dict[str, str], code: str
) -> None:
    verdict = _verdict(project, WORD, "vocabulary.json › [0] › word", **given)
    line = _refused(project, _review(project, verdict), code, "invisible or bidirectional")
    assert "\u202e" not in line and "\u200d" not in line


def test_a_pronunciations_file_with_a_bidi_control_is_refused_at_load(project: Project) -> None:
    (project / "pronunciations.toml").write_text('"みず" = "\u202eずみ"\n', encoding="utf-8")
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 2, out
    line = out.strip()
    assert "\n" not in line and "pronunciations.toml" in line and "'みず'" in line, out
    assert "U+202E" in line and "\u202e" not in line
    assert project.tree() == before


# --- an apply stopped or killed is finished by running it again ---------------------------


@pytest.mark.slow
# getattr: Windows has no SIGKILL, and this file's fast tests must still import there
@pytest.mark.parametrize("signum", [getattr(signal, "SIGKILL", signal.SIGTERM), signal.SIGINT])
def test_an_apply_stopped_while_making_its_clips_is_finished_by_running_it_again(
    project: Project, signum: signal.Signals
) -> None:
    verdict = _verdict(project, SENTENCE, SENTENCE_AT, reading="いちど", word="一度")
    review = _review(project, verdict)
    project.config(_config(project, delay=600))  # every clip takes ten minutes
    log = project / "calls.jsonl"
    said_before = len(fault_provider.calls(log))
    argv = [*fault_provider.DRIVER, "review", "--apply", str(review)]
    run = subprocess.Popen(
        argv,
        cwd=project,
        env=fault_provider.driver_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # The event: the override is recorded and its first clip is being made.
        start = time.monotonic()
        while not any("いちど" in t for t in fault_provider.calls(log)[said_before:]):
            assert run.poll() is None, run.communicate()[0]
            assert time.monotonic() - start < 120, "no clip was being made"
            time.sleep(0.02)
        run.send_signal(signum)
        out, _ = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert '"一度" = "いちど"' in (project / "pronunciations.toml").read_text("utf-8")
    if signum == signal.SIGINT:
        assert run.returncode == 130, out
        assert "pending:" in out and "review --apply again" in out, out
    code, out = project.invoke("verify")
    assert code == 1, out  # the clips the override touches are not made yet

    project.config(_config(project))
    said_after_stop = len(fault_provider.calls(log))
    code, out = project.invoke("review", "--apply", str(review))
    assert code == 0, out
    assert "recorded by an earlier --apply: 1 verdict" in out, out
    assert "verdict(s) about clips the content no longer uses" not in out, out
    code, out = project.invoke("verify")
    assert code == 0, out
    rerun = fault_provider.calls(log)[said_after_stop:]
    assert rerun and all("いちど" in t for t in rerun if "聞いた" in t), rerun
