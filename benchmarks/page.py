"""BENCHMARKS.md, built from its template and the tables the benchmarks wrote.

    python -m benchmarks.page            # write BENCHMARKS.md anew
    python -m benchmarks.page --check    # exit 1 when BENCHMARKS.md is not what it would write

Each benchmark writes its latest table to `benchmarks/results/NAME.md` (`_support.publish`)
and this page is made anew: `benchmarks/page.md` says what each benchmark that matters
measures and how to rerun it, with a line `<!-- results: NAME -->` where its table goes;
every other benchmark module gets a row of the closing table (its docstring's first
sentence, its command, a link to its table). So a new benchmark is one module: what it
publishes reaches the page without an edit here. History lives in git, not in the page.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "BENCHMARKS.md"
TEMPLATE = Path(__file__).with_name("page.md")
RESULTS = Path(__file__).with_name("results")

PLACE = re.compile(r"^<!-- results: ([a-z0-9_-]+) -->$", re.M)
"""The line of the template where a benchmark's table goes."""

PARTS = frozenset(
    {
        "__init__",
        "_support",
        "page",
        "clip_process",
        "fill_store",
        "limit",
        "listening_sentences",
        "measure",
        "models",
        "naive",
        "plan_time",
        "readings_set",
        "shards",
        "workload",
    }
)
"""Modules of the package that are parts of a benchmark (its workload, a configuration it
runs, a shared helper), not benchmarks of their own."""

SOURCE = "https://github.com/tts-assets/tts-assets/blob/main/"
"""Where the repository's files are read: the page is also part of the docs site, where a
relative link would lead nowhere."""

OTHERS = "<!-- the other benchmarks -->"
"""The template's line where the table of the benchmarks it does not show goes."""


def results(name: str) -> str:
    """The latest table of benchmark `name`, as it wrote it."""
    return (RESULTS / f"{name}.md").read_text(encoding="utf-8").strip("\n") + "\n"


def _summary(path: Path) -> tuple[str, str]:
    """A benchmark module's first sentence, and the command its docstring gives first
    (`python -m benchmarks.NAME` when it gives none)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    sentence = re.split(r"(?<=\.)\s", first, maxsplit=1)[0]
    command = f"python -m benchmarks.{path.stem}"
    for line in doc.splitlines():
        if line.strip().startswith(command):
            command = line.split("#", 1)[0].strip()
            break
    return sentence, command


def _others(shown: set[str]) -> str:
    """The closing table: every benchmark module the template does not show, with its
    result files (NAME.md, and NAME-PART.md for a benchmark that writes several), or
    "printed" for one that only prints what it measured."""
    rows = ["| benchmark | what it measures | rerun | table |", "|---|---|---|---|"]
    for path in sorted(Path(__file__).parent.glob("*.py")):
        name = path.stem
        if name in PARTS or name in shown:
            continue
        sentence, command = _summary(path)
        files = sorted(RESULTS.glob(f"{name}.md")) + sorted(RESULTS.glob(f"{name}-*.md"))
        links = [f"[{f.name}]({SOURCE}benchmarks/results/{f.name})" for f in files]
        table = ", ".join(links) or "printed"
        rows.append(f"| `{name}` | {sentence} | `{command}` | {table} |")
    return "\n".join(rows) + "\n"


def written() -> str:
    """BENCHMARKS.md as the template and the result files make it."""
    template = TEMPLATE.read_text(encoding="utf-8")
    shown = set(PLACE.findall(template))
    page = PLACE.sub(lambda m: results(m.group(1)).rstrip("\n"), template)
    return page.replace(OTHERS, _others(shown).rstrip("\n"))


def write() -> None:
    """Write BENCHMARKS.md anew."""
    PAGE.write_text(written(), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is stale")
    args = parser.parse_args()
    if args.check:
        if PAGE.read_text(encoding="utf-8") != written():
            print("BENCHMARKS.md is stale: run python -m benchmarks.page")
            return 1
        return 0
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
