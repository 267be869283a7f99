"""Every Japanese form written alike and read two ways, from the dictionaries (`written_alike.tsv`).

The rules of `homographs.toml` decide the words someone found misread (辛い, 市場, 方) from
their sentence, or doubt them. The list here is every form two published dictionaries give
two readings or more as a word of its own (SudachiDict core and the analyzer's naist-jdic,
sound changes aside: benchmarks/ja_written_alike.py made it): 行っ いっ (行く), おこなっ
(行う). A form of the list in a text the content gives no reading, that no rule or override
said, is said as the analyzer reads it and *noted*: the decision's verdict is `alike` and
its message names the reading said and the others, for the run's reading lines, `tts-assets
readings` and the manifest. Not a review row: measured on hanabira.org's grammar examples
against their romaji, the analyzer reads nearly all of them as meant (when the rule was
made), so a row for each would bury the doubts that are real; a word found misread gets a
rule instead. Where the evidence does not settle a word, it is a doubt: the analyzer's own
best analyses weigh another reading (`otherwise`), or a second analyzer, SudachiPy, reads it
otherwise in its sentence (`second_reading`). A word SudachiDict alone reads otherwise (金星
きんせい, which naist-jdic lacks: `found`), or the analyzer's own best analyses of its sentence
do (一月 ひとつき beside いちがつ, which SudachiDict cuts 一|月), is weighed the same way, and
shown only where it is a doubt.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from .analysis import Morpheme
from .dictionary import word_list
from .kana import is_kana, is_kanji, reading_key, to_hiragana, to_katakana


@dataclass(frozen=True)
class Listed:
    """The forms of the list and the readings of each (hiragana, with the word's
    dictionary form)."""

    version: str
    """A digest of the file: in the key of each decision a form of it touches."""
    forms: dict[str, tuple[tuple[str, str], ...]]
    longest: int
    """How many characters the longest form has."""


@functools.cache
def listed() -> Listed:
    version, forms = word_list("written_alike.tsv")
    said = {
        f: tuple((r, w) for r, _, w in (e.partition(":") for e in es)) for f, es in forms.items()
    }
    return Listed(version, said, max(map(len, said), default=0))


WEIGHING = "21"
"""Bump on any change to how a word of the list is weighed (`weighed`): with the list's
version and SudachiDict's, in the name of the reading memo's file (`identity`)."""


@functools.cache
def identity() -> str:
    """What decides the notes and doubts of the list: its version, how it is weighed and
    where a weight is a doubt (`SETTLED`), and the second analyzer's dictionary."""
    from importlib import metadata

    second = metadata.version("sudachidict-core")
    return f"{listed().version} {WEIGHING} {SETTLED} sudachidict-core {second}"


_NOT_WORDS = frozenset({"補助記号", "記号", "空白", "接頭辞", "接尾辞", "助詞", "助動詞", "人名"})


def _lexicon(surface: str) -> tuple[str, ...]:
    """The readings (katakana) SudachiDict's entries written `surface` give a word of its
    own (not a suffix, a particle, a sign), person names aside."""
    return tuple(dict.fromkeys(r for r, *_ in _entries(surface)))


@functools.lru_cache(maxsize=4096)
def _entries(surface: str) -> tuple[tuple[str, tuple[str, ...], tuple[object, ...]], ...]:
    """SudachiDict's entries written `surface` that are a word of its own (`_lexicon`):
    each one's reading (katakana), part of speech (its first three levels) and word (its
    normalized form and synonym groups)."""
    with _SUDACHI_LOCK:
        found = [(m, m.part_of_speech()) for m in _dictionary().lookup(surface)]
        return tuple(
            dict.fromkeys(
                (m.reading_form(), tuple(pos[:3]), (m.normalized_form(), *m.synonym_group_ids()))
                for m, pos in found
                if m.surface() == surface and {pos[0], pos[2]}.isdisjoint(_NOT_WORDS)
            )
        )


_VOICED = str.maketrans(
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
    "カキクケコサシスセソタチツテトハヒフヘホハヒフヘホ",
)


_MERGED = {**_VOICED, ord("ジ"): ord("チ"), ord("ズ"): ord("ツ")}
"""A voiced mora unvoiced (`_VOICED`), ジ and ズ taken as ヂ and ヅ: one sound each in
standard Japanese (the merged yotsugana), so ムズカシイ is ムヅカシイ voiced, ムツカシイ."""


def _variant(surface: str, said: str, other: str) -> bool:
    """Whether the reading `other` of `surface` is only a variant of the reading `said`
    (katakana) of one word: the two differ by a mora voiced (`_MERGED`: 難しい
    むずかしい, むつかしい), and SudachiDict's entries read so belong to the same synonym
    groups, none or the same (心中 しんちゅう is in one, しんじゅう in none: two words)."""
    if said.translate(_MERGED) != to_katakana(other).translate(_MERGED):
        return False
    groups: dict[str, set[object]] = {}
    for reading, _, word in _entries(surface):
        groups.setdefault(reading_key(reading), set()).update(word[1:])
    mine, theirs = groups.get(reading_key(said)), groups.get(reading_key(other))
    return mine is not None and mine == theirs


def sound_variant(a: str, b: str) -> bool:
    """Whether the reading `b` is only a sound change of `a` (katakana), not another word."""
    if reading_key(a) == reading_key(b) or a.translate(_VOICED) == b.translate(_VOICED):
        return True  # rendaku, or a long vowel spelled otherwise
    if (b.endswith("ッ") and a.startswith(b[:-1])) or b == a[:-1] or a == b[:-1]:
        return True  # a stem cut short (カッ), a mora dropped (ホント)
    if b.endswith("エエ") or (len(a) == len(b) > 2 and a[-1] == b[-1] == "イ" and a[:-2] == b[:-2]):
        return True  # 寒い サムイ, サミイ, サメエ
    if a[0] == "イ" and b == "ユ" + a[1:]:
        return True  # 言う イウ, ユウ (both said ユー), 言い イイ, ユイ
    return a.endswith("アウ") and b == a[:-2] + "オウ"


def found(
    morphemes: Sequence[Morpheme], covered: Collection[int], written: str
) -> list[tuple[Sequence[Morpheme], int, tuple[str, ...], bool]]:
    """Each word in `morphemes` that no rule or override said (`covered`) and that is read
    otherwise: the readings it is not said with, and whether it is of the list. One of the
    list is said with one of its readings, or with none of them (被り かむり, listed こうむり,
    かぶり: `weighed` doubts it), but not with a sound change of one (a compound's part);
    one of two characters or more the list does not hold is read otherwise by
    SudachiDict's entries or the analyzer's best analyses of its sentence (`_analyzed`),
    its sound changes aside (金星 きんせい where it is said きんぼし: naist-jdic lacks it).
    Each with the morphemes it is weighed in: `morphemes`, or those with a word the
    analyzer cut in pieces joined (`_spanned`; `written`: the text they are of)."""
    out: list[tuple[Sequence[Morpheme], int, tuple[str, ...], bool]] = []
    for index, morpheme in enumerate(morphemes):
        if index in covered or _in_compound(morphemes, index):
            continue
        surface, said = morpheme.surface, morpheme.reading
        readings = [r for r, _ in listed().forms.get(surface, ())]
        other = tuple(r for r in readings if reading_key(r) != reading_key(said))
        if len(other) < len(readings):  # said with one of them: its variants are no other
            other = tuple(r for r in other if not _variant(surface, said, r))
        if other and (len(other) < len(readings) or not _changed(said, readings)):
            out.append((morphemes, index, other, True))
        elif not readings and len(surface) > 1 and any(map(is_kanji, surface)):
            known = dict.fromkeys((*_lexicon(surface), *_analyzed(morphemes, index)))
            other = tuple(to_hiragana(r) for r in known if not _changed(said, (r,)))
            if other:
                out.append((morphemes, index, other, False))
    return out + _spanned(morphemes, covered, written)


SPAN = 3
"""The most pieces of kanji a word the analyzer cut is looked for in (十|八|番)."""


def _spanned(
    morphemes: Sequence[Morpheme], covered: Collection[int], written: str
) -> list[tuple[Sequence[Morpheme], int, tuple[str, ...], bool]]:
    """Each word of the list, or of SudachiDict, the analyzer cut into pieces of kanji it
    read one by one (二|重 にじゅう, 何|人 なんにん), read otherwise as a whole (ふたえ,
    なにじん), its sound changes aside, the longest first: with the morphemes, its pieces
    joined into one, and where that one is (`_whole`). A piece joined to a kanji before
    it is skipped by `found` (a compound's part), and SudachiPy cuts these words alike
    (`hidden` finds none), so no other check sees them."""
    out: list[tuple[Sequence[Morpheme], int, tuple[str, ...], bool]] = []
    taken: set[int] = set()
    for size in range(SPAN, 1, -1):
        for first in range(len(morphemes) - size + 1):
            places = set(range(first, first + size))
            whole = None if places & (taken | set(covered)) else _whole(morphemes, first, size)
            if whole is None or whole.surface not in written:
                continue
            forms = listed().forms.get(whole.surface)
            readings = [r for r, _ in forms] if forms else _lexicon(whole.surface)
            other = tuple(to_hiragana(r) for r in readings if not _changed(whole.reading, (r,)))
            if other:
                out.append(
                    (
                        (*morphemes[:first], whole, *morphemes[first + size :]),
                        first,
                        other,
                        bool(forms),
                    )
                )
                taken |= places
    return out


def _whole(morphemes: Sequence[Morpheme], first: int, size: int) -> Morpheme | None:
    """The `size` morphemes from `first` as one word, where each is kanji and no kanji
    suffix follows (一|時|間: the word is 時間); the text (`_spanned`'s `written`) must
    spell it so too (1時: digits are no word written alike)."""
    pieces = morphemes[first : first + size]
    if not all(p.surface and all(map(is_kanji, p.surface)) for p in pieces):
        return None
    after = morphemes[first + size].surface if first + size < len(morphemes) else ""
    if len(after) == 1 and is_kanji(after) and morphemes[first + size].joins:
        return None
    return dataclasses.replace(
        pieces[0],
        surface="".join(p.surface for p in pieces),
        reading="".join(p.reading for p in pieces),
        pronunciation="".join(p.pronunciation for p in pieces),
    )


def _analyzed(morphemes: Sequence[Morpheme], index: int, names: bool = False) -> tuple[str, ...]:
    """The readings (katakana) the analyzer's own best analyses of its sentence (`_weighed`)
    give the word at `index` as one word of its own of the same place, numerals and, unless
    `names`, names aside (`_NOT_OWN`): its dictionary's other entries written alike (一月
    ヒトツキ beside イチガツ: naist-jdic holds both, SudachiDict neither, cutting 一|月)."""
    sentence, start, end, _ = _place(morphemes, index)
    aside = _NOT_OWN - {"名詞,固有名詞"} if names else _NOT_OWN
    found = (
        reading
        for _, words in _weighed(sentence)
        for b, e, reading, pos in words
        if (b, e) == (start, end) and pos.split(",")[0] in _OWN and pos not in aside
    )
    return tuple(dict.fromkeys(found))


_OWN = frozenset({"名詞", "動詞", "形容詞", "形容動詞", "副詞", "連体詞", "感動詞", "接続詞"})
"""naist-jdic's parts of speech (first level) of a word of its own (not a particle, a
prefix, a sign)."""
_NOT_OWN = frozenset({"名詞,固有名詞", "名詞,数"})
"""Of those, a name, and a numeral (said by the number's rules: 二十 of 6/20, はつか)."""


def _changed(said: str, readings: Sequence[str]) -> bool:
    """Whether `said` (katakana) is one of `readings` or a sound change of one, either way
    (`sound_variant`; the readings in kana of either kind)."""
    return any(
        sound_variant(r, said) or sound_variant(said, r) for r in (to_katakana(r) for r in readings)
    )


def _in_compound(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether the word at `index` is one character that ends a compound the analyzer
    joined to a kanji before it (学 of 経済学, 方 of 読み方: placed by grammar, a suffix's
    reading); a word of two (気質 of 職人気質) is read as a word of its own."""
    if not morphemes[index].joins or index == 0 or len(morphemes[index].surface) > 1:
        return False
    before = morphemes[index - 1].surface
    return bool(before) and not is_kana(before[-1]) and before[-1].isalpha()


SETTLED = 0.1
"""Below this chance of another reading (`weighed`), one in ten, a word is taken as its
sentence most likely means it: said and counted (`alike`); at or above it, a doubt a
teacher checks, ranked by that chance. The analyzer's weights are mostly the word's own
(its dictionary costs), little moved by its sentence, so a reading it weighs one in ten is
not settled."""
UNTOLD = 0.005
"""The chance of another reading (`weighed`), one in two hundred, at or above which a
word of the list is a doubt where the grammar does not tell its readings apart
(`grammar_tells`): the analyzer's weight for the other reading is then its dictionary
cost alone, the sentence's meaning unweighed, so a reading one in ten would bury is not
ruled out. Below it (本 もと, 一度 ひとたび) the other reading is too rare to doubt."""
PATHS = 30
"""How many of the analyzer's best analyses weigh a word's readings (`otherwise`)."""
COST_FACTOR = 700.0
"""What the analyzer's dictionary scales its model's log-weights by into integer costs
(MeCab's `cost-factor` of the IPA dictionary naist-jdic is built from): a path whose cost
is this much higher is e times less likely."""


def second_reading(morphemes: Sequence[Morpheme], index: int) -> str | None:
    """Another of the list's readings (hiragana) a second analyzer reads the word at `index`
    with in its sentence, else None: SudachiPy with SudachiDict core (pyopenjtalk-plus's own
    dependencies), a dictionary and costs made apart from the analyzer's naist-jdic. None
    where it cuts the word's place otherwise (一日中) or reads none of the list's readings
    (雨 う), and where the two read the word alone as they read it here (私 わたし,
    わたくし): their commoner readings differ and the sentence moved neither."""
    sentence, start, end, said = _place(morphemes, index)
    over = [(b, e, r) for b, e, r, _ in _sudachi(sentence) if b < end and e > start]
    if not said or not over or over[0][0] != start or over[-1][1] != end:
        return None
    reading = to_hiragana("".join(r for _, _, r in over))
    surface = morphemes[index].surface
    second = reading_key(reading)
    known = [r for r, _ in listed().forms.get(surface, ())] or _lexicon(surface)
    if second == said or second not in {reading_key(r) for r in known}:
        return None
    return reading if _alone(surface) != (said, second) else None


def grammar_reading(morphemes: Sequence[Morpheme], index: int) -> tuple[str, str] | None:
    """The reading (hiragana) SudachiPy gives the word at `index` where the grammar of its
    sentence backs it over the one said, and its part of speech there; else None: SudachiPy
    reads it otherwise here (`second_reading`), as one word, not as it reads it alone (一目
    イチモク, in 一目で ヒトメ), with a part of speech of SudachiDict's entries of that
    reading and of no other (ヒトメ 副詞可能, イチモク サ変可能; 上手 カミテ, a noun as
    うわて is: no). Beside a genitive の an adverb's part of speech tells nothing (強盗の
    一味). On the public sets: 48 sentences said right, none wrong that was right. What it
    says stays a doubt (`context.GRAMMAR`): two analyzers disagree."""
    surface = morphemes[index].surface
    if surface not in listed().forms and (len(surface) < 2 or not any(map(is_kanji, surface))):
        return None  # as `found` looks for words read otherwise
    if second_reading(morphemes, index) is None:
        return None
    sentence, start, end, _ = _place(morphemes, index)
    here = next((w for w in _sudachi(sentence) if w[:2] == (start, end)), None)
    if here is None or reading_key(here[2]) == _alone(surface)[1]:
        return None  # not moved by its sentence
    if _changed(morphemes[index].reading, (here[2],)) or not _picks(surface, here[2], here[3]):
        return None  # a sound change of the word said (先生方 がた, かた), or no entry's
    if _beside_genitive(sentence, here):
        return None
    return to_hiragana(here[2]), ",".join(p for p in here[3] if p != "*")


def joined_reading(morphemes: Sequence[Morpheme], index: int) -> str | None:
    """The reading (hiragana) of the word at `index` where SudachiDict holds it as part of
    a longer word, read otherwise there (`_joined`: 町工場 マチコウバ, こうば, not the こうじょう
    said), a sound change of the reading said aside, else None: the entry of the whole
    settles its part. On the public sets: 7 sentences said right, none wrong that was
    right. What it says stays a doubt (`context.JOINED`): the analyzer reads it otherwise."""
    surface = morphemes[index].surface
    if surface not in listed().forms and (len(surface) < 2 or not any(map(is_kanji, surface))):
        return None  # as `found` looks for words read otherwise
    part = _joined(morphemes, index)
    known = [r for r, _ in listed().forms.get(surface, ())] or _lexicon(surface)
    if not part or _changed(morphemes[index].reading, (part,)) or not _changed(part, known):
        return None
    return to_hiragana(part)


def _joined(morphemes: Sequence[Morpheme], index: int) -> str | None:
    """The reading (katakana) SudachiDict gives the word at `index` as part of a longer
    word, else None: SudachiPy's longest words (SplitMode C) join it to its neighbours in
    one entry (町工場 マチコウバ, ご利益 ゴリヤク, 勤務評定 キンムヒョウテイ), the analyzer
    reads those neighbours as that entry does (マチ, ゴ, キンム), and what is left is the
    word's. Over the stretch both analyzers cut at its ends (何|曜日, 何曜|日)."""
    sentence, start, end, _ = _place(morphemes, index)
    theirs = _sudachi(sentence, longest=True)
    joined = [w for w in theirs if w[0] <= start and end <= w[1] and w[1] - w[0] > end - start]
    if not joined:
        return None
    placed, b, e = _stretch(morphemes, index, start, theirs, joined[0])
    whole = "".join(w[2] for w in theirs if b <= w[0] and w[1] <= e)
    before = "".join(m.reading for c, m in placed if b <= c < start)
    after = "".join(m.reading for c, m in placed if end <= c < e)
    if not whole.startswith(before) or not whole.endswith(after):
        return None
    return whole[len(before) : len(whole) - len(after)] or None


def _stretch(
    morphemes: Sequence[Morpheme],
    index: int,
    start: int,
    theirs: Sequence[tuple[int, int, str, tuple[str, ...]]],
    joined: tuple[int, int, str, tuple[str, ...]],
) -> tuple[list[tuple[int, Morpheme]], int, int]:
    """Each morpheme of the sentence of the word at `index` (which starts at `start`) with
    where it starts, and the stretch around SudachiPy's `joined` word that both analyzers
    (the analyzer's `morphemes`, SudachiPy's `theirs`) cut at its ends."""
    first = index  # the sentence's first morpheme
    while sum(len(m.surface) for m in morphemes[first:index]) < start:
        first -= 1
    ends = list(itertools.accumulate((len(m.surface) for m in morphemes[first:]), initial=0))
    both = set(ends) & {c for w in theirs for c in w[:2]}
    b, e = max(c for c in both if c <= joined[0]), min(c for c in both if c >= joined[1])
    return list(zip(ends, morphemes[first:], strict=False)), b, e


def _picks(surface: str, reading: str, pos: tuple[str, ...]) -> bool:
    """Whether `pos` is the part of speech of SudachiDict's entries written `surface` read
    `reading` (or a sound change of it), and of no other's."""
    picked = {r for r, p, _ in _entries(surface) if p == pos}
    return bool(picked) and all(_changed(reading, (r,)) for r in picked)


def _beside_genitive(sentence: str, word: tuple[int, int, str, tuple[str, ...]]) -> bool:
    """Whether SudachiPy's `word` of `sentence`, given an adverb's or a na-adjective's part
    of speech, stands before or after a genitive の: a noun there, whatever its entry."""
    first, last, _, pos = word
    if {"副詞", "形状詞", *_ADVERBIAL}.isdisjoint(pos):
        return False
    return any(
        sentence[b:e] == "の" and p[1] == "格助詞" and (e == first or b == last)
        for b, e, _, p in _sudachi(sentence)
    )


_ADVERBIAL = frozenset({"副詞可能", "形状詞可能", "サ変形状詞可能"})
"""SudachiDict's parts of speech (third level) of a noun that may stand as an adverb or
a na-adjective."""


def hidden(morphemes: Sequence[Morpheme], covered: Collection[int]) -> list[tuple[str, float]]:
    """A doubt (at `SETTLED`) for each form of the list SudachiPy reads as a word of its own
    that the analyzer cuts across, a piece of it ending a word and the rest starting a
    longer one (目下準備: the analyzer's 目|下準備 めしたじゅんび, SudachiPy's 目下|準備
    もっかじゅんび), where the two read the stretch they both cut at its ends otherwise:
    `found` does not see the form, and neither analysis settles which reading is meant.
    A form inside one word of the analyzer is not doubted: naist-jdic holds that longer
    word as an entry read as a whole (一日中, 末期の水, 一寸先), and on the pinned sets
    67 of 70 such words SudachiPy, cutting them up, reads otherwise were said right.
    None on words a rule or override said (`covered`). SudachiPy reads only a sentence
    that holds a form of the list: it is never loaded for one that holds none."""
    out = []
    first = 0
    while first < len(morphemes):
        last = first + 1
        while last < len(morphemes) and morphemes[last - 1].surface not in _SENTENCE_ENDS:
            last += 1
        if _holds_a_form("".join(m.surface for m in morphemes[first:last])):
            out += _hidden_in(morphemes[first:last], {i - first for i in covered})
        first = last
    return out


def _holds_a_form(sentence: str) -> bool:
    """Whether a form of the list is written in `sentence`."""
    return any(
        sentence[start:end] in listed().forms
        for start in range(len(sentence))
        for end in range(start + 2, min(start + listed().longest, len(sentence)) + 1)
    )


def _hidden_in(morphemes: Sequence[Morpheme], covered: Collection[int]) -> list[tuple[str, float]]:
    """`hidden` on one sentence's morphemes."""
    ends = list(itertools.accumulate((len(m.surface) for m in morphemes), initial=0))
    sentence = "".join(m.surface for m in morphemes)
    theirs = _sudachi(sentence)
    both = set(ends) & {w[0] for w in theirs} | {len(sentence)}  # cut by both
    out = []
    for b, e, reading, _ in theirs:
        if not _across(sentence[b:e], reading, ends, b, e):
            continue
        start, end = max(c for c in both if c <= b), min(c for c in both if c >= e)
        mine = [i for i in range(len(morphemes)) if ends[i] >= start and ends[i + 1] <= end]
        said = "".join(morphemes[i].reading for i in mine)
        second = "".join(w[2] for w in theirs if w[0] >= start and w[1] <= end)
        if any(i in covered for i in mine) or _changed(said, (second,)):
            continue
        stretch = sentence[start:end]
        readings = " or ".join(dict(listed().forms[sentence[b:e]]))  # its readings
        text = (
            f"{stretch} is said {to_hiragana(said)}; {sentence[b:e]} in it is written alike, "
            f"read {readings} (SudachiDict reads {stretch} {to_hiragana(second)} here): if it "
            "means that, give the text its reading"
        )
        out.append((text, SETTLED))
    return out


def _across(surface: str, reading: str, ends: Sequence[int], b: int, e: int) -> bool:
    """Whether SudachiPy's word `surface` from `b` to `e`, read `reading`, is a form of the
    list read one of its readings that the analyzer, cutting at `ends`, cuts across."""
    known = {reading_key(r) for r, _ in listed().forms.get(surface, ())}
    inside = any(a <= b and e <= z for a, z in itertools.pairwise(ends))
    return reading_key(reading) in known and not inside and not (b in ends and e in ends)


@functools.lru_cache(maxsize=1024)
def _alone(surface: str) -> tuple[str, str]:
    """How the analyzer and SudachiPy each read `surface` alone (reading keys)."""
    from .analysis import first_analysis

    mine = "".join(m.reading for m in first_analysis(surface))
    return reading_key(mine), reading_key("".join(w[2] for w in _sudachi(surface)))


def _place(morphemes: Sequence[Morpheme], index: int) -> tuple[str, int, int, str]:
    """The sentence the word at `index` is in, where the word starts and ends in it, and
    the reading key it is said with."""
    first, last = index, index + 1
    while first > 0 and morphemes[first - 1].surface not in _SENTENCE_ENDS:
        first -= 1
    while last < len(morphemes) and morphemes[last - 1].surface not in _SENTENCE_ENDS:
        last += 1
    start = sum(len(m.surface) for m in morphemes[first:index])
    end = start + len(morphemes[index].surface)
    sentence = "".join(m.surface for m in morphemes[first:last])
    return sentence, start, end, reading_key(morphemes[index].reading)


@functools.lru_cache(maxsize=256)
def _sudachi(
    sentence: str, longest: bool = False
) -> tuple[tuple[int, int, str, tuple[str, ...]], ...]:
    """SudachiPy's shortest words of `sentence` (or, `longest`, its longest: SudachiDict's
    entries of compounds whole): where each starts and ends, its reading, its part of
    speech (first three levels)."""
    from sudachipy import SplitMode  # type: ignore[import-untyped]

    with _SUDACHI_LOCK:
        found = _tokenizer().tokenize(sentence, SplitMode.C if longest else SplitMode.A)
        return tuple(
            (m.begin(), m.end(), m.reading_form(), tuple(m.part_of_speech()[:3])) for m in found
        )


def grammar_tells(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether the grammar of its sentence rules out the other readings of the word at
    `index`: SudachiPy, cutting the word's place as one word, gives it a part of speech
    (its first three levels: 形状詞 一途 いちず of 一途な, 名詞 いっと) that no entry of
    SudachiDict written alike and read otherwise has, and that the sentence moved it to:
    SudachiPy gives the word alone another. A part of speech it gives the word alone too
    is the commoner entry's, chosen by the entry's cost whatever the sentence says
    (上手 形状詞 じょうず in 一枚上手だった, meant うわて), so it tells nothing. Two
    readings of one part of speech (明日 あした, あす) are told apart by meaning only,
    which neither analyzer weighs: the commoner reading is said whatever the sentence
    means, so the word is a doubt."""
    sentence, start, end, _ = _place(morphemes, index)
    surface, said = morphemes[index].surface, morphemes[index].reading
    here = [w[3] for w in _sudachi(sentence) if w[:2] == (start, end)]  # one word there
    if not here or [w[3] for w in _sudachi(surface)] == here:
        return False
    others = [pos for r, pos, _ in _entries(surface) if not _changed(said, (r,))]
    return bool(others) and here[0] not in others


_SUDACHI_LOCK = threading.Lock()


@functools.cache
def _dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@functools.cache
def _tokenizer() -> Any:
    return _dictionary().create()


def otherwise(morphemes: Sequence[Morpheme], index: int) -> float:
    """How likely the word at `index` is read otherwise than it is said, as the analyzer's
    own model weighs its sentence: the share of its `PATHS` best analyses of the sentence,
    each weighted by its cost (`COST_FACTOR`), that read the word's place another way. The
    grammar around a word (its part of speech, what joins it) is in the costs: 方 after の
    before が is ほう, and the weight left for かた is small; a word the grammar cannot tell
    (額 がく or ひたい) keeps a weight for each."""
    sentence, start, end, said = _place(morphemes, index)
    if not said or start == end:
        return 0.0
    weights = {True: 0.0, False: 0.0}
    for cost, words in _weighed(sentence):
        over = "".join(reading for b, e, reading, _ in words if b < end and e > start)
        weights[said in reading_key(over)] += cost
    total = weights[True] + weights[False]
    return weights[False] / total if total else 0.0


_SENTENCE_ENDS = frozenset("。．！？!?\n")


@functools.lru_cache(maxsize=256)
def _weighed(
    sentence: str,
) -> tuple[tuple[float, tuple[tuple[int, int, str, str], ...]], ...]:
    """The analyzer's `PATHS` best analyses of `sentence`, each its weight against the best
    (`COST_FACTOR`) and its words (`analysis.weighed_paths`): once a sentence, for each of
    its words."""
    from .analysis import weighed_paths

    paths = weighed_paths(sentence, PATHS)
    best = min((cost for cost, _ in paths), default=0)
    return tuple((math.exp(-(cost - best) / COST_FACTOR), tuple(words)) for cost, words in paths)


def weighed(morphemes: Sequence[Morpheme], index: int, other: Sequence[str]) -> tuple[str, float]:
    """What a teacher reads of the word at `index`, a form of the list said one way of
    several (`other`: the rest), and how likely it is said wrong: as the analyzer weighs
    its sentence (`otherwise`), and at least `SETTLED` where a second analyzer reads it
    otherwise (`second_reading`): evidence that does not settle it; at most `MOVED` where
    the two read it alike, each moved by its sentence (`moved_alike`): evidence that does."""
    morpheme = morphemes[index]
    risk = otherwise(morphemes, index)
    second = second_reading(morphemes, index)
    text = (
        f"{morpheme.surface} is said {to_hiragana(morpheme.reading)}; written alike, it is "
        f"also read {' or '.join(other)}"
    )
    if second is not None:
        text += f" (SudachiDict reads it {second} here)"
        risk = max(risk, SETTLED)
    elif len(other) == len(listed().forms.get(morpheme.surface, ())):
        risk = max(risk, SETTLED)  # said with none of the dictionaries' readings
    elif moved_alike(morphemes, index):
        risk = min(risk, MOVED)
    elif (
        risk >= UNTOLD if morpheme.surface in listed().forms else _offered(morphemes, index, other)
    ) and not grammar_tells(morphemes, index):  # told apart by meaning only: a doubt
        risk = max(risk, SETTLED)
    return f"{text}: if it means that, give the text its reading", risk


MOVED = 0.02
"""The chance a word both analyzers read alike in its sentence, each otherwise than it
reads the word alone (`moved_alike`), is said wrong: on the public sets of words written
alike, 6 of 254 such words were (2.4 %), below `SETTLED`: the sentence settles it."""


def moved_alike(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether the analyzer and SudachiPy, two dictionaries and models made apart, both
    read the word at `index` in its sentence with one reading that neither reads it with
    alone (十分 じゅうぶん of 時間は十分ある, alone じゅっぷん and じゅうふん; 一味 ひとあじ of
    一味違う, alone いちみ): the sentence moved each off its commoner reading to the same
    one, evidence no single analyzer's weights give (`otherwise`)."""
    sentence, start, end, said = _place(morphemes, index)
    over = [w for w in _sudachi(sentence) if w[0] < end and w[1] > start]
    if not said or not over or over[0][0] != start or over[-1][1] != end:
        return False
    theirs = reading_key("".join(w[2] for w in over))
    alone = _alone(morphemes[index].surface)
    return theirs == said and said != alone[0] and theirs != alone[1]


def _offered(morphemes: Sequence[Morpheme], index: int, other: Sequence[str]) -> bool:
    """Whether one of `other` is both a reading SudachiDict's entries give the word at
    `index` and one the analyzer's own best analyses of its sentence read it with, at any
    weight (`_analyzed`): two dictionaries made apart hold that word (家中 かちゅう beside
    いえじゅう), and the sentence does not rule it out. Either alone is no evidence: the
    analyses read verb forms in ways no dictionary holds (着い ちゃくい). A reading the
    analyses give as a name only (naist-jdic holds 根本 ねもと, 日向 ひゅうが, 清水 きよみず
    as names alone) counts where SudachiDict holds it as another word of a part of speech
    it holds the reading said with (`_apart`): nothing but meaning tells the two apart."""
    surface, said = morphemes[index].surface, morphemes[index].reading
    known = {reading_key(r) for r in _lexicon(surface) or _composed(surface)}
    both = known & {reading_key(r) for r in _analyzed(morphemes, index)}
    named = known & {reading_key(r) for r in _analyzed(morphemes, index, names=True)}
    return any(
        reading_key(r) in both or (reading_key(r) in named and _apart(surface, said, r))
        for r in other
    )


def _apart(surface: str, said: str, other: str) -> bool:
    """Whether SudachiDict holds `surface` read `other` as a word apart from the one read
    `said` (日本 にっぽん, にほん: one normalized form and synonym group), of a part of
    speech (its first two levels) an entry read `said` has."""
    mine, theirs = (
        {(p[:2], w) for e, p, w in _entries(surface) if _changed(to_katakana(r), (e,))}
        for r in (said, other)
    )
    same = {w for _, w in theirs} <= {w for _, w in mine if len(w) > 1}
    return bool({p for p, _ in mine} & {p for p, _ in theirs}) and not same


def _composed(surface: str) -> tuple[str, ...]:
    """The readings (katakana) of a word of kanji SudachiDict holds no entry of, each
    character read as one of its entries (一月 ヒト+ツキ: SudachiDict cuts 一|月)."""
    if len(surface) > 3 or not all(map(is_kanji, surface)):
        return ()
    return tuple("".join(p) for p in itertools.product(*map(_lexicon, surface)))
