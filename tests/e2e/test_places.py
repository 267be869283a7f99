"""Places declared as kinds, owned once (issue 58, "Data loss" and item 1): every place a
type's config can name, tried against every other, in one type and across two types of one
file; the review's cases through every command that loads a config; and the places the
writer refuses whatever got past the checks.

The matrix is built from the declarations (`content.places.PLACE_KEYS`): a new place key
joins it by construction, and a pair it does not refuse fails here.
"""

from __future__ import annotations

import json

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tts_assets.content.places import PLACE_KEYS, PlaceKey

# Where each place key of one field, one drill and one dialogue puts its place, in a type
# that gives every key (the slow and filled places and the slow length at their defaults).
PLACES = {
    ("field", "text"): "word",
    ("field", "reading"): "reading",
    ("field", "accent"): "accent",
    ("field", "kanji"): "kanji",
    ("field", "cloze_answer"): "answer",
    ("field", "url"): "audioUrl",
    ("field", "segments"): "segments",
    ("field", "duration"): "durationMs",
    ("field", "slow_url"): "slowAudioUrl",
    ("field", "slow_segments"): "slowSegments",
    ("field", "slow_duration"): "slowDurationMs",
    ("field", "cloze_url"): "filledAudioUrl",
    ("field", "voices_url"): "voicesAudioUrl",
    ("drill", "url"): "drillUrl",
    ("drill", "timings"): "drillParts",
    ("dialogue", "text"): "line",
    ("dialogue", "speaker"): "who",
    ("dialogue", "line_url"): "lineUrl",
    ("dialogue", "url"): "dialogueUrl",
    ("dialogue", "timings"): "dialogueLines",
    ("type", "where"): "level",
}
THEIRS = {k: "x" + v[:1].upper() + v[1:] for k, v in PLACES.items()}
THEIRS["field", "slow_duration"] = "slowXDurationMs"  # beside their duration, by default


def _type(name: str, places: dict[tuple[str, str], str]) -> str:
    """A type over words.json that names every place key (`places`: where each goes)."""

    def at(table: str, key: str) -> str:
        return json.dumps(places[table, key])

    field_keys = [k for (t, k) in places if t == "field" and k != "slow_duration"]
    where = places["type", "where"]
    lines = [f"[types.{name}]", 'file = "words.json"', f'where = {{ {where} = ["N5"] }}']
    lines += [f"[[types.{name}.fields]]", 'name = "word"', 'cloze = "2s"']
    lines += ['voice = ["ja"]', 'voice_mode = "each"']  # its voices' list place too
    lines += [f"{key} = {at('field', key)}" for key in field_keys]
    lines += [
        f"[[types.{name}.sequences]]",
        'name = "drill"',
        'parts = ["word"]',
        f"url = {at('drill', 'url')}",
        f"timings = {at('drill', 'timings')}",
        f"[[types.{name}.dialogues]]",
        'name = "dialogue"',
    ]
    lines += [f"{key} = {at('dialogue', key)}" for (t, key) in places if t == "dialogue"]
    return "\n".join(lines) + "\n"


def _with(writer: PlaceKey, target: tuple[str, str], other_type: bool) -> str:
    """A config whose `writer` key names the place of `target` (of the same type, or of
    another type of the same file)."""
    mine = dict(PLACES)
    mine[writer.table, writer.key] = (THEIRS if other_type else PLACES)[target]
    config = 'provider = "espeak"\n' + _type("words", mine)
    if other_type:
        config += _type("other", THEIRS)
    return config


WRITERS = [p for p in PLACE_KEYS.values() if p.kind.written and p.key != "slow_duration"]
TARGETS = list(PLACES)
MOVES_WITH = {(("field", "duration"), ("field", "slow_duration"))}
"""(writer, target) of one field where the target's default place follows the writer's."""
PAIRS = [
    (w, t, other)
    for w in WRITERS
    for t in TARGETS
    for other in (False, True)
    if other or ((w.table, w.key) != t and ((w.table, w.key), t) not in MOVES_WITH)
]


def test_the_matrix_covers_every_declared_place_key() -> None:
    assert set(PLACES) == set(PLACE_KEYS), "a new place key joins the matrix here"
    assert {p.kind for p in PLACE_KEYS.values()} >= {w.kind for w in WRITERS}


@pytest.mark.parametrize(
    ("writer", "target", "other_type"),
    PAIRS,
    ids=[f"{w.table}.{w.key}@{t[0]}.{t[1]}{'@other-type' if o else ''}" for w, t, o in PAIRS],
)
def test_a_written_place_on_any_other_place_is_refused_at_load(
    project: Project, writer: PlaceKey, target: tuple[str, str], other_type: bool
) -> None:
    project.gen(
        {
            "tts-assets.toml": _with(writer, target, other_type),
            "data/words.json": [{"word": "ねこ", "level": "N5"}],
        }
    )
    before = project.tree()
    code, out = project.invoke("generate", "--dry-run", "--type", "words")
    assert code == 2, out
    assert out.startswith("error: ") and out.count("\n") == 1, out
    assert "Traceback" not in out
    key = writer.config_key
    assert key in out or (key == "url" and "URL" in out), out
    assert project.tree() == before


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


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(REVIEW_CASES))
def test_each_case_of_the_review_is_refused_at_load_by_every_command(
    project: Project, case: str, command: str
) -> None:
    """Issue 58, "Data loss": each was accepted (exit 0) or a KeyError (exit 4), and the
    flag the note recommended wrote a URL, timings or a length over the word, the meaning or
    the answer."""
    config, at_fault, other = REVIEW_CASES[case]
    project.gen({"tts-assets.toml": config, "data/words.json": WORDS})
    before = project.tree(folders=True)
    code, out = project.invoke(*COMMANDS[command])
    assert code == 2, out
    assert out.startswith("error: ") and out.count("\n") == 1, out
    assert f"types.words.{at_fault}: " in out and f"({other})" in out, out
    assert "e.g. " in out or "give each its own" in out, out  # what to write instead
    assert project.tree(folders=True) == before


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
    project: Project, place: str, held: object
) -> None:
    """A drill's URL place holding an object or a number was written over (a field's URL
    place refused the same); so was a length place holding a text."""
    config = WORD_AND_MEANING.replace(
        'url = "audioUrl"\n', 'url = "audioUrl"\nduration = "durationMs"\n'
    ) + _drill(url="drillUrl", timings="drillParts")
    project.gen({"tts-assets.toml": config, "data/words.json": [{**WORDS[0], place: held}]})
    before = project.tree()
    code, out = project.invoke("generate", "--dry-run", "--type", "words")
    assert code == 2 and out.count("\n") == 1, out
    assert f"words.json › [0] › {place}: holds " in out and "a place of its own" in out, out
    assert project.tree() == before


@needs_espeak_library
def test_a_person_s_segments_past_their_clip_are_stale_and_re_timing_keeps_translations(
    project: Project,
) -> None:
    """Issue 58: kept segments that do not fit their clip were not flagged, and re-timing
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
    field, at_fault = ATTACKS[attack]
    config = f'provider = "espeak"\n[types.t]\nfile = "t.json"\n[[types.t.fields]]\n{field}\n'
    project.gen({"tts-assets.toml": config, "data/t.json": [{"word": "ねこ"}]})
    code, out = project.invoke("generate", "--dry-run", "--type", "t")
    assert code == 2 and out.count("\n") == 1 and "Traceback" not in out, out
    assert f"types.t.{at_fault}: " in out, out


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
