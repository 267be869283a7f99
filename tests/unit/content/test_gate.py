"""The language gate: a verdict per text against its field's language, and per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.gate_table import CASES, Case
from tests.support.judged import file_check, judged_run
from tests.support.sweep import check_each, check_each_one, grouped
from tests.support.windows import whole_course
from tts_assets.content.gate import FileCheck, GateVerdict, Status, check_text
from tts_assets.content.load import LoadResult
from tts_assets.content.selection import select_types
from tts_assets.content.spec import builtin_types
from tts_assets.languages import LATIN_LANGUAGES, resolved


def test_the_table_has_every_kind_of_case() -> None:
    assert len(CASES) >= 60
    assert {c.lang for c in CASES} >= {"ja", "zh", "ko", "de", "es", "it", "en", "fr", "pt"}
    assert {c.status for c in CASES} == {"ok", "ambiguous", "refused"}


BY_LANGUAGE = grouped(CASES, lambda c: c.lang)


@pytest.mark.parametrize("lang", BY_LANGUAGE)
def test_verdict_of_each_text_in_the_table(lang: str) -> None:
    """Every case of the language (one test a language; each case it fails on named)."""

    def judged(case: Case) -> None:
        verdict = check_text(case.text, case.lang)
        assert (verdict.status.value, verdict.looks_like) == (case.status, case.looks_like), (
            verdict.reason
        )

    check_each_one(judged, BY_LANGUAGE[lang], ids=lambda c: c.text)


def test_a_refused_text_says_what_it_is_instead() -> None:
    def case(text: str, lang: str, reason: str) -> None:
        verdict = check_text(text, lang)
        assert verdict.refused
        assert verdict.reason == reason

    check_each(
        case,
        [
            ("Arbeit", "ja", '"Arbeit" is Latin script, not Japanese'),
            (
                "谢谢",
                "ja",
                '"谢谢" has Chinese forms Japanese does not use (谢): Chinese, not Japanese',
            ),
            (
                "駅",
                "zh",
                '"駅" has Japanese forms Chinese does not use (駅): Japanese, not Chinese',
            ),
            ("가다", "ja", '"가다" is Hangul: Korean, not Japanese'),
            ("たべる", "zh", '"たべる" has kana (た): Japanese, not Chinese'),
            ("sushi", "ja", '"sushi" is romaji (Latin script), not Japanese: write it in kana'),
            ("学生", "ko", '"学生" is Chinese characters only, not Korean (Hangul)'),
            ("みず", "en", '"みず" has kana (み): Japanese, not English'),
            ("Привет", "ja", '"Привет" is Cyrillic script, not Japanese'),
            (
                "Das ist ein sehr langer deutscher Satz über die Arbeit.",
                "ja",
                '"Das ist ein sehr langer deutscher Satz …" is Latin script, not Japanese',
            ),
        ],
    )


def test_a_regional_code_is_judged_as_its_language() -> None:
    assert check_text("みず", "ja-JP").status is Status.OK
    assert check_text("谢谢", "zh-CN").status is Status.OK
    assert check_text("みず", "en-US").refused
    assert check_text("hello", "pt_BR").status is Status.AMBIGUOUS


def test_traditional_chinese_is_not_refused_as_japanese_in_a_chinese_field() -> None:
    # 們 and 國 are in Shift-JIS but also in Big5: traditional Chinese, not Japanese-only.
    assert not check_text("我們的國家", "zh").refused


def test_joyo_forms_outside_shift_jis_are_not_chinese_evidence() -> None:
    assert check_text("頰", "ja").status is Status.AMBIGUOUS
    assert check_text("𠮟る", "ja").status is Status.OK


def test_the_verdict_depends_only_on_text_and_language() -> None:
    # check_text is cached; equal inputs give equal verdicts, and different languages
    # do not share one.
    assert check_text("谢谢", "ja") == check_text("谢谢", "ja")
    assert check_text("谢谢", "ja") != check_text("谢谢", "zh")


# --- whole files ---------------------------------------------------------------------


def _verdicts(texts: list[str], lang: str) -> list[GateVerdict]:
    return [check_text(t, lang) for t in texts]


CHINESE_VOCABULARY = ["每天", "我每天早上六点起床。", "学生", "今天", "谢谢", "图书馆", "老师"]


def test_a_chinese_file_under_japanese_is_named_chinese() -> None:
    check = file_check(_verdicts(CHINESE_VOCABULARY, "ja"), "ja")
    assert check == FileCheck(lang=resolved("ja"), looks_like="zh", count=5, total=7)
    assert check.message("data/vocabulary.json") == (
        "data/vocabulary.json: 5 of 7 texts look Chinese (zh), not Japanese; pass --lang zh"
    )
    assert check.message("x.json", content_language=False).endswith('set lang = "zh" on the field')


def test_a_japanese_file_with_a_few_foreign_texts_is_judged_text_by_text() -> None:
    texts = ["みず", "たべる", "駅", "学生", "Arbeit", "谢谢", "가다", "コーヒーを飲む", "日本"]
    verdicts = _verdicts(texts, "ja")
    assert file_check(verdicts, "ja") is None
    assert [t for t, v in zip(texts, verdicts, strict=True) if v.refused] == [
        "Arbeit",
        "谢谢",
        "가다",
    ]


def test_a_german_file_under_japanese_is_latin_script() -> None:
    texts = ["Arbeit", "die Arbeit", "Ich arbeite jeden Tag.", "Haus"]
    check = file_check(_verdicts(texts, "ja"), "ja")
    assert check is not None
    assert check.message("de/vocabulary.json") == (
        "de/vocabulary.json: 4 of 4 texts are Latin script, not Japanese; "
        f"pass --lang with their language ({', '.join(LATIN_LANGUAGES)})"
    )


def test_a_romaji_file_is_told_to_use_kana() -> None:
    check = file_check(_verdicts(["mizu", "taberu", "sushi", "みず"], "ja"), "ja")
    assert check is not None and check.looks_like == "romaji"
    assert (
        check.message("v.json")
        == "v.json: 3 of 4 texts are romaji, not Japanese script; write them in kana"
    )


def test_a_japanese_file_under_chinese_is_named_japanese() -> None:
    texts = ["たべる", "駅", "私は学生です。", "学生"]
    check = file_check(_verdicts(texts, "zh"), "zh")
    assert check is not None
    assert check.message("ja/vocabulary.json") == (
        "ja/vocabulary.json: 3 of 4 texts look Japanese (ja), not Chinese; pass --lang ja"
    )


def test_ambiguous_texts_do_not_vote_and_small_groups_do_not_stop_a_file() -> None:
    # Two Chinese texts among ambiguous ones: fewer than FILE_MIN_TEXTS look Chinese.
    assert file_check(_verdicts(["谢谢", "们", "学生", "今天", "日本"], "ja"), "ja") is None
    # Three Chinese texts against three Japanese ones: not most.
    mixed = ["谢谢", "们", "图书馆", "みず", "駅", "たべる", "学生"]
    assert file_check(_verdicts(mixed, "ja"), "ja") is None
    # Latin texts in a German file: all ambiguous, nothing to say about the file.
    assert file_check(_verdicts(["Haus", "water", "hola"], "de"), "de") is None
    assert file_check([], "ja") is None


def test_a_refused_group_names_other_scripts() -> None:
    check = file_check(_verdicts(["Привет", "Спасибо", "Да"], "ja"), "ja")
    assert check is not None
    assert check.message("ru.json") == (
        "ru.json: 3 of 3 texts are Cyrillic script, not Japanese; fix the file or its lang"
    )
    han = file_check(_verdicts(["水", "学生", "日本"], "en"), "en")
    assert han is not None
    assert han.message("en.json").endswith(
        "are Chinese characters, not English; pass --lang ja or --lang zh"
    )


# --- a run's items ---------------------------------------------------------------------


def _load(tmp_path: Path, content: dict[str, Any], lang: str = "ja") -> LoadResult:
    for name, doc in content.items():
        (tmp_path / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    types = select_types(builtin_types(lang), "all", ["vocabulary.meaning"], lang=lang)
    return whole_course(tmp_path, types)


def test_japanese_content_with_a_few_foreign_texts(tmp_path: Path) -> None:
    vocabulary = [
        {"word": "みず", "meaning": "water", "examples": [{"sentence": "水を飲みます。"}]},
        {"word": "駅", "meaning": "station"},
        {"word": "Arbeit", "meaning": "work"},
        {"word": "谢谢", "meaning": "みず"},
        {"word": "가다", "meaning": "to go", "examples": [{"sentence": "学校に行く。"}]},
        {"word": "CD", "meaning": "CD"},
    ]
    loaded = _load(tmp_path, {"vocabulary.json": vocabulary})
    result = judged_run(loaded.items, "ja")
    assert result.files == []
    assert [r.line for r in result.refused] == [
        'vocabulary.json › [2] › word: "Arbeit" is Latin script, not Japanese',
        "vocabulary.json › [3] › word: "
        '"谢谢" has Chinese forms Japanese does not use (谢): Chinese, not Japanese',
        'vocabulary.json › [3] › meaning: "みず" has kana (み): Japanese, not English',
        'vocabulary.json › [4] › word: "가다" is Hangul: Korean, not Japanese',
    ]
    assert len(result.passed) == len(loaded.items) - 4


def test_chinese_content_under_japanese_stops_naming_chinese(tmp_path: Path) -> None:
    vocabulary = [
        {"word": "每天", "examples": [{"sentence": "我每天早上六点起床。"}]},
        {"word": "学生", "examples": [{"sentence": "他是我们的老师。"}]},
        {"word": "谢谢", "meaning": "thank you"},
        {"word": "图书馆", "meaning": "library"},
    ]
    grammar = [{"examples": [{"japanese": "这是我的书。"}]}]
    loaded = _load(tmp_path, {"vocabulary.json": vocabulary, "grammar.json": grammar})
    result = judged_run(loaded.items, "ja")
    assert result.files == [
        f"{tmp_path / 'vocabulary.json'}: 5 of 6 texts look Chinese (zh), not Japanese; "
        "pass --lang zh"
    ]
    # Under --lang zh the same content passes, the grammar sentence read from "chinese".
    grammar = [{"examples": [{"chinese": "这是我的书。"}]}]
    zh = judged_run(_load(tmp_path, {"grammar.json": grammar}, "zh").items, "zh")
    assert (zh.files, zh.refused, len(zh.passed)) == ([], [], 9)


def test_a_field_of_its_own_language_is_told_to_fix_the_field(tmp_path: Path) -> None:
    vocabulary = [{"word": "みず", "meaning": m} for m in ("みず", "たべる", "のむ")]
    result = judged_run(_load(tmp_path, {"vocabulary.json": vocabulary}).items, "ja")
    assert result.files == [
        f"{tmp_path / 'vocabulary.json'}: 3 of 3 texts look Japanese (ja), not English; "
        'set lang = "ja" on the field'
    ]
