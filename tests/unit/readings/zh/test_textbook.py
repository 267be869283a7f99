"""The decider on textbook sentences of a first course (textbook.txt, written for these
tests): each polyphone read right, or flagged with both readings; never silently wrong.
Loads pypinyin and g2pM's weights: slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.frontends.pinyin import is_hanzi
from tts_assets.lang.zh.decide import ALONE, PLAUSIBLE, RULE, SURE, available, decide_each

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def _sets() -> list[list[tuple[str, int, str]]]:
    """textbook.txt's sets (each after its comment block): (text, the polyphone's index
    among its Chinese characters, its reading)."""
    sets: list[list[tuple[str, int, str]]] = []
    comment = True
    for line in (Path(__file__).parent / "textbook.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            comment = True
            continue
        if comment:
            sets.append([])
            comment = False
        marked, want = line.split("\t")
        at = marked.index("[")
        text = marked.replace("[", "").replace("]", "")
        sets[-1].append((text, sum(1 for c in text[:at] if is_hanzi(c)), want))
    return sets


def _same(said: str, want: str) -> bool:
    return said == want or (said[:-1] == want[:-1] and "5" in (said[-1], want[-1]))


def _judged(sentences: list[tuple[str, int, str]]) -> tuple[int, list[tuple[str, str, str]]]:
    """How many of `sentences` the decider reads right, and those it reads wrong without
    a flag (text, said, meant); a wrong reading flagged names the meant one as the other."""
    decided = decide_each([text for text, _, _ in sentences])
    right = 0
    silent = []
    for (text, index, want), found in zip(sentences, decided, strict=True):
        assert found is not None
        said = found.syllables[index]
        flagged = [d for d in found.doubts if d.index == index]
        if _same(said, want):
            right += 1
        elif not flagged:
            silent.append((text, said, want))
        else:
            # A doubt names both readings: the one said and the right one.
            assert {flagged[0].said, flagged[0].other} & {want}, (text, flagged)
    return right, silent


def test_none_is_wrong_without_a_flag() -> None:
    """Every polyphone of every set is read right, or flagged with both readings (a wrong
    reading marked sure is the worst outcome there is)."""
    sentences = [each for found in _sets() for each in found]
    assert len(sentences) >= 600
    _, silent = _judged(sentences)
    assert silent == []


def test_at_least_95_percent_are_right() -> None:
    """Of all sets; the seventh, written after the sixth set's rules and measured before any
    change for it, reads 26 of its 30 right and flags the other 4."""
    sets = _sets()
    assert [len(s) for s in sets[-2:]] == [88, 30]  # the sixth and seventh sets
    sentences = [each for found in sets for each in found]
    right, _ = _judged(sentences)
    assert right >= 0.95 * len(sentences)
    assert _judged(sets[-2])[0] >= 0.95 * len(sets[-2])


def test_the_grammar_of_the_first_lessons_is_read_by_its_rules() -> None:
    texts = ["这只猫很可爱。", "他教我中文。", "我得走了。", "他跑得很快。", "她慢慢地走。"]
    decided = decide_each(texts)
    read = [d.syllables if d is not None else () for d in decided]
    assert read[0][1] == "zhi1" and read[1][1] == "jiao1" and read[2][1] == "dei3"
    assert read[3][2] == "de5" and read[4][3] == "de5"
    assert all(d is not None and not d.doubts for d in decided)


def test_the_rules_the_apps_content_showed_read_without_a_doubt() -> None:
    """Grammar the benchmark's misses on hanabira.org's and the seed app's sentences showed
    (benchmarks/zh_polyphones.py): 没 méi, 累 lèi, 待 dāi, 调小 tiáo, 有效地 de, 都 dōu
    before 会, 的 after a pronoun (not 的哥 dī gē), 认识 light (never shí), 必须得 děi; and ü
    written as pypinyin writes it (nv3, not g2pM's nu:3, which no voice can say)."""
    marked = {
        "我的[女]儿很聪明。": "nv3",
        "我昨天[没]去学校。": "mei2",
        "他今天很[累]。": "lei4",
        "我们在公园[待]了一个下午。": "dai1",
        "请把电视的声音[调]小一点。": "tiao2",
        "他们有效[地]利用了时间。": "de5",
        "孩子们[都]会唱这首歌。": "dou1",
        "这是她[的]哥哥。": "de5",
        "我们认[识]吗？": "shi5",
        "我们必须[得]快点走。": "dei3",
    }
    texts = [m.replace("[", "").replace("]", "") for m in marked]
    at = [sum(1 for c in m[: m.index("[")] if is_hanzi(c)) for m in marked]
    decided = decide_each(texts)
    for text, index, reading, found in zip(texts, at, marked.values(), decided, strict=True):
        assert found is not None
        assert (text, found.syllables[index]) == (text, reading)
        assert not [d for d in found.doubts if d.index == index], text
    every = decide_each(["绿色的旅行", "女儿的律师", "去年的旅游"])
    assert all(":" not in s for d in every if d is not None for s in d.syllables)


def test_a_reading_the_model_alone_is_not_all_but_sure_of_is_flagged_with_both() -> None:
    """Calibrated on CPP's dev set: g2pM alone at 0.999 was wrong more than 1
    time in 200 there, so its reading is said and flagged with the other, where the other is
    one the sentence may have (好 hào at 0.009 % in 看孩子好吗 is not offered);
    a rule's reading stays decided."""
    hidden, served, taught = decide_each(
        ["你帮我看一下孩子好吗？", "他们的汗曾三次派到喀山。", "这只猫很可爱。"]
    )
    assert hidden is not None and served is not None and taught is not None
    grounds = {index: (ground, sure) for index, ground, sure in hidden.grounds}
    ground, sure = grounds[8]
    assert ground == ALONE and 0.99 < sure < SURE[ALONE] and 1 - sure < PLAUSIBLE
    assert hidden.doubts == ()
    doubt = next(d for d in served.doubts if d.char == "曾")
    assert (doubt.said, doubt.other, doubt.calibrated) == ("ceng2", "zeng1", True)
    assert taught.doubts == () and taught.grounds[0][:2] == (1, RULE)  # 只 at 0.05 by g2pM
