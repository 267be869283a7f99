"""What fugashi + unidic-lite would add: the pairs no OpenJTalk analysis agreed with.

    python -m benchmarks.bench_readings --no-write --dump composed.json
    python -m venv /tmp/unidic && /tmp/unidic/bin/pip install fugashi unidic-lite
    /tmp/unidic/bin/python -m benchmarks.unidic_check composed.json

unidic-lite is about 250 MB, so it is not a dependency; this measures what it would
buy. For each pair that reconciliation had to piece together (no analysis of the whole
word among MeCab's 10 best agreed with the content's reading), it looks for an UniDic
analysis (10 best) that agrees, and counts those whose pronunciation differs from the
one tts-assets said: only those would sound different with UniDic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tts_assets.lang.ja.kana import reading_key, to_katakana


def main() -> None:
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


if __name__ == "__main__":
    main()
