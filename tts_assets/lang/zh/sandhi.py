"""The tone changes a speaker makes: a Chinese text's syllables as they are said.

    spoken("你好", ("ni3", "hao3"))          # ("ni2", "hao3")
    spoken("一个", ("yi1", "ge4"))           # ("yi2", "ge4")

- **Third tone before a third tone** is said as a second (你好 ní hǎo). In a run of
  them every one but the last (展览馆 zhán lán guǎn, 我很好 wó hén hǎo), except a word of
  one syllable before a word of two that changes itself (小老虎 xiǎo láo hǔ).
- **不** is bú before a fourth tone (不是 bú shì), and light between a verb repeated (去
  不去 qù bu qù); else bù.
- **一** is yí before a fourth tone (一个 yí gè, and yí ge: a syllable said light keeps
  its own tone for this), yì before the others (一起 yì qǐ), and
  yī where it is a number said as such: counted (一二三, 十一, 第一, 一月), at the end, or
  before a digit; light between a verb repeated (看一看).

Only a syllable given its own tone changes (nǐ, bù, yī): one the content writes already
changed (bú shì, yí gè), or light, is said as written. The words are the decider's cut.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

NUMBERS = frozenset("〇零一二两三四五六七八九十百千万亿")
_ORDER = frozenset("第初")
_MONTHS_DAYS = frozenset("月号日")


def spoken(
    text: str, syllables: Sequence[str], words: Sequence[int] | None = None
) -> tuple[str, ...]:
    """`syllables` (numbered, one per Chinese character of `text`, in order) as a speaker
    says them (the module docstring). `words`: each syllable's word (an id shared by the
    syllables of one word); None: `text` is cut here (pypinyin's dictionary, when it is
    installed)."""
    from ...frontends.pinyin import hanzi_of

    chars = hanzi_of(text)
    said = list(syllables)
    if len(chars) != len(said):
        return tuple(said)
    if words is None:
        words = word_ids(text)
    _yi_bu(chars, said)
    _third_tones(said, words)
    return tuple(said)


def undone(
    text: str, syllables: Sequence[str], words: Sequence[int] | None = None
) -> tuple[str, ...]:
    """`syllables` (the content's, numbered) with the tone changes they write undone where
    the dictionary allows it and the speech stays the same: 你好 written ní hǎo is nǐ hǎo,
    yí gè is yī gè, bú shì is bù shì; each syllable as a dictionary gives it, to compare
    with how a voice reads the characters (which makes no tone change itself). A tone 2
    becomes 3 only where its character has a third tone (没有 méi yǒu stays)."""
    from ...frontends.pinyin import hanzi_of
    from .pinyin import readings_of

    chars = hanzi_of(text)
    own = list(syllables)
    if len(chars) != len(own):
        return tuple(own)
    said = spoken(text, own, words)
    for k in reversed(range(len(own))):  # from the end: a run of third tones is undone
        char, syllable = chars[k], own[k]
        if char in "一不":
            first = "yi1" if char == "一" else "bu4"
            if syllable == first or syllable[:-1] != first[:-1]:
                continue
        elif syllable[-1:] == "2" and k + 1 < len(own) and own[k + 1][-1:] == "3":
            first = f"{syllable[:-1]}3"
            if first not in (readings_of(char) or ()):
                continue
        else:
            continue
        trial = [*own[:k], first, *own[k + 1 :]]
        if spoken(text, trial, words) == said:
            own = trial
    return tuple(own)


@functools.lru_cache(maxsize=1 << 16)
def word_ids(text: str) -> tuple[int, ...]:
    """Each Chinese character's word in `text` (a number per word), by the decider's cut
    of its Simplified form (`simplified.py`); one word per character where pypinyin is not
    installed. Kept: a text with pinyin is said (`spoken`) for its key and again for its
    voice's check."""
    from ...frontends.pinyin import hanzi_of, is_hanzi
    from .lexicon import lexicon
    from .simplified import simplified

    found = lexicon()
    text = simplified(text) or text
    chars = hanzi_of(text)
    if found is None:
        return tuple(range(len(chars)))
    ids: list[int] = []
    run = ""
    word = 0
    for char in [*text, ""]:
        if char and is_hanzi(char):
            run += char
            continue
        if run:
            for w in found.words(run):
                ids += [word] * len(w.text)
                word += 1
            run = ""
        word += 1  # punctuation parts the words either side
    return tuple(ids)


def _yi_bu(chars: Sequence[str], said: list[str]) -> None:
    for i, char in enumerate(chars):
        if char not in "一不":
            continue
        own = "yi1" if char == "一" else "bu4"
        if said[i] != own:
            continue  # the content wrote the tone it says
        after = said[i + 1] if i + 1 < len(said) else None
        before_char = chars[i - 1] if i else ""
        after_char = chars[i + 1] if i + 1 < len(chars) else ""
        if before_char and before_char == after_char and before_char not in NUMBERS:
            said[i] = f"{own[:-1]}5"  # 看一看, 去不去
            continue
        if after is not None and after[-1] == "5":
            after = _own_tone(chars[i + 1], after)
        if after is None or after[-1] == "5":
            continue
        if char == "一" and _counted(chars, i):
            continue
        if after[-1] == "4":
            said[i] = f"{own[:-1]}2"
        elif char == "一":
            said[i] = "yi4"


def _own_tone(char: str, light: str) -> str:
    """The tone a syllable said light has of its own, which the tone of 一 or 不 before it
    follows (一个 yí ge: 个 is gè); `light` itself where its character has none (吗)."""
    from .pinyin import readings_of

    own = [r for r in readings_of(char) or () if r[:-1] == light[:-1] and r[-1] != "5"]
    return own[0] if own else light


def _counted(chars: Sequence[str], i: int) -> bool:
    """Whether 一 at `i` is a number said as such: in a row of numbers, an ordinal, a
    month or a day."""
    before = chars[i - 1] if i else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    if before in _ORDER or after in _MONTHS_DAYS:
        return True
    if after in NUMBERS and after not in "百千万亿":
        return True  # 一二三, 一一零
    if before == "一" and i >= 2 and chars[i - 2] not in NUMBERS and chars[i - 2] not in _ORDER:
        return False  # the 一 before ends a word (统一|一下, 唯一|一个): no row of numbers
    return before in NUMBERS and before not in "两"  # 十一, 二十一


def _third_tones(said: list[str], words: Sequence[int]) -> None:
    """Each third tone before a third tone said as a second, all but the last of a run,
    except a word of one syllable before a word of two or more (小老虎: xiǎo láo hǔ)."""
    sizes: dict[int, int] = {}
    for w in words:
        sizes[w] = sizes.get(w, 0) + 1
    for k in range(len(said) - 1):
        if said[k][-1] != "3" or said[k + 1][-1] != "3" or words[k + 1] - words[k] > 1:
            continue  # not two third tones in a row, or punctuation between them
        ahead = words[k + 1]
        two_after = k + 2 < len(said) and words[k + 2] == ahead and said[k + 2][-1] == "3"
        if sizes[words[k]] == 1 and ahead != words[k] and sizes[ahead] > 1 and two_after:
            continue
        said[k] = f"{said[k][:-1]}2"
