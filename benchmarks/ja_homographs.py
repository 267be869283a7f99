"""Japanese words written alike, scored on sets of sentences: right, wrong but flagged, wrong
and silent, each decided as a run decides it for Kokoro.

    python -m benchmarks.ja_homographs tests/fixtures/homographs/fresh-2.tsv [...]
    python -m benchmarks.ja_homographs SET --wrong      # and list each miss
    python -m benchmarks.ja_homographs --units tests/fixtures/homographs/units-2026-11-25.txt
    python -m benchmarks.ja_homographs --hanabira DIR   # the doubts on a course's examples

`--before COMMIT`: the sets scored by that commit's code too, beside this one's (its tree
exported, scored by this module's rules in a process of its own), and the table recorded as
the benchmark's result (`--no-write`: printed only).

`--hanabira DIR`: hanabira.org's `backend/express/json_data` (its `grammar_ja_*` files): each
Japanese example decided as above, the doubts (review rows) and the words only noted
(`alike`) counted, and each doubt judged against the example's romaji: real where the
reading said is not in it (the clip is wrong as it stands).

A units set (`ja | class | text | said`, `--units`): the text is right where its decision
says what `said` says (the number and unit in kana, the rest as written), as the analyzer
spells out: the part of `said` that differs from the text is in what is said, compared as
kana (`kana.reading_key`, the particles' spellings folded).

A set is a TSV (`#` comments): the sentence, the word as written in it, its reading there in
hiragana, `a/b` where either is right (tests/fixtures/homographs/). Each sentence is decided
as the text of a run without a reading is for a voice given Kokoro's phonemes
(`memo.decide_all`, made fresh: no memo), and its Kokoro phonemes made
(`phonemes.kokoro_phonemes`); the word is right where the readings of the words over it
say its reading, flagged where the decision is a doubt.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Scored:
    """One case of a set and how a run says it."""

    sentence: str
    word: str
    reading: str
    said: str
    """The readings of the words over `word`, hiragana."""
    right: bool
    flagged: bool
    """A doubt: the review page shows it."""
    noted: bool
    """A word the dictionaries read two ways, noted (a line in `readings`, no review row)."""
    note: str | None
    risk: float | None = None
    """The risk its reader estimated (`Reading.risk`), where it did."""


def cases(path: Path) -> list[tuple[str, str, str]]:
    """The (sentence, word, reading) of a set."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, word, reading = line.split("\t")[:3]
        out.append((sentence, word, reading.strip()))
    return out


def said_over(morphemes: Sequence[tuple[str, str]], text: str, word: str) -> str:
    """The readings (katakana) of the words over `word` in `text`, as the analysis cut it
    (`morphemes`: surface, reading; a surface may be the word's kanji numerals, 2 → 二)."""
    at = text.index(word)
    pos, said = 0, ""
    for surface, reading in morphemes:
        if surface:
            inside = pos < at + len(word) and pos + len(surface) > at
        else:  # the rest of a word the analyzer cut, its text on the word before (つ|目)
            inside = at < pos <= at + len(word)
        if inside:
            said += reading
        pos += len(surface)
    return said


def score(rows: Sequence[tuple[str, str, str]]) -> list[Scored]:
    """Each case decided as a run decides it for Kokoro (fresh, no memo)."""
    from tts_assets.lang.ja.analysis import prepare
    from tts_assets.lang.ja.kana import reading_key, to_hiragana
    from tts_assets.lang.ja.memo import decide_all
    from tts_assets.lang.ja.phonemes import kokoro_phonemes

    works = [(sentence, None, "text") for sentence, _, _ in rows]
    decided = decide_all(works, fresh=True)
    out = []
    for (sentence, word, reading), work in zip(rows, works, strict=True):
        decision = decided[work]
        kokoro_phonemes(decision)  # what Kokoro is given: made, or the case fails loudly
        text = prepare(sentence)
        said, right = "", False
        for spelled in (True, False):  # as spelled (ジュウフン), as said (ジュップン)
            surfaces = [
                (m.surface, m.reading if spelled else m.pronunciation) for m in decision.morphemes
            ]
            over = to_hiragana(said_over(surfaces, text, prepare(word)))
            said = said or over
            # `a/b`: either reading is right in that sentence.
            right = right or any(reading_key(r) in reading_key(over) for r in reading.split("/"))
        flagged, noted = decision.verdict == "doubt", decision.verdict == "alike"
        risk = getattr(decision, "risk", None)  # an older commit's decisions have none
        out.append(
            Scored(sentence, word, reading, said, right, flagged, noted, decision.message, risk)
        )
    return out


def summary(name: str, scored: Sequence[Scored]) -> str:
    """One line: right, wrong but flagged (a doubt), wrong and only noted, wrong and
    silent, and right but flagged."""
    right, flagged, noted, silent, noise = counts(scored)
    share = 100 * right / len(scored) if scored else 0.0
    return (
        f"{name}: {right}/{len(scored)} right ({share:.1f} %), {flagged} wrong but flagged, "
        f"{noted} wrong and only noted (written alike), {silent} wrong and silent; "
        f"{noise} right but flagged"
    )


def unit_cases(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The (text, what it should say) of a units set: its `said`, and where the set's line
    is debatable a fifth field, another way it is said (the comment above it says why)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        out.append((parts[2], tuple(parts[3:])))
    return out


def unit_said_right(text: str, wants: Sequence[str], pronunciation: str) -> bool:
    """Whether `pronunciation` (katakana) says the number and unit of `text` as one of
    `wants` does (each the text with them in kana): that part of a want is in it, as kana
    (the particles' spellings folded), compared as readings (long vowels spelled either
    way) or as kana (a reading's folds must not join two words: まで|いち is not まで|えち)."""
    from tts_assets.lang.ja.kana import reading_key, to_hiragana

    said = _particles(to_hiragana(pronunciation))
    for want in wants:
        wanted = _particles(to_hiragana(_spelled_out(text, want)))
        if wanted in said or reading_key(wanted) in reading_key(said):
            return True
    return False


def score_units(rows: Sequence[tuple[str, tuple[str, ...]]]) -> list[Scored]:
    """Each text decided as a run decides it for Kokoro, against what it should say."""
    from tts_assets.lang.ja.kana import to_hiragana
    from tts_assets.lang.ja.memo import decide_all
    from tts_assets.lang.ja.phonemes import kokoro_phonemes

    works = [(text, None, "text") for text, _ in rows]
    decided = decide_all(works, fresh=True)
    out = []
    for (text, wants), work in zip(rows, works, strict=True):
        decision = decided[work]
        kokoro_phonemes(decision)
        said = to_hiragana(decision.pronunciation)
        right = unit_said_right(text, wants, decision.pronunciation)
        flagged = decision.verdict == "doubt"
        out.append(Scored(text, text, wants[0], said, right, flagged, False, decision.message))
    return out


def _spelled_out(text: str, said: str) -> str:
    """The part of `said` that spells out what differs from `text` (the number and unit):
    the two with their common start and end taken off."""
    head = 0
    while head < min(len(text), len(said)) and text[head] == said[head]:
        head += 1
    tail = 0
    while tail < min(len(text), len(said)) - head and text[-1 - tail] == said[-1 - tail]:
        tail += 1
    return said[head : len(said) - tail]


def _particles(key: str) -> str:
    """`key` with the particles' spellings folded (は, わ; へ, え; を, お): a set writes
    them as spelled, the analyzer as said."""
    return key.replace("は", "わ").replace("へ", "え").replace("を", "お")


def _romaji(kana: str) -> str:
    """`kana` in the rough romaji the course writes, folded as `_folded` folds it."""
    import jaconv

    from tts_assets.lang.ja.kana import to_hiragana

    return _folded(jaconv.kana2alphabet(to_hiragana(kana)))


def _folded(romaji: str) -> str:
    """`romaji` letters only, long vowels and n/m folded (kyou, kyō, kyoo: kyo)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", romaji.lower())
    text = "".join(c for c in text if c.isascii() and c.isalpha())
    for long, short in (("ou", "o"), ("oo", "o"), ("uu", "u"), ("ei", "e"), ("ee", "e")):
        text = text.replace(long, short)
    return text.replace("aa", "a").replace("ii", "i").replace("wo", "o").replace("m", "n")


def hanabira(folder: Path) -> str:
    """The doubts and notes on hanabira.org's Japanese grammar examples, each doubt judged
    against the example's romaji."""
    import json

    from tts_assets.lang.ja.memo import decide_all

    examples = [
        (example["jp"], example.get("romaji", ""))
        for path in sorted(folder.glob("grammar_ja_*.json"))
        for point in json.loads(path.read_text(encoding="utf-8"))
        for example in point.get("examples", [])
        if example.get("jp")
    ]
    decided = decide_all([(jp, None, "text") for jp, _ in examples], fresh=True)
    doubts = real = noted = 0
    lines = []
    for jp, romaji in examples:
        decision = decided[(jp, None, "text")]
        if decision.verdict == "alike":
            noted += 1
        if decision.verdict != "doubt":
            continue
        doubts += 1
        wrong = _romaji(decision.pronunciation) != _folded(romaji)
        real += wrong
        lines.append(f"  {'real' if wrong else 'said right'}: {decision.message}")
    return "\n".join(
        [
            f"hanabira.org: {len(examples)} examples, {doubts} doubts ({real} said otherwise "
            f"than the romaji), {noted} with a word only noted (written alike)",
            *lines,
        ]
    )


START = "<!-- generated by benchmarks/ja_homographs.py: start -->"
TOP = 10
"""How many flags a teacher with ten minutes hears, the likeliest wrong first."""

_SCORED = """
import importlib.util, json, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("scorer", sys.argv[1])
scorer = sys.modules["scorer"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)
print(json.dumps(scorer.counts(scorer.score(scorer.cases(Path(sys.argv[2]))))))
"""
"""Scores a set with the code first on the path (an older commit's) by this module's rules."""


def named(path: Path, sets: Sequence[Path]) -> str:
    """What a set is called in a table: its file's name, or with its folders where two sets'
    files share a name (a course's dev and test parts, each ja_written_alike.tsv)."""
    if sum(p.name == path.name for p in sets) < 2:
        return path.name
    return "/".join(path.parts[-3:])


def counts(scored: Sequence[Scored]) -> list[int]:
    """Right, wrong but flagged, wrong and only noted, wrong and silent, right but flagged."""
    return [
        sum(s.right for s in scored),
        sum(not s.right and s.flagged for s in scored),
        sum(not s.right and s.noted for s in scored),
        sum(not s.right and not s.flagged and not s.noted for s in scored),
        sum(s.right and s.flagged for s in scored),
    ]


def beside(sets: Sequence[Path], before: str) -> str:
    """The sets scored by `before`'s code and this one's, a table a row each."""
    import subprocess
    import tempfile

    from benchmarks._support import ROOT, code_says, exported, machine_table
    from tts_assets.readings.form import risk_rank

    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        old = exported(before, Path(scratch) / "before")
        for path in sets:
            for commit, found in (
                (before, code_says(_SCORED, __file__, str(path.resolve()), code=old)),
                (f"{head} (this)", counts(score(cases(path)))),
            ):
                total = sum(found[:4])
                right, flagged, noted, silent, noise = found
                name = named(path, sets)
                rows.append(
                    f"| {name} | {commit} | {right}/{total} ({100 * right / total:.1f} %) "
                    f"| {flagged} | {noted} | {silent} "
                    f"({100 * (noted + silent) / total:.1f} %) | {noise} |"
                )
    mine = score([case for path in sets for case in cases(path)])
    flags = sorted((s for s in mine if s.flagged), key=lambda s: risk_rank(s.risk))
    wrong = sum(not s.right for s in flags)
    top = sum(not s.right for s in flags[:TOP])
    return "\n".join(
        [
            START,
            "Japanese words written alike, each sentence decided as a run decides it for "
            "Kokoro (fresh): the sets' own reading against what is said. *Noted*: the word "
            "is only counted as settled by its sentence (`alike`), no review row; wrong in "
            "silence is noted or silent. Rerun: `python -m benchmarks.ja_homographs SET "
            f"--before {before}`.",
            "",
            "| set | code | right | wrong, flagged | wrong, noted | wrong, silent "
            "(both, share) | right but flagged |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Ranked by risk (`readings.form.ranked`, as `readings` and the review page rank "
            f"them), the first {TOP} of this code's {len(flags)} flags hold {top} of its "
            f"{wrong} wrong readings flagged.",
            "",
            *machine_table(),
            "<!-- generated by benchmarks/ja_homographs.py: end -->",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="TSV sets of cases")
    parser.add_argument("--hanabira", type=Path, help="hanabira.org's json_data folder")
    parser.add_argument("--wrong", action="store_true", help="list each case not right")
    parser.add_argument("--units", action="store_true", help="the sets are units sets")
    parser.add_argument("--before", help="a commit whose code is scored beside (recorded)")
    parser.add_argument("--no-write", action="store_true", help="with --before: print only")
    args = parser.parse_args()
    if args.before is not None:
        from benchmarks._support import publish

        publish(beside(args.sets, args.before), START, write=not args.no_write)
        return
    if args.hanabira is not None:
        print(hanabira(args.hanabira))
    for path in args.sets:
        scored = score_units(unit_cases(path)) if args.units else score(cases(path))
        print(summary(named(path, args.sets), scored))
        if args.wrong:
            for s in scored:
                if not s.right:
                    mark = "flagged" if s.flagged else "noted" if s.noted else "SILENT"
                    print(f"  {mark}: {s.sentence} {s.word} {s.reading}, said {s.said}")


if __name__ == "__main__":
    main()
