"""What fugashi + unidic-lite would add: the pairs no OpenJTalk analysis agreed with, and a
third analyzer's evidence on the words written alike.

    python -m benchmarks.bench_readings --no-write --dump composed.json
    python -m venv /tmp/unidic && /tmp/unidic/bin/pip install fugashi unidic-lite
    /tmp/unidic/bin/python -m benchmarks.unidic_check composed.json
    /tmp/unidic/bin/python -m benchmarks.unidic_check --set SET.tsv   # (the venv: tts-assets too)

unidic-lite is about 250 MB, so it is not a dependency; this measures what it would
buy. For each pair that reconciliation had to piece together (no analysis of the whole
word among MeCab's 10 best agreed with the content's reading), it looks for an UniDic
analysis (10 best) that agrees, and counts those whose pronunciation differs from the
one tts-assets said: only those would sound different with UniDic.

`--set`: a set of `benchmarks.ja_homographs` (sentence, word, reading), each sentence decided as
a run decides it, beside MeCab with UniDic's best analysis of it (the readings of its words over
the case's word, as `ja_homographs.said_over` takes them): where UniDic is right and the decision
wrong, and the other way; how often it reads the word as SudachiPy does (SudachiDict core is
built from UniDic, among other sources: not independent evidence); and what two ways of using
it would change: a doubt wherever it reads the word otherwise than said, and its reading where
SudachiPy reads the word as it does and the sentence moved it from how it reads the word alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tts_assets.lang.ja.kana import reading_key, to_hiragana, to_katakana


def main() -> None:
    if sys.argv[1:2] == ["--set"]:
        written_alike(Path(sys.argv[2]))
        return
    import fugashi  # type: ignore[import-not-found,unused-ignore]

    pairs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    tagger = fugashi.Tagger()
    agreeing = 0
    different: list[str] = []
    for pair in pairs:
        target = reading_key(pair["given"])
        for path in tagger.nbestToNodeList(pair["written"], 10):
            kana = "".join(str(node.feature.kana or node.surface) for node in path)
            if reading_key(kana) == target:
                agreeing += 1
                pron = to_katakana("".join(str(node.feature.pron or node.surface) for node in path))
                if pron != pair["pronunciation"]:
                    different.append(f"{pair['written']}: {pair['pronunciation']} → {pron}")
                break
    print(f"pairs no OpenJTalk analysis agreed with: {len(pairs)}")
    print(f"an UniDic analysis agrees: {agreeing}")
    print(f"of which said differently: {len(different)}")
    for line in different:
        print(f"  {line}")


def written_alike(path: Path) -> None:
    """A set of words written alike, scored as `benchmarks.ja_homographs` scores it, beside
    UniDic's and SudachiPy's readings of each word in its sentence (`--set`)."""
    from collections import Counter

    import fugashi  # type: ignore[import-not-found,unused-ignore]
    import unidic_lite  # type: ignore[import-not-found,unused-ignore]

    from benchmarks.ja_homographs import cases, said_over, score
    from tts_assets.lang.ja.analysis import prepare
    from tts_assets.lang.ja.written_alike import _sudachi

    tagger = fugashi.Tagger(f"-d {unidic_lite.DICDIR}")

    def unidic(text: str, word: str) -> str:
        words = [(str(n.surface), str(n.feature.kana or n.surface)) for n in tagger(text)]
        return to_hiragana(said_over(words, text, word))

    def sudachi(text: str, word: str) -> str:
        words = [(text[b:e], r) for b, e, r, _ in _sudachi(text)]
        return to_hiragana(said_over(words, text, word))

    counts: Counter[str] = Counter()
    for case in score(cases(path)):
        text, word = prepare(case.sentence), prepare(case.word)
        third, second, alone = unidic(text, word), sudachi(text, word), unidic(word, word)
        right = any(reading_key(r) in reading_key(third) for r in case.reading.split("/"))
        state = "right" if case.right else "wrong, flagged" if case.flagged else "wrong, silent"
        differs = reading_key(third) != reading_key(case.said)
        moved = reading_key(third) == reading_key(second) != reading_key(alone)
        counts[f"decision {state}"] += 1
        counts[f"decision {state}, UniDic right"] += right
        counts["UniDic reads the word as SudachiPy"] += reading_key(third) == reading_key(second)
        if differs and not case.flagged:  # a doubt where UniDic differs: newly flagged
            counts[f"a doubt where UniDic differs: newly flagged, decision {state}"] += 1
        if differs and moved:  # said as UniDic and SudachiPy read it in its sentence
            counts[
                f"its reading where moved: decision {state}, UniDic {'right' if right else 'wrong'}"
            ] += 1
        if differs and not (case.right and right):
            print(
                f"  {state}: {case.sentence} {case.word} {case.reading}, said {case.said}, "
                f"UniDic {third}, SudachiPy {second}, UniDic alone {alone}"
            )
    states = ("right", "wrong, flagged", "wrong, silent")
    print(f"{path}: {sum(counts[f'decision {s}'] for s in states)} cases")
    for name, count in sorted(counts.items()):
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
