"""Type specs: built-ins, config tables, path expressions, and choosing types for a run."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.support.sweep import check_each
from tts_assets.content.builtins import builtin_tables
from tts_assets.content.selection import select_types
from tts_assets.content.selector import EACH, ExpressionError, parse_alternatives, parse_selector
from tts_assets.content.spec import (
    FieldSpec,
    TypeSpec,
    builtin_types,
    parse_types,
    resolve_types,
)
from tts_assets.errors import ConfigError, InputError

CONFIG = Path("tts-assets.toml")

PHRASES = """
[types.phrases]
file = "phrases.json"
[[types.phrases.fields]]
text = "phrase"
url = "phraseAudioUrl"
lang = "ja"
voice = "jf_nezumi"
[[types.phrases.fields]]
text = "translation"
url = "translationAudioUrl"
lang = "en"
enabled = true
"""


def types_table(toml: str) -> dict[str, object]:
    table: dict[str, object] = tomllib.loads(toml)["types"]
    return table


def config_error(toml: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_types(types_table(toml), CONFIG)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("tts-assets.toml: types.")
    return message


# --- path expressions ------------------------------------------------------------------


def test_expressions_compile_to_steps() -> None:
    def case(expr: str, steps: tuple[object, ...]) -> None:
        assert parse_selector(expr).steps == steps

    check_each(
        case,
        [
            ("word", ("word",)),
            ("examples[].sentence", ("examples", EACH, "sentence")),
            ("onyomi[]", ("onyomi", EACH)),
            ("onyomi[0]", ("onyomi", 0)),
            ("meta.audio.url", ("meta", "audio", "url")),
            ("grid[][2]", ("grid", EACH, 2)),
            (" examples [] . sentence ", ("examples", EACH, "sentence")),
            ("audio url", ("audio url",)),
        ],
    )


def test_bad_expressions_say_what_is_wrong() -> None:
    def case(expr: str, problem: str) -> None:
        with pytest.raises(ExpressionError, match=problem.replace("[", r"\[").replace("]", r"\]")):
            parse_selector(expr)

    check_each(
        case,
        [
            ("", "empty path expression"),
            ("examples[.sentence", "is not closed"),
            ("examples[x].sentence", "is not [] or [N]"),
            ("examples[", "is not closed"),
            ("a..b", 'missing key before "."'),
            ("a.", 'ends with "."'),
            (".a", 'missing key before "."'),
            ("a.[0]", 'expected a key after "."'),
            ("a[-1]", "is not [] or [N]"),
            ("a[x]", "is not [] or [N]"),
            ("a]", '"]" at 1 without "["'),
            ("a[] b", 'expected "." or "["'),
        ],
    )


def test_alternatives_and_url_places() -> None:
    first, second = parse_alternatives("onyomi[0] | kunyomi[0]")
    assert (first.steps, second.steps) == (("onyomi", 0), ("kunyomi", 0))
    url = parse_selector("examples[].clips[].url")
    assert url.place((3, 1)) == ("examples", 3, "clips", 1, "url")
    assert parse_selector("audioUrl").place(()) == ("audioUrl",)


# --- built-in types ----------------------------------------------------------------------


def test_builtin_types_are_the_documented_ones() -> None:
    types = builtin_types()
    assert list(types) == ["vocabulary", "grammar", "kanji", "reading", "characters", "listening"]
    assert {n: t.file for n, t in types.items()} == {
        "vocabulary": "vocabulary.json",
        "grammar": "grammar.json",
        "kanji": "kanji.json",
        "reading": "readings.json",
        "characters": "characters.json",
        "listening": "listening.json",
    }
    vocab = {f.name: (f.text, f.url, f.lang, f.enabled) for f in types["vocabulary"].fields}
    assert vocab == {
        "word": ("word", "audioUrl", "ja", True),
        "example": ("examples[].sentence", "examples[].audioUrl", "ja", True),
        "meaning": ("meaning", "meaningAudioUrl", "en", False),
    }
    kanji = {f.name: (f.text, f.url, f.kind) for f in types["kanji"].fields}
    assert kanji == {
        "reading": ("onyomi[0] | kunyomi[0]", "audioUrl", "reading"),
        "onyomi": ("onyomi[]", "onyomiAudioUrls[]", "reading"),
        "kunyomi": ("kunyomi[]", "kunyomiAudioUrls[]", "reading"),
        "example": ("examples[].word | examples[].reading", "examples[].audioUrl", "text"),
    }
    (grammar,) = types["grammar"].fields
    assert (grammar.text, grammar.url) == ("examples[].japanese", "examples[].audioUrl")
    (passage,) = types["reading"].fields
    assert (passage.text, passage.url, passage.split) == ("text", "audioUrl", True)
    (passage,) = types["listening"].fields
    assert (passage.text, passage.url, passage.split) == ("text", "audioUrl", True)
    chart = {f.name: (f.text, f.url, f.kind) for f in types["characters"].fields}
    assert chart == {
        "kana": ("char | hiragana | katakana", "audioUrl", "kana"),
        "example": ("examples[].word", "examples[].audioUrl", "text"),
    }
    assert [(c.key, c.values, c.negated) for c in types["characters"].where] == [
        ("type", ("", "kanji"), True)
    ]


def test_builtins_are_written_in_the_config_format() -> None:
    # The built-in tables go through the same parser a config file does.
    assert parse_types(builtin_tables("ja"), CONFIG) == builtin_types()


# --- config types --------------------------------------------------------------------------


def test_config_type_is_parsed() -> None:
    types = parse_types(types_table(PHRASES), CONFIG)
    phrases = types["phrases"]
    assert phrases.file == "phrases.json"
    assert phrases.root is None
    assert [(f.text, f.url, f.lang, f.voice, f.enabled) for f in phrases.fields] == [
        ("phrase", "phraseAudioUrl", "ja", "jf_nezumi", True),
        ("translation", "translationAudioUrl", "en", None, True),
    ]
    assert [f.name for f in phrases.fields] == ["phrase", "translation"]


def test_resolve_types_adds_config_types_to_the_builtins() -> None:
    types = resolve_types(types_table(PHRASES), CONFIG)
    assert list(types) == [
        "vocabulary",
        "grammar",
        "kanji",
        "reading",
        "characters",
        "listening",
        "phrases",
    ]
    assert resolve_types({}, None) == builtin_types()


def test_text_list_means_alternatives() -> None:
    toml = """
    [types.k]
    file = "k.json"
    [[types.k.fields]]
    text = ["on[0]", "kun[0]"]
    url = "audioUrl"
    """
    (field,) = parse_types(types_table(toml), CONFIG)["k"].fields
    assert field.text == "on[0] | kun[0]"
    assert [s.steps for s in field.selectors] == [("on", 0), ("kun", 0)]


def test_a_builtin_name_overrides_only_what_it_gives() -> None:
    toml = """
    [types.vocabulary]
    file = "words.json"
    root = "items"
    """
    vocabulary = resolve_types(types_table(toml), CONFIG)["vocabulary"]
    assert (vocabulary.file, vocabulary.root, vocabulary.root_path) == (
        "words.json",
        "items",
        ("items",),
    )
    assert vocabulary.fields == builtin_types()["vocabulary"].fields

    toml = """
    [types.vocabulary]
    [[types.vocabulary.fields]]
    text = "kana"
    url = "kanaAudioUrl"
    """
    vocabulary = resolve_types(types_table(toml), CONFIG)["vocabulary"]
    assert vocabulary.file == "vocabulary.json"
    assert [f.text for f in vocabulary.fields] == ["kana"]


def test_unknown_field_key_names_file_place_key_and_valid_keys() -> None:
    message = config_error(PHRASES.replace('lang = "en"', 'lang = "en"\naudio = "x"'))
    assert message == (
        "tts-assets.toml: types.phrases.fields[1]: unknown key audio; "
        "valid keys: name, text, url, lang, voice, voice_mode, voices_url, kind, enabled, split, "
        "reading, accent, kanji, segments, segments_by, duration, cloze, cloze_blank, "
        "cloze_answer, cloze_separator, cloze_url, lang_mark, "
        "slow_url, slow_segments"
    )


def test_unknown_type_key_is_an_error() -> None:
    message = config_error('[types.vocabulary]\nfiel = "x.json"\n')
    assert message == (
        "tts-assets.toml: types.vocabulary: unknown key fiel; valid keys: file, path, root, where, "
        "where_not, fields, sequences, dialogues, speakers, slow, enabled"
    )


def test_bad_fields_are_reported_with_file_and_place() -> None:
    def case(field: str, expected: str) -> None:
        message = config_error(f'[types.t]\nfile = "t.json"\n[[types.t.fields]]\n{field}\n')
        assert expected in message

    check_each(
        case,
        [
            (
                'text = "examples[].sentence"\nurl = "audioUrl"',
                'types.t.fields[0].url: text "examples[].sentence" has 1 "[]" but url '
                '"audioUrl" has 0; give the URL the same [] steps so each text has its own URL '
                'place, e.g. "examples[].audioUrl"',
            ),
            (
                'text = "onyomi[]"\nurl = "onyomiAudioUrls"',
                'e.g. "onyomiAudioUrls[]"',
            ),
            ('text = "examples[.sentence"\nurl = "audioUrl"', "types.t.fields[0].text: "),
            ('text = "word"\nurl = "a..b"', 'types.t.fields[0].url: "a..b": missing key'),
            ('text = "word"\nurl = "a | b"', 'a URL names one place; remove the "|"'),
            ('text = "word"\nurl = "word"', 'field "word" writes its URL at "word", where'),
            ('text = "word"\nurl = "word.audio"', "writes its URL at"),
            ('text = "list[]"\nurl = "list[]"', "writes its URL at"),
            ('text = "list[0]"\nurl = "list[0].url"', "writes its URL at"),
            ('text = "list[]"\nurl = "list[0]"', "has 0; give the URL the same [] steps"),
            ('text = "word"\nurl = "audioUrl"\nkind = "kanji"', 'fields[0].kind: "kanji" is not'),
            ('text = "word"\nurl = "audioUrl"\nlang = "japanese!"', "fields[0].lang: "),
            ('text = "word"\nurl = "audioUrl"\nenabled = "yes"', "enabled: expected true or false"),
            ('text = "word"\nurl = "audioUrl"\nvoice = 3', "voice: expected a voice name"),
            ("text = 3\nurl = 'audioUrl'", "text: expected a path expression or a list"),
            ('text = "word"', 'fields[0]: missing "url"'),
            (
                'text = "examples[].s"\nurl = "examples[].u"\nsegments = "segments"',
                'fields[0].segments: url "examples[].u" has 1 "[]" but segments "segments" has 0',
            ),
            (
                'text = "w"\nurl = "u"\nsegments = "u"',
                'fields[0].segments: field "w" writes its word timings at "u", where field "w" '
                'writes its URL "u" (url); give segments a place of its own, e.g. "segments"',
            ),
            ('text = "w"\nurl = "u"\nsegments = "a | b"', "segments: expected one path expression"),
            ('text = "w"\nurl = "u"\nsegments = 3', "segments: expected a path expression"),
        ],
    )


def test_two_fields_may_not_share_a_url_or_a_name() -> None:
    toml = """
    [types.t]
    file = "t.json"
    [[types.t.fields]]
    text = "a"
    url = "audioUrl"
    [[types.t.fields]]
    text = "b"
    url = "audioUrl"
    """
    assert 'types.t.fields: fields "a" and "b" both write their URL at' in config_error(toml)
    named = toml.replace('text = "b"', 'text = "b"\nname = "a"').replace(
        'url = "audioUrl"\n    [[', 'url = "aUrl"\n    [['
    )
    assert 'two fields are named "a"' in config_error(named)


def test_new_type_needs_file_and_fields() -> None:
    assert 'types.t: missing "file"' in config_error("[types.t]\nfields = []\n")
    assert 'types.t: missing "fields"' in config_error('[types.t]\nfile = "t.json"\n')
    message = config_error('[types.t]\nfile = "t.json"\nfields = []\n')
    assert "types.t.fields: a type needs at least one field" in message


def test_pyproject_places_are_named_as_in_pyproject() -> None:
    with pytest.raises(ConfigError, match=r"^pyproject.toml: tool.tts-assets.types.t: "):
        parse_types({"t": {"file": 1}}, Path("pyproject.toml"))


def test_field_spec_defaults() -> None:
    field = FieldSpec(text="examples[].sentence", url="examples[].audioUrl")
    assert (field.lang, field.voice, field.kind, field.enabled, field.split) == (
        "ja",
        None,
        "text",
        True,
        False,
    )
    assert field.name == "examples[].sentence"


# --- choosing types --------------------------------------------------------------------------


def test_all_makes_only_untouched_builtins_optional() -> None:
    toml = PHRASES + '\n[types.kanji]\nfile = "my-kanji.json"\n'
    types = resolve_types(types_table(toml), CONFIG)
    selected = {t.name: t.optional for t in select_types(types, "all")}
    assert selected == {
        "vocabulary": True,
        "grammar": True,
        "kanji": False,
        "reading": True,
        "characters": True,
        "listening": True,
        "phrases": False,
    }


def test_named_types_are_required_and_in_the_order_given() -> None:
    selected = select_types(builtin_types(), "kanji, vocabulary")
    assert [(t.name, t.optional) for t in selected] == [("kanji", False), ("vocabulary", False)]


def test_unknown_type_lists_the_valid_ones() -> None:
    with pytest.raises(InputError) as info:
        select_types(builtin_types(), "kanjii")
    assert str(info.value) == (
        'unknown content type "kanjii"; valid types: all, vocabulary, grammar, kanji, reading, '
        "characters, listening"
    )


def test_include_enables_opt_in_fields_of_selected_types() -> None:
    (vocabulary,) = select_types(builtin_types(), "vocabulary", ["vocabulary.meaning"])
    assert all(f.enabled for f in vocabulary.fields)
    (kanji,) = select_types(builtin_types(), "kanji", ["vocabulary.meaning"])
    assert kanji == builtin_types()["kanji"]
    (vocabulary,) = select_types(builtin_types(), "vocabulary")
    assert not vocabulary.field_named("meaning").enabled  # type: ignore[union-attr]


def test_bad_include_is_an_input_error() -> None:
    def case(ref: str, problem: str) -> None:
        with pytest.raises(InputError, match=problem):
            select_types(builtin_types(), "all", [ref])

    check_each(
        case,
        [
            ("meaning", "use TYPE.FIELD"),
            ("vocab.meaning", 'unknown content type "vocab"'),
            ("vocabulary.meanings", 'has no field "meanings"; its fields: word, example, meaning'),
        ],
    )


def test_a_cloze_separator_without_answers_or_blank_is_one_line() -> None:
    def case(line: str, says: str) -> None:
        toml = '[types.q]\nfile = "q.json"\n[[types.q.fields]]\ntext = "question"\nurl = "audio"\n'
        message = config_error(toml + f'cloze = "2s"\n{line}\n')
        assert says in message, message

    check_each(
        case,
        [
            ('cloze_separator = " / "', "cloze_separator: needs cloze_answer"),
            ('cloze_separator = " "\ncloze_answer = "answer"', "cloze_separator: expected what"),
        ],
    )


def test_a_fields_twins_say_they_are_twins_and_the_field_that_it_is_none() -> None:
    """What the planner, the voices' check and the summary ask of a field (`is_twin`),
    never its tempo: a ladder's, a voice's of an `each` list and a cloze's filled twin are
    twins, the field they are read beside is none."""
    from tts_assets.content.twins import cloze_twins, slow_twins, voice_twins

    field = FieldSpec(
        text="sentence",
        url="audioUrl",
        voices=("jf_alpha", "jf_nezumi"),
        voice_mode="each",
        cloze="2s",
        cloze_answer="answer",
    )
    spec = TypeSpec(name="phrases", file="phrases.json", fields=(field,))
    (spec,) = voice_twins(slow_twins(cloze_twins([spec]), (0.6, 0.8)))
    kinds = {f.name: (f.is_twin, f.tempo != 1.0, f.twin, f.rung) for f in spec.fields}
    assert kinds == {
        "sentence": (False, False, "", False),
        "sentence (filled)": (True, False, "filled", False),
        "sentence (0.6×)": (True, True, "", True),
        "sentence (0.8×)": (True, True, "", True),
        "sentence (filled) (0.6×)": (True, True, "filled", True),
        "sentence (filled) (0.8×)": (True, True, "filled", True),
        "sentence (jf_alpha)": (True, False, "voice", False),
        "sentence (jf_nezumi)": (True, False, "voice", False),
    }
    # The places checked as a field's own: the field's, and each rung of a ladder (the
    # filled sentence's rungs too: declared places of their own).
    owners = [at for at, _ in spec.owners()]
    assert owners == ["fields[0]", "fields[2]", "fields[3]", "fields[4]", "fields[5]"]
