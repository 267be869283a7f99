"""A dialogue's line holding a span in another language (where dialogues and spans meet): the
line is cut into its runs as a field's text is, each run said by its language's voice (the
line's own runs by its speaker's), the runs joined into the line's clip and the lines into
the dialogue, a join of joins made in the graph's order. A bad mark refuses its dialogue
alone (exit 1) with how to write it; a span in a language tts-assets does not voice, or
whose language has no voice, stops the run at load (exit 2) in one line naming the line's
place, nothing written. A learner's captions (the line's timings, its WebVTT cue) show
the line's words without the marks, SSML's or the dialogue's own `lang_mark`. The join of
joins on the fault provider (fast); the real voices (Kokoro's speakers, Piper's English)
in the slow test."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.markers import fast_first
from tests.support.project import Project, write_json
from tests.support.refusal import refused
from tests.support.talk import talk_config, talk_entry

LINE = '今日は<lang xml:lang="en">apple</lang>を食べます。'
UNMARKED = "今日はappleを食べます。"
"""The line as a learner reads it: its marks left out."""
RUNS = [("ja", "今日は"), ("en", "apple"), ("ja", "を食べます。")]
"""Its runs, each in its language."""


def _config(head: str, a: str, b: str, more: str = "") -> str:
    return talk_config(head, {"A": a, "B": b}, **({"line_url": more} if more else {}))


def _talk(n: int, first: str, second: str = "いいですね。") -> dict[str, Any]:
    return talk_entry(n, ("A", first), ("B", second))


def _records(project: Project) -> dict[str, dict[str, Any]]:
    return {c["path"]: c for c in project.manifest()["clips"]}


FAULT = 'lang = "ja"\nprovider = "fault"\n[providers.fault]\nlog = "calls.jsonl"\n'


@pytest.mark.parametrize("own_url", fast_first([False, True], ids=["no line URL", "line URL"]))
def test_a_line_with_a_span_is_its_runs_joined_then_joined_into_its_dialogue(
    project: Project, fault: None, own_url: bool
) -> None:
    more = "lines[].audioUrl" if own_url else ""
    project.config(_config(FAULT, "tone", "tone", more))
    write_json(project / "data/talk.json", [_talk(1, LINE)])
    dry = project.json("generate", "--dry-run")
    (line,) = [c for c in dry["clips"] if "spans" in c]
    assert [(s["lang"], s["text"]) for s in line["spans"]] == RUNS
    assert line["text"] == LINE and line["billable_characters"] == 0
    (talk,) = [c for c in dry["clips"] if c.get("parts")]
    assert talk["parts"] == ["line 1 (A)", "0.8s", "line 2 (B)"]
    # Each run and each other text billed once; the line and the dialogue never sent.
    billed = {c["text"]: c["billable_characters"] for c in dry["clips"]}
    assert (
        dry["billable_characters"]
        == sum(billed.values())
        == len("会話1今日はappleを食べます。いいですね。")
    )

    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] == len(dry["clips"]) == 7, summary
    calls = [json.loads(c) for c in (project / "calls.jsonl").read_text().splitlines()]
    assert sorted((c["text"], c["lang"]) for c in calls) == sorted(
        [
            ("会話1", "ja"),
            ("今日は", "ja"),
            ("apple", "en"),
            ("を食べます。", "ja"),
            ("いいですね。", "ja"),
        ]
    )
    (entry,) = project.read_json("data/talk.json")
    records = _records(project)
    joined = records[entry["audioUrl"].removeprefix("/audio/")]
    assert joined["text"].startswith(f"A: {UNMARKED}\nB: ")
    first, second = entry["lineTimings"]
    assert first["speaker"] == "A" and first["voice"] == "tone" and first["text"] == UNMARKED
    assert second["speaker"] == "B" and first["end"] < second["start"]
    line_path = line["path"].removeprefix("public/audio/")
    line_record = records[line_path]
    assert line_record["timings"]["langs"] == ["ja", "en"]
    if own_url:  # the line's own URL is its joined clip's
        assert entry["lines"][0]["audioUrl"] == f"/audio/{line_path}"
    else:
        assert "audioUrl" not in entry["lines"][0]
    assert project.json("generate")["generated"] == 0
    code, out = project.invoke("verify")
    assert code == 0, out


@pytest.mark.parametrize(
    ("line", "keys"),
    [(LINE, {}), ("今日は[en]apple[/en]を食べます。", {"lang_mark": "[{lang}]{text}[/{lang}]"})],
    ids=["SSML", "the dialogue's lang_mark"],
)
def test_a_learner_reads_a_lines_words_without_its_marks_in_its_timings_and_cue(
    project: Project, fault: None, line: str, keys: dict[str, str]
) -> None:
    """The line's timings and its WebVTT cue (what a learner reads while listening) hold
    its words, never its marks: SSML's was escaped into the cue as text. The review page's
    row of the dialogue shows its lines so too (each lit where its timings say); the
    line's own row shows it as the content holds it."""
    from tests.support.review_project import page_data

    head = FAULT.replace('lang = "ja"\n', 'lang = "ja"\nwebvtt = true\n')
    project.config(talk_config(head, {"A": "tone", "B": "tone"}, **keys))
    write_json(project / "data/talk.json", [_talk(1, "いいですね。", line)])
    assert project.json("generate")["failed"] == 0
    (entry,) = project.read_json("data/talk.json")
    # The marks made the line's runs (the dry run's spans: the test above), each a clip.
    said = {c["text"]: c for c in _records(project).values()}
    assert [(said[text]["lang"], text) for _, text in RUNS] == RUNS
    assert said[line]["timings"]["langs"] == ["ja", "en"]
    assert [t["text"] for t in entry["lineTimings"]] == ["いいですね。", UNMARKED]
    talk = entry["audioUrl"].removeprefix("/audio/")
    track = (project / "public/audio" / talk).with_suffix(".vtt").read_text(encoding="utf-8")
    assert f"<v B>{UNMARKED}\n" in track, track
    assert "lang" not in track and "[" not in track, track

    project.json("review", "--output", "page.html")
    rows = {r["x"]: r for r in page_data(project / "page.html")["rows"]}
    talk_row = rows[f"A: いいですね。\nB: {UNMARKED}"]
    assert [w[2] for w in talk_row["tw"]] == ["いいですね。", UNMARKED]
    assert line in rows  # the line's own clip: its text as the content holds it


def test_a_bad_mark_in_a_line_refuses_its_dialogue_alone(project: Project, fault: None) -> None:
    project.config(_config(FAULT, "tone", "tone"))
    write_json(
        project / "data/talk.json",
        [_talk(1, '今日は<lang xml:lang="en">apple を食べます。'), _talk(2, "おはよう。")],
    )
    code, out = project.invoke("generate")
    assert code == 1 and "Traceback" not in out, out
    assert (
        "talk.json › [0] › audioUrl" in out
        and "its line 1 (talk.json › [0] › lines › [0] › text)" in out
    ), out
    assert "not closed; close it with </lang>" in out, out  # how to write it
    made, refused = project.read_json("data/talk.json")[1], project.read_json("data/talk.json")[0]
    assert "audioUrl" in made and "audioUrl" not in refused


def _said_of_the_line(out: str, needle: str) -> None:
    assert out.startswith("error: ") and out.count("\n") == 1, out
    assert "talk.json › [0] › lines › [0] › text" in out and needle in out, out


@pytest.mark.parametrize("dry", [True, False], ids=["dry run", "run"])
def test_a_span_with_no_voice_in_a_line_stops_the_run_at_load_naming_the_line(
    project: Project, dry: bool
) -> None:
    project.config(_config('lang = "ja"\n', "jf_alpha", "jm_kumo"))
    write_json(
        project / "data/talk.json", [_talk(1, '今日は<lang xml:lang="ko">안녕</lang>です。')]
    )
    before = project.tree()
    code, out = project.invoke("generate", *(["--dry-run"] if dry else []))
    assert code == 2, out
    _said_of_the_line(out, "has no voice: ko: kokoro has no Korean voice")
    assert project.tree() == before


def test_a_span_in_a_language_tts_assets_does_not_voice_in_a_line_stops_the_run_at_load(
    project: Project,
) -> None:
    """As the span with no voice above stops the command line, asked one layer below it
    (`refused`: exit 2, one line, nothing written)."""
    files = {
        "tts-assets.toml": _config('lang = "ja"\n', "jf_alpha", "jm_kumo"),
        "data/talk.json": [_talk(1, '今日は<lang xml:lang="xx">apple</lang>です。')],
    }
    out = f"error: {refused(project, files)}\n"
    _said_of_the_line(out, 'a span in "xx", which tts-assets does not voice')


@pytest.mark.slow
def test_on_the_real_path_each_speaker_says_their_runs_and_piper_the_english_one(
    project: Project,
) -> None:
    head = (
        'lang = "ja"\nwebvtt = true\n[languages]\nja = "kokoro:jf_alpha"\n'
        'en = "piper:en_US-joe-medium"\n'
    )
    project.config(_config(head, "jf_alpha", "jm_kumo"))
    write_json(project / "data/talk.json", [_talk(1, "いいですね。", LINE)])
    summary = project.json("generate")
    assert summary["failed"] == 0 and summary["generated"] == 7, summary
    records = _records(project)
    said = {r["text"]: (r["provider"], r["voice"]) for r in records.values()}
    # B's line: its Japanese runs in B's voice, the English span in Piper's.
    assert said["今日は"] == said["を食べます。"] == ("kokoro", "jm_kumo")
    assert said["apple"] == ("piper", "en_US-joe-medium")
    assert said["いいですね。"] == ("kokoro", "jf_alpha")
    (entry,) = project.read_json("data/talk.json")
    first, second = entry["lineTimings"]
    assert (first["speaker"], first["voice"]) == ("A", "jf_alpha")
    assert (second["speaker"], second["voice"], second["text"]) == ("B", "jm_kumo", UNMARKED)
    talk = entry["audioUrl"].removeprefix("/audio/")
    track = (project / "public/audio" / talk).with_suffix(".vtt").read_text(encoding="utf-8")
    assert "<v A>いいですね。" in track and f"<v B>{UNMARKED}" in track, track
    assert project.json("generate")["generated"] == 0
    code, out = project.invoke("verify")
    assert code == 0, out
