"""The content's pinyin, read as syllables with tone numbers: `pián yi` → pian2 yi5.

Chinese content gives a word's reading in pinyin, as Japanese content gives kana; a
clip must say that reading where a provider would read the characters otherwise (便宜
"cheap" is pián yi, and espeak-ng reads biàn yí). `syllables` turns the content's
pinyin, with tone marks or tone numbers, spaced or run together (`zhōngwén`,
`zhong1wen2`), into numbered syllables: one per character, ü as v, 5 for the neutral
tone, an erhua `r` as its own er5 (一点儿 yìdiǎnr). `doubtful` finds the syllables no
dictionary gives their character (呢 "nei"): more likely a slip in the content than a
reading to say. It uses pypinyin when it is installed (the `kokoro-zh` extra), and
says nothing without it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

_SYLLABLE_LIST = """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie
    bin bing bo
    bong bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi
    chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da
    dai dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui
    dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei
    gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng
    hm hng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
    jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
    kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling
    liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao
    mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia nian niang
    niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen
    peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu
    quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang
    sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai
    shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei
    teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
    wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye
    yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan
    zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
    zi zong zou zu zuan zui zun zuo"""
_SYLLABLES = frozenset(_SYLLABLE_LIST.split())
"""Every pinyin syllable without its tone (pypinyin's, ü written v)."""

_LONGEST = max(map(len, _SYLLABLES))
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
"""Combining marks of the four tones (ā á ǎ à, decomposed)."""
_CHUNK = re.compile(r"[a-zü\u0304\u0301\u030c\u0300\u0308]+[1-5]?", re.IGNORECASE)


def is_hanzi(char: str) -> bool:
    """Whether `char` is a Chinese character (the CJK unified ideographs and extensions)."""
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH") or char == "〇"


def hanzi_of(text: str) -> list[str]:
    """The Chinese characters of `text`, in order."""
    return [c for c in text if is_hanzi(c)]


def syllables(pinyin: str, count: int | None = None) -> tuple[str, ...] | None:
    """The content's `pinyin` as numbered syllables (pian2, yi5), or None when it is not
    pinyin this can read, or (given `count`, its number of characters) not one syllable
    per character. Letters run together are cut into the fewest syllables that carry
    one tone mark at most each (xīān: xi an; xiān: xian)."""
    chunks = _chunks(pinyin)
    if not chunks:
        return None
    found: list[str] = []
    for letters, marks, number in chunks:
        cut = _cut(letters, [at for at, _ in marks])
        if cut is None:
            return None
        if number is not None:
            if len(cut) != 1:
                return None
            found.append(f"{cut[0][0]}{number}")
            continue
        start = 0
        for syllable, length in cut:
            tone = next((t for at, t in marks if start <= at < start + length), 5)
            found.append(f"{syllable}{tone}")
            start += length
    if count is not None and len(found) != count:
        return None
    return tuple(found)


def _chunks(pinyin: str) -> list[tuple[str, list[tuple[int, int]], int | None]] | None:
    """The runs of letters of `pinyin`: their letters (ü as v), where each tone mark is
    (the index of the letter it sits on, the tone), and the tone number after them."""
    text = unicodedata.normalize("NFD", pinyin.replace("’", "'"))
    runs: list[tuple[str, list[tuple[int, int]], int | None]] = []
    for match in _CHUNK.finditer(text):
        run = match.group()
        number = int(run[-1]) if run[-1].isdigit() else None
        letters = ""
        marks: list[tuple[int, int]] = []
        for char in run[:-1] if number is not None else run:
            if char in _TONE_MARKS:
                marks.append((len(letters) - 1, _TONE_MARKS[char]))
            elif char == "\u0308":
                letters = letters[:-1] + "v"  # ü
            else:
                letters += char.lower()
        runs.append((letters, marks, number))
    if any(c.isalnum() for c in _CHUNK.sub("", text)):
        return None
    return runs


_ALONE = frozenset({"m", "n", "ng", "hm", "hng"})
"""Interjections, read only as a run of their own (not the n of xian)."""


def _cut(letters: str, marks: Sequence[int]) -> list[tuple[str, int]] | None:
    """`letters` cut into the fewest syllables with at most one of the tone `marks`
    (letter indexes) each, each with its length in letters; None when none fits."""
    if letters in _ALONE:
        return [(letters, len(letters))]

    @functools.cache
    def best(start: int) -> tuple[tuple[str, int], ...] | None:
        if start == len(letters):
            return ()
        options = []
        for end in range(min(len(letters), start + _LONGEST), start, -1):
            piece = letters[start:end]
            if piece == "r" and start > 0:
                piece = "er"  # erhua: 点儿 dianr
            elif piece not in _SYLLABLES or piece in _ALONE:
                continue
            if sum(start <= at < end for at in marks) > 1:
                continue
            rest = best(end)
            if rest is not None:
                options.append(((piece, end - start), *rest))
        return min(options, key=len) if options else None

    found = best(0)
    return None if found is None else list(found)


CHANGING = "一不"
"""Characters whose tone changes with the next syllable's (yī → yì zhī)."""


def same_reading(given: str, read: str, char: str) -> bool:
    """Whether the numbered syllable `read` says the content's `given` for `char`: the
    same letters, and the same tone unless either is neutral or `char` is 一 or 不."""
    if given[:-1] != read[:-1]:
        return False
    return given[-1] == read[-1] or "5" in (given[-1], read[-1]) or char in CHANGING


def plain(numbered: Sequence[str]) -> str:
    """Numbered syllables as the content would write them with marks: pián yi."""
    return " ".join(_marked(s) for s in numbered)


_VOWELS = "aoeiuv"
_MARK_OF = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}


def _marked(numbered: str) -> str:
    letters, tone = numbered[:-1], int(numbered[-1])
    if tone in _MARK_OF:
        # The mark goes on a or e, on the o of ou, else on the last vowel.
        at = next((letters.index(v) for v in "ae" if v in letters), None)
        if at is None:
            at = letters.index("o") if "ou" in letters else None
        if at is None:
            found = [i for i, c in enumerate(letters) if c in _VOWELS]
            at = found[-1] if found else None
        if at is not None:
            letters = letters[: at + 1] + _MARK_OF[tone] + letters[at + 1 :]
    return unicodedata.normalize("NFC", letters.replace("v", "u\u0308"))


def doubtful(text: str, numbered: Sequence[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The content's syllables that no dictionary gives their character: (character,
    syllable, the readings it has), for 呢 "nei" (ne, ní) or 妹 "jie" (mèi). Tones are not
    judged (a tone the dictionary lacks is often sandhi). Empty when pypinyin is not
    installed, or the characters and syllables do not pair up."""
    chars = hanzi_of(text)
    if len(chars) != len(numbered):
        return []
    known = _readings()
    if known is None:
        return []
    found = []
    for char, syllable in zip(chars, numbered, strict=True):
        readings = known(char)
        if readings and syllable[:-1] not in {r[:-1] for r in readings} and syllable != "er5":
            found.append((char, syllable, readings))
    return found


@functools.cache
def _readings() -> Callable[[str], tuple[str, ...]] | None:
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return None

    @functools.cache
    def known(char: str) -> tuple[str, ...]:
        found = pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)
        return tuple(r for r in found[0] if r[-1:].isdigit()) if found else ()

    return known


def phrase_reading(text: str) -> tuple[str, ...] | None:
    """pypinyin's reading of the Chinese characters of `text`, by its phrase dictionary
    (便宜 pián yi), as numbered syllables; None when pypinyin is not installed or a
    character has no reading."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return None
    chars = "".join(hanzi_of(text))
    if not chars:
        return None
    found = lazy_pinyin(chars, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
    if len(found) != len(chars) or not all(s[-1:].isdigit() for s in found):
        return None
    return tuple(s.replace("ü", "v") for s in found)
