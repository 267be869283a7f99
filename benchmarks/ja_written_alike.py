"""The Japanese words written alike and read two ways or more, from the dictionaries here.

    python -m benchmarks.ja_written_alike           # writes lang/ja/written_alike.tsv
    python -m benchmarks.ja_written_alike --stdout   # prints it

Two published dictionaries are installed with tts-assets, and the list takes a reading where
both give it:

- SudachiDict core (`sudachidict-core`, Works Applications, Apache-2.0; built from UniDic
  and other sources): every entry, iterated (`Dictionary.entries()`), as written (its
  conjugated forms too: 行っ is イッ of 行く and オコナッ of 行う), with its reading;
- the analyzer's own dictionary (naist-jdic, in `pyopenjtalk-plus`): the entries MeCab
  finds for the same form alone (`analyze_mecab_candidates`), with their readings. A reading
  it lacks is one the analyzer never says, so no clip says it in silence.

Only words of their own count (nouns, verbs, adjectives, adverbs, pronouns; no names, no
prefixes or suffixes: 方 ガタ of 先生方 is a suffix the analyzer places by grammar), and a
reading that is only another's sound change is no other reading: rendaku on the first mora
(テラ, デラ), a colloquial or dialect ending (サムイ, サミイ; 笑う ワロウ), a mora dropped at
the end (ホントウ, ホント), a long vowel spelled otherwise (言う イウ, ユウ: both said ユー).
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from importlib.metadata import version

from benchmarks._support import ROOT, write_list
from tts_assets.lang.ja.kana import reading_key, to_hiragana
from tts_assets.lang.ja.written_alike import sound_variant

OUT = ROOT / "tts_assets/lang/ja/written_alike.tsv"

_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]")
_SUDACHI_NOT_WORDS = frozenset({"補助記号", "記号", "空白", "接頭辞", "接尾辞", "助詞", "助動詞"})
_MECAB_NOT_WORDS = frozenset({"記号", "接頭詞", "助詞", "助動詞", "フィラー", "感動詞"})
_MECAB_NOT_WORDS_1 = frozenset({"固有名詞", "接尾", "数"})


def sudachi_readings() -> dict[str, dict[str, str]]:
    """Each form with a kanji SudachiDict core writes a word as: its readings (katakana),
    each with the word's dictionary form."""
    from sudachipy import Dictionary  # type: ignore[import-untyped]

    found: dict[str, dict[str, str]] = defaultdict(dict)
    for m in Dictionary(dict="core").entries():
        pos = m.part_of_speech()
        surface = m.surface()
        if pos[0] in _SUDACHI_NOT_WORDS or pos[1] == "固有名詞" or not _KANJI.search(surface):
            continue
        found[surface].setdefault(m.reading_form(), m.dictionary_form())
    return {s: r for s, r in found.items() if len(r) > 1}


def analyzer_readings(surface: str) -> set[str]:
    """The readings (keys) the analyzer's dictionary gives `surface` as a word of its own."""
    import pyopenjtalk

    with pyopenjtalk._global_jtalk() as jtalk:
        nodes = jtalk.analyze_mecab_candidates(surface, ((0, len(surface)),))["nodes"]
    readings = set()
    for node in nodes:
        feature = node["feature"].split(",")
        if node["surface"] != surface or node["is_unknown"] or len(feature) < 9:
            continue
        if feature[1] in _MECAB_NOT_WORDS or feature[2] in _MECAB_NOT_WORDS_1:
            continue
        readings.add(reading_key(feature[8]))
    return readings


def _said_by_analyzer(reading: str, word: str, surface: str, known: set[str]) -> bool:
    """Whether the analyzer's dictionary has `reading` of `surface`, or, for a conjugated
    form, its dictionary form `word` with a reading that starts as `reading` does but its
    last mora (空い スイ: 空く スク)."""
    if reading_key(reading) in known:
        return True
    if word == surface or len(reading) < 2:
        return False
    stem = reading_key(reading[:-1])
    return any(r.startswith(stem) for r in analyzer_readings(word))


def written_alike() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each form and its readings (hiragana) with their words, where both dictionaries
    give it two readings or more that are not sound changes of each other."""
    rows = []
    for surface, readings in sorted(sudachi_readings().items()):
        known = analyzer_readings(surface)
        kept: list[str] = []
        for reading in sorted(readings):
            if not _said_by_analyzer(reading, readings[reading], surface, known):
                continue
            if any(sound_variant(k, reading) or sound_variant(reading, k) for k in kept):
                continue
            kept.append(reading)
        if len(kept) > 1:
            rows.append((surface, [(to_hiragana(r), readings[r]) for r in kept]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdout", action="store_true", help="print the list, write nothing")
    args = parser.parse_args()
    rows = written_alike()
    head = [
        "# Japanese forms written alike and read two ways or more, where SudachiDict core",
        f"# ({version('sudachidict-core')}) and the analyzer's dictionary (naist-jdic in",
        f"# pyopenjtalk-plus {version('pyopenjtalk-plus')}) both give each reading, as a word",
        "# of its own; sound changes of one reading aside. Generated by",
        "# benchmarks/ja_written_alike.py (its docstring says how): do not edit by hand.",
        "# form TAB reading:word (the word's dictionary form) | ...",
    ]
    lines = [f"{s}\t" + "|".join(f"{r}:{w}" for r, w in readings) for s, readings in rows]
    write_list("\n".join([*head, *lines]) + "\n", OUT, len(rows), stdout=args.stdout)


if __name__ == "__main__":
    main()
