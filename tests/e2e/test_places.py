"""Places declared as kinds, owned once: every place a
type's config can name, tried against every other, in one type and across two types of one
file; the review's cases through every command that loads a config; and the places the
writer refuses whatever got past the checks.

The matrix is built from the declarations (`content.places.PLACE_KEYS`, their kinds
`KINDS`): each config key that names a place the tool writes is pointed at the place of
every other declared key (a text place, a reading, an answer, a where key, another written
place), of its own type and of another type reading the same file, and at each tempo's
place of a ladder (`slow = [0.6, 0.8]`). Every pair is refused at load with exit 2 in one
line naming both keys: never accepted (exit 0), never a bug (exit 4). A new place key or
kind joins the matrix by construction.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import NamedTuple

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.support.refusal import refused, refused_by_load, refused_by_types
from tests.support.sweep import check_each
from tts_assets.content.places import KINDS, PLACE_KEYS, PlaceKey, prefixed_place
from tts_assets.content.selector import Selector
from tts_assets.content.spec import JOINS
from tts_assets.content.type_tables import FIELD_TABLE


def _camel(*words: str) -> str:
    parts = "_".join(words).split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def _places(prefix: str) -> dict[tuple[str, str], str]:
    """Where each declared place key puts its place in a type that gives every key the
    config can give (`fieldText`, `drillTimings`, `dialogueLineUrl`, `typeWhere`; `prefix`
    for another type's: `xFieldText`); a key given by another (`slow_duration`, by
    `duration`) at its default."""
    found = {
        (p.table, p.key): _camel(*filter(None, (prefix, p.table, p.key)))
        for p in PLACE_KEYS.values()
        if not p.given_as
    }
    for p in PLACE_KEYS.values():
        if p.given_as:
            beside = found[p.table, p.given_as]
            slow = prefixed_place(p.key, Selector(beside, (beside,)), p.prefixed[1])
            found[p.table, p.key] = slow.source
    return found


MINE, THEIRS = _places(""), _places("x")
RUNG = "60"
"""The ladder's first tempo (0.6) in hundredths, after a slow place's last key."""


def _type(name: str, at: dict[tuple[str, str], str]) -> str:
    """A type over words.json that gives every place key the config can give (`at`: where
    each goes): a field with a cloze and a list of voices so that every written place is
    written, a drill and a dialogue."""
    field = {k: v for (t, k), v in at.items() if t == "field" and not PLACE_KEYS[t, k].given_as}
    drill = {k: v for (t, k), v in at.items() if t == "drill"}
    dialogue = {k: v for (t, k), v in at.items() if t == "dialogue"}
    lines = [
        f"[types.{name}]",
        'file = "words.json"',
        f'where = {{ {at["type", "where"]} = ["N5"] }}',
    ]
    lines += [f"[[types.{name}.fields]]", 'name = "word"', 'cloze = "2s"']
    lines += ['voice = ["ja"]', 'voice_mode = "each"']
    lines += [f"{key} = {json.dumps(place)}" for key, place in field.items()]
    lines += [f"[[types.{name}.sequences]]", 'name = "drill"', 'parts = ["word"]']
    lines += [f"{key} = {json.dumps(place)}" for key, place in drill.items()]
    lines += [f"[[types.{name}.dialogues]]", 'name = "dialogue"']
    lines += [f"{key} = {json.dumps(place)}" for key, place in dialogue.items()]
    return "\n".join(lines) + "\n"


class Pair(NamedTuple):
    writer: PlaceKey
    """A key whose place the tool writes, pointed at `target`'s place."""
    target: PlaceKey
    other_type: bool
    """`target` is another type's, of the same file."""
    rung: bool
    """`target`'s place is a ladder's tempo's (`slowFieldSlowUrl60`), with `slow = [0.6, 0.8]`."""

    @property
    def id(self) -> str:
        w, t = self.writer, self.target
        return (
            f"{w.table}.{w.key}@{t.table}.{t.key}" + "@60" * self.rung + "@other" * self.other_type
        )

    def config(self) -> str:
        mine = dict(MINE)
        place = (THEIRS if self.other_type else MINE)[self.target.table, self.target.key]
        mine[self.writer.table, self.writer.key] = place + RUNG * self.rung
        config = 'provider = "espeak"\n' + "slow = [0.6, 0.8]\n" * self.rung + _type("words", mine)
        return config + (_type("other", THEIRS) if self.other_type else "")


WRITERS = [p for p in PLACE_KEYS.values() if p.kind.written and not p.given_as]
"""Every key the config gives whose place the tool writes."""
LADDERED = [p for p in PLACE_KEYS.values() if p.kind.written and p.key.startswith("slow_")]
"""The slow places, each at a place of its own per tempo of a ladder."""


def _moves_with(writer: PlaceKey, target: PlaceKey) -> bool:
    """`target` is at its default beside `writer`'s place, so it moves with it."""
    return target.given_as == writer.key and target.table == writer.table


PAIRS = [
    Pair(w, t, other, rung)
    for w in WRITERS
    for t, rung in [*((t, False) for t in PLACE_KEYS.values()), *((t, True) for t in LADDERED)]
    for other in (False, True)
    if other or (w is not t and not _moves_with(w, t))  # its own place moves with it
]


def test_the_matrix_covers_every_kind_against_every_kind() -> None:
    """Each written kind is pointed at a place of every kind, text places included."""
    tried = {(p.writer.kind.name, p.target.kind.name) for p in PAIRS}
    written = {k.name for k in KINDS if k.written}
    assert tried == {(w, k.name) for w in written for k in KINDS}
    assert {w.kind.name for w in WRITERS} == written
    assert len(set(MINE.values())) == len(MINE) == len(PLACE_KEYS)
    per_kind = Counter(p.writer.kind.name for p in PAIRS)
    assert sum(per_kind.values()) == len(PAIRS)


def _key_named(key: PlaceKey, out: str) -> bool:
    """Whether the message names the config key `key` (a tempo's by the ladder)."""
    return key.config_key in out or (key.config_key == "url" and "URL" in out)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One project folder for the pairs of the matrices below (a worker's): each writes
    all a dry run reads (the config, the content) over the last one's, and checks that
    nothing else is there after it, so no pair sees another's files."""
    root = tmp_path_factory.mktemp("places") / "project"
    root.mkdir()
    return Project(root)


PAIR_CONTENT = [{"fieldText": "ねこ", "typeWhere": "N5", "xFieldText": "いぬ", "xTypeWhere": "N5"}]


def test_a_written_place_on_another_place_is_refused_at_load_by_the_command(
    project: Project,
) -> None:
    """A pair of the matrix below through the command line, as a user meets it: exit 2,
    one line, no traceback, both keys named, nothing written (the matrix asks the same of
    every pair one layer down, where the command asks it)."""
    pair = next(p for p in PAIRS if p.rung and p.other_type)
    files = {"tts-assets.toml": pair.config(), "data/words.json": PAIR_CONTENT}
    project.gen(files)
    before = project.tree()
    code, out = project.invoke("generate", "--dry-run", "--type", "words")
    assert code == 2, out  # not 0 (accepted), not 4 (a bug)
    assert out.startswith("error: ") and out.count("\n") == 1, out
    assert "Traceback" not in out
    assert _key_named(pair.writer, out), out
    assert _key_named(pair.target, out) or "slow = [0.6, 0.8]" in out or "(0.6×)" in out, out
    assert project.tree() == before
    assert out == f"error: {refused(project, files, type='words')}\n"


def _refused_naming_both(folder: Project, pair: Pair) -> None:
    files = {"tts-assets.toml": pair.config(), "data/words.json": PAIR_CONTENT}
    out = refused_by_types(folder, files, type="words")
    assert _key_named(pair.writer, out), out
    # A tempo's place is named by its ladder, or its twin's tempo (`other.word (0.6×)`).
    ladder = pair.rung and ("slow = [0.6, 0.8]" in out or "(0.6×)" in out)
    assert _key_named(pair.target, out) or ladder, out


SAMPLED = 5
"""The fast loop asks one pair in `SAMPLED` of each writer's, chosen evenly; the full suite
(CI) asks the rest too: each pair is one more load of the same check."""


@pytest.mark.parametrize(
    ("writer", "sample"),
    [
        pytest.param(
            w,
            sample,
            id=f"{w.table}.{w.key}-{'sample' if sample else 'rest'}",
            marks=() if sample else pytest.mark.slow,
        )
        for w in WRITERS
        for sample in (True, False)
    ],
)
def test_a_written_place_on_any_other_place_is_refused_at_load(
    folder: Project, writer: PlaceKey, sample: bool
) -> None:
    """Every pair of the matrix whose writer is `writer` (one test a writer: a pair is
    a dry run of a few milliseconds, and a test of its own cost about as much again);
    the failure names each pair that failed. Its sample (one pair in `SAMPLED`) in the
    fast loop, the rest in the full suite."""
    mine = [p for p in PAIRS if p.writer is writer]
    chosen = [p for i, p in enumerate(mine) if (i % SAMPLED == 0) == sample]
    check_each(_refused_naming_both, {p.id: (folder, p) for p in chosen})


WRONG_TYPES = {
    "number": "5",
    "bool": "true",
    "list": "[]",
    "list-of-numbers": "[5]",
    "table": "{}",
    "fraction": "1.5",
    "empty": '""',
    "blank": '"  "',
    "unclosed": '"a[[]"',
}
"""A value no place key takes, of each TOML type (and strings that are no path)."""
GIVEN_KEYS = [
    (table, key.name)
    for table, keys in (("field", FIELD_TABLE), *((j.table, j.keys) for j in JOINS))
    for key in keys
    if key.place is not None
]


@pytest.mark.parametrize(("table", "key"), GIVEN_KEYS, ids=[f"{t}.{k}" for t, k in GIVEN_KEYS])
def test_a_place_key_of_the_wrong_type_is_refused_at_load_naming_it(
    folder: Project, table: str, key: str
) -> None:
    """Every key that names a place (from the type tables' declarations), given a value
    of each other type (`WRONG_TYPES`): exit 2 in one line naming it, in the dry run too
    (asked one layer below the command line, as the pairs above are). The failure names
    each value that failed."""
    check_each(_refused_naming_the_key, {w: (folder, table, key, w) for w in WRONG_TYPES})


def _refused_naming_the_key(folder: Project, table: str, key: str, wrong: str) -> None:
    field = {"text": '"word"', "url": '"audioUrl"', "cloze": '"2s"', "cloze_answer": '"answer"'}
    field |= {"voice": '["jf_alpha", "jf_nezumi"]', "voice_mode": '"each"'}
    drill = {"url": '"drillUrl"', "parts": '["word"]'}
    dialogue = {"text": '"lines[].text"', "speaker": '"lines[].speaker"', "url": '"talkUrl"'}
    dialogue |= {"speakers": '{ A = "jf_alpha" }'}
    tables = {"fields": field, "sequences": drill, "dialogues": dialogue}
    owner = {"field": "fields", "drill": "sequences", "dialogue": "dialogues"}[table]
    tables[owner][key] = WRONG_TYPES[wrong]
    config = '[types.words]\nfile = "words.json"\n'
    for name, keys in tables.items():
        config += f"[[types.words.{name}]]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items())
    out = refused_by_types(
        folder, {"tts-assets.toml": config, "data/words.json": [{"word": "ねこ", "answer": "ね"}]}
    )
    where = f"{owner}[0]"
    assert f"types.words.{where}.{key}" in out or f"types.words.{where}: " in out, out


# --- the review's cases, through every command that reads a config ---------------------

WORD_AND_MEANING = """provider = "espeak"
[types.words]
file = "words.json"
[[types.words.fields]]
name = "word"
text = "word"
url = "audioUrl"
[[types.words.fields]]
name = "meaning"
text = "meaning"
url = "meaningAudioUrl"
lang = "en"
"""
CLOZE = """provider = "espeak"
[types.words]
file = "words.json"
[[types.words.fields]]
name = "question"
text = "question"
url = "questionAudioUrl"
cloze = "2s"
cloze_answer = "answer"
"""


def _drill(**keys: str) -> str:
    lines = "".join(f"{k} = {json.dumps(v)}\n" for k, v in keys.items())
    return f'[[types.words.sequences]]\nparts = ["meaning", "word"]\n{lines}'


REVIEW_CASES = {
    # (config, the key at fault, the other key)
    "drill timings on the word": (
        WORD_AND_MEANING + _drill(url="drillUrl", timings="word"),
        "sequences[0].timings",
        "fields[0].text",
    ),
    "drill url on the meaning": (
        WORD_AND_MEANING + _drill(url="meaning"),
        "sequences[0].url",
        "fields[1].text",
    ),
    "cloze_url on the answer": (
        CLOZE + 'cloze_url = "answer"\n',
        "fields[0].cloze_url",
        "cloze_answer",
    ),
    "duration on the answer": (
        CLOZE + 'duration = "answer"\n',
        "fields[0].duration",
        "cloze_answer",
    ),
    "duration on the text": (CLOZE + 'duration = "question"\n', "fields[0].duration", "text"),
    "cloze_url on the text": (CLOZE + 'cloze_url = "question"\n', "fields[0].cloze_url", "text"),
    "drill timings on its own url": (
        WORD_AND_MEANING + _drill(url="drillUrl", timings="drillUrl"),
        "sequences[0].timings",
        "sequences[0].url",
    ),
    "drill timings on the slow url": (
        WORD_AND_MEANING + _drill(url="drillUrl", timings="slowAudioUrl"),
        "sequences[0].timings",
        "fields[0].slow_url",
    ),
    "two drills, one url": (
        WORD_AND_MEANING + _drill(url="drillUrl") + _drill(url="drillUrl"),
        "sequences[1].url",
        "sequences[0].url",
    ),
}
WORDS = [
    {
        "word": "ねこ",
        "meaning": "cat",
        "question": "___がいます",
        "answer": "ねこ",
        "audioUrl": "/audio/human/neko.mp3",
        "meaningAudioUrl": "/audio/human/cat.mp3",
    }
]
COMMANDS = {
    "generate --dry-run": ("generate", "--dry-run", "--type", "words"),
    "generate --replace-hand-set-urls": ("generate", "--replace-hand-set-urls", "--type", "words"),
    "verify": ("verify", "--type", "words"),
    "prune": ("prune", "--yes"),
    "review": ("review", "--type", "words"),
}


def _refused_as_the_review_says(folder: Project, case: str) -> str:
    config, at_fault, other = REVIEW_CASES[case]
    out = refused_by_types(folder, {"tts-assets.toml": config, "data/words.json": WORDS})
    assert f"types.words.{at_fault}: " in out and f"({other})" in out, out
    assert "e.g. " in out or "give each its own" in out, out  # what to write instead
    return out


@pytest.mark.parametrize("case", list(REVIEW_CASES))
def test_each_case_of_the_review_is_refused_at_load(folder: Project, case: str) -> None:
    """Each was once accepted (exit 0) or a KeyError (exit 4), and the
    flag the note recommended wrote a URL, timings or a length over the word, the meaning or
    the answer. Asked where every command asks it (the settings' load); the test below
    shows each command refusing through that load."""
    _refused_as_the_review_says(folder, case)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_a_case_of_the_review_at_load(project: Project, command: str) -> None:
    """Each command that reads a config, through the command line: exit 2 with the line
    the load refuses the case with, nothing written (not even a folder)."""
    case = "drill timings on the slow url"
    config = REVIEW_CASES[case][0]
    project.gen({"tts-assets.toml": config, "data/words.json": WORDS})
    before = project.tree(folders=True)
    code, out = project.invoke(*COMMANDS[command])
    assert code == 2, out
    assert project.tree(folders=True) == before
    assert out == f"error: {_refused_as_the_review_says(project, case)}\n"


@pytest.mark.parametrize(
    ("place", "held"),
    [
        ("drillUrl", {"href": "/a.mp3"}),
        ("drillUrl", 5),
        ("drillParts", "TODO"),
        ("durationMs", "3s"),
    ],
)
def test_a_written_place_holding_another_kind_of_value_is_refused(
    folder: Project, place: str, held: object
) -> None:
    """A drill's URL place holding an object or a number was written over (a field's URL
    place refused the same); so was a length place holding a text. Asked where a run
    and a dry run ask it, the content's load (`refused_by_load`)."""
    config = WORD_AND_MEANING.replace(
        'url = "audioUrl"\n', 'url = "audioUrl"\nduration = "durationMs"\n'
    ) + _drill(url="drillUrl", timings="drillParts")
    files = {"tts-assets.toml": config, "data/words.json": [{**WORDS[0], place: held}]}
    out = refused_by_load(folder, files, type="words")
    assert f"words.json › [0] › {place}: holds " in out and "a place of its own" in out, out


@pytest.mark.slow  # its runs synthesize with espeak-ng in worker processes
@needs_espeak_library
def test_a_person_s_segments_past_their_clip_are_stale_and_re_timing_keeps_translations(
    project: Project,
) -> None:
    """Kept segments that do not fit their clip were not flagged, and re-timing
    them lost what the app shows under each segment."""
    config = (
        'provider = "espeak"\n[types.lines]\nfile = "lines.json"\n[[types.lines.fields]]\n'
        'text = "text"\nurl = "audioUrl"\nsegments = "segments"\nlang = "en"\n'
    )
    sample = [
        {"start": 0, "end": 4000, "text": "Good", "translation": "よい"},
        {"start": 4000, "end": 90000, "text": "morning", "translation": "朝"},
    ]
    project.gen({"tts-assets.toml": config, "data/lines.json": [{"text": "Good morning."}]})
    code, out = project.invoke("generate")
    assert code == 0, out
    entry = project.read_json("data/lines.json")[0]
    project.gen({"data/lines.json": [{**entry, "segments": sample}]})
    code, out = project.invoke("verify")
    assert code == 1 and "stale" in out and "past the end of their clip" in out, out
    code, out = project.invoke("generate", "--replace-hand-set-urls")
    assert code == 0, out
    segments = project.read_json("data/lines.json")[0]["segments"]
    assert [s.get("translation") for s in segments] == ["よい", "朝"], segments
    assert segments[-1]["end"] < 90000
    code, out = project.invoke("verify")
    assert code == 0, out


# --- the attacker's cases, on every kind --------------------------------------------------

ATTACKS = {
    "a URL inside the text": ('text = "word"\nurl = "word[0]"', "fields[0].url"),
    "a URL spaced around the text": ('text = "word"\nurl = " word "', "fields[0].url"),
    "timings inside the text": (
        'text = "word"\nurl = "audioUrl"\nsegments = "word.segments"',
        "fields[0].segments",
    ),
    "a length at the slow URL's default": (
        'text = "word"\nurl = "audioUrl"\nduration = "slowAudioUrl"',
        "fields[0].duration",
    ),
    "the filled URL on the answer's index": (
        'text = "q"\nurl = "qUrl"\ncloze = "2s"\ncloze_answer = "opts[@correct]"\n'
        'cloze_url = "correct"',
        "fields[0].cloze_url",
    ),
    "the filled URL inside the options": (
        'text = "q"\nurl = "qUrl"\ncloze = "2s"\ncloze_answer = "opts[@correct]"\n'
        'cloze_url = "opts[0]"',
        "fields[0].cloze_url",
    ),
    "a Unicode key, drill timings on the text": (
        'text = "単語"\nurl = "音声"\n[[types.t.sequences]]\nparts = ["単語"]\nurl = "ドリル"\n'
        'timings = "単語"',
        "sequences[0].timings",
    ),
    "a drill on the reading": (
        'text = "word"\nurl = "audioUrl"\nreading = "kana"\n[[types.t.sequences]]\n'
        'parts = ["word"]\nurl = "kana"',
        "sequences[0].url",
    ),
    "a drill's URL inside each example": (
        'text = "examples[].s"\nurl = "examples[].audioUrl"\n[[types.t.sequences]]\n'
        'parts = ["examples[].s"]\nurl = "examples[].s"',
        "sequences[0].url",
    ),
    "a drill's [] unlike its parts'": (
        'text = "examples[].s"\nurl = "examples[].audioUrl"\n[[types.t.sequences]]\n'
        'parts = ["examples[].s"]\nurl = "drillUrl[][]"',
        "sequences[0].url",
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_attacker_s_place_is_refused_in_one_line(project: Project, attack: str) -> None:
    """Asked as `generate --dry-run --type t` asks it (`refused`: exit 2, one line, no
    bug, nothing written)."""
    field, at_fault = ATTACKS[attack]
    config = f'provider = "espeak"\n[types.t]\nfile = "t.json"\n[[types.t.fields]]\n{field}\n'
    files = {"tts-assets.toml": config, "data/t.json": [{"word": "ねこ"}]}
    out = refused_by_types(project, files, type="t")
    assert f"types.t.{at_fault}: " in out, out


SLOW_FILLED = CLOZE.replace("\n", "\nslow = {slow}\n", 1) + (
    '[[types.words.fields]]\nname = "note"\ntext = "{note}"\nurl = "noteUrl"\nlang = "en"\n'
)


@pytest.mark.parametrize(
    ("slow", "note"),
    [("0.75", "slowFilledQuestionAudioUrl"), ("[0.6, 0.8]", "slowFilledQuestionAudioUrl60")],
    ids=["one-tempo", "ladder"],
)
def test_a_text_at_the_filled_sentences_slow_url_is_refused_at_load(
    folder: Project, slow: str, note: str
) -> None:
    """The filled sentence's slow clip (its filled twin's slow twin) writes its URL beside
    cloze_url, prefixed slow; no check knew that place: a text there was kept as "a
    person's URL" (exit 0), the note advised --replace-hand-set-urls, and that run stopped
    at the writer's own refusal (exit 1, "run again"). Asked as the dry run asks it; the
    test below runs the flag the note advised."""
    _refused_naming_the_note(folder, slow, note)


def _refused_naming_the_note(folder: Project, slow: str, note: str) -> str:
    files = {
        "tts-assets.toml": SLOW_FILLED.format(slow=slow, note=note),
        "data/words.json": [{"question": "ねこ___います", "answer": "が", note: "my note"}],
    }
    out = refused_by_types(folder, files)
    assert f'"{note}"' in out and "fields[1].text" in out, out
    assert "cloze_url" in out or "slow = [0.6, 0.8]" in out, out
    return out


def test_a_text_at_the_filled_sentences_slow_url_is_refused_by_the_flag_the_note_advised(
    project: Project,
) -> None:
    """`generate --replace-hand-set-urls` through the command line: exit 2 with the load's
    line, nothing written."""
    slow, note = "[0.6, 0.8]", "slowFilledQuestionAudioUrl60"
    project.gen(
        {
            "tts-assets.toml": SLOW_FILLED.format(slow=slow, note=note),
            "data/words.json": [{"question": "ねこ___います", "answer": "が", note: "my note"}],
        }
    )
    before = project.tree()
    code, out = project.invoke("generate", "--replace-hand-set-urls")
    assert code == 2, out
    assert project.tree() == before
    assert out == f"error: {_refused_naming_the_note(project, slow, note)}\n"


def test_a_drill_of_another_type_reading_the_file_by_a_pattern_is_refused_at_load(
    project: Project,
) -> None:
    """The config cannot tell `w*.json` and `words.json` are one file; the load can."""
    config = WORD_AND_MEANING + (
        '[types.drills]\nfile = "w*.json"\n[[types.drills.fields]]\nname = "word"\n'
        'text = "word"\nurl = "drillWordUrl"\n[[types.drills.sequences]]\nparts = ["word"]\n'
        'url = "meaning"\n'
    )
    project.gen({"tts-assets.toml": config, "data/words.json": WORDS})
    before = project.tree()
    code, out = project.invoke("generate", "--replace-hand-set-urls")
    assert code == 2 and out.count("\n") == 1, out
    assert "the drills type writes its URL" in out and "words type reads its text" in out, out
    assert project.tree() == before


def test_the_writer_refuses_a_place_that_is_read_whatever_got_past() -> None:
    """Made impossible by construction: every writer goes through the check of the places
    the file's types read (`writeback.update`), so --replace-hand-set-urls never writes over
    a text even were a check before it wrong."""
    from tts_assets.content.shared import ReadPlaces
    from tts_assets.content.spec import resolve_types

    types = resolve_types(
        {
            "t": {
                "file": "t.json",
                "where": {"level": ["N5"]},
                "fields": [
                    {"text": "examples[].s", "url": "examples[].u", "reading": "examples[].r"},
                    {
                        "name": "q",
                        "text": "q",
                        "url": "qUrl",
                        "cloze": "2s",
                        "cloze_answer": "opts[@correct]",
                    },
                ],
            }
        },
        None,
    )
    reads = ReadPlaces([types["t"]])
    data = [{"level": "N5", "examples": [{"s": "a"}]}, {"level": "N4"}]
    read: list[tuple[str | int, ...]] = [
        (0, "examples", 0, "s"),
        (0, "examples", 0, "r"),
        (0, "examples"),
        (0, "examples", 0, "s", "x"),
        (0, "correct"),
        (0, "opts", 1),
        (0, "level"),
    ]
    for path in read:
        assert reads.reader_of(data, path) is not None, path
    for path in [(0, "examples", 0, "u"), (0, "qUrl"), (1, "examples", 0, "s")]:
        assert reads.reader_of(data, path) is None, path  # [1] is not the type's entry
