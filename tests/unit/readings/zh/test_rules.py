"""The context rules' conditions (readings/chinese/rules.py): a word anywhere earlier in the
clause, the end of a clause or of the text, and the characters and words only a rule
decides (`unsure`). Reads rules.toml's format only: fast."""

from __future__ import annotations

import pytest

from tts_assets.lang.zh.rules import RulesError, parse, rules

SPIN = """
clause_marks = ["，", "。"]
unsure = ["转", "[朝]阳"]
[sets]
clause_end = ["。", "，", "~end"]
[[rules]]
char = "转"
reading = "zhuan4"
before = ["@clause_end"]
in_clause = ["绕", "不停"]
why = "to spin"
"""


def _first(text: str, at: int) -> str | None:
    found = parse(SPIN).first(text[at], text, at, in_word=False)
    return None if found is None else found.reading


def test_a_word_earlier_in_the_clause_decides_where_the_neighbours_do_not() -> None:
    assert _first("地球绕着太阳转。", 6) == "zhuan4"
    assert _first("地球绕着太阳转", 6) == "zhuan4"  # the text's end ends the clause
    assert _first("风车不停地转，真好看。", 5) == "zhuan4"
    assert _first("往左转。", 2) is None  # nothing in its clause says round what
    assert _first("他绕了一圈，往左转。", 8) is None  # 绕 stands in the clause before
    assert _first("地球绕着太阳转动", 6) is None  # the clause goes on
    assert _first("绕" + "很" * 20 + "转。", 21) is None  # looked for 16 characters back


def test_the_unsure_are_read_from_the_file() -> None:
    spin = parse(SPIN)
    assert spin.unsure == frozenset({"转"}) and spin.unsure_words == {"朝阳": 0}
    assert spin.unsure_in("朝阳", 0) and not spin.unsure_in("朝阳", 1)
    assert {"转", "冲", "数"} <= rules().unsure and rules().unsure_in("大夫", 0)
    with pytest.raises(RulesError, match="unsure"):
        parse('unsure = "转"')
    with pytest.raises(RulesError, match=r"unsure › 朝阳: name its character"):
        parse('unsure = ["朝阳"]')


def test_a_rule_backed_by_an_entry_names_a_word_of_the_dictionary_read_so() -> None:
    """A rule that decides a colloquial-or-literary character (流血 liú xiě) without
    a flag cites the word of pypinyin's phrase dictionary in which the character has its
    reading; each entry cited is one, read so."""
    pytest.importorskip("pypinyin")
    from tts_assets.lang.zh.lexicon import lexicon

    words = lexicon()
    assert words is not None
    cited = [r for each in rules().by_char.values() for r in each if r.entry]
    assert len(cited) >= 20
    for rule in cited:
        read = words.phrase(rule.entry)
        assert read is not None, rule.entry
        found = [s for c, s in zip(rule.entry, read, strict=True) if c == rule.char]
        assert rule.reading in found, (rule.char, rule.entry, read)
    spoken_or_written = rules().colloquial
    assert spoken_or_written["血"] == ("xie3", "xue4") and "给" in spoken_or_written
    with pytest.raises(RulesError, match="colloquial › 血: two readings"):
        parse('[colloquial]\n"血" = ["xie3"]')
