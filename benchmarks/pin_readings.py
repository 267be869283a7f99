"""Pin the readings the tool gives on its corpora, or show what changed against the pins.

    python -m benchmarks.pin_readings                  # what changed; writes nothing
    python -m benchmarks.pin_readings --update         # pin every corpus again
    python -m benchmarks.pin_readings --update --accept 'de | 5 km'   # ... a right one turned wrong
    python -m benchmarks.pin_readings --update zh-textbook           # one corpus only

The corpora, how each case is read and judged, and the pin files are
tests/support/pinned_readings.py's; the gate that holds them (in the full suite) is
tests/unit/readings/test_pinned_readings.py. `--update` writes a corpus's pins only when
no reading pinned right turned wrong (nor a flagged wrong one silent), unless each such
case is named with `--accept KEY` (its key as the gate prints it); it writes nothing if one
is refused. A dictionary's words are chosen again from the installed dictionary. The known
regressions (`KNOWN`) keep their pins. Prints per corpus the cases, how many are right and
flagged, the changes, and the processor time of reading it.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Sequence

from tests.support.pinned_readings import (
    CORPORA,
    KNOWN,
    REPIN,
    Changes,
    Corpus,
    Pin,
    compare,
    pinned,
    report,
    write_pins,
)


def read_again(corpus: Corpus) -> tuple[list[Pin], float]:
    """Every case of `corpus` read as the tool reads it now (a dictionary's chosen again),
    and the processor seconds that took, its libraries loaded first."""
    corpus.warm()
    cases = corpus.select() if corpus.select is not None else corpus.cases()
    started = time.process_time()
    found = corpus.read(cases)
    return found, time.process_time() - started


def refused(corpus: Corpus, changes: Changes, accepted: set[str]) -> list[tuple[str, str]]:
    """The cases that turned wrong and are not accepted by name: (key, a line saying so)."""
    return [
        (was.key, f"{corpus.name}: {was.key}: was {was.shown()}, now {now.shown()}")
        for was, now in changes.failing
        if was.key not in accepted and (corpus.name, was.key) not in KNOWN
    ]


def kept_known(corpus: Corpus, found: list[Pin], pins: dict[str, Pin]) -> list[Pin]:
    """`found` with each known regression's pin kept as it was."""
    return [pins[p.key] if (corpus.name, p.key) in KNOWN and p.key in pins else p for p in found]


def summary(corpus: Corpus, found: Sequence[Pin], seconds: float) -> str:
    right = sum(p.right for p in found)
    flagged = sum(p.verdict in corpus.flagged for p in found)
    wrong_silent = sum(not p.right and p.verdict not in corpus.flagged for p in found)
    return (
        f"{corpus.name}: {len(found):,} cases, {right:,} right, {flagged:,} flagged, "
        f"{wrong_silent:,} wrong without a flag; read in {seconds:.2f} s of CPU"
    )


def read_each(
    names: Sequence[str], accepted: set[str]
) -> tuple[list[tuple[Corpus, list[Pin]]], list[tuple[str, str]]]:
    """Each corpus of `names` read again and compared with its pins, printed: the pins to
    write, and the cases refused (turned wrong, not accepted)."""
    writes: list[tuple[Corpus, list[Pin]]] = []
    stopped: list[tuple[str, str]] = []
    total = 0.0
    for name in names:
        corpus = CORPORA[name]
        missing = corpus.missing()
        if missing is not None:
            print(f"{name}: skipped ({missing}); its pins are kept")
            continue
        pins = pinned(corpus)
        found, seconds = read_again(corpus)
        total += seconds
        changes = compare(corpus, pins, found)
        print(summary(corpus, found, seconds))
        for line in report(corpus, changes):
            print(f"  {line}")
        for was, now in changes.failing:
            why = KNOWN.get((corpus.name, was.key))
            if why is not None:
                print(f"  known: {was.key}: was {was.shown()}, now {now.shown()}: {why}")
        stopped += refused(corpus, changes, accepted)
        writes.append((corpus, kept_known(corpus, found, pins)))
    print(f"all: read in {total:.2f} s of CPU")
    return writes, stopped


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpora", nargs="*", help=f"of {', '.join(CORPORA)} (all)")
    parser.add_argument("--update", action="store_true", help="write the pins")
    parser.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="KEY",
        help="pin this case although a right reading turned wrong (repeat for each)",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.corpora if name not in CORPORA]
    if unknown:
        parser.error(f"no corpus named {', '.join(unknown)}; the corpora: {', '.join(CORPORA)}")
    writes, stopped = read_each(args.corpora or list(CORPORA), set(args.accept))
    if stopped:
        print("\nRight readings turned wrong (name each with --accept KEY to pin it so):")
        print("\n".join(f"  {line}" for _, line in stopped))
        names = " ".join(f"--accept {shlex.quote(key)}" for key, _ in stopped)
        print(f"\nTo pin them so: {REPIN} {names}")
        if args.update:
            print("Nothing was written.", file=sys.stderr)
        return 1
    if args.update:
        for corpus, found in writes:
            write_pins(corpus, found)
        print(f"Pinned {sum(len(f) for _, f in writes):,} readings in {len(writes)} files.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
