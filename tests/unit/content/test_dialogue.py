"""A dialogue's declaration read (`content.dialogue`): its lines written `NAME: text`, its
pause and speakers, its `[]` rules, its bounds; and the cue of a line that names its
speaker (`readings.words.webvtt_of`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.sweep import check_each, check_each_one
from tests.support.windows import whole_course
from tts_assets.content.dialogue import (
    DIALOGUES,
    MOST_LINES,
    PAUSE_S,
    DialogueSpec,
    Speakers,
    beyond_bounds,
    marked_lines,
    pause_of,
    speakers_of,
)
from tts_assets.content.item import Drill, Item, Part
from tts_assets.content.load import LoadResult
from tts_assets.content.places import SpecError
from tts_assets.content.spec import resolve_types
from tts_assets.errors import InputError
from tts_assets.languages import resolved
from tts_assets.readings.words import webvtt_of


def test_the_lines_of_a_text_name_their_speakers_half_or_full_width() -> None:
    text = "A: すみません。\n\n  店員：はい、何でしょう。\nB:\nこれは続き"
    assert marked_lines(text) == [
        ("A", "すみません。"),
        ("店員", "はい、何でしょう。"),
        ("B", ""),
        (None, "これは続き"),
    ]


def test_a_dialogue_written_on_one_line_is_cut_into_turns_at_its_speakers_marks() -> None:
    """The seed app's Korean, Spanish and Italian dialogues write a whole dialogue on one
    line: each speaker's mark after a sentence end starts a turn, and no mark is said."""
    seed = (
        "A: 실례합니다. 지금 몇 시예요? B: 2시 30분이에요. A: 감사합니다. 은행이 몇 시에 "
        "닫아요? B: 4시에 닫아요."
    )
    assert marked_lines(seed, "ko", ["A", "B"]) == [
        ("A", "실례합니다. 지금 몇 시예요?"),
        ("B", "2시 30분이에요."),
        ("A", "감사합니다. 은행이 몇 시에 닫아요?"),
        ("B", "4시에 닫아요."),
    ]
    # A mark that starts a line of the text is a speaker's too, declared or not.
    debate = "Moderador: Bienvenidos. Marta, ¿su posición? Marta: Creo que sí.\nMarta: Y no."
    assert marked_lines(debate, "es") == [
        ("Moderador", "Bienvenidos. Marta, ¿su posición?"),
        ("Marta", "Creo que sí."),
        ("Marta", "Y no."),
    ]
    # One word and a colon after a sentence end is a mark too (the config may not name
    # it: the run then stops at the line); with no sentence end before it, it is said.
    assert marked_lines("A: Le dije B: ven. Nota: es tarde. Son las 10:30.", "es", ["A"]) == [
        ("A", "Le dije B: ven."),
        ("Nota", "es tarde. Son las 10:30."),
    ]
    assert marked_lines("A: 水は3.5 B: リットル。", "ja", ["A", "B"]) == [
        ("A", "水は3.5 B: リットル。")
    ]


def test_a_pause_is_a_length_or_seconds() -> None:
    def case(given: object, seconds: float) -> None:
        assert pause_of(given) == pytest.approx(seconds)

    check_each(case, [("800ms", 0.8), ("1s", 1.0), ("1.5 秒", 1.5), (2, 2.0), (0, 0.0)])


def test_a_pause_past_ten_seconds_or_not_a_length_is_refused() -> None:
    def case(given: object) -> None:
        with pytest.raises(SpecError) as e:
            pause_of(given)
        assert e.value.key == "pause"

    check_each_one(case, ["11s", "soon", -0.5, float("nan"), float("inf"), True, [1]])


def test_the_speakers_own_voice_comes_before_its_languages() -> None:
    speakers = Speakers(speakers_of({"A": " jf_alpha "}), speakers_of({"A": "x", "B": "jm_kumo"}))
    assert speakers.voice_of("A") == "jf_alpha"
    assert speakers.voice_of("B") == "jm_kumo"
    assert speakers.voice_of("C") is None
    assert speakers.names == ["A", "B"]


def test_a_dialogue_takes_the_urls_steps_or_one_more() -> None:
    listed = DialogueSpec(text="lines[].text", url="audioUrl", speaker="lines[].who")
    assert listed.speaker_selector is not None and listed.name == "audioUrl"
    written = DialogueSpec(text="script", url="audioUrl")
    assert written.speaker_selector is None
    nested = DialogueSpec(
        text="talks[].lines[].text", url="talks[].audioUrl", speaker="talks[].lines[].who"
    )
    assert nested.text_selector.each_count == 2
    with pytest.raises(SpecError, match=re.escape('has 0 "[]" and text "a[].b[].c" has 2')):
        DialogueSpec(text="a[].b[].c", url="audioUrl")


def test_a_dialogue_reads_its_texts_and_speakers_and_writes_its_url_timings_and_lines_urls() -> (
    None
):
    dialogue = DialogueSpec(
        text="lines[].text",
        url="audioUrl",
        speaker="lines[].who",
        line_url="lines[].audioUrl",
        timings="lineTimings",
    )
    assert [(p.key, p.selector.source) for p in dialogue.reads()] == [
        ("text", "lines[].text"),
        ("speaker", "lines[].who"),
    ]
    assert [(p.key, p.selector.source) for p in dialogue.writes()] == [
        ("url", "audioUrl"),
        ("timings", "lineTimings"),
        ("line_url", "lines[].audioUrl"),
    ]


def test_the_tables_are_read_with_the_content_language_by_default() -> None:
    (dialogue,) = DIALOGUES.parse(
        {
            "dialogues": [
                {"text": "script", "url": "audioUrl", "pause": "1s", "speakers": {"A": "jf_alpha"}}
            ]
        },
        "ja",
    )
    assert dialogue.lang == "ja" and dialogue.pause == 1.0
    assert dialogue.speakers.own == (("A", "jf_alpha"),)
    (default,) = DIALOGUES.parse({"dialogues": [{"text": "script", "url": "audioUrl"}]}, "ko")
    assert default.lang == "ko" and default.pause == PAUSE_S
    with pytest.raises(SpecError) as e:
        DIALOGUES.parse(
            {"dialogues": [{"text": "script", "url": "audioUrl", "speakers": {"A": ""}}]}, "ja"
        )
    assert e.value.key == "dialogues[0].speakers.A"


def _line(text: str) -> Part:
    item = Item("talk", Path("talk.json"), (), text, text, resolved("ja"), ())
    return Part("line", item=item, speaker="A")


def test_the_bounds_count_lines_not_pauses() -> None:
    pause = Part("0.8s", seconds=0.8)
    lines = [_line("はい。") for _ in range(MOST_LINES)]
    within = [p for line in lines for p in (line, pause)][:-1]  # 100 lines, 99 pauses
    assert beyond_bounds(within) == ""
    assert "101 lines" in beyond_bounds([*within, pause, _line("はい。")])
    assert "s of silence" in beyond_bounds([_line("はい。"), Part("10s", seconds=121)])
    assert "20,001 characters" in beyond_bounds([_line("あ" * 10_000), _line("あ" * 10_001)])


def test_a_lines_cue_names_its_speaker_escaped() -> None:
    recorded = {
        "words": [
            {"start": 50, "end": 900, "text": "いらっしゃいませ。", "speaker": "店員"},
            {"start": 1700, "end": 2500, "text": "a < b & c", "speaker": "Tom & <Jerry>"},
            {"start": 2600, "end": 3000, "text": "water", "part": "meaning", "lang": "en"},
        ]
    }
    cues = webvtt_of(recorded).split("\n\n")
    assert cues[1].splitlines()[-1] == "<v 店員>いらっしゃいませ。"
    assert cues[2].splitlines()[-1] == "<v Tom &amp; &lt;Jerry&gt;>a &lt; b &amp; c"
    assert cues[3].splitlines()[-1] == "water"  # a drill's part names no speaker


def _loaded_talk(tmp_path: Path, dialogue: dict[str, str], entry: object) -> LoadResult:
    """The load of one entry of a type `talk` with the dialogue `dialogue` (Kokoro's
    Japanese voices)."""
    table = {
        "talk": {
            "file": "talk.json",
            "dialogues": [{"url": "audioUrl", "speakers": {"A": "jf_alpha", "B": "jm_kumo"},
                           **dialogue}],
        }
    }  # fmt: skip
    (tmp_path / "talk.json").write_text(json.dumps([entry], ensure_ascii=False), "utf-8")
    return whole_course(tmp_path, [resolve_types(table, None)["talk"]])


def test_a_speaker_left_beside_a_deleted_line_is_refused_naming_its_place(
    tmp_path: Path,
) -> None:
    """Two parallel lists, a line deleted and its speaker left: every later line would be
    said by the wrong voice. Refused as a line with no speaker is, naming the place."""
    parallel = {"text": "lines[]", "speaker": "who[]"}
    entry = {"lines": ["おはよう。", "元気？"], "who": ["A", "B", "A"]}
    with pytest.raises(InputError) as e:
        _loaded_talk(tmp_path, parallel, entry)
    assert str(e.value) == (
        "talk.json › [0] › who › [2]: a speaker with no line beside it (2 lines, 3 speakers): "
        "remove the speaker of the line deleted, or write its line; fix the entry"
    )
    # The other mismatch, refused as before; as many of each: loaded.
    with pytest.raises(InputError, match=r"lines › \[1\]|who › \[1\]"):
        _loaded_talk(tmp_path, parallel, {**entry, "who": ["A"]})
    assert _loaded_talk(tmp_path, parallel, {**entry, "who": ["A", "B"]}).sequences


def test_a_text_that_names_no_speaker_is_one_voice_s_and_a_mixed_one_is_refused(
    tmp_path: Path,
) -> None:
    """The seed app's listening file holds monologues beside its dialogues in one place:
    a text none of whose lines names a speaker is said by the language's voice; a text
    that names one on some lines only is refused, naming the line."""
    written = {"text": "script"}
    loaded = _loaded_talk(tmp_path, written, {"script": "おはようございます。今日は晴れです。"})
    (join,) = loaded.sequences
    assert join.text == "おはようございます。今日は晴れです。"
    assert isinstance(join.made_from, Drill)
    (line,) = [p.item for p in join.made_from.parts if p.item]
    assert line.voice is None and line.spoken == join.text
    loaded = _loaded_talk(tmp_path, written, {"script": "A: おはよう。B: はい。"})
    (join,) = loaded.sequences
    assert join.text == "A: おはよう。\nB: はい。"
    with pytest.raises(InputError, match=r"script: line 2 \("):
        _loaded_talk(tmp_path, written, {"script": "A: おはよう。\nはい。"})
    # A mark of a speaker the config does not name is never said: the run stops there.
    with pytest.raises(InputError, match='script: the speaker "C" has no voice'):
        _loaded_talk(tmp_path, written, {"script": "A: おはよう。C: はい。"})
