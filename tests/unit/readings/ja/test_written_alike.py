"""Every form two dictionaries read two ways is decided, doubted or noted (issue 59: 1): the
list (`written_alike.tsv`, from SudachiDict core and the analyzer's naist-jdic) and the note
on a text that no rule decides it in."""

from __future__ import annotations

from tts_assets.lang.ja.reconcile import reconcile
from tts_assets.lang.ja.written_alike import listed
from tts_assets.review.collect import READING_VERDICTS


def test_the_list_holds_words_of_both_dictionaries_and_no_sound_change() -> None:
    forms = listed().forms
    assert [r for r, _ in forms["年"]] == ["とし", "ねん"]
    assert dict(forms["行っ"]) == {"いっ": "行く", "おこなっ": "行う"}  # two words' forms
    assert "言う" not in forms  # いう, ゆう: both said ゆー
    assert len(forms) > 3000


def test_a_word_of_the_list_no_rule_decides_is_noted_with_its_other_reading() -> None:
    decided = reconcile("年をとると、朝早く目が覚める。")
    assert decided.verdict == "alike"
    assert "年 is said とし; written alike, it is also read ねん" in (decided.message or "")
    # Not a review row: the review page shows doubts, not notes.
    assert READING_VERDICTS["alike"] is None


def test_a_rule_decides_before_a_note_and_a_compounds_part_is_not_noted() -> None:
    assert reconcile("年に一度、旅行します。").verdict != "doubt"
    assert "ネンニ" in reconcile("年に一度、旅行します。").pronunciation
    assert "学 is said" not in (reconcile("経済学を勉強します。").message or "")
