"""The decider on textbook sentences of a first course (textbook.txt, written for these
tests): each polyphone read right, or flagged with both readings; never silently wrong
(issue 44: 5). Loads pypinyin and g2pM's weights: slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.providers.pinyin import is_hanzi
from tts_assets.readings.chinese.decide import available, decide_each

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="pypinyin or g2pM is not installed"),
]


def _sentences() -> list[tuple[str, int, str]]:
    found = []
    for line in (Path(__file__).parent / "textbook.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, want = line.split("\t")
        at = marked.index("[")
        text = marked.replace("[", "").replace("]", "")
        found.append((text, sum(1 for c in text[:at] if is_hanzi(c)), want))
    return found


def _same(said: str, want: str) -> bool:
    return said == want or (said[:-1] == want[:-1] and "5" in (said[-1], want[-1]))


def test_every_polyphone_is_right_or_flagged_and_at_least_95_percent_right() -> None:
    sentences = _sentences()
    assert len(sentences) >= 150
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
    assert silent == []
    assert right >= 0.95 * len(sentences)


def test_the_grammar_of_the_first_lessons_is_read_by_its_rules() -> None:
    texts = ["这只猫很可爱。", "他教我中文。", "我得走了。", "他跑得很快。", "她慢慢地走。"]
    decided = decide_each(texts)
    read = [d.syllables if d is not None else () for d in decided]
    assert read[0][1] == "zhi1" and read[1][1] == "jiao1" and read[2][1] == "dei3"
    assert read[3][2] == "de5" and read[4][3] == "de5"
    assert all(d is not None and not d.doubts for d in decided)
