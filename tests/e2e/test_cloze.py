"""Cloze listening: a field's `cloze` says each blank of its texts as a
silence of the configured length, never a word for the underscores, and `cloze_answer`
adds the sentence said again with the right option in it (the seed app's grammar
exercises: `question` with `___`, `options`, `correct`), on Kokoro first."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import soundfile

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, write_json

pytestmark = pytest.mark.slow

CLOZE = """
[types.grammar]
file = "grammar.json"

[[types.grammar.fields]]
text = "exercises[].question"
url = "exercises[].questionAudio"
cloze = "{gap}"
cloze_answer = "exercises[].options[@correct]"
{more}
"""

EXERCISES: list[dict[str, Any]] = [
    {"question": "私は___を食べます。", "options": ["りんご", "水"], "correct": 0},
    {"question": "これは（　）です。", "options": ["本", "ペン"], "correct": 1},
    {"question": "何を食べますか。", "options": ["パン"], "correct": 0},  # no blank
]


def _clip(project: Project, url: str) -> dict[str, Any]:
    manifest = project.read_json("public/audio/manifest.json")
    (clip,) = [c for c in manifest["clips"] if c["path"] == url.removeprefix("/audio/")]
    return clip


def _longest_silence_ms(project: Project, url: str) -> int:
    """The longest stretch of the clip 40 dB below its loudest 10 ms, in ms."""
    samples, rate = soundfile.read(project / "public" / url.lstrip("/"), dtype="float32")
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    hop = rate // 100
    frames = len(samples) // hop
    rms = np.sqrt((samples[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    quiet = rms < rms.max() * 10 ** (-40 / 20)
    longest = run = 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    return longest * 10


def test_kokoro_says_the_blank_as_silence_and_the_filled_sentence_with_the_answer(
    project: Project,
) -> None:
    project.config(CLOZE.format(gap="2s", more=""))
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": EXERCISES}])
    summary = project.json("generate", "--type", "grammar")
    assert summary["failed"] == 0
    (entry,) = project.read_json("data/grammar.json")
    first, second, plain = entry["exercises"]
    for exercise in (first, second):
        gap = _longest_silence_ms(project, exercise["questionAudio"])
        assert 1900 <= gap <= 2300, gap  # the configured 2 s, measured in the clip
        assert _longest_silence_ms(project, exercise["filledQuestionAudio"]) < 600
    # Nothing said for the blank: the gapped clip's phonemes are the sentence's without it.
    assert _clip(project, first["questionAudio"])["phonemes"] == "βataɕi βa o tabemasɨ."
    assert "ɾʲiŋɡo" in _clip(project, first["filledQuestionAudio"])["phonemes"]  # りんご
    assert "peɴ" in _clip(project, second["filledQuestionAudio"])["phonemes"]  # options[1]
    # A question without a blank is said as written, and has no filled sentence.
    assert plain["questionAudio"] and "filledQuestionAudio" not in plain
    code, out = project.invoke("verify", "--type", "grammar")
    assert code == 0, out
    assert project.json("generate", "--type", "grammar")["generated"] == 0

    # Another gap length remakes the gapped clips only.
    project.config(CLOZE.format(gap="1s", more=""))
    summary = project.json("generate", "--type", "grammar")
    assert summary["generated"] == 2
    (entry,) = project.read_json("data/grammar.json")
    assert 900 <= _longest_silence_ms(project, entry["exercises"][0]["questionAudio"]) <= 1300


@needs_espeak_library
def test_an_english_blank_and_an_answer_given_as_a_text(project: Project) -> None:
    config = CLOZE.format(gap="1500ms", more='lang = "en"\ncloze_url = "exercises[].answerAudio"')
    project.config(config.replace("exercises[].options[@correct]", "exercises[].answer"))
    exercises = [
        {"question": "I ____ to school every day.", "answer": "walk"},
        {"question": "She ___ tea.", "answer": ""},  # no answer: its filled clip is listed
    ]
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    summary = project.json("generate", "--type", "grammar", "--provider", "espeak")
    assert summary["failed"] == 0
    (entry,) = project.read_json("data/grammar.json")
    first, second = entry["exercises"]
    assert 1400 <= _longest_silence_ms(project, first["questionAudio"]) <= 1800
    assert _clip(project, first["answerAudio"])["text"] == "I walk to school every day."
    assert "answerAudio" not in second
    (skipped,) = [s for s in summary["skipped"] if "no answer" in s["reason"]]
    assert skipped["place"] == "grammar.json › [0] › exercises › [1] › question"
    assert skipped["reason"].startswith("no answer for its blank at exercises[].answer")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('cloze = "abc"', "types.grammar.fields[0].cloze: 'abc' is not a length like \"2s\""),
        ('cloze = "60s"', "is not a length like"),
    ],
)
def test_a_bad_cloze_length_is_one_line_and_exit_2(project: Project, line: str, says: str) -> None:
    project.config(CLOZE.format(gap="2s", more="").replace('cloze = "2s"', line))
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": EXERCISES}])
    before = project.tree()
    code, out = project.invoke("generate", "--type", "grammar", "--dry-run")
    assert code == 2 and says in out and out.count("\n") == 1, out
    assert project.tree() == before


def test_kokoro_says_the_words_around_a_blank_as_the_filled_sentence_does(
    project: Project,
) -> None:
    # The seed app's 本を読___ください (its option んで): 読 was said よみ, a
    # word of its own; two blanks take an answer each, never one twice; code is no blank.
    more = 'cloze_separator = " / "'
    config = CLOZE.format(gap="2s", more=more)
    project.config(config.replace("exercises[].options[@correct]", "exercises[].answer"))
    exercises = [
        {"question": "本を読___ください", "answer": "んで"},
        {"question": "私は毎朝___時に___ます。", "answer": "七 / 起き"},
        {"question": "私___学生です。", "answer": "は / が"},  # two answers, one blank
        {"question": "関数 print() を使います。", "answer": "x"},  # code, no blank
    ]
    write_json(project / "data/grammar.json", [{"id": "g1", "exercises": exercises}])
    summary = project.json("generate", "--type", "grammar")
    assert summary["failed"] == 0
    (entry,) = project.read_json("data/grammar.json")
    read, two, mismatched, code = entry["exercises"]
    assert _clip(project, read["questionAudio"])["phonemes"] == "hoɴ o jo kɯdasai"
    assert _clip(project, read["filledQuestionAudio"])["text"] == "本を読んでください"
    assert _clip(project, two["filledQuestionAudio"])["text"] == "私は毎朝七時に起きます。"
    assert "filledQuestionAudio" not in mismatched
    (skipped,) = [s for s in summary["skipped"] if "answers" in s["reason"]]
    assert skipped["reason"].startswith("1 blank and 2 answers: give one answer per blank")
    assert _clip(project, code["questionAudio"])["text"] == "関数 print() を使います。"
    assert "filledQuestionAudio" not in code
