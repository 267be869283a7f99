"""Loading items: the built-in types on the sample data, and every kind of bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO
from tests.support.sweep import check_each
from tests.support.windows import whole_course
from tts_assets.content.load import LoadResult
from tts_assets.content.selection import select_types
from tts_assets.content.spec import builtin_types, resolve_types
from tts_assets.errors import InputError


def load(data_dir: Path, name: str = "all", **kwargs: Any) -> LoadResult:
    return whole_course(data_dir, select_types(builtin_types(), name), **kwargs)


def write(folder: Path, name: str, content: Any) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def input_error(folder: Path, type_name: str, name: str, content: Any) -> str:
    write(folder, name, content)
    with pytest.raises(InputError) as info:
        load(folder, type_name)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- the sample data -------------------------------------------------------------------------


def test_sample_data_items_per_type(sample_data: Path) -> None:
    result = load(sample_data)
    assert result.counts == {
        "vocabulary": 34,
        "grammar": 10,
        "kanji": 67,
        "reading": 3,
        "characters": 0,
        "listening": 0,
    }
    assert len(result.items) == 114
    assert result.notes == []
    # As committed, whatever the README's first command wrote into data/.
    assert not any(result.value_at_url(i) for i in result.items)
    assert {p.name for p in result.documents} == {
        "vocabulary.json",
        "grammar.json",
        "kanji.json",
        "readings.json",
    }
    # Texts are few and short enough for a quick full run.
    assert len({(i.spoken, i.lang) for i in result.items}) <= 150
    assert all(len(i.spoken) <= 200 for i in result.items)


def test_sample_vocabulary_words_examples_and_the_placeholder(sample_data: Path) -> None:
    result = load(sample_data, "vocabulary")
    first = [(i.field, i.text_path, i.url_path, i.text) for i in result.items[:3]]
    assert first == [
        ("word", (0, "word"), (0, "audioUrl"), "水"),
        ("example", (0, "examples", 0, "sentence"), (0, "examples", 0, "audioUrl"), first[1][3]),
        ("word", (1, "word"), (1, "audioUrl"), "本"),
    ]
    assert all(i.lang.code == "ja" and i.type_name == "vocabulary" for i in result.items)
    (skip,) = result.skipped
    assert (skip.where, skip.reason, skip.field) == (
        "vocabulary.json › [6] › examples › [0] › sentence",
        "empty text",
        "example",
    )
    assert skip.url_path == (6, "examples", 0, "audioUrl")
    assert result.skip_counts() == {"vocabulary": 1}


def test_opt_in_meaning_is_loaded_only_when_asked(sample_data: Path) -> None:
    plain = load(sample_data, "vocabulary")
    assert not [i for i in plain.items if i.field == "meaning"]
    (vocabulary,) = select_types(builtin_types(), "vocabulary", ["vocabulary.meaning"])
    full = whole_course(sample_data, [vocabulary])
    meanings = [i for i in full.items if i.field == "meaning"]
    assert len(meanings) == 22
    assert (meanings[0].text, meanings[0].lang.code, meanings[0].url_path) == (
        "water",
        "en",
        (0, "meaningAudioUrl"),
    )
    assert len(full.items) == len(plain.items) + 22


def test_kanji_examples_speak_the_word_with_its_reading(sample_data: Path) -> None:
    result = load(sample_data, "kanji")
    (first,) = [i for i in result.items if i.where == "kanji.json › [0] › examples › [0] › word"]
    assert (first.spoken, first.reading) == ("毎日", "まいにち")
    vocabulary = load(sample_data, "vocabulary").items[0]
    assert (vocabulary.spoken, vocabulary.reading) == ("水", "みず")


def test_sample_kanji_readings_go_to_parallel_lists(sample_data: Path) -> None:
    result = load(sample_data, "kanji")
    first = [(i.field, i.where, i.spoken, i.url_path) for i in result.items if i.text_path[0] == 0]
    assert first == [
        ("reading", "kanji.json › [0] › onyomi › [0]", "ニチ", (0, "audioUrl")),
        ("onyomi", "kanji.json › [0] › onyomi › [0]", "ニチ", (0, "onyomiAudioUrls", 0)),
        ("onyomi", "kanji.json › [0] › onyomi › [1]", "ジツ", (0, "onyomiAudioUrls", 1)),
        ("kunyomi", "kanji.json › [0] › kunyomi › [0]", "ひ", (0, "kunyomiAudioUrls", 0)),
        ("kunyomi", "kanji.json › [0] › kunyomi › [1]", "び", (0, "kunyomiAudioUrls", 1)),
        ("kunyomi", "kanji.json › [0] › kunyomi › [2]", "か", (0, "kunyomiAudioUrls", 2)),
        (
            "example",
            "kanji.json › [0] › examples › [0] › word",
            "毎日",
            (0, "examples", 0, "audioUrl"),
        ),
        (
            "example",
            "kanji.json › [0] › examples › [1] › word",
            "日記",
            (0, "examples", 1, "audioUrl"),
        ),
    ]
    katsu = next(i for i in result.items if i.text == "か.つ")
    assert katsu.spoken == "かつ"


def test_sample_grammar_and_reading(sample_data: Path) -> None:
    grammar = load(sample_data, "grammar")
    assert [i.url_path for i in grammar.items[:2]] == [
        (0, "examples", 0, "audioUrl"),
        (0, "examples", 1, "audioUrl"),
    ]
    reading = load(sample_data, "reading")
    assert [(i.url_path, i.split) for i in reading.items] == [
        ((0, "audioUrl"), True),
        ((1, "audioUrl"), True),
        ((2, "audioUrl"), True),
    ]
    assert all(80 <= len(i.spoken) <= 200 for i in reading.items)


def test_first_reading_falls_back_to_kunyomi(tmp_path: Path) -> None:
    write(
        tmp_path,
        "kanji.json",
        [
            {"onyomi": [], "kunyomi": ["はた.け"]},
            {"onyomi": ["  "], "kunyomi": ["-ち"]},
            {"onyomi": [], "kunyomi": []},
            {"onyomi": [""], "kunyomi": [""]},
        ],
    )
    result = load(tmp_path, "kanji")
    firsts = [(i.where, i.spoken) for i in result.items if i.field == "reading"]
    assert firsts == [
        ("kanji.json › [0] › kunyomi › [0]", "はたけ"),
        ("kanji.json › [1] › kunyomi › [0]", "ち"),
    ]
    skipped = [(s.where, s.field) for s in result.skipped if s.field == "reading"]
    assert skipped == [("kanji.json › [3] › onyomi › [0]", "reading")]


def test_skips_and_nothing_places(tmp_path: Path) -> None:
    write(
        tmp_path,
        "vocabulary.json",
        [
            {"word": None},
            {"reading": "なし"},
            {"word": "\u200b \x00"},
            {"word": "犬", "examples": None},
            {"word": "猫", "examples": [{"sentence": "ね\x00こ。"}, {"translation": "x"}]},
        ],
    )
    result = load(tmp_path, "vocabulary")
    assert [(s.where, s.reason) for s in result.skipped] == [
        ("vocabulary.json › [0] › word", "no text (null)"),
        ("vocabulary.json › [1] › word", "no text (key missing)"),
        ("vocabulary.json › [2] › word", "empty text"),
        ("vocabulary.json › [4] › examples › [1] › sentence", "no text (key missing)"),
    ]
    assert [(i.text, i.spoken) for i in result.items] == [
        ("犬", "犬"),
        ("猫", "猫"),
        ("ね\x00こ。", "ねこ。"),  # the JSON keeps the original, the spoken text is clean
    ]


def test_a_text_of_only_punctuation_or_emoji_has_nothing_to_say(tmp_path: Path) -> None:
    """What `say` tells of such a text is the load's skip (tests/e2e/test_hostile_say.py
    shows the command telling one)."""
    texts = ["。。。", "！？", "🙂🙂"]
    write(tmp_path, "vocabulary.json", [{"word": text} for text in texts])
    result = load(tmp_path, "vocabulary")
    assert result.items == []
    assert [(s.where, s.reason, s.refused) for s in result.skipped] == [
        (f"vocabulary.json › [{n}] › word", "nothing to say (no letter or digit)", False)
        for n in range(len(texts))
    ]


def test_null_list_means_no_texts(tmp_path: Path) -> None:
    write(tmp_path, "kanji.json", [{"onyomi": None, "kunyomi": ["ひ"], "examples": None}])
    result = load(tmp_path, "kanji")
    assert [(i.field, i.spoken) for i in result.items] == [("reading", "ひ"), ("kunyomi", "ひ")]
    assert result.skipped == []


def test_value_at_url_reads_the_current_url(tmp_path: Path) -> None:
    write(tmp_path, "kanji.json", [{"onyomi": ["カ"], "onyomiAudioUrls": ["/a.mp3"]}])
    result = load(tmp_path, "kanji")
    values = {i.field: result.value_at_url(i) for i in result.items}
    assert values == {"reading": None, "onyomi": "/a.mp3"}


def test_root_key_holds_the_entries(tmp_path: Path) -> None:
    write(tmp_path, "words.json", {"version": 2, "items": [{"word": "水"}]})
    types = resolve_types({"vocabulary": {"file": "words.json", "root": "items"}}, None)
    result = whole_course(tmp_path, select_types(types, "vocabulary"))
    (item,) = result.items
    assert (item.text_path, item.url_path) == (("items", 0, "word"), ("items", 0, "audioUrl"))


# --- missing files ---------------------------------------------------------------------------


def test_all_skips_a_missing_builtin_file_with_a_note(tmp_path: Path, sample_data: Path) -> None:
    shutil.copy(sample_data / "grammar.json", tmp_path)
    result = load(tmp_path)
    assert result.counts == {
        "vocabulary": 0,
        "grammar": 10,
        "kanji": 0,
        "reading": 0,
        "characters": 0,
        "listening": 0,
    }
    # The rarer kana chart and listening files are skipped without a note.
    assert result.notes == [
        f"{tmp_path / 'vocabulary.json'} not found; the vocabulary type was skipped",
        f"{tmp_path / 'kanji.json'} not found; the kanji type was skipped",
        f"{tmp_path / 'readings.json'} not found; the reading type was skipped",
    ]


def test_a_named_type_needs_its_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load(tmp_path, "kanji")
    assert str(info.value) == (
        f"{tmp_path / 'kanji.json'} not found; the kanji type needs it: "
        "create it or pass --data-dir"
    )


def test_a_configured_type_needs_its_file_even_under_all(tmp_path: Path) -> None:
    types = resolve_types(
        {"phrases": {"file": "p.json", "fields": [{"text": "p", "url": "u"}]}}, None
    )
    with pytest.raises(InputError, match=r"p\.json not found; the phrases type needs it"):
        whole_course(tmp_path, select_types(types, "all"))


def test_missing_data_dir(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="data folder not found; create it or pass --data-dir"):
        load(tmp_path / "nope")


# --- bad input: one line naming the file and place ------------------------------------------


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    message = input_error(tmp_path, "kanji", "kanji.json", '[\n  {"onyomi": ["カ"]\n  "x": 1}\n]')
    assert message == (
        f"{tmp_path / 'kanji.json'}:3:3: invalid JSON (Expecting ',' delimiter); "
        "fix the file and run again"
    )


def test_empty_file(tmp_path: Path) -> None:
    message = input_error(tmp_path, "kanji", "kanji.json", "  \n")
    assert message.endswith("kanji.json: the file is empty; it should hold JSON content")


def test_invalid_utf8_gives_the_byte_offset(tmp_path: Path) -> None:
    raw = '[\n{"word": "水"},\n{"word": "'.encode() + b"\xff\xfe" + b'"}]'
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", raw)
    assert message.endswith(
        "vocabulary.json:3: invalid UTF-8 at byte 29; save the file as UTF-8 and run again"
    )


def test_utf16_is_rejected_with_what_to_do(tmp_path: Path) -> None:
    raw = '[{"word": "水"}]'.encode("utf-16")
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", raw)
    assert message.endswith("vocabulary.json: the file is UTF-16; save it as UTF-8 and run again")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, "vocabulary.json", b"\xef\xbb\xbf" + '[{"word": "水"}]'.encode())
    result = load(tmp_path, "vocabulary")
    assert [i.text for i in result.items] == ["水"]
    assert next(iter(result.documents.values())).bom


def test_duplicate_keys_name_the_key_and_line(tmp_path: Path) -> None:
    text = '[\n  {"word": "水", "examples": []},\n  {"word": "本",\n   "word": "猫"}\n]\n'
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", text)
    assert message.endswith(
        'vocabulary.json:4:4: duplicate key "word" in one object; '
        "keep only one of them and run again"
    )


def test_duplicate_key_with_escapes_and_tricky_strings(tmp_path: Path) -> None:
    text = '[{"a": "}{\\"[", "word": "x", "w\\u006frd": "y"}]'
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", text)
    assert 'vocabulary.json:1:30: duplicate key "word"' in message


def test_nan_is_not_json(tmp_path: Path) -> None:
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", '[{"word": "水", "n": NaN}]')
    assert "vocabulary.json: invalid JSON (NaN is not a JSON number)" in message


def test_deep_nesting_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    message = input_error(tmp_path, "vocabulary", "vocabulary.json", "[" * 10_000 + "]" * 10_000)
    assert "vocabulary.json: JSON nested too deeply to read" in message


def test_top_level_object_names_the_expected_shape(tmp_path: Path) -> None:
    message = input_error(tmp_path, "kanji", "kanji.json", {"version": 1, "kanji": []})
    assert message == (
        f"{tmp_path / 'kanji.json'}: expected a list of entries at the top level, found an "
        'object; put the entries in a list, or set root = "kanji" in [types.kanji]'
    )
    message = input_error(tmp_path, "kanji", "kanji.json", '"kanji"')
    assert "expected a list of entries at the top level, found a string" in message


def test_missing_root_key(tmp_path: Path) -> None:
    write(tmp_path, "words.json", {"entries": []})
    types = resolve_types({"vocabulary": {"file": "words.json", "root": "items"}}, None)
    with pytest.raises(InputError) as info:
        whole_course(tmp_path, select_types(types, "vocabulary"))
    assert str(info.value) == (
        'words.json: no "items" key; the vocabulary type reads its entries from "items": '
        "add it, or change the type's root"
    )


def test_wrong_types_name_the_place(tmp_path_factory: pytest.TempPathFactory) -> None:
    def case(name: str, type_name: str, content: Any, expected: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        assert input_error(tmp_path, type_name, name, content) == expected

    check_each(
        case,
        [
            (
                "kanji.json",
                "kanji",
                [{"onyomi": ["カ"]}] * 3 + [{"onyomi": "カ"}],
                "kanji.json › [3] › onyomi: expected a list of strings, found a string; "
                "fix the entry",
            ),
            (
                "kanji.json",
                "kanji",
                [{"onyomi": ["カ", 5]}],
                "kanji.json › [0] › onyomi › [1]: expected a text (a string), found a number; "
                "fix the entry",
            ),
            (
                "vocabulary.json",
                "vocabulary",
                [{"word": {"ja": "水"}}],
                "vocabulary.json › [0] › word: expected a text (a string), found an object; "
                "fix the entry",
            ),
            (
                "vocabulary.json",
                "vocabulary",
                [{"word": "水", "examples": ["水です。"]}],
                'vocabulary.json › [0] › examples › [0]: expected an object with "sentence", '
                "found a string; fix the entry",
            ),
            (
                "vocabulary.json",
                "vocabulary",
                [{"word": "水", "examples": {"sentence": "水です。"}}],
                "vocabulary.json › [0] › examples: expected a list, found an object; fix the entry",
            ),
            (
                "vocabulary.json",
                "vocabulary",
                ["水"],
                'vocabulary.json › [0]: expected an object with "word", found a string; '
                "fix the entry",
            ),
            (
                "vocabulary.json",
                "vocabulary",
                [{"word": "水", "audioUrl": 5}],
                "vocabulary.json › [0] › audioUrl: holds a number, not a URL (a string) or null, "
                'where the vocabulary.word field writes its URL ("audioUrl"); fix the entry (null '
                "lets the tool write there), or if the value is the content's own, give the "
                "field's url a place of its own",
            ),
            (
                "kanji.json",
                "kanji",
                [{"kunyomi": ["ひ"], "kunyomiAudioUrls": "/a.mp3"}],
                "kanji.json › [0] › kunyomiAudioUrls: holds a string, not a list, where the "
                'kanji.kunyomi field writes its URL ("kunyomiAudioUrls[]"); fix the entry (null '
                "lets the tool write there), or if the value is the content's own, give the "
                "field's url a place of its own",
            ),
        ],
    )


def test_two_types_writing_one_url_place(tmp_path: Path) -> None:
    # Refused when the types are resolved, before any file is read or written.
    table = {"kana": {"file": "vocabulary.json", "fields": [{"text": "kana", "url": "audioUrl"}]}}
    with pytest.raises(InputError) as info:
        resolve_types(table, None)
    assert str(info.value) == (
        'config: the vocabulary and kana types both write their URL at "audioUrl" in '
        "vocabulary.json (vocabulary.word, kana.kana); give one of them another url, "
        "or a where that leaves out the other's entries"
    )


def test_a_file_shared_by_two_types_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, "vocabulary.json", [{"word": "水", "kana": "みず"}])
    table = {"kana": {"file": "vocabulary.json", "fields": [{"text": "kana", "url": "kanaUrl"}]}}
    result = whole_course(tmp_path, select_types(resolve_types(table, None), "vocabulary,kana"))
    assert len(result.documents) == 1
    assert [(i.type_name, i.file) for i in result.items] == [
        ("vocabulary", tmp_path / "vocabulary.json"),
        ("kana", tmp_path / "vocabulary.json"),
    ]


# --- a reading is bounded like a text -----------------------------------


def test_a_reading_longer_than_its_text_can_be_read_is_refused_with_its_place(
    tmp_path: Path,
) -> None:
    """400 KB of pinyin for one character: refused at load, as a text too long is, with
    the reading's place; the other texts load."""
    write(
        tmp_path,
        "vocabulary.json",
        [{"word": "一", "reading": "yī " * 130_000}, {"word": "二", "reading": "èr"}],
    )
    result = load(tmp_path, "vocabulary")
    assert [(i.spoken, i.reading) for i in result.items] == [("二", "èr")]
    (refused,) = result.skipped
    assert refused.refused and not refused.placeholder
    assert refused.where == "vocabulary.json › [0] › word"
    assert refused.reason == (
        "reading too long (390,000 characters at vocabulary.json › [0] › reading; a text of "
        "1 character is read in at most 24): fix the reading"
    )


def test_a_long_reading_of_a_long_text_is_kept(tmp_path: Path) -> None:
    pinyin = "zhuāng " * 40  # 280 characters: the longest syllables, for 40 characters
    write(tmp_path, "vocabulary.json", [{"word": "装" * 40, "reading": pinyin}])
    (item,) = load(tmp_path, "vocabulary").items
    assert item.reading == pinyin


# --- a type's selection matching nothing -----------------------------------------------------

HANABIRA_KANA = REPO / "tests/fixtures/hanabira/kana.json"
CHART_ON_KANA = {"characters": {"file": "kana.json"}}
"""The built-in kana chart type pointed at hanabira.org's kana.json (no `type` key)."""


def _chart_types(table: dict[str, Any]) -> list[Any]:
    types = resolve_types(table, None)
    return select_types(types, ",".join(table))


def test_a_file_whose_entries_a_type_selects_none_of_gets_a_note(tmp_path: Path) -> None:
    shutil.copy(HANABIRA_KANA, tmp_path / "kana.json")
    result = whole_course(tmp_path, _chart_types(CHART_ON_KANA))
    assert result.items == [] and result.skipped == []
    assert result.notes == [
        f"{tmp_path / 'kana.json'} (10 entries): the characters type selects none of its "
        'entries (where_not = { type = ["", "kanji"] }; none has "type", which reads as ""), '
        "so none was voiced; to voice them, give them a type of their own ([types.kana] with "
        'file = "kana.json", the fields of characters and no where), or give each entry the '
        "key the type selects by"
    ]
    # What the note says to do voices them: a type of their own, without where.
    own = {
        "kana": {"file": "kana.json", "fields": [{"text": "char", "url": "audio", "kind": "kana"}]}
    }
    result = whole_course(tmp_path, _chart_types(own))
    assert [i.spoken for i in result.items][:3] == ["ア", "イ", "ウ"] and result.notes == []


def test_no_note_where_another_type_selects_the_entries(tmp_path: Path) -> None:
    write(tmp_path, "kana.json", [{"char": "水"}, {"char": "山", "type": "kanji"}])
    kanji = {"kanji": {"file": "kana.json", "where": {"type": ["", "kanji"]}}}
    result = whole_course(tmp_path, _chart_types({**CHART_ON_KANA, **kanji}))
    assert result.counts == {"characters": 0, "kanji": 0} and result.notes == []
    # An empty chart has no entries to miss (its note says it holds none); a
    # chart with a kana has one selected.
    write(tmp_path, "kana.json", [])
    assert whole_course(tmp_path, _chart_types(CHART_ON_KANA)).notes == [
        f"{tmp_path / 'kana.json'} holds no entries (an empty list): nothing to say"
    ]
    write(tmp_path, "kana.json", [{"char": "水"}, {"char": "か", "type": "gojuon"}])
    assert whole_course(tmp_path, _chart_types(CHART_ON_KANA)).notes == []


def test_the_note_names_each_file_of_a_pattern_that_has_none(tmp_path: Path) -> None:
    for n in range(5):
        write(tmp_path, f"level_{n}.json", [{"w": "水", "level": "N3"}])
    write(tmp_path, "level_9.json", [{"w": "山", "level": "N5"}])
    words = {"words": {"file": "level_*.json", "where": {"level": "N5"}}}
    words["words"]["fields"] = [{"text": "w", "url": "a"}]  # type: ignore[index]
    (note,) = whole_course(tmp_path, _chart_types(words)).notes
    assert note.startswith(
        f"{tmp_path / 'level_0.json'} (1 entry), {tmp_path / 'level_1.json'} (1 entry), "
        f"{tmp_path / 'level_2.json'} (1 entry) and 2 more file(s): the words type selects "
        'none of their entries (where = { level = ["N5"] }), so none was voiced'
    ), note


def test_a_file_whose_top_level_is_one_entry_is_that_entry(tmp_path: Path) -> None:
    # A course that keeps each word in a file of its own (words/a/apfel.json).
    (tmp_path / "words/a").mkdir(parents=True)
    (tmp_path / "words/b").mkdir()
    write(tmp_path, "words/a/apfel.json", {"word": "der Apfel", "examples": [{"sentence": "Ja."}]})
    write(tmp_path, "words/b/baum.json", {"word": "der Baum"})
    types = resolve_types({"vocabulary": {"file": "words/**/*.json"}}, None)
    result = whole_course(tmp_path, select_types(types, "vocabulary"))
    found = sorted((i.file.name, i.text, i.url_path) for i in result.items)
    assert found == [
        ("apfel.json", "Ja.", ("examples", 0, "audioUrl")),
        ("apfel.json", "der Apfel", ("audioUrl",)),
        ("baum.json", "der Baum", ("audioUrl",)),
    ]
