"""Content types per language, kana charts, listening, and entry selection (`where`):
resolved and loaded as a library call does (the command line's own in
tests/e2e/test_content_types.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support.chart import CHART, write
from tests.support.sweep import check_each
from tests.support.windows import whole_course
from tts_assets.content.builtins import builtin_tables
from tts_assets.content.selection import select_types
from tts_assets.content.spec import builtin_types, resolve_types
from tts_assets.content.where import Condition, disjoint, parse_where
from tts_assets.errors import ConfigError, InputError
from tts_assets.languages import LANGUAGES

CONFIG = Path("tts-assets.toml")


def types_table(toml: str) -> dict[str, Any]:
    table: dict[str, Any] = tomllib.loads(toml)["types"]
    return table


# --- built-in types per content language -------------------------------------------------


def test_builtin_types_speak_the_content_language() -> None:
    def case(lang: str, key: str) -> None:
        types = builtin_types(lang)
        (grammar,) = types["grammar"].fields
        assert (grammar.text, grammar.lang) == (f"examples[].{key}", lang)
        vocabulary = {f.name: f.lang for f in types["vocabulary"].fields}
        # A field that declares its own language keeps it.
        assert vocabulary == {"word": lang, "example": lang, "meaning": "en"}
        assert types["reading"].fields[0].lang == lang
        assert types["listening"].fields[0].lang == lang

    check_each(
        case,
        [
            ("ja", "japanese"),
            ("zh", "chinese"),
            ("ko", "korean"),
            ("de", "german"),
            ("es", "spanish"),
            ("it", "italian"),
            ("en", "english"),
            ("fr", "french"),
            ("pt-BR", "portuguese"),
        ],
    )


def test_kanji_and_kana_charts_are_built_in_for_japanese_only() -> None:
    assert {"kanji", "characters"} <= set(builtin_types("ja"))
    assert list(builtin_types("zh")) == ["vocabulary", "grammar", "reading", "listening"]
    with pytest.raises(InputError, match='unknown content type "kanji"'):
        select_types(builtin_types("ko"), "kanji", lang="ko")


def test_an_unknown_content_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        builtin_types("xx")
    assert str(info.value) == (
        '--lang: "xx" is not a content language tts-assets knows; '
        f"use one of: {', '.join(LANGUAGES)}"
    )
    with pytest.raises(ValueError):
        builtin_tables("")


def test_config_fields_without_lang_speak_the_content_language() -> None:
    toml = """
    [types.phrases]
    file = "phrases.json"
    [[types.phrases.fields]]
    text = "phrase"
    url = "audioUrl"
    [[types.phrases.fields]]
    text = "translation"
    url = "translationAudioUrl"
    lang = "en"
    """
    phrases = resolve_types(types_table(toml), CONFIG, "zh")["phrases"]
    assert [f.lang for f in phrases.fields] == ["zh", "en"]
    assert [f.lang for f in resolve_types(types_table(toml), CONFIG)["phrases"].fields] == [
        "ja",
        "en",
    ]


def test_all_under_another_language_makes_its_untouched_builtins_optional() -> None:
    selected = select_types(builtin_types("de"), "all", lang="de")
    assert all(t.optional for t in selected)
    # Compared with the Japanese built-ins, German grammar would look overridden.
    assert not next(
        t for t in select_types(builtin_types("de"), "all") if t.name == "grammar"
    ).optional


def test_grammar_of_chinese_content_is_loaded_from_its_key(tmp_path: Path) -> None:
    write(
        tmp_path,
        "grammar.json",
        [{"examples": [{"chinese": "我每天早上六点起床。", "english": "I get up at six."}]}],
    )
    (item,) = whole_course(tmp_path, select_types(builtin_types("zh"), "grammar", lang="zh")).items
    assert (item.text, item.lang.code, item.url_path) == (
        "我每天早上六点起床。",
        "zh",
        (0, "examples", 0, "audioUrl"),
    )


# --- kana charts ------------------------------------------------------------------------


def test_the_characters_type_reads_the_kana_of_a_chart(tmp_path: Path) -> None:
    write(tmp_path, "characters.json", CHART)
    result = whole_course(tmp_path, select_types(builtin_types(), "characters"))
    assert [(i.spoken, i.kind, i.lang.code, i.url_path) for i in result.items] == [
        ("ガ", "kana", "ja", (0, "audioUrl")),  # a sound: spoken as its katakana
        ("がくせい", "text", "ja", (0, "examples", 0, "audioUrl")),  # the word, not "gakusei"
        ("キャ", "kana", "ja", (1, "audioUrl")),
        ("ア", "kana", "ja", (2, "audioUrl")),  # older charts: hiragana, then katakana
        ("ン", "kana", "ja", (3, "audioUrl")),
    ]
    # The kanji entries (no type, or "kanji") are not the chart type's.
    assert all(i.text_path[0] in (0, 1, 2, 3) for i in result.items)


def test_kanji_of_the_same_chart_file_need_a_where_and_then_share_it(tmp_path: Path) -> None:
    write(tmp_path, "characters.json", CHART)
    # Pointing the kanji type at the chart without a selection would write the kana
    # entries' audioUrl twice: refused, with the selection that fixes it.
    with pytest.raises(ConfigError) as info:
        resolve_types(types_table('[types.kanji]\nfile = "characters.json"\n'), CONFIG)
    assert str(info.value) == (
        'tts-assets.toml: the kanji and characters types both write their URL at "audioUrl" '
        "in characters.json (kanji.reading, characters.kana); give kanji "
        'where = { type = ["", "kanji"] } so it leaves out the characters entries, '
        "or give it another url"
    )
    toml = '[types.kanji]\nfile = "characters.json"\nwhere = { type = ["", "kanji"] }\n'
    types = resolve_types(types_table(toml), CONFIG)
    result = whole_course(tmp_path, select_types(types, "kanji,characters"))
    kanji = [(i.spoken, i.url_path) for i in result.items if i.type_name == "kanji"]
    assert kanji == [
        ("ニチ", (4, "audioUrl")),
        ("ニチ", (4, "onyomiAudioUrls", 0)),
        ("ひ", (4, "kunyomiAudioUrls", 0)),
        ("ゲツ", (5, "audioUrl")),
        ("ゲツ", (5, "onyomiAudioUrls", 0)),
        ("つき", (5, "examples", 0, "audioUrl")),
    ]
    assert len(result.documents) == 1


def test_a_type_that_writes_where_another_type_reads_is_refused() -> None:
    toml = """
    [types.kana]
    file = "vocabulary.json"
    [[types.kana.fields]]
    text = "kana"
    url = "examples"
    """
    with pytest.raises(ConfigError) as info:
        resolve_types(types_table(toml), CONFIG)
    assert str(info.value).startswith(
        'tts-assets.toml: the kana type writes its URL at "examples" in vocabulary.json, '
        'where the vocabulary type reads its text "examples[].sentence" (vocabulary.example)'
    )


def test_types_of_one_file_with_disjoint_selections_are_accepted() -> None:
    toml = """
    [types.n5]
    file = "vocabulary.json"
    where = { level = "N5" }
    [[types.n5.fields]]
    text = "word"
    url = "audioUrl"

    [types.n4]
    file = "vocabulary.json"
    where = { level = ["N4", 4] }
    [[types.n4.fields]]
    text = "word"
    url = "audioUrl"

    [types.vocabulary]
    file = "words.json"
    """
    types = resolve_types(types_table(toml), CONFIG)
    assert [c.values for c in types["n5"].where] == [("N5",)]


def test_the_check_holds_for_the_same_file_written_two_ways() -> None:
    toml = """
    [types.n5]
    file = "./vocabulary.json"
    [[types.n5.fields]]
    text = "word"
    url = "audioUrl"
    """
    with pytest.raises(ConfigError, match="the vocabulary and n5 types both write"):
        resolve_types(types_table(toml), CONFIG)


# --- where -----------------------------------------------------------------------------


def test_where_selects_entries_by_value_with_absent_as_empty(tmp_path: Path) -> None:
    write(
        tmp_path,
        "words.json",
        [
            {"word": "みず", "level": "N5"},
            {"word": "でんき", "level": 4},
            {"word": "ひかり"},
            {"word": "そら", "level": None, "meta": {"draft": True}},
            {"word": "うみ", "level": "N5", "meta": {"draft": False}},
        ],
    )
    toml = """
    [types.words]
    file = "words.json"
    where = { level = ["N5", ""] }
    where_not = { "meta.draft" = true }
    [[types.words.fields]]
    text = "word"
    url = "audioUrl"
    """
    types = resolve_types(types_table(toml), CONFIG)
    result = whole_course(tmp_path, select_types(types, "words"))
    assert [i.spoken for i in result.items] == ["みず", "ひかり", "うみ"]
    assert result.skipped == []


def test_an_entry_whose_selecting_key_is_a_list_names_the_place(tmp_path: Path) -> None:
    write(tmp_path, "characters.json", [{"char": "あ", "type": "basic"}, {"type": ["kanji"]}])
    with pytest.raises(InputError) as info:
        whole_course(tmp_path, select_types(builtin_types(), "characters"))
    assert str(info.value) == (
        "characters.json › [1] › type: expected a string, a number or true/false to select "
        "by, found a list; the characters type selects its entries by it (where): fix the entry"
    )


def test_bad_where_tables_name_the_place() -> None:
    def case(where: str, message: str) -> None:
        toml = f'[types.t]\nfile = "t.json"\n{where}\n[[types.t.fields]]\ntext = "w"\nurl = "u"\n'
        with pytest.raises(ConfigError) as info:
            resolve_types(types_table(toml), CONFIG)
        assert str(info.value).startswith(f"tts-assets.toml: {message}")

    check_each(
        case,
        [
            ('where = "kanji"', "types.t.where: expected a table of keys and their values"),
            ("where = {}", "types.t.where: expected a table of keys and their values"),
            ("where = { type = [] }", "types.t.where: type: expected a string, a number"),
            ("where_not = { type = [1.5] }", "types.t.where_not: type: expected a string"),
            ("where = { type = [{ a = 1 }] }", "types.t.where: type: expected a string"),
            ('where = { "a[]" = "x" }', 'types.t.where: "a[]": select by keys only'),
            ('where = { "a..b" = "x" }', 'types.t.where: "a..b" is not a key path'),
        ],
    )


def test_overriding_a_builtin_keeps_the_where_it_does_not_give() -> None:
    toml = '[types.characters]\nfile = "kana.json"\nwhere = { script = "hiragana" }\n'
    chart = resolve_types(types_table(toml), CONFIG)["characters"]
    assert [(c.key, c.values, c.negated) for c in chart.where] == [
        ("script", ("hiragana",), False),
        ("type", ("", "kanji"), True),
    ]


def test_disjoint_selections() -> None:
    def case(a: dict[str, list[Any]], b: dict[str, list[Any]], apart: bool) -> None:
        def conditions(table: dict[str, list[Any]]) -> list[Condition]:
            out: list[Condition] = []
            for key, values in table.items():
                out += parse_where({key.lstrip("!"): values}, negated=key.startswith("!"))
            return out

        assert disjoint(conditions(a), conditions(b)) is apart
        assert disjoint(conditions(b), conditions(a)) is apart

    check_each(
        case,
        [
            ({"type": ["a"]}, {"type": ["b"]}, True),
            ({"type": ["a"]}, {"type": ["a", "b"]}, False),
            ({"type": ["", "kanji"]}, {"!type": ["", "kanji"]}, True),
            ({"type": ["", "kanji", "x"]}, {"!type": ["", "kanji"]}, False),
            ({"!type": ["a"]}, {"!type": ["b"]}, False),
            ({"type": [1]}, {"type": ["1"]}, True),
            ({"type": [True]}, {"type": [1]}, True),
            ({"level": ["a"]}, {"type": ["b"]}, False),
            ({}, {"type": ["b"]}, False),
        ],
    )


# --- listening ---------------------------------------------------------------------------


def test_listening_passages_are_split_items(tmp_path: Path) -> None:
    write(tmp_path, "listening.json", [{"id": "l1", "text": "今日は雨です。傘を持って行きます。"}])
    (item,) = whole_course(tmp_path, select_types(builtin_types(), "listening")).items
    assert (item.type_name, item.split, item.url_path, item.kind) == (
        "listening",
        True,
        (0, "audioUrl"),
        "text",
    )
