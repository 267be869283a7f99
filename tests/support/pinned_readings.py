"""The readings the tool gives on its corpora, pinned with their verdicts.

A corpus is a set of texts with the answer a teacher or a dictionary gives (the number
corpus's `said` column, a set's reading, a dictionary's reading of a word alone). Each case
is read as the tool reads it today and pinned in `tests/fixtures/pinned_readings/NAME.tsv`,
one line per case, sorted by its key:

    key <TAB> the tool's reading <TAB> its verdict <TAB> right | wrong

The gate (tests/unit/readings/test_pinned_readings.py) reads every case again and fails
where a pinned right reading is now wrong, or a wrong one that was flagged is now wrong and
silent; a case that turned right is a gain, reported. `python -m benchmarks.pin_readings
--update` pins them again, and refuses a right reading turned wrong unless it is named
(`--accept KEY`).

The dictionaries are read from the packages the project installs, never committed: pypinyin's
phrase dictionary (Chinese), SudachiDict core (Japanese, the kokoro extra's). Which of their
words are pinned is chosen when pinning (`Corpus.select`); the gate reads the pinned words
again and their readings from the installed dictionary. Libraries are loaded on first use,
once per process (`Corpus.warm`).
"""

from __future__ import annotations

import functools
import importlib.util
import shlex
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support import REPO, TESTS

if TYPE_CHECKING:
    from tts_assets.providers.espeak import EspeakProvider
    from tts_assets.providers.kokoro import KokoroProvider

PINS = TESTS / "fixtures" / "pinned_readings"
"""One file of pins per corpus (`NAME.tsv`)."""

REPIN = "python -m benchmarks.pin_readings --update"
"""The command that pins every corpus again (docs/readings.md, "Readings pinned")."""

KNOWN: dict[tuple[str, str], str] = {}
"""Readings pinned right that the tool says wrong today: (corpus, key) → why. The gate
holds each apart as a known failure (xfail, strict: once the reading is right again it
fails, and its entry here is removed), and re-pinning keeps their pins. Each is pinned as
the tool said it before (reading, verdict)."""


@dataclass(frozen=True)
class Pin:
    """One case as the tool reads it: its reading, its verdict, and whether it is right."""

    key: str
    """The case's id in its corpus (its text, with what tells it apart: `de | 5 km`)."""
    reading: str
    verdict: str
    right: bool

    def line(self) -> str:
        return "\t".join((self.key, self.reading, self.verdict, "right" if self.right else "wrong"))

    def shown(self) -> str:
        return f"{self.reading} ({'right' if self.right else 'wrong'}, {self.verdict})"


Reader = Callable[[Sequence[Any]], list[Pin]]


@dataclass(frozen=True)
class Corpus:
    """A corpus the gate holds: where its cases come from and how the tool reads them."""

    name: str
    source: str
    """Where its cases and their answers come from, for a reader of the pins."""
    cases: Callable[[], list[Any]]
    """Its cases as `read` takes them: a word, or a tuple with its key first (`key_of`)."""
    read: Reader
    flagged: frozenset[str]
    """The verdicts that show a teacher the reading may be wrong."""
    needs: tuple[str, ...] = ()
    """The modules it reads with: without one, the corpus is skipped."""
    shards: int = 1
    """How many tests share its cases (each under the fast loop's CPU limit)."""
    select: Callable[[], list[Any]] | None = None
    """A dictionary's: the cases to pin, chosen from the installed dictionary; `cases`
    then reads the pinned keys back (the gate reads what was pinned)."""
    warm: Callable[[], object] = field(default=lambda: None)
    """Loads what it reads with (once per process), outside a test's CPU."""

    @property
    def path(self) -> Path:
        return PINS / f"{self.name}.tsv"

    @property
    def kind(self) -> str:
        """The kind of reading it holds: how its cases are read (its reader, and the voice a
        Chinese corpus is told to), `read_numbers`, `read_marked-kokoro`; the corpora of
        one kind differ only in their cases."""
        read = self.read
        if isinstance(read, functools.partial):
            return "-".join([read.func.__name__, *map(str, read.args)]).lstrip("_")
        return str(getattr(read, "__name__", type(read).__name__)).lstrip("_")

    def missing(self) -> str | None:
        """Why it cannot be read here, or None."""
        absent = [m for m in self.needs if importlib.util.find_spec(m) is None]
        if absent:
            return f"{', '.join(absent)} not installed"
        if "espeakng_loader" in self.needs and _espeak() is None:
            return "espeak-ng's library (espeakng-loader) cannot be loaded"
        return None


# --- the pin files -------------------------------------------------------------------------


def pinned(corpus: Corpus) -> dict[str, Pin]:
    """The pins of `corpus` (empty before its first pinning)."""
    if not corpus.path.exists():
        return {}
    return dict(_parsed(corpus.path.read_bytes())[0])


@functools.lru_cache(maxsize=32)
def _parsed(data: bytes) -> tuple[dict[str, Pin], tuple[str, ...]]:
    """A pin file's bytes parsed (its pins by key, and its keys sorted), once a process
    for the same bytes: each shard of a corpus, and the corpus's cases, read the same
    file (`zh-pypinyin`'s 10,000 lines, eight times a run)."""
    found: dict[str, Pin] = {}
    for line in data.decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, reading, verdict, right = line.split("\t")
        found[key] = Pin(key, reading, verdict, right == "right")
    return found, tuple(sorted(found))


def write_pins(corpus: Corpus, pins: Iterable[Pin]) -> None:
    """`pins` as `corpus`'s file: a header, then one line per case sorted by key."""
    lines = [
        f"# The readings of {corpus.name} ({corpus.source}) as the tool gives them, pinned:",
        "# key, the tool's reading, its verdict, right or wrong. The gate:",
        "# tests/unit/readings/test_pinned_readings.py; pin again on purpose with",
        f"# `{REPIN}` (docs/readings.md).",
        *(p.line() for p in sorted(pins, key=lambda p: p.key)),
    ]
    corpus.path.parent.mkdir(parents=True, exist_ok=True)
    corpus.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def keys_pinned(name: str) -> list[str]:
    """The keys pinned for the corpus `name` (a dictionary's cases, as pinned)."""
    path = CORPORA[name].path
    return list(_parsed(path.read_bytes())[1]) if path.exists() else []


# --- what changed ----------------------------------------------------------------------


@dataclass
class Changes:
    """What reading a corpus again changed against its pins."""

    lost: list[tuple[Pin, Pin]] = field(default_factory=list)
    """Pinned right, now wrong (the tool's reading moved)."""
    silenced: list[tuple[Pin, Pin]] = field(default_factory=list)
    """Pinned wrong and flagged, now wrong and not flagged."""
    gained: list[tuple[Pin, Pin]] = field(default_factory=list)
    """Pinned wrong, now right."""
    moved: list[tuple[Pin, Pin]] = field(default_factory=list)
    """Any other change of reading or verdict (right stays right, wrong stays wrong)."""
    judged: list[tuple[Pin, Pin]] = field(default_factory=list)
    """The same reading, judged otherwise: the answer moved (a dictionary's new version,
    a corpus's line corrected), not the tool."""
    new: list[Pin] = field(default_factory=list)
    gone: list[Pin] = field(default_factory=list)

    @property
    def failing(self) -> list[tuple[Pin, Pin]]:
        return self.lost + self.silenced


def compare(corpus: Corpus, pins: dict[str, Pin], found: Iterable[Pin]) -> Changes:
    """`found` (the corpus read again) against `pins`."""
    changes = Changes()
    seen: set[str] = set()
    for now in found:
        seen.add(now.key)
        was = pins.get(now.key)
        if was is None:
            changes.new.append(now)
        elif was != now:
            _sort_change(corpus, was, now, changes)
    changes.gone = [p for k, p in pins.items() if k not in seen]
    return changes


def _sort_change(corpus: Corpus, was: Pin, now: Pin, changes: Changes) -> None:
    if was.reading == now.reading and was.right != now.right:
        changes.judged.append((was, now))
    elif was.right and not now.right:
        changes.lost.append((was, now))
    elif not was.right and now.right:
        changes.gained.append((was, now))
    elif not now.right and was.verdict in corpus.flagged and now.verdict not in corpus.flagged:
        changes.silenced.append((was, now))
    else:
        changes.moved.append((was, now))


def failure_message(corpus: Corpus, changes: Changes) -> str:
    """What the gate says of the readings that turned wrong: each text, the reading that
    was right (or flagged), what it says now, and how to pin it again on purpose."""
    lines = [f"{corpus.name} ({corpus.source}): a reading that was right turned wrong"]
    for was, now in changes.lost:
        lines.append(f"  {was.key}: was {was.shown()}, now {now.shown()}")
    for was, now in changes.silenced:
        lines.append(f"  {was.key}: was {was.shown()}, now {now.shown()}: wrong and no flag")
    accepts = " ".join(f"--accept {shlex.quote(was.key)}" for was, _ in changes.failing[:3])
    more = " ..." if len(changes.failing) > 3 else ""
    lines.append(
        f"If the change is meant (the answer was wrong, or a worse reading is the price of a "
        f"fix), pin it again, naming each: {REPIN} {accepts}{more} "
        f"(`python -m benchmarks.pin_readings {corpus.name}` lists every change, and the "
        "command that accepts them all)"
    )
    return "\n".join(lines)


def report(corpus: Corpus, changes: Changes, most: int = 10) -> list[str]:
    """The changes that do not fail the gate, gains first, at most `most` lines of a kind
    and then their count."""
    kinds: list[tuple[str, list[str]]] = [
        ("gain", [f"{w.key}: was {w.shown()}, now {n.shown()}" for w, n in changes.gained]),
        ("moved", [f"{w.key}: was {w.shown()}, now {n.shown()}" for w, n in changes.moved]),
        (
            "the answer moved, not the reading",
            [f"{w.key}: was {w.shown()}, now {n.shown()}" for w, n in changes.judged],
        ),
        ("new", [f"{p.key}: {p.shown()}" for p in changes.new]),
        ("no longer in the corpus", [p.key for p in changes.gone]),
    ]
    lines = []
    for kind, shown in kinds:
        lines += [f"{corpus.name}: {kind}: {line}" for line in shown[:most]]
        if len(shown) > most:
            lines.append(f"{corpus.name}: {kind}: and {len(shown) - most:,} more")
    return lines


# --- numbers ---------------------------------------------------------------------------


def _number_cases(path: Path) -> list[tuple[str, str, str, str]]:
    from benchmarks.spoken_numbers import read_corpus

    return [(f"{c.lang} | {c.text}", c.lang, c.text, c.said) for c in read_corpus(path)]


def _units_phones() -> list[tuple[str, str, str, str]]:
    from tests.unit.readings.test_numbers_phones import PHONES
    from tests.unit.readings.test_numbers_units import UNITS

    return [(f"{lang} | {text}", lang, text, said) for lang, text, said in [*UNITS, *PHONES]]


def _read_numbers(cases: Sequence[tuple[str, str, str, str]]) -> list[Pin]:
    """Each text's spoken form against the teacher's, compared as said (case, spaces and
    punctuation aside: the number benchmark's `folded`)."""
    from benchmarks.spoken_numbers import folded
    from tts_assets.readings.numbers import spoken_form

    pins = []
    for key, lang, text, said in cases:
        spoken = spoken_form(text, lang)
        verdict = "failed" if spoken.fault else "numbers" if spoken.doubts else "-"
        right = folded(spoken.text) in {folded(one) for one in said.split(" || ")}
        pins.append(Pin(key, spoken.text, verdict, right))
    return pins


# --- Chinese ---------------------------------------------------------------------------


@functools.cache
def _espeak() -> EspeakProvider | None:
    """espeak-ng's library (its Mandarin voice reads some words otherwise than the
    decider: 便宜 biàn yí, so its reading of a doubted word may win:
    `lang.zh._voice_wins_doubts`)."""
    from tts_assets.providers.espeak import EspeakProvider, EspeakSettings
    from tts_assets.providers.espeak_library import packaged_available

    return EspeakProvider(EspeakSettings(engine="packaged")) if packaged_available() else None


@functools.cache
def _kokoro() -> KokoroProvider:
    """Kokoro, the default provider: its Chinese voices are told through misaki's front-end
    (no model is loaded, no voice file read)."""
    from tts_assets.providers.kokoro import KokoroProvider

    return KokoroProvider()


ESPEAK = "espeak-ng"
KOKORO = "kokoro"
CHINESE_VOICES: dict[str, tuple[Callable[[], Any], str]] = {
    ESPEAK: (_espeak, "cmn"),
    KOKORO: (_kokoro, "zf_xiaobei"),
}
"""The voices the Chinese readings are told to: (the provider, the voice)."""


def _decided(texts: Sequence[str], voice: str) -> list[Any]:
    """Each text as the tool decides it and tells `voice` (of `CHINESE_VOICES`)."""
    from tts_assets.lang.zh import decided_each

    provider, name = CHINESE_VOICES[voice]
    return decided_each(texts, provider(), name)


def _verdict(decision: Any, indexes: Iterable[int]) -> str:
    """`doubt` where the voice cannot say it or a polyphone at `indexes` is read two ways
    (what the review page shows), else `decided`."""
    told = decision.told
    if told is not None and told.verdict == "unusable":
        return "doubt"
    wanted = set(indexes)
    return "doubt" if any(d.index in wanted for d in decision.doubts) else "decided"


def marked_lines(path: Path) -> list[tuple[str, str, int, str]]:
    """A set of sentences each with one polyphone in [brackets] and its numbered reading
    (textbook.txt's format): (the marked sentence, the sentence, the polyphone's index among
    its Chinese characters, its reading)."""
    from tts_assets.frontends.pinyin import hanzi_of

    found: dict[str, tuple[str, str, int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, want = (part.strip() for part in line.split("\t"))
        text = marked.replace("[", "").replace("]", "")
        case = (marked, text, len(hanzi_of(marked[: marked.index("[")])), want)
        if found.setdefault(marked, case) != case:  # a sentence in two sets: one case
            raise ValueError(f"{path}: {marked} is given two readings")
    return list(found.values())


def indexed_lines(path: Path) -> list[tuple[str, str, int, str]]:
    """A set of sentences each followed by a polyphone's index, punctuation counted, and its
    numbered reading (zh_fresh_polyphones.tsv's format: a sentence may come once per
    polyphone), as `marked_lines` gives its cases: the polyphone marked in [brackets]."""
    from tts_assets.frontends.pinyin import hanzi_of

    found: dict[str, tuple[str, str, int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, at, want = (part.strip() for part in line.split("\t"))
        index = int(at)
        marked = f"{text[:index]}[{text[index]}]{text[index + 1 :]}"
        case = (marked, text, len(hanzi_of(text[:index])), want)
        if found.setdefault(marked, case) != case:
            raise ValueError(f"{path}: {marked} is given two readings")
    return list(found.values())


def _read_marked(voice: str, cases: Sequence[tuple[str, str, int, str]]) -> list[Pin]:
    """Each marked polyphone as said to `voice`, against its reading (`same_reading`: a
    neutral tone on either side, and 一 and 不, compare like with like)."""
    from tts_assets.frontends.pinyin import hanzi_of
    from tts_assets.lang.zh.pinyin import same_reading

    pins = []
    for (key, text, index, want), decision in zip(
        cases, _decided([c[1] for c in cases], voice), strict=True
    ):
        if not hasattr(decision, "citation"):
            pins.append(Pin(key, "-", str(decision), False))
            continue
        said = decision.citation[index]
        right = same_reading(want, said, hanzi_of(text)[index])
        pins.append(Pin(key, said, _verdict(decision, [index]), right))
    return pins


@functools.cache
def _phrases() -> dict[str, list[list[str]]]:
    from pypinyin.phrases_dict import phrases_dict

    return phrases_dict


def _numbered(word: str) -> tuple[str, ...] | None:
    """The phrase dictionary's reading of `word`, numbered (None: not one of its words, or
    not one syllable per character)."""
    from tts_assets.frontends.pinyin import hanzi_of

    entry = _phrases().get(word)
    if entry is None or len(entry) != len(hanzi_of(word)):
        return None
    return tuple(_tone3(s[0]) for s in entry)


@functools.cache
def _tone3(syllable: str) -> str:
    """pypinyin's numbered form of a syllable with a tone mark (lǎo → lao3), once a
    syllable: the 36,000 syllables of zh-pypinyin's words are some 1,150 apart."""
    from pypinyin.contrib.tone_convert import to_tone3

    return str(to_tone3(syllable, neutral_tone_with_five=True))


ZH_EVERY = 3
"""One word in this many of the phrase dictionary's words with a polyphone is pinned."""


def _select_zh() -> list[str]:
    """The phrase dictionary's words with a character the decider decides (a polyphone, or
    one a rule reads), one in `ZH_EVERY` by a hash of the word (stable whatever the other
    words), and every word a known regression has."""
    from tts_assets.lang.zh import model
    from tts_assets.lang.zh.rules import rules

    weights = model.weights()
    assert weights is not None
    decided = set(weights.readings) | set(rules().by_char)
    chosen = {"便宜", "长大"}
    for word in _phrases():
        if any(c in decided for c in word) and _hashed(word, ZH_EVERY):
            chosen.add(word)
    return sorted(w for w in chosen if _numbered(w) is not None)


def _read_words_zh(words: Sequence[str]) -> list[Pin]:
    """Each word alone as said to espeak-ng, against the phrase dictionary's reading,
    syllable by syllable (`same_reading`). Kokoro's front-end reads words by the same
    dictionary as the decider (misaki: pypinyin), so its reading seldom wins over a doubt:
    espeak-ng's, read by its own, shows more (and costs half as much)."""
    from tts_assets.frontends.pinyin import hanzi_of
    from tts_assets.lang.zh.pinyin import same_reading

    pins = []
    for word, decision in zip(words, _decided(words, ESPEAK), strict=True):
        gold = _numbered(word)
        if gold is None:
            continue  # no longer the dictionary's word (another version): gone, not wrong
        if not hasattr(decision, "citation"):
            pins.append(Pin(word, "-", str(decision), False))
            continue
        said = decision.citation
        chars = hanzi_of(word)
        right = len(said) == len(gold) and all(
            same_reading(g, s, c) for g, s, c in zip(gold, said, chars, strict=True)
        )
        pins.append(Pin(word, " ".join(said), _verdict(decision, range(len(said))), right))
    return pins


def _warm_zh(voice: str) -> Callable[[], object]:
    return functools.partial(_warmed_zh, voice)


@functools.cache
def _warmed_zh(voice: str) -> None:
    """One sentence decided for `voice`, once a process: what the decider and the voice read
    with is loaded (the next corpus told to the same voice finds it loaded)."""
    _decided(["长大了。"], voice)


# --- Japanese --------------------------------------------------------------------------


def _homograph_cases(path: Path) -> list[tuple[str, str, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(f"{sentence} › {word}", sentence, word, reading) for sentence, word, reading in rows]


@functools.lru_cache(maxsize=4096)
def reconciled(sentence: str) -> Any:
    """`reconcile(sentence)` once a process: the gate's homograph sets are the sentences
    tests/unit/readings/ja/test_homographs.py judges too, and a Reading (frozen) is a
    function of the text once the analyzer and the rules are loaded."""
    from tts_assets.lang.ja.reconcile import reconcile

    return reconcile(sentence)


def _read_homographs(cases: Sequence[tuple[str, str, str, str]]) -> list[Pin]:
    """The word of each sentence as said there (the readings of the words over it), against
    its reading (as test_homographs.py judges it: the reading inside what is said, as
    spelled or as pronounced: 十分後 ジュウフン, said ジュップン)."""
    from tests.unit.readings.ja.test_homographs import _said
    from tts_assets.lang.ja.kana import reading_key

    pins = []
    for key, sentence, word, reading in cases:
        decided = reconciled(sentence)
        said = _said(decided, sentence, word)
        pronounced = _said(decided, sentence, word, spelled=False)
        right = any(  # a set may give two readings, both standard there (a/b)
            reading_key(one) in reading_key(x)
            for one in reading.split("/")
            for x in (said, pronounced)
        )
        pins.append(Pin(key, said, decided.verdict, right))
    return pins


def _unit_cases(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    from benchmarks.ja_homographs import unit_cases

    return unit_cases(path)


def _read_units_ja(cases: Sequence[tuple[str, tuple[str, ...]]]) -> list[Pin]:
    """Each text as said, against what it should say: its number and unit said as the set
    says them (or as its debatable line's other way), as benchmarks/ja_homographs.py
    --units judges them."""
    from benchmarks.ja_homographs import unit_said_right
    from tts_assets.lang.ja.reconcile import reconcile

    pins = []
    for text, wants in cases:
        decided = reconcile(text)
        right = unit_said_right(text, wants, decided.pronunciation)
        pins.append(Pin(text, decided.pronunciation, decided.verdict, right))
    return pins


@functools.cache
def _sudachi() -> Any:
    import sudachipy  # type: ignore[import-untyped]

    return sudachipy.Dictionary(dict="core")


def _dictionary_readings(word: str) -> set[str]:
    """SudachiDict core's readings of `word` as a word of its own (its entries whose
    dictionary form it is), as reading keys."""
    from tts_assets.lang.ja.kana import reading_key

    return {
        reading_key(m.reading_form())
        for m in _sudachi().lookup(word)
        if m.dictionary_form() == word and m.reading_form()
    }


def _read_words_ja(words: Sequence[str]) -> list[Pin]:
    """Each word alone as said, against SudachiDict core's readings of it (any of them: a
    word alone may mean any)."""
    from tts_assets.lang.ja.kana import reading_key
    from tts_assets.lang.ja.reconcile import reconcile

    pins = []
    for word in words:
        readings = _dictionary_readings(word)
        if not readings:
            continue  # no longer the dictionary's word (another version): gone, not wrong
        decided = reconcile(word)
        right = reading_key(decided.pronunciation) in readings
        pins.append(Pin(word, decided.pronunciation, decided.verdict, right))
    return pins


def _accent_words() -> list[str]:
    text = (REPO / "benchmarks/data/accent_words.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return sorted(set(words))


JA_EVERY = 60
"""One word in this many of SudachiDict core's chosen words is pinned."""
JA_POS = ("名詞", "動詞", "形容詞", "形状詞", "副詞")


def _select_ja() -> list[str]:
    """SudachiDict core's words as a course has them: a word of the parts of speech above
    (no proper noun) in its dictionary form, of at most four characters, kanji first, then
    kanji or hiragana (no letters, digits or katakana), one in `JA_EVERY` by a hash of
    the word."""
    from tts_assets.frontends.pinyin import is_hanzi
    from tts_assets.lang.ja.kana import is_kana, to_hiragana

    if not hasattr(_sudachi(), "entries"):
        raise SystemExit(
            "ja-sudachi: SudachiPy lists a dictionary's words from 0.7 on: pip install -U "
            "sudachipy, or pin the other corpora (python -m benchmarks.pin_readings --update "
            "NAME...)"
        )
    chosen = set()
    for m in _sudachi().entries():
        word = m.surface()
        pos = m.part_of_speech()
        if (
            len(word) <= 4
            and is_hanzi(word[0])
            and all(is_hanzi(c) or (is_kana(c) and to_hiragana(c) == c) for c in word)
            and pos[0] in JA_POS
            and pos[1] != "固有名詞"
            and m.dictionary_form() == word
            and _hashed(word, JA_EVERY)
        ):
            chosen.add(word)
    return sorted(w for w in chosen if _dictionary_readings(w))  # found by its lookup


def _warm_ja() -> None:
    from tts_assets.lang.ja.analysis import first_analysis

    first_analysis("学生")
    _sudachi().lookup("学生")


def _hashed(word: str, every: int) -> bool:
    return zlib.crc32(word.encode("utf-8")) % every == 0


# --- the corpora -----------------------------------------------------------------------

DATA = REPO / "benchmarks" / "data"
HOMOGRAPHS = TESTS / "fixtures" / "homographs"
ZH_NEEDS = ("pypinyin", "g2pM", "opencc", "espeakng_loader")
KOKORO_ZH_NEEDS = ("pypinyin", "g2pM", "opencc", "misaki", "jieba")
TEXTBOOK = TESTS / "unit/readings/zh/textbook.txt"
ZH_FRESH = REPO / "benchmarks/data/zh_fresh_polyphones.tsv"
JA_NEEDS = ("pyopenjtalk",)
NUMBERS_FLAGGED = frozenset({"numbers", "failed"})
ZH_FLAGGED = frozenset({"doubt"})
JA_FLAGGED = frozenset({"doubt", "disagree", "unusable"})


NUMBER_FILES = {
    "numbers": DATA / "spoken_numbers.txt",
    "numbers-held-out": DATA / "spoken_numbers_heldout.txt",
    "numbers-fresh-2026-11-25": DATA / "spoken_numbers_fresh.txt",
}
HOMOGRAPH_FILES = {
    "ja-homographs-fresh": HOMOGRAPHS / "fresh.tsv",
    "ja-homographs-held-out": HOMOGRAPHS / "held-out.tsv",
    "ja-homographs-fresh-2026-11-25": HOMOGRAPHS / "fresh-2026-11-25.tsv",
}
SETS = DATA / "sets"
"""The dated sets an outside author writes (benchmarks/data/sets/DATE/{dev,test}/):
each joins the gate once it has been scored."""
for _set in sorted(SETS.glob("*/*/ja_written_alike.tsv")):
    HOMOGRAPH_FILES[f"ja-alike-{_set.parent.parent.name}-{_set.parent.name}"] = _set
for _set in sorted(SETS.glob("*/*/spoken_forms.txt")):
    NUMBER_FILES[f"spoken-{_set.parent.parent.name}-{_set.parent.name}"] = _set
ZH_SETS = {
    f"zh-{found.parent.parent.name}-{found.parent.name}": found
    for found in sorted(SETS.glob("*/*/zh_polyphones.tsv"))
}


def _pinned_words(name: str) -> Callable[[], list[str]]:
    return lambda: keys_pinned(name)


def _japanese_words(name: str, source: str, cases: Callable[[], list[Any]], **more: Any) -> Corpus:
    return Corpus(
        name,
        source,
        cases,
        _read_words_ja,
        JA_FLAGGED,
        (*JA_NEEDS, "sudachidict_core"),
        warm=_warm_ja,
        **more,
    )


def _chinese(
    name: str, voice: str, source: str, cases: Callable[[], list[Any]], needs: tuple[str, ...]
) -> Corpus:
    """A corpus of sentences each with a marked polyphone, told to `voice`."""
    return Corpus(
        name,
        f"{source}; told to {voice}",
        cases,
        functools.partial(_read_marked, voice),
        ZH_FLAGGED,
        needs,
        warm=_warm_zh(voice),
    )


def _textbook(name: str, voice: str, needs: tuple[str, ...]) -> Corpus:
    source = "tests/unit/readings/zh/textbook.txt: the marked polyphone's reading"
    return _chinese(name, voice, source, lambda: marked_lines(TEXTBOOK), needs)


def _zh_fresh(name: str, voice: str, needs: tuple[str, ...], path: Path = ZH_FRESH) -> Corpus:
    source = f"{path.relative_to(REPO)}: the polyphone's reading in its sentence"
    return _chinese(name, voice, source, lambda: indexed_lines(path), needs)


CORPORA: dict[str, Corpus] = {
    c.name: c
    for c in [
        *(
            Corpus(
                name,
                f"{file.relative_to(REPO)}: the said column",
                functools.partial(_number_cases, file),
                _read_numbers,
                NUMBERS_FLAGGED,
            )
            for name, file in NUMBER_FILES.items()
        ),
        Corpus(
            "units-phones",
            "benchmarks/units_phones.py's cases: UNITS and PHONES of "
            "tests/unit/readings/test_numbers_units.py and test_numbers_phones.py",
            _units_phones,
            _read_numbers,
            NUMBERS_FLAGGED,
        ),
        *(
            Corpus(
                name,
                f"{file.relative_to(REPO)}: the word's reading in its sentence",
                functools.partial(_homograph_cases, file),
                _read_homographs,
                JA_FLAGGED,
                JA_NEEDS,
                warm=_warm_ja,
            )
            for name, file in HOMOGRAPH_FILES.items()
        ),
        Corpus(
            "ja-units-2026-11-25",
            "tests/fixtures/homographs/units-2026-11-25.txt: "
            "the number and unit as the set says them",
            functools.partial(_unit_cases, HOMOGRAPHS / "units-2026-11-25.txt"),
            _read_units_ja,
            JA_FLAGGED,
            JA_NEEDS,
            warm=_warm_ja,
        ),
        _japanese_words(
            "ja-accent-words",
            "benchmarks/data/accent_words.txt, each word alone: SudachiDict core's readings",
            _accent_words,
        ),
        _japanese_words(
            "ja-sudachi",
            f"SudachiDict core (sudachidict-core), one common word in {JA_EVERY}, each alone: "
            "its readings",
            _pinned_words("ja-sudachi"),
            shards=2,
            select=_select_ja,
        ),
        _textbook("zh-textbook", ESPEAK, ZH_NEEDS),
        _textbook("zh-textbook-kokoro", KOKORO, KOKORO_ZH_NEEDS),
        _zh_fresh("zh-fresh-2026-11-25", ESPEAK, ZH_NEEDS),
        _zh_fresh("zh-fresh-2026-11-25-kokoro", KOKORO, KOKORO_ZH_NEEDS),
        *(_zh_fresh(name, ESPEAK, ZH_NEEDS, path) for name, path in ZH_SETS.items()),
        Corpus(
            "zh-pypinyin",
            f"pypinyin's phrase dictionary, one word with a polyphone in {ZH_EVERY}, each "
            "alone: its reading",
            _pinned_words("zh-pypinyin"),
            _read_words_zh,
            ZH_FLAGGED,
            ZH_NEEDS,
            shards=4,
            select=_select_zh,
            warm=_warm_zh(ESPEAK),
        ),
    ]
}
"""Every corpus the gate holds, by name (the name of its pin file)."""


def key_of(case: Any) -> str:
    """A case's key: a dictionary's word, or the first of a corpus's case."""
    return case if isinstance(case, str) else str(case[0])
