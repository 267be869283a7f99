"""Spans in another language inside a text, on the real path: a Japanese
sentence with an English span said by Kokoro's Japanese voice and Piper's English one,
joined into one clip whose record names both languages and whose English words are
where the English voice spoke them; the dry run shows the spans and the bill, a rerun
makes nothing, verify, prune, review and the listening check handle the runs' clips."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import soundfile

from tests.support.project import Project, write_json
from tests.support.spans import notes_config

pytestmark = pytest.mark.slow

CONFIG_LANGUAGES = {"ja": "kokoro:jf_alpha", "en": "piper:en_US-joe-medium"}
CONFIG = notes_config(CONFIG_LANGUAGES)

LESSON = "Please read this book before the next lesson."
NOTES: list[dict[str, Any]] = [
    {
        "id": "n1",
        "sentence": '今日は<lang xml:lang="en">apple</lang>を食べます。',
        "meaning": "apple",
    },
    {
        "id": "n2",
        "sentence": f'先生は<lang xml:lang="en">{LESSON}</lang>と言いました。',
        "meaning": "The teacher said so.",
    },
]


def _samples(project: Project, path: str) -> tuple[np.ndarray[Any, Any], int]:
    data, rate = soundfile.read(project / "public/audio" / path, dtype="float32")
    return (data.mean(axis=1) if data.ndim > 1 else data), rate


def _similarity(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    """The peak of the normalised cross-correlation of two stretches (1: the same)."""
    a, b = a - a.mean(), b - b.mean()
    corr = np.correlate(a, b, mode="full")
    return float(np.max(np.abs(corr)) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def _at(samples: np.ndarray[Any, Any], rate: int, start: int, end: int) -> np.ndarray[Any, Any]:
    return samples[round(start * rate / 1000) : round(end * rate / 1000)]


def _records(project: Project) -> dict[str, dict[str, Any]]:
    return {c["path"]: c for c in project.manifest()["clips"]}


def test_a_japanese_sentence_with_an_english_span_is_one_clip_its_english_words_where_spoken(
    project: Project,
) -> None:
    project.config(CONFIG)
    write_json(project / "data/notes.json", NOTES)

    # The dry run shows each run as a clip of its own (the English one said by Piper) and
    # the join naming its spans; the bill is the runs' characters, each once ("apple" is
    # also a meaning: one clip).
    dry = project.json("generate", "--dry-run")
    planned = {c["path"].rpartition("public/audio/")[2]: c for c in dry["clips"]}
    joins = [c for c in planned.values() if "spans" in c]
    assert [[(s["lang"], s["text"], s["voice"]) for s in c["spans"]] for c in joins] == [
        [
            ("ja", "今日は", "jf_alpha"),
            ("en", "apple", "en_US-joe-medium"),
            ("ja", "を食べます。", "jf_alpha"),
        ],
        [
            ("ja", "先生は", "jf_alpha"),
            ("en", LESSON, "en_US-joe-medium"),
            ("ja", "と言いました。", "jf_alpha"),
        ],
    ]
    said = {c["text"] for c in planned.values() if "spans" not in c}
    assert said == {
        "今日は",
        "apple",
        "を食べます。",
        "先生は",
        LESSON,
        "と言いました。",
        "The teacher said so.",
    }
    assert dry["billable_characters"] == sum(len(t) for t in said)
    assert len(planned) == len(said) + 2

    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] == len(planned), summary
    records = _records(project)
    entries = {e["id"]: e for e in project.read_json("data/notes.json")}
    for entry in entries.values():
        path = entry["audioUrl"].removeprefix("/audio/")
        join = records[path]
        # One clip for the text, its record naming both languages.
        assert join["text"] == entry["sentence"] and join["lang"] == "ja"
        assert join["timings"]["source"] == "spans" and join["timings"]["langs"] == ["ja", "en"]
        assert entry["words"] == [
            {k: w[k] for k in ("start", "end", "text", "reading", "lang") if k in w}
            for w in join["timings"]["words"]
        ]
        joined, rate = _samples(project, path)
        (english,) = [s for s in join["timings"]["spans"] if s["lang"] == "en"]
        own = next(r for r in records.values() if r["text"] == english["text"])
        assert own["provider"] == "piper" and own["lang"] == "en"
        alone, alone_rate = _samples(project, own["path"])
        assert alone_rate == rate
        # Each English word of the join is where the English voice said it: its audio
        # there is the word's audio in the span's own clip.
        words = [w for w in join["timings"]["words"] if w["lang"] == "en"]
        assert [w["text"] for w in words] == [w["text"] for w in own["timings"]["words"]]
        for word, alone_word in zip(words, own["timings"]["words"], strict=True):
            assert english["start"] <= word["start"] < word["end"] <= english["end"]
            here = _at(joined, rate, word["start"], word["end"])
            there = _at(alone, rate, alone_word["start"], alone_word["end"])
            assert _similarity(here, there) > 0.9, word
        # The Japanese runs were read without the English words: each its own clip,
        # Kokoro's, its reading kana alone.
        for run in (s for s in join["timings"]["spans"] if s["lang"] == "ja"):
            mine = next(r for r in records.values() if r["text"] == run["text"])
            assert mine["provider"] == "kokoro" and mine["lang"] == "ja"
            assert mine["spoken"] == run["text"] and english["text"] not in mine["spoken"]
            assert not any(c.isascii() and c.isalpha() for c in mine["reading"] or "")

    # A rerun makes nothing; verify passes, prune has nothing to prune (the runs' clips,
    # which no URL names, are the joins' inputs), review lists every clip.
    assert project.json("generate")["generated"] == 0
    code, out = project.invoke("verify")
    assert code == 0, out
    assert project.json("prune")["unused"] == []
    assert project.json("review")["clips"] == len(planned)

    # The listening check hears the English span in English; the join is not heard.
    heard = project.json("verify", "--listen")
    assert heard["listening"]["counts"]["flagged"] == 0
    listened: dict[str, Any] = {r["text"]: r.get("listened") for r in _records(project).values()}
    assert listened[LESSON]["language"] == "en" and listened[LESSON]["verdict"] == "ok"
    assert listened[entries["n2"]["sentence"]] is None

    # A changed span remakes its run and its join, nothing else: prune then finds the old
    # ones (the old run's clip no text needs any more), and deletes them.
    notes = project.read_json("data/notes.json")
    notes[1]["sentence"] = '先生は<lang xml:lang="en">Read it again.</lang>と言いました。'
    write_json(project / "data/notes.json", notes)
    assert project.json("generate")["generated"] == 2
    after = {e["id"]: e for e in project.read_json("data/notes.json")}
    assert after["n1"] == entries["n1"] and after["n2"]["audioUrl"] != entries["n2"]["audioUrl"]
    old_run = next(p for p, r in records.items() if r["text"] == LESSON)
    old_join = entries["n2"]["audioUrl"].removeprefix("/audio/")
    assert {u["path"] for u in project.json("prune")["unused"]} == {old_run, old_join}
    project.json("prune", "--yes")
    code, out = project.invoke("verify")
    assert code == 0, out


def test_without_a_mark_a_latin_word_in_a_japanese_sentence_is_said_or_refused_as_before(
    project: Project,
) -> None:
    project.config(CONFIG)
    write_json(
        project / "data/notes.json",
        [{"id": "n1", "sentence": "私はappleを食べます。"}, {"id": "n2", "sentence": "apple"}],
    )
    summary = project.json("generate", code=1)
    (clip,) = project.manifest()["clips"]
    assert clip["provider"] == "kokoro" and clip["text"] == "私はappleを食べます。"
    assert clip["timings"]["source"] != "spans"
    (refused,) = summary["refused"]
    assert refused["reason"] == '"apple" is Latin script, not Japanese'


def test_a_sentence_with_a_span_is_one_segment_of_its_words_as_written_without_the_marks(
    project: Project,
) -> None:
    """Sentences are cut from the text as a learner reads it (its record's `text`): cut
    from the text as written, the marks between its words left none of them found, and
    the sentence was its words joined by spaces (`今日 は apple を 食べます。`)."""
    top = "webvtt = true"
    project.config(notes_config(CONFIG_LANGUAGES, top=top, sentence='segments_by = "sentence"\n'))
    sentence = NOTES[0]["sentence"] + "それはおいしいです。"
    write_json(project / "data/notes.json", [{"id": "n1", "sentence": sentence}])
    assert project.json("generate")["failed"] == 0
    (entry,) = project.read_json("data/notes.json")
    assert [s["text"] for s in entry["words"]] == [
        "今日はappleを食べます。",
        "それはおいしいです。",
    ]
    path = entry["audioUrl"].removeprefix("/audio/").rpartition(".")[0] + ".sentences.vtt"
    track = (project / "public/audio" / path).read_text(encoding="utf-8")
    assert "\n今日はappleを食べます。\n" in track and "lang" not in track, track
    assert project.json("generate")["generated"] == 0
