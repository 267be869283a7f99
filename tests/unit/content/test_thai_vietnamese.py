"""Thai and Vietnamese through the language gate: real sentences of hanabira.org, each in
its own field and in the others' (tests/fixtures/hanabira, MIT)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from tests.support.judged import file_check, judged_run
from tests.support.sweep import check_each, check_each_one
from tests.support.windows import whole_course
from tts_assets.content.gate import Status, check_text
from tts_assets.content.selection import select_types
from tts_assets.content.spec import resolve_types
from tts_assets.languages import LATIN_LANGUAGES, content_language
from tts_assets.scripts.vietnamese import (
    Syllables,
    looks_vietnamese,
    may_look_vietnamese,
    syllables,
)

HANABIRA = Path(__file__).parents[2] / "fixtures" / "hanabira"
THAI_FILE = HANABIRA / "grammar_th_CU-TFL_1_0001.json"
VIETNAMESE_FILE = HANABIRA / "grammar_vn_all_corrected_0001.json"


def _examples(path: Path, key: str) -> list[str]:
    doc: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [example[key] for point in doc for example in point["examples"]]


THAI = _examples(THAI_FILE, "th")
THAI_ROMANIZED = _examples(THAI_FILE, "romaji")
VIETNAMESE = _examples(VIETNAMESE_FILE, "vn")
ENGLISH = _examples(THAI_FILE, "en") + _examples(VIETNAMESE_FILE, "en")


def test_both_are_content_languages_with_their_grammar_sentence_names() -> None:
    assert content_language("th").name == "thai"
    assert content_language("vi-VN").name == "vietnamese"
    # Vietnamese is Latin script, yet told apart: not among the languages script can't tell.
    assert "vi" not in LATIN_LANGUAGES


def test_every_thai_sentence_is_thai() -> None:
    def case(text: str) -> None:
        assert check_text(text, "th").status is Status.OK

    check_each_one(case, THAI)


def test_every_vietnamese_sentence_is_vietnamese() -> None:
    def case(text: str) -> None:
        verdict = check_text(text, "vi")
        assert verdict.status is Status.OK, verdict.reason

    check_each_one(case, VIETNAMESE)


def test_an_english_translation_in_a_vietnamese_field_is_refused() -> None:
    """Every text of `ENGLISH` (one test; each text it fails on named)."""

    def refused(text: str) -> None:
        verdict = check_text(text, "vi")
        assert verdict.refused and verdict.looks_like == "latin", verdict.reason

    check_each_one(refused, ENGLISH)


def test_a_vietnamese_sentence_in_another_latin_field_is_named_vietnamese() -> None:
    def case(text: str) -> None:
        for lang in LATIN_LANGUAGES:
            verdict = check_text(text, lang)
            assert verdict.refused and verdict.looks_like == "vi", (lang, verdict.reason)

    check_each_one(case, VIETNAMESE)


def test_romanized_thai_in_a_thai_field_is_refused_as_latin_script() -> None:
    verdicts = [check_text(text, "th") for text in THAI_ROMANIZED]
    assert all(v.refused for v in verdicts)
    # Romanized with tone marks, a few read as Vietnamese syllables (`Chan mâi thà-nát
    # gaan khup rót`); the file as a whole is Latin script (hanabira: 2,397 of 2,400).
    assert sum(v.looks_like == "latin" for v in verdicts) >= len(verdicts) - 2
    check = file_check(verdicts, "th")
    assert check is not None and check.looks_like == "latin"


def test_a_refused_text_says_what_it_is() -> None:
    def case(text: str, lang: str, reason: str) -> None:
        verdict = check_text(text, lang)
        assert verdict.refused and verdict.reason == reason

    check_each(
        case,
        [
            (
                "I have nothing but a pen and a book.",
                "vi",
                '"I have nothing but a pen and a book." is Latin script, not Vietnamese '
                '("have", "nothing", "and": no Vietnamese syllables, and no tone mark)',
            ),
            (
                "email",
                "vi",
                '"email" is Latin script, not Vietnamese ("email": no Vietnamese syllable, and no '
                "tone mark)",
            ),
            (
                "Anh ấy không nói gì với tôi.",
                "en",
                '"Anh ấy không nói gì với tôi." has Vietnamese letters (ấ): '
                "Vietnamese, not English",
            ),
            (
                "Tôi không có gì.",
                "de",
                '"Tôi không có gì." is in Vietnamese syllables with tone marks: '
                "Vietnamese, not German",
            ),
            ("สวัสดี", "ja", '"สวัสดี" is Thai script: Thai, not Japanese'),
            ("学生", "th", '"学生" is Chinese characters only, not Thai'),
        ],
    )


def test_syllables_are_read_by_their_shape_and_marks() -> None:
    # ngh + iê + ng with a grave: one marked syllable; `anh` a plain one; `street` none.
    assert syllables("nghiêng anh street") == Syllables(1, 1, ("street",))
    assert syllables("được").own_letter == "đ"
    assert syllables("Müller sǎa").alien_letter == "ü"
    # Two tone marks on one word make it no syllable; capitals are spelled, not counted.
    assert syllables("bàá USB").foreign == ("bàá",)
    assert syllables("USB").words == 0
    # Decomposed input (a tone as a combining mark) reads as the composed one.
    assert syllables("Vie\u0323\u0302t") == syllables("Việt")


def test_the_quick_test_never_turns_away_a_text_that_looks_vietnamese() -> None:
    def case(form: str) -> None:
        for text in [*VIETNAMESE, *ENGLISH, *THAI_ROMANIZED, "Hà Nội", "Đi Paris", "là où"]:
            text = unicodedata.normalize(form, text)
            if looks_vietnamese(syllables(text)):
                assert may_look_vietnamese(text), text
        # German: no Vietnamese mark at all, so no reading as syllables.
        assert not may_look_vietnamese("Die Straße ist über die Brücke gesperrt.")

    check_each_one(case, ["NFC", "NFD"])


def test_words_other_languages_share_with_vietnamese_do_not_make_it() -> None:
    for text in ("là", "já", "più", "só", "Qué", "à côté", "Hà Huyền Chi is a famous poet."):
        assert not looks_vietnamese(syllables(text)), text


def test_a_file_of_english_under_vietnamese_is_latin_script() -> None:
    english = _examples(VIETNAMESE_FILE, "en")
    check = file_check([check_text(t, "vi") for t in english], "vi")
    assert check is not None
    assert check.message("grammar_vn.json") == (
        f"grammar_vn.json: {len(english)} of {len(english)} texts are Latin script, not "
        f"Vietnamese; pass --lang with their language ({', '.join(LATIN_LANGUAGES)})"
    )


def test_a_vietnamese_field_read_as_english_names_the_field(tmp_path: Path) -> None:
    # hanabira's layout: every language in one folder, Vietnamese under `vn` beside `en`;
    # a type whose fields got them the wrong way round is told so before anything is made.
    (tmp_path / VIETNAMESE_FILE.name).write_bytes(VIETNAMESE_FILE.read_bytes())
    table = {
        "grammar": {
            "file": "grammar_vn_*.json",
            "fields": [
                {"text": "examples[].vn", "url": "examples[].vn_audio", "lang": "en"},
                {"text": "examples[].en", "url": "examples[].audio", "lang": "vi"},
            ],
        }
    }
    types = select_types(resolve_types(table, tmp_path / "tts-assets.toml", "vi"), "grammar")
    result = judged_run(whole_course(tmp_path, types).items, "vi")
    count = len(VIETNAMESE)
    assert result.files == [
        f"{tmp_path / VIETNAMESE_FILE.name}: {count} of {count} texts look Vietnamese (vi), "
        'not English; set lang = "vi" on the field',
        f"{tmp_path / VIETNAMESE_FILE.name}: {count} of {count} texts are Latin script, not "
        f"Vietnamese; pass --lang with their language ({', '.join(LATIN_LANGUAGES)})",
    ]
