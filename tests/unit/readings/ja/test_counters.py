"""Counters in kana after digits: found by one pattern, read as their kanji."""

from __future__ import annotations

from tts_assets.lang.ja import memo
from tts_assets.lang.ja.counters import spots
from tts_assets.lang.ja.reconcile import reconcile


def test_a_counter_is_found_after_digits_only_where_it_is_the_counter() -> None:
    found = spots("4じにおきて、6ぽんと3じょうと2か3こ")
    assert [(s.written, s.candidates) for s in found] == [
        ("4じ", ("時",)),
        ("6ぽん", ("本",)),
        ("3こ", ("個",)),  # not 3じょう (a small kana follows), not 2か before a digit
    ]
    assert spots("じかん") == [] and spots("1.5じ") == []


def test_a_decision_kept_in_the_memo_is_read_back_with_what_a_word_is_read_as() -> None:
    decided = reconcile("4じ")
    assert decided.morphemes[1].read_as == "時"
    again, told = memo._loads(memo._dumps(decided, "LH"))
    assert again == decided and told == "LH"
    assert again.morphemes[1].read_as == "時" and again.pronunciation == "ヨジ"


def test_the_ordinal_of_tsu_in_kana_is_futatsume() -> None:
    # つめ after 2つ was read as 爪 (につめ): 2つめ is 2つ目, ふたつめ, the kana kept.
    decided = reconcile("2つめの角を右に曲がってください。")
    assert decided.pronunciation.startswith("フタツメノ")
    assert "".join(m.surface for m in decided.morphemes).startswith("２つめの")
