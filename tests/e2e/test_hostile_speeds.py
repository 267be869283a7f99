"""The ladder of speeds (`slow = [0.6, 0.8]`, per type and per language) attacked: every
bad value stops the run at load with one line naming the file, the key and what to do
(exit 2, nothing written); two tempos or a tempo and another writer never share a place;
a run killed between twins loses nothing and bills nothing twice."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.project import Project, write_json
from tests.support.refusal import refused
from tests.support.stretch_gate import StretchGate, killed_at_the_gate
from tests.support.sweep import check_each
from tests.support.windows import loaded_as_run

CONFIG = "tts-assets.toml"

VOCABULARY = """
[types.vocabulary]
file = "vocabulary.json"

[[types.vocabulary.fields]]
name = "word"
text = "word"
url = "audioUrl"
"""


@pytest.fixture
def course(project: Project) -> Project:
    write_json(project / "data/vocabulary.json", [{"word": "雨", "note": "x"}])
    return project


def _refused(project: Project, config: str, *needles: str) -> str:
    """The one line `generate --dry-run` stops with (exit 2, nothing written), asked one
    layer below the command line (`refused`); the test below shows the command stopping
    with it."""
    project.config(config)
    out = refused(project)
    assert len(out) < 400, out  # one line, whatever the list's length
    assert out.startswith(CONFIG) or f"{CONFIG}:" in out, out
    for needle in needles:
        assert needle in out, out
    return out


def test_a_bad_ladder_stops_the_command_in_the_line_of_its_load(course: Project) -> None:
    said = _refused(course, "slow = [0.6, 0.6, 0.6]\n", "0.6 is in the list twice")
    before = course.tree(folders=True)
    code, out = course.invoke("generate", "--dry-run")
    assert code == 2 and out == f"error: {said}\n", out
    assert course.tree(folders=True) == before


BAD_LADDERS = [
    ("[]", ("slow = []", "an empty list makes no twin", "leave slow unset")),
    ("[0.8, 0.80]", ("0.8 is in the list twice", "give each tempo once")),
    ("[0.6, 0.6, 0.6]", ("0.6 is in the list twice",)),
    ("[0.6, 0.97]", ("0.97 is not a twin's tempo", "0.5 to 0.95 or 1.1 to 1.5")),
    ("[0.4]", ("0.4 is not a twin's tempo",)),
    ("[2]", ("2 is not a twin's tempo",)),
    ("[0.625]", ("finer than hundredths", "two decimals")),
    ("1.0", ("slow = 1.0", "(a faster one)")),
    ('"0.6"', ("slow = '0.6'", "a list of numbers")),
    ("true", ("slow = True", "a number from 0.5 to 1.5")),
    ("[[0.6]]", ("slow = ", "a list of numbers")),
    ('["0.6"]', ("a list of numbers",)),
    ("[true]", ("a list of numbers",)),
    ("[0.6, nan]", ("a list of numbers",)),
    ("[0.6, inf]", ("a list of numbers",)),
    ("1e308", ("slow = 1e+308", "a number from 0.5")),
    ("[0.6, 1e308]", ("1e+308 is not a twin's tempo",)),
    ("[" + ", ".join(["0.6", "0.8"] * 500) + "]", ("0.6 is in the list twice",)),
]


def test_a_bad_ladder_stops_the_run_at_load_in_one_line(course: Project) -> None:
    check_each(
        _a_bad_ladder_stops_the_run_at_load_in_one_line,
        [(course, *c) for c in BAD_LADDERS],
        ids=lambda case: repr(case[1:]),
    )


def _a_bad_ladder_stops_the_run_at_load_in_one_line(
    course: Project, slow: str, needles: tuple[str, ...]
) -> None:
    _refused(course, f"slow = {slow}\n", "slow", *needles)


def test_a_ladder_of_one_is_a_ladder_its_twin_at_a_place_of_its_own(course: Project) -> None:
    """Asked of the texts the run loads (a clip each): the word and its 0.6 twin, at the
    ladder's place for a list and at the one slow place for a number."""
    twins = {"[0.6]": ("word (0.6×)", "slowAudioUrl60"), "0.6": ("word (slow)", "slowAudioUrl")}
    for slow, (twin, place) in twins.items():
        course.config(f"slow = {slow}\n" + VOCABULARY)
        loaded = loaded_as_run(course)
        assert [(t.field, t.url_path) for t in loaded.items] == [
            ("word", (0, "audioUrl")),
            (twin, (0, place)),
        ], slow


BAD_TEMPI = [
    ('[types.vocabulary]\nslow = "fast"', ("types.vocabulary.slow = 'fast'",)),
    ("[types.vocabulary]\nslow = []", ("types.vocabulary.slow = []", "empty list")),
    ("[types.vocabulary]\nslow = [0.7, 0.70]", ("types.vocabulary.slow", "twice")),
    ("[languages.ja]\nslow = [1.0]", ("languages.ja.slow = [1.0]", "not a twin's tempo")),
    ("[languages.ja]\nslow = false", ("languages.ja.slow = False",)),
    (
        "[languages.ja]\nspeed = 0.5",
        ("languages.ja: unknown key speed", "voice, voices, mode, slow"),
    ),
]


def test_a_bad_tempo_of_a_type_or_a_language_names_its_table(course: Project) -> None:
    check_each(
        _a_bad_tempo_of_a_type_or_a_language_names_its_table,
        [(course, *c) for c in BAD_TEMPI],
        ids=lambda case: repr(case[1:]),
    )


def _a_bad_tempo_of_a_type_or_a_language_names_its_table(
    course: Project, table: str, needles: tuple[str, ...]
) -> None:
    config = VOCABULARY + "\n" + table + "\n" if "types" in table else table + "\n" + VOCABULARY
    if table.startswith("[types.vocabulary]"):
        config = VOCABULARY.replace("[types.vocabulary]\n", table + "\n", 1)
    _refused(course, config, *needles)


def test_two_fields_whose_tempi_would_write_one_place_are_refused(course: Project) -> None:
    # "s1" + 50 (0.5) and "s" + 150 (1.5) are one place, "s150"
    config = (
        "slow = [0.5, 1.5]\n" + VOCABULARY + 'slow_url = "s"\n\n'
        "[[types.vocabulary.fields]]\n"
        'name = "note"\ntext = "note"\nurl = "noteUrl"\nslow_url = "s1"\n'
    )
    _refused(course, config, 'both write their URL at "s150"', "slow_url of its own")


def test_a_tempos_place_that_is_a_text_is_refused(course: Project) -> None:
    config = (
        "slow = [0.6, 0.8]\n" + VOCABULARY + "\n[[types.vocabulary.fields]]\n"
        'name = "note"\ntext = "slowAudioUrl60"\nurl = "noteUrl"\n'
    )
    _refused(course, config, 'field "word (0.6×)" writes its URL at "slowAudioUrl60"', "text")


def test_a_tempos_place_that_another_writer_writes_is_refused(course: Project) -> None:
    drill = '\n[[types.vocabulary.sequences]]\nurl = "slowAudioUrl80"\nparts = ["word"]\n'
    _refused(course, "slow = [0.6, 0.8]\n" + VOCABULARY + drill, '"slowAudioUrl80"', "drill")
    field = '\n[[types.vocabulary.fields]]\nname = "n"\ntext = "note"\nurl = "slowAudioUrl60"\n'
    _refused(
        course,
        "[types.vocabulary]\nslow = [0.6]\n" + VOCABULARY.split("\n", 3)[3] + field,
        "types.vocabulary.slow = [0.6]",
        '"slowAudioUrl60"',
    )


@pytest.mark.parametrize(
    ("keys", "clips"),
    [
        ('cloze = "2s"\ncloze_answer = "note"\ncloze_url = "filledUrl"\n', 6),
        ('voice = ["jf_alpha", "jf_nezumi"]\nvoice_mode = "each"\nvoices_url = "voices"\n', 4),
    ],
    ids=["cloze_url", "voices_url"],
)
def test_a_ladder_beside_a_place_the_config_gives_is_a_ladder(
    course: Project, keys: str, clips: int
) -> None:
    """A field giving cloze_url or voices_url was refused with a ladder (each tempo's twin
    was taken to write the field's filled URL or its voices' list, one place), and told to
    give slow_url a place of its own, which changed nothing; with one tempo it ran."""
    course.gen({"data/vocabulary.json": [{"word": "雨___", "note": "です"}]})
    course.config("slow = [0.6, 0.8]\n" + VOCABULARY + keys)
    dry = course.json("generate", "--dry-run")
    assert dry["types"]["vocabulary"]["clips"] == clips, dry["types"]


@pytest.mark.parametrize(
    "key",
    [
        'cloze = "2s"\ncloze_answer = "note"\ncloze_url',
        'voice = ["jf_alpha"]\nvoice_mode = "each"\nvoices_url',
    ],
    ids=["cloze_url", "voices_url"],
)
@pytest.mark.parametrize("at", ["slowAudioUrl60", "slowDurationMs80"])
def test_a_place_the_config_gives_on_a_tempos_place_is_refused_not_a_bug(
    course: Project, key: str, at: str
) -> None:
    """It was exit 4 (an unexpected SpecError): the twin at that tempo was made holding the
    field's place and its own at one place before any check could name them."""
    config = "slow = [0.6, 0.8]\n" + VOCABULARY + f'duration = "durationMs"\n{key} = "{at}"\n'
    _refused(course, config, f'"{at}"', "slow = [0.6, 0.8]")


@pytest.mark.slow
@pytest.mark.parametrize(
    "passing", [0, 1, 4], ids=["before-the-first-twin", "between-twins", "at-the-fifth"]
)
def test_a_run_killed_between_twins_loses_nothing_and_bills_nothing_twice(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, passing: int
) -> None:
    """A SIGKILL at each step of the twins: the first waits, or the second, or the fifth
    of six (the stretches before it go through)."""
    key = "sk-test-0123456789abcdef"
    monkeypatch.setenv("ELEVENLABS_API_KEY", key)
    words = ["雨", "図書館", "学校"]
    write_json(project / "data/vocabulary.json", [{"word": w} for w in words])
    project.config('slow = [0.6, 0.8]\n\n[languages]\nja = "elevenlabs"\n' + VOCABULARY)
    gate = StretchGate(tmp_path / "gate")
    gate.reset(passing=passing)  # so many twins are stretched, the next waits: the kill
    with FakeElevenLabs(api_key=key) as server:
        # The clips are made, a twin too; the next one waits: the kill falls there.
        env = {**os.environ, "ELEVENLABS_BASE_URL": server.base_url}
        returncode = killed_at_the_gate(gate, project, env)
        assert returncode == -signal.SIGKILL
        made = {c["path"]: c["sha256"] for c in project.manifest()["clips"]}
        assert len(made) >= len(words)  # the spoken clips, flushed before any twin
        # A twin stretched before the kill may be stored while its record is not yet
        # written: the rerun records it again from its file, making it anew for nothing.
        stored = list((project / "public/audio/vocabulary").glob("*.mp3"))
        gate.reset(passing=1 << 30)
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        summary = project.json("generate")
        answered = server.answered()
    assert summary["failures"] == [] and summary["generated"] == 3 * len(words) - len(stored)
    assert set(answered) == set(words) and all(n == 1 for n in answered.values())
    after = {c["path"]: c["sha256"] for c in project.manifest()["clips"]}
    assert all(after[path] == sha for path, sha in made.items()) and len(after) == 3 * len(words)
    entries = project.read_json("data/vocabulary.json")
    assert all(e["slowAudioUrl60"] and e["slowAudioUrl80"] and e["audioUrl"] for e in entries)
    code, out = project.invoke("verify")
    assert code == 0, out


@pytest.mark.parametrize(
    "config",
    ["[types.vocabulary]\nslow = [0.6]\n", "[languages.ja]\nslow = [0.6]\n"],
    ids=["a type's", "a language's"],
)
def test_without_rubber_band_a_types_or_a_languages_tempi_stop_the_run_before_anything(
    course: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: str
) -> None:
    course.config(
        config + VOCABULARY.replace("[types.vocabulary]\n", "", 1)
        if config.startswith("[types")
        else config + VOCABULARY
    )
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    before = course.tree(folders=True)
    code, out = course.invoke("generate", "--dry-run")
    assert code == 2 and out.count("\n") == 1, out
    assert "slow clips need Rubber Band's program" in out
    assert course.tree(folders=True) == before


def test_a_texts_reading_note_is_shown_once_however_many_tempi_it_is_made_at(
    course: Project,
) -> None:
    course.config("slow = [0.6, 0.7, 0.8, 0.9]\n" + VOCABULARY)
    dry = course.json("generate", "--dry-run")
    places = [note["place"] for note in dry["readings"]]
    assert places == ["vocabulary.json › [0] › word"], dry["readings"]  # 雨: あめ, or あま
