"""Dialogues as a careless user writes them: the wrong types in the config and the content, a
speaker with no voice, places of other owners, a huge number of lines or a huge pause, an
empty line, a refused line, a review's retake of a line, and a run killed between the
lines and the join. Bad input is one line, exit 2, nothing written; one dialogue's trouble
is its own (exit 1, the others made); a killed run bills nothing twice. (The places a
dialogue writes against every other place: tests/e2e/test_places.py's matrix.)"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import join_gate
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, new_project, write_json
from tests.support.refusal import refused, refused_by_load, refused_by_types
from tests.support.review_project import write_retake
from tests.support.sweep import check_each
from tests.support.talk import KOKORO, TYPE
from tests.support.talk import talk_config as _config
from tests.support.talk import talk_entry as _entry
from tests.support.windows import loaded_as_run
from tts_assets.content.item import Drill, describe_path

A, B = "EXAVITQu4vr4xnSDxMaL", "pNInz6obpgDQGcFmaJgB"
KEY = "sk-test-0123456789abcdef"

Refusal = Callable[..., str]

TALK = [
    _entry(1, ("A", "おはようございます。"), ("B", "おはよう。")),
    _entry(2, ("B", "お疲れさまでした。"), ("A", "お先に失礼します。")),
]


def _refused(
    project: Project, config: str, content: Any, *needles: str, ask: Refusal = refused
) -> str:
    """The one line holding `needles` that `generate --type talk --dry-run` stops with
    (exit 2, nothing written), asked one layer below the command line: by `ask`, where
    the run decides it (`refused`: a dry run's planning, the voices' checks among it;
    `refused_by_types`: a table of the config; `refused_by_load`: the content)."""
    files = {"tts-assets.toml": config, "data/talk.json": content}
    out = ask(project, files, type="talk")
    for needle in needles:
        assert needle in out, (needle, out)
    return out


def _refused_by_the_command(project: Project, config: str, content: Any, *needles: str) -> str:
    """The dry run and the run, through the command line, both stop with exit 2 in the
    line `_refused` asks for, no traceback, nothing written."""
    said = _refused(project, config, content, *needles)
    before = project.tree()
    for args in (("--dry-run",), ()):
        code, out = project.invoke("generate", "--type", "talk", *args)
        assert code == 2 and out == f"error: {said}\n", out
        assert project.tree() == before
    return said


def _speakers(project: Project) -> dict[str, str | None]:
    """Who says the one dialogue's lines in which voice (what a dry run's `--json` shows
    of it), as the types `--type talk` selects load it, one layer below the command."""
    (dialogue,) = loaded_as_run(project, type="talk").sequences
    assert isinstance(dialogue.made_from, Drill)
    parts = dialogue.made_from.parts
    return {p.speaker: p.item.voice for p in parts if p.speaker is not None and p.item}


# --- the config --------------------------------------------------------------------------


BAD_TABLES = [
    ({"speakers": ["jf_alpha"]}, ("dialogues[0].speakers", "expected a table")),
    ({"speakers": {"A": 5}}, ("dialogues[0].speakers.A", "a voice's name")),
    ({"speakers": {"A": ""}}, ("dialogues[0].speakers.A", "an empty string")),
    ({"speakers": {"": "jf_alpha"}}, ("dialogues[0].speakers", "no speaker's name")),
    ({"speakers": {f"A{i}": "jf_alpha" for i in range(51)}}, ("51 speakers",)),
    ({"pause": [1]}, ("dialogues[0].pause", "expected a length")),
    ({"pause": True}, ("dialogues[0].pause", "expected a length")),
    ({"pause": "2 hours"}, ("dialogues[0].pause", "at most 10 s")),
    ({"pause": 3600}, ("dialogues[0].pause", "at most 10 s")),
    ({"pause": -1}, ("dialogues[0].pause", "at most 10 s")),
    ({"text": ["lines[].text"]}, ("dialogues[0].text", "one path expression")),
    ({"text": None}, ('dialogues[0]: missing "text"',)),
    ({"url": None}, ('dialogues[0]: missing "url"',)),
    ({"text": "a[].b[].c"}, ("dialogues[0].text", '"a[].b[].c" has 2')),
    ({"speaker": 5}, ("dialogues[0].speaker", "a string")),
    # The speaker key naming a text place: the lines' own, or a text with other [].
    ({"speaker": "lines[].text"}, ("dialogues[0].speaker", "the text's own place")),
    ({"speaker": "title"}, ("dialogues[0].speaker", "same [] steps as the text")),
    ({"speaker": None, "line_url": "lines[].audioUrl"}, ("line_url", "needs its speaker")),
    ({"lang": "xx"}, ("dialogues[0].lang", "not a language tts-assets voices")),
    ({"lang_mark": 5}, ("dialogues[0].lang_mark", "a string")),
    ({"lang_mark": "[{text}]"}, ("dialogues[0].lang_mark", "holds {lang} once")),
    ({"colour": "red"}, ("dialogues[0].colour", "unknown key colour")),
    # Its places on another writer's place, or a text (every pair: test_places.py).
    ({"url": "title"}, ("dialogues[0].url", 'reads its text "title"')),
    ({"url": "titleAudioUrl"}, ("dialogues[0].url", 'writes its URL "titleAudioUrl"')),
    ({"timings": "title"}, ("dialogues[0].timings", "title")),
    ({"timings": "audioUrl"}, ("dialogues[0].timings", '"audioUrl"')),
    ({"line_url": "lines[].speaker"}, ("dialogues[0].line_url", "speakers")),
    ({"line_url": "lines[].text"}, ("dialogues[0].line_url", "lines' texts")),
]


def test_a_bad_dialogue_table_is_one_line_and_exit_2(tmp_path: Path) -> None:
    check_each(
        _a_bad_dialogue_table_is_one_line_and_exit_2,
        [(tmp_path, *c) for c in BAD_TABLES],
        ids=lambda case: repr(case[1:]),
    )


def _a_bad_dialogue_table_is_one_line_and_exit_2(
    tmp_path: Path, keys: dict[str, Any], needles: tuple[str, ...]
) -> None:
    project = new_project(tmp_path)
    speakers = keys.pop("speakers", None)
    config = _config(speakers=speakers, **keys)
    _refused(project, config, TALK, "types.talk", *needles, ask=refused_by_types)


BAD_LANGUAGE_SPEAKERS = [
    ('[languages.ja]\nspeakers = "A"\n', ("languages.ja.speakers", "expected a table")),
    ("[languages.ja]\nspeakers = { B = 3 }\n", ("languages.ja.speakers.B",)),
    ('[languages.ja]\nspeakers = { B = "nosuch" }\n', ("[languages.ja] speakers.B",)),
]


def test_a_languages_bad_speakers_are_named_there(tmp_path: Path) -> None:
    check_each(
        _a_languages_bad_speakers_are_named_there,
        [(tmp_path, *c) for c in BAD_LANGUAGE_SPEAKERS],
        ids=lambda case: repr(case[1:]),
    )


def _a_languages_bad_speakers_are_named_there(
    tmp_path: Path, languages: str, needles: tuple[str, ...]
) -> None:
    project = new_project(tmp_path)
    _refused(project, _config(languages, speakers={"A": "jf_alpha"}), TALK, *needles)


DECLARED_SPEAKERS = [
    # A language no dialogue of the course is in: its voices are checked all the same.
    (
        _config('[languages.en]\nspeakers = { A = "jf_alpha" }\n'),
        ("[languages.en] speakers.A", "jf_alpha speaks ja, not English"),
    ),
    (
        _config('[languages.en]\nspeakers = { A = "nosuch" }\n'),
        ("[languages.en] speakers.A", "unknown voice 'nosuch'"),
    ),
    # A dialogue's own speaker.
    (
        _config(speakers={"A": "nosuch", "B": "jm_kumo"}),
        ("types.talk.dialogues[0].speakers.A", "unknown voice 'nosuch'"),
    ),
    # A language's speaker every dialogue gives a voice of its own.
    (
        _config('[languages.ja]\nspeakers = { A = "nosuch" }\n'),
        ("[languages.ja] speakers.A", "unknown voice 'nosuch'"),
    ),
    # A type's speaker its dialogue gives a voice of its own ...
    (
        _config().replace(
            TYPE, TYPE.replace("[types.talk]", '[types.talk]\nspeakers = { B = "x" }')
        ),
        ("types.talk.speakers.B", "unknown voice 'x'"),
    ),
]


def test_every_declared_speakers_voice_is_checked_used_or_not(tmp_path: Path) -> None:
    """A speaker's voice is checked where the config declares it, as a used one is: a
    voice no line said (no dialogue in its language, a speaker named over it) was taken
    unchecked, a Japanese voice for English and one that does not exist alike."""
    check_each(
        _every_declared_speakers_voice_is_checked_used_or_not,
        dict(
            zip(
                [
                    "English, a Japanese voice",
                    "English, unknown",
                    "the dialogue's",
                    "ja, named over",
                    "type, named over",
                ],
                [(tmp_path, *c) for c in DECLARED_SPEAKERS],
                strict=True,
            )
        ),
    )


def _every_declared_speakers_voice_is_checked_used_or_not(
    tmp_path: Path, config: str, needles: tuple[str, ...]
) -> None:
    project = new_project(tmp_path)
    _refused(project, config, TALK, *needles)


SPEAKER_VOICES = {"nosuch": "unknown voice 'nosuch'", "af_heart": "pull kokoro-voices-v1.0"}


def test_the_speakers_of_a_type_with_no_dialogue_are_checked_in_the_content_language(
    tmp_path: Path,
) -> None:
    """`[types.T] speakers` on a type with no dialogue: checked as a voice of the content
    language's, when the type is read (as its fields' voices are): of that type and of
    all, each in a project of its own, asked one layer below the command line where a
    run's survey and a dry run decide it (`refused`); the test below runs one through the
    command line, a run."""
    check_each(
        _speakers_checked,
        {
            f"{voice} {how}": (new_project(tmp_path), voice, flags)
            for voice in SPEAKER_VOICES
            for how, flags in (("--type words", {"type": "words"}), ("all", {}))
        },
    )


def test_the_speakers_of_a_type_with_no_dialogue_stop_the_command(project: Project) -> None:
    line = _speakers_checked(project, "nosuch", {})
    before = project.tree()
    code, out = project.invoke("generate")
    assert code == 2 and out == f"error: {line}\n", out
    assert project.tree() == before


def _speakers_checked(project: Project, voice: str, flags: dict[str, str]) -> str:
    words = (
        f'[types.words]\nfile = "words.json"\nspeakers = {{ A = "{voice}" }}\n'
        '[[types.words.fields]]\ntext = "word"\nurl = "wordUrl"\n'
    )
    files = {
        "tts-assets.toml": _config() + words,
        "data/words.json": [{"word": "山"}],
        "data/talk.json": TALK,
    }
    line = refused(project, files, **flags)
    assert line.startswith(f"{project / 'tts-assets.toml'}: types.words.speakers.A: "), line
    assert SPEAKER_VOICES[voice] in line, line
    return line


def test_a_declared_speakers_voice_of_its_languages_provider_is_taken(project: Project) -> None:
    """The check refuses no voice that says its language: an English speaker of Piper's
    in a Japanese course with no English dialogue."""
    languages = (
        '[languages.en]\nvoice = "piper:en_US-joe-medium"\nspeakers = { A = "en_US-joe-medium" }\n'
    )
    project.config(_config(languages))
    write_json(project / "data/talk.json", TALK[:1])
    assert _speakers(project) == KOKORO


def test_a_types_bad_speakers_are_named_there(project: Project) -> None:
    typed = TYPE.replace('file = "talk.json"', 'file = "talk.json"\nspeakers = { B = "nosuch" }')
    config = _config(speakers={"A": "jf_alpha"}).replace(TYPE, typed)
    _refused_by_the_command(
        project, config, TALK, "types.talk.speakers.B", "unknown voice 'nosuch'"
    )
    _refused(project, config.replace('{ B = "nosuch" }', "3"), TALK, "types.talk.speakers:")


def test_a_dialogues_speakers_come_before_its_types_and_its_languages(project: Project) -> None:
    typed = TYPE.replace(
        'file = "talk.json"', 'file = "talk.json"\nspeakers = { A = "jf_tebukuro", B = "jm_kumo" }'
    )
    languages = '[languages.ja]\nspeakers = { A = "jf_gongitsune", B = "jf_gongitsune" }\n'
    project.config(_config(languages, speakers={"A": "jf_nezumi"}).replace(TYPE, typed))
    write_json(project / "data/talk.json", TALK[:1])
    assert _speakers(project) == {"A": "jf_nezumi", "B": "jm_kumo"}


def test_a_languages_speakers_say_what_the_dialogue_does_not_name(project: Project) -> None:
    project.config(_config('[languages.ja]\nspeakers = { A = "jf_nezumi", B = "jm_kumo" }\n',
                           speakers={"A": "jf_alpha"}))  # fmt: skip
    write_json(project / "data/talk.json", TALK[:1])
    assert _speakers(project) == {"A": "jf_alpha", "B": "jm_kumo"}  # its own A first


# --- the content -------------------------------------------------------------------------


WRONG_VALUES = [
    ({"lines": "A: はい。"}, ("talk.json › [0] › lines:", "expected a list")),
    ({"lines": ["A: はい。"]}, ("lines › [0]:", "expected an object")),
    ({"lines": [{"speaker": "A", "text": 5}]}, ("lines › [0] › text", "a line's text")),
    ({"lines": [{"speaker": "A", "text": ["はい"]}]}, ("lines › [0] › text", "found a list")),
    ({"lines": [{"speaker": 5, "text": "はい。"}]}, ("› speaker", "found a number")),
    ({"lines": [{"speaker": None, "text": "はい。"}]}, ("› speaker", "found null")),
    ({"lines": [{"text": "はい。"}]}, ("lines › [0] › speaker", "found nothing")),
    ({"lines": [{"speaker": "A", "text": "はい。"}], "audioUrl": 5}, ("audioUrl", "number")),
    (
        {"lines": [{"speaker": "A", "text": "はい。"}], "lineTimings": "x"},
        ("lineTimings", "holds a string, not timings"),
    ),
]


def test_a_wrong_value_in_the_content_is_one_line_and_exit_2(tmp_path: Path) -> None:
    check_each(
        _a_wrong_value_in_the_content_is_one_line_and_exit_2,
        [(tmp_path, *c) for c in WRONG_VALUES],
        ids=lambda case: repr(case[1:]),
    )


def _a_wrong_value_in_the_content_is_one_line_and_exit_2(
    tmp_path: Path, entry: dict[str, Any], needles: tuple[str, ...]
) -> None:
    project = new_project(tmp_path)
    content = [{"title": "会話", **entry}, TALK[1]]
    _refused(project, _config(), content, *needles, ask=refused_by_load)


def test_a_speaker_with_no_voice_stops_the_run_naming_its_place_and_what_to_do(
    project: Project,
) -> None:
    """A speaker the config gives no voice, in the second entry only: the whole run stops
    before anything is written (as any bad input of the content does), one line naming the
    file, the place, and where to give it a voice."""
    talk = [TALK[0], _entry(2, ("B", "お疲れさま。"), ("C", "お先に。"))]
    out = _refused_by_the_command(
        project,
        _config(),
        talk,
        "talk.json › [1] › lines › [1] › speaker",
        'the speaker "C" has no voice (its speakers: A, B)',
        'speakers = { "C" = "VOICE" } in [[types.talk.dialogues]], [types.talk] or [languages.ja]',
    )
    assert "[0]" not in out
    # Given one, both entries are loaded, a dialogue each.
    project.config(_config(speakers={**KOKORO, "C": "jf_nezumi"}))
    assert len(loaded_as_run(project, type="talk").sequences) == 2


def test_a_text_of_lines_with_a_line_that_names_no_speaker_is_exit_2(project: Project) -> None:
    config = _config(text="script", speaker=None, timings=None)
    script = "A: おはようございます。\nおはよう。"
    _refused(
        project,
        config,
        [{"title": "会話", "script": script}],
        "talk.json › [0] › script: line 2",
        "names no speaker; write it NAME: text",
    )


def test_a_speaker_place_on_another_fields_sentences_reads_them_as_speakers(
    project: Project,
) -> None:
    """The speaker key naming another field's text place: its sentences are no speaker of
    the dialogue's, and the first is named, at its place."""
    config = _config(speaker="lines[].note")
    config += (
        '\n[[types.talk.fields]]\nname = "note"\ntext = "lines[].note"\nurl = "lines[].noteUrl"\n'
    )
    line = {"speaker": "A", "text": "はい。", "note": "これはメモです。"}
    _refused(
        project,
        config,
        [{"title": "会話", "lines": [line]}],
        "talk.json › [0] › lines › [0] › note",
        'the speaker "これはメモです。" has no voice',
    )


def test_an_empty_line_leaves_its_dialogue_unmade_and_named_and_the_others_planned(
    project: Project,
) -> None:
    project.config(_config())
    talk = [_entry(1, ("A", "おはよう。"), ("B", " ")), TALK[1], {"title": "会話3", "lines": []}]
    write_json(project / "data/talk.json", talk)
    loaded = loaded_as_run(project, type="talk")  # where a run and a dry run decide it
    (skipped,) = [s for s in loaded.skipped if "line" in s.reason]
    assert describe_path(skipped.file, skipped.url_path) == "talk.json › [0] › audioUrl"
    assert "its line 2 (talk.json › [0] › lines › [1] › text) is empty" in skipped.reason
    joins = [describe_path(j.file, j.url_path) for j in loaded.sequences]
    assert joins == ["talk.json › [1] › audioUrl"]  # the empty dialogue is a placeholder
    # The first line of the unmade dialogue has no URL of its own: not made for nothing.
    assert not any(t.spoken == "おはよう。" for t in [*loaded.items, *loaded.lines])


def test_a_text_of_lines_not_written_yet_is_an_empty_text(project: Project) -> None:
    project.config(_config(text="script", speaker=None, timings=None))
    talk = [
        {"title": "会話", "script": " \n "},
        {"title": "会話2", "script": "A: はい。\nB: ええ。"},
    ]
    write_json(project / "data/talk.json", talk)
    loaded = loaded_as_run(project, type="talk")
    assert not [s for s in loaded.skipped if "line" in s.reason]
    assert loaded.skip_counts() == {"talk": 1}
    joins = [describe_path(j.file, j.url_path) for j in loaded.sequences]
    assert joins == ["talk.json › [1] › audioUrl"]


@pytest.mark.parametrize(
    ("talk", "keys", "says"),
    [
        ([_entry(1, *[("AB"[i % 2], f"{i}番。") for i in range(101)])], {}, "101 lines"),
        ([_entry(1, *[("AB"[i % 2], "はい。") for i in range(14)])], {"pause": "10s"}, "130 s"),
        ([_entry(1, ("A", "あ" * 5001), ("B", "はい。"))], {}, "text too long"),
        ([_entry(1, *[("AB"[i % 2], "あ" * 4500) for i in range(5)])], {}, "22,500 characters"),
    ],
    ids=["many lines", "long pauses", "a line too long", "too much to say"],
)
def test_a_dialogue_past_its_bounds_is_refused_alone(
    project: Project, talk: list[dict[str, Any]], keys: dict[str, Any], says: str
) -> None:
    project.config(_config(**keys))
    write_json(project / "data/talk.json", [*talk, TALK[1]])
    dry = project.json("generate", "--type", "talk", "--dry-run", code=1)
    refused = {s["place"]: s["reason"] for s in dry["refused"]}
    assert says in refused["talk.json › [0] › audioUrl"], refused
    joins = [c["places"][0] for c in dry["clips"] if "parts" in c]
    assert joins == ["talk.json › [1] › audioUrl"]  # the other one stands


def test_a_line_that_keeps_a_persons_recording_refuses_its_dialogue_named_as_one(
    project: Project,
) -> None:
    """A line whose own URL place holds a person's recording: its clip is not made, so its
    dialogue cannot be joined, and the reason calls it a dialogue (it said "a drill")."""
    project.config(_config(line_url="lines[].audioUrl"))
    mine = {"speaker": "A", "text": "おはよう。", "audioUrl": "https://example.com/mine.mp3"}
    write_json(project / "data/talk.json", [{**TALK[0], "lines": [mine]}, TALK[1]])
    dry = project.json("generate", "--type", "talk", "--dry-run", code=1)
    refused = {s["place"]: s["reason"] for s in dry["refused"]}
    reason = refused["talk.json › [0] › audioUrl"]
    assert "keeps a person's recording (talk.json › [0] › lines › [0] › text)" in reason
    assert reason.endswith("a dialogue joins the clips tts-assets makes"), reason
    joins = [c["places"][0] for c in dry["clips"] if "parts" in c]
    assert joins == ["talk.json › [1] › audioUrl"]  # the other one stands


def test_a_retake_of_a_line_keeps_its_dialogue(project: Project) -> None:
    """A review's retake (another voice) of a line with no URL of its own: the dialogue
    joins the retaken clip (the drills' bug of the same shape: test_drills.py)."""
    project.config(_config())
    write_json(project / "data/talk.json", TALK[:1])
    write_retake(project / "data", "talk", "おはよう。", "jf_nezumi", "kokoro")
    dry = project.json("generate", "--type", "talk", "--dry-run")
    assert dry["refused"] == []
    (dialogue,) = [c for c in dry["clips"] if "parts" in c]
    assert dialogue["speakers"] == {"A": "jf_alpha", "B": "jf_nezumi"}


# --- real runs: a refused line, a kill -------------------------------------------------


def _elevenlabs(extra: str = "") -> str:
    return _config('[languages]\nja = "elevenlabs"\n' + extra, speakers={"A": A, "B": B})


@pytest.mark.slow
def test_a_refused_line_fails_its_dialogue_alone(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    project.config(_elevenlabs())
    english = _entry(1, ("A", "Good morning, how are you today?"), ("B", "おはよう。"))
    write_json(project / "data/talk.json", [english, TALK[1]])
    with FakeElevenLabs(api_key=KEY, voices=[A, B]) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate", "--type", "talk", code=1)
        said = set(server.answered())
    refused = {r["place"] for r in summary["refused"]}
    assert refused == {"talk.json › [0] › lines › [0] › text", "talk.json › [0] › audioUrl"}
    assert summary["failed"] == 0 and "Good morning, how are you today?" not in said
    first, second = project.read_json("data/talk.json")
    assert "audioUrl" not in first and second["audioUrl"] and len(second["lineTimings"]) == 2


@pytest.mark.slow
def test_a_run_killed_between_the_lines_and_the_join_bills_nothing_twice(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The lines are said, billed and stored; the run is killed while the join waits (the
    join made in the rank after its lines: the manifest flushed between them). The rerun
    sends nothing and makes the joins."""
    project.config(_elevenlabs())
    write_json(project / "data/talk.json", TALK)
    gate = tmp_path / "gate"
    with FakeElevenLabs(api_key=KEY, voices=[A, B]) as server:
        env = join_gate.env(gate, ELEVENLABS_API_KEY=KEY, ELEVENLABS_BASE_URL=server.base_url)
        run = subprocess.Popen(
            [*join_gate.DRIVER, "generate", "--json", "--type", "talk"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            join_gate.wait_until_held(gate, run)
            run.send_signal(signal.SIGKILL)
            run.wait(timeout=60)
        finally:
            join_gate.open_gate(gate)
            if run.poll() is None:
                run.kill()
        assert run.returncode == -signal.SIGKILL
        made = {c["text"] for c in project.manifest()["clips"]}
        texts = {line["text"] for e in TALK for line in e["lines"]} | {e["title"] for e in TALK}
        assert made == texts  # every line stored and recorded, no dialogue
        monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate", "--type", "talk")
        answered = server.answered()
    assert summary["generated"] == 2 and summary["failed"] == 0  # the two dialogues
    assert set(answered) == texts and all(n == 1 for n in answered.values()), answered
    entries = project.read_json("data/talk.json")
    assert all(e["audioUrl"] and len(e["lineTimings"]) == 2 for e in entries)
    code, out = project.invoke("verify", "--type", "talk")
    assert code == 0, out


def test_the_readings_command_checks_the_lines_with_no_url_of_their_own(project: Project) -> None:
    """`tts-assets readings` reconciles every text a run says: a line said only inside its
    dialogue too (it was left out: 0 readings checked)."""
    project.config(_config(text="script", speaker=None, timings=None))
    write_json(
        project / "data/talk.json", [{"title": "道", "script": "B: まっすぐ行って、右です。"}]
    )
    code, out = project.invoke("readings", "--type", "talk", "--all")
    assert code == 0, out
    assert "talk.json › [0] › script: alike: まっすぐ行って、右です。: 行っ is said いっ" in out
