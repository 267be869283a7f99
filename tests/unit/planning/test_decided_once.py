"""A run's course of several windows decides each reading once: the survey plans every
window and the run plans each again to make it, but what the readers decided in one window
(or pass) is what the next finds, not decided again."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project
from tests.support.windows import small_windows
from tts_assets.commands.tally import survey
from tts_assets.lang.ja import memo
from tts_assets.lang.zh import reader as chinese
from tts_assets.planning.course import course_of
from tts_assets.settings.config import Settings
from tts_assets.settings.load import load_settings

WORDS = ["水", "上手", "一日", "今日", "山", "本", "学生", "先生", "電車", "天気", "勉強", "時間"]
SENTENCES = ["水を飲みます。", "今日は雨が降っています。", "本を読みます。", "電車で行きます。"]


def vocabulary() -> list[dict[str, Any]]:
    """Entries whose words and sentences repeat across windows of a few texts."""
    return [
        {"id": f"v{n}", "word": word, "examples": [{"sentence": SENTENCES[n % len(SENTENCES)]}]}
        for n, word in enumerate([*WORDS, *WORDS[:4]])
    ]


def decisions(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str | None, str]]:
    """How many times the engine decides each (text, reading, kind) from now on."""
    counted: Counter[tuple[str, str | None, str]] = Counter()
    real = memo.reconcile

    def reconcile(written: str, given: str | None, kind: Any, overrides: Any) -> Any:
        counted[written, given, kind] += 1
        return real(written, given, kind, overrides)

    monkeypatch.setattr(memo, "reconcile", reconcile)
    return counted


def run_course(settings: Settings) -> int:
    """A run's planning of `settings`'s course (`commands.generate`): surveyed, then each
    window planned again to make it; the windows planned."""
    with course_of(settings, run=True) as course:
        survey(course)
        return sum(1 for _ in course.windows())


@pytest.mark.parametrize("warm", [False, True], ids=["empty memo", "memo of an earlier run"])
def test_a_course_of_several_windows_decides_each_reading_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese_analyzer: None, warm: bool
) -> None:
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path / "cache"))
    Project(tmp_path).gen({"data/vocabulary.json": json.dumps(vocabulary(), ensure_ascii=False)})
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", type="vocabulary")
    if warm:  # every decision in the reading memo: a run decides each anew once, to check it
        run_course(settings)
    small_windows(monkeypatch, 4)
    counted = decisions(monkeypatch)
    windows = run_course(settings)
    assert windows > 3
    said = {*WORDS, *SENTENCES}
    assert said <= {written for written, _, _ in counted}
    assert {work: n for work, n in counted.items() if n > 1} == {}


def test_a_course_of_several_windows_decided_anew_decides_each_reading_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese_analyzer: None
) -> None:
    """`verify --deep`: every reading decided anew, once however many windows say it."""
    monkeypatch.setenv("TTS_ASSETS_CACHE_DIR", str(tmp_path / "cache"))
    Project(tmp_path).gen({"data/vocabulary.json": json.dumps(vocabulary(), ensure_ascii=False)})
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", type="vocabulary")
    small_windows(monkeypatch, 4)
    counted = decisions(monkeypatch)
    with course_of(settings, files=False, fresh=True) as course:
        course.each(lambda prepared: None)
    assert {*WORDS, *SENTENCES} <= {written for written, _, _ in counted}
    assert {work: n for work, n in counted.items() if n > 1} == {}


CHINESE = ["这只猫很可爱。", "他教我中文。", "我得走了。", "这条河很长。", "他调到北京工作了。"]


def test_a_chinese_course_of_several_windows_decides_each_sentence_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = [{"id": f"z{n}", "word": CHINESE[n % len(CHINESE)]} for n in range(12)]
    Project(tmp_path).gen({"data/vocabulary.json": json.dumps(entries, ensure_ascii=False)})
    settings = load_settings(tmp_path, lang="zh", languages={"zh": "espeak:cmn"}, type="vocabulary")
    counted: Counter[str] = Counter()
    real = chinese.decided_each

    def decided_each(texts: list[str], *args: Any) -> Any:
        counted.update(texts)
        return real(texts, *args)

    monkeypatch.setattr(chinese, "decided_each", decided_each)
    small_windows(monkeypatch, 2)
    assert run_course(settings) > 3
    assert counted == Counter(CHINESE)


def test_a_rule_failing_on_a_batch_asks_each_sentence_alone_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule's bug on one sentence costs that sentence alone: the batch it failed is
    asked again sentence by sentence, each once in the run, the failure kept with it."""
    entries = [{"id": f"z{n}", "word": text} for n, text in enumerate(CHINESE)]
    Project(tmp_path).gen({"data/vocabulary.json": json.dumps(entries, ensure_ascii=False)})
    settings = load_settings(tmp_path, lang="zh", languages={"zh": "espeak:cmn"}, type="vocabulary")
    asked: list[list[str]] = []
    real = chinese.decided_each

    def decided_each(texts: list[str], *args: Any) -> Any:
        asked.append(list(texts))
        if CHINESE[2] in texts:
            raise RuntimeError("a rule's bug")
        return real(texts, *args)

    monkeypatch.setattr(chinese, "decided_each", decided_each)
    run_course(settings)
    assert Counter(t[0] for t in asked if len(t) == 1) == Counter(CHINESE)
    assert sum(1 for t in asked if len(t) > 1) == 1
