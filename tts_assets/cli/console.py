"""Everything printed for people: progress, tables, errors. The only module importing rich.

On a terminal a rich progress bar; elsewhere (CI, pipes) a plain line every few seconds,
so logs stay readable. rich is imported on first use so `--help` stays instant.

Output never fails on encoding: on a stream that cannot encode every character (a
console set to ASCII or cp1252, `PYTHONIOENCODING=ascii`), the report's own symbols
degrade to ASCII (`›` → `>`, `→` → `->`) and any other character is written as a
backslash escape (`水` → `\\u6c34`); `print_json` escapes non-ASCII characters the JSON
way there, so `--json` is valid JSON in any locale.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from ..tables import count_of

if TYPE_CHECKING:
    from ..commands.summary import Summary
    from ..making.hooks import Reporter
    from ..making.report import Progress
    from ..planning.plan import Plan


_ASCII = {
    "›": ">",
    "→": "->",
    "·": "-",
    "…": "...",
    "«": '"',
    "»": '"',
    "—": "-",
    "–": "-",
    "−": "-",
    "≥": ">=",
    "≤": "<=",
    "×": "x",
}
"""What the report's own symbols become where the stream cannot encode them."""

_DEGRADE = "tts-assets-degrade"


QUOTED_MOST = 200
"""The longest quoted value an error line shows whole (`shortened`)."""


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the report's symbols as ASCII, anything else as an escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_ASCII.get(c) or _escaped(c) for c in bad), error.end


def full_unicode(stream: TextIO) -> bool:
    """Whether `stream` can encode every character (a UTF encoding)."""
    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


def prepare(stream: TextIO) -> TextIO:
    """`stream`, set to degrade what its encoding cannot show instead of raising."""
    if not full_unicode(stream) and hasattr(stream, "reconfigure"):
        codecs.register_error(_DEGRADE, _degrade)  # (again: the same handler)
        if stream.errors != _DEGRADE:
            stream.reconfigure(errors=_DEGRADE)
    return stream


JSON_HELD = 1 << 22
"""Characters of a JSON document encoded before the first is written (4 Mi): a report
that cannot be encoded (a bug) fails before it wrote anything, so the object the error
prints instead is the only one on stdout."""


def print_json(doc: object) -> None:
    """One JSON document on stdout (`--json`), valid whatever the stream's encoding."""
    stream = prepare(sys.stdout)
    encoder = json.JSONEncoder(ensure_ascii=not full_unicode(stream), indent=2)
    # Held until JSON_HELD characters are encoded, then written as it is encoded: the
    # document of a dry run over a million texts is never one string in memory as well.
    held: list[str] | None = []
    size = 0
    for chunk in encoder.iterencode(doc):
        if held is None:
            stream.write(chunk)
            continue
        held.append(chunk)
        size += len(chunk)
        if size >= JSON_HELD:
            stream.write("".join(held))
            held = None
    stream.write("".join(held or ()) + "\n")


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    class OneLine(Console):
        """A console whose text lines stay one line each: a newline or control character
        from the content is shown escaped, never written (a text must not start a line
        of its own in a CI log, where `::error::` would be a command)."""

        def print(self, *objects: Any, **kwargs: Any) -> None:
            super().print(*(visible(o) if isinstance(o, str) else o for o in objects), **kwargs)

    stream = prepare(sys.stderr if stderr else sys.stdout)
    # Off a terminal (CI logs, pipes) rich would assume 80 columns and cut table headers.
    width = None if is_terminal(stream) else 120
    # emoji=False: `:b:` in a field's expression or a text is what the person typed.
    return OneLine(stderr=stderr, highlight=False, soft_wrap=True, width=width, emoji=False)


def visible(text: str) -> str:
    """`text` with every control character and line separator written as an escape
    (`\\n`, `\\x1b`, `\\u2028`): what is printed of one line is one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escaped(c) for c in text)


def _escaped(char: str) -> str:
    """`char` as Python writes it escaped (`\\n`, `\\x1b`, `\\u6c34`, `\\U0001f600`)."""
    return char.encode("unicode_escape").decode("ascii")


def error(message: str) -> None:
    """One line on stderr: `error: ...` (no traceback, no markup interpretation), a value
    it quotes cut to its start however long it is (`shortened`)."""
    print(f"error: {visible(shortened(message))}", file=prepare(sys.stderr))


_LONG = f"{{{QUOTED_MOST + 1},}}"
_QUOTED = re.compile(f"(?<!\\w)(?:'([^'\\n]{_LONG})'|\"([^\"\\n]{_LONG})\")(?!\\w)")
"""A quoted value: its quotes not a word's apostrophe (the field's, voices' clips)."""


def shortened(message: str) -> str:
    """`message` with each quoted value longer than `QUOTED_MOST` characters cut to its
    first 40 and its length: a config or an option can hold 100,000 characters where a
    message quotes one (an unknown voice, a language code, a drill's part)."""

    def cut(match: re.Match[str]) -> str:
        quote = "'" if match.group(1) is not None else '"'
        value = match.group(1) if match.group(1) is not None else match.group(2)
        return f"{quote}{value[:40]}…{quote} ({len(value):,} characters)"

    return _QUOTED.sub(cut, message)


def is_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    return hasattr(stream, "isatty") and stream.isatty()


def _fmt_eta(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


def _planned(plan: Plan, workers: int) -> str:
    """The line a run's progress starts with."""
    return (
        f"{count_of(len(plan.clips), 'clip')}: {len(plan.new)} to make, "
        f"{len(plan.present)} present; {count_of(workers, 'worker')}"
    )


class PlainReporter:
    """Progress as a plain line every `every` seconds on stderr (CI, pipes)."""

    counts_only = True
    """`planned` reads only the lengths of the plan's lists (`hooks.SilentReporter`)."""

    def __init__(self, every: float = 5.0, stream: TextIO | None = None) -> None:
        self.every = every
        self.stream = prepare(stream or sys.stderr)
        self._last = 0.0

    def planned(self, plan: Plan, workers: int) -> None:
        print(_planned(plan, workers), file=self.stream, flush=True)

    def progress(self, p: Progress) -> None:
        now = time.monotonic()
        if now - self._last < self.every and p.done < p.total:
            return
        self._last = now
        print(
            f"{p.done}/{p.total} done, {p.generated} generated, {p.present} present, "
            f"{p.failed} failed, {p.per_minute:.0f} clips/min, ETA {_fmt_eta(p.eta)}, "
            f"{p.active} active",
            file=self.stream,
            flush=True,
        )

    def notice(self, message: str) -> None:
        print(message, file=self.stream, flush=True)


class RichReporter:
    """A live progress bar on a terminal."""

    counts_only = True
    """`planned` reads only the lengths of the plan's lists (`hooks.SilentReporter`)."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("[bold]generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            console=_console(stderr=True),
            transient=False,
        )
        self._task: Any = None

    def planned(self, plan: Plan, workers: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task("clips", total=len(plan.clips), detail="")
        self._bar.console.print(_planned(plan, workers), markup=False)

    def progress(self, p: Progress) -> None:
        if self._task is None:
            return
        detail = (
            f"{p.generated} generated · {p.present} present · {p.failed} failed · "
            f"{p.per_minute:.0f}/min · ETA {_fmt_eta(p.eta)} · {p.active} active"
        )
        self._bar.update(self._task, completed=p.done, detail=detail)

    def notice(self, message: str) -> None:
        self._bar.console.print(message, markup=False)

    def close(self) -> None:
        self._bar.stop()


TONES = {"plain": None, "warning": "yellow", "failure": "red"}
"""The style each tone of a report line is printed in."""


def print_summary(summary: Summary) -> None:
    """The table at the end of a run (and of a dry run), then failures and notes."""
    from rich.table import Table
    from rich.text import Text

    console = _console()
    counts = summary.table()
    table = Table(title=counts.title)
    for col in counts.columns:
        table.add_column(col, justify="left" if col == "type" else "right")
    for row in counts.rows:
        table.add_row(*[Text(cell) for cell in row])
    if counts.rows:
        console.print(table)
    else:  # an empty table says nothing: the notes say why (a file with no entries ...)
        console.print("no spoken text found in the content", markup=False)
    for line in summary.lines():
        console.print(line.text, markup=False, style=TONES[line.tone])


def print_rows(rows: list[list[str]], headers: list[str]) -> None:
    """A plain table (providers, voices, verify problems)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(*headers)
    for row in rows:
        # Text, not str: "pip install 'tts-assets[piper]'" is not rich markup.
        table.add_row(*[Text(cell) for cell in row])
    _console().print(table)


def print_lines(lines: list[str], *, last_style: str | None = None) -> None:
    """Report lines as they are (one console for all: verify may print thousands)."""
    console = _console()
    for n, line in enumerate(lines, 1):
        console.print(line, markup=False, style=last_style if n == len(lines) else None)


def reporter(quiet: bool) -> contextlib.AbstractContextManager[Reporter]:
    """Progress for a generate run: none (--json), a bar on a terminal, else plain lines."""
    from ..making.hooks import SilentReporter

    if quiet or not is_terminal():
        return contextlib.nullcontext(SilentReporter() if quiet else PlainReporter())
    return contextlib.closing(RichReporter())


class PlainDownloads:
    """A model pull's progress as plain lines on stderr (CI, pipes): a line when a file
    starts, every quarter of it, and when it is in place."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = prepare(stream or sys.stderr)
        self._total = 0
        self._next = 0.0
        self._name = ""

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def waiting(self, model: str) -> None:
        self._say(f"{model}: another pull of it is under way; waiting for it")

    def started(self, model: str, name: str, total: int, start: int) -> None:
        self._total, self._name = total, f"{model}: {name}"
        self._next = 0.25
        resumed = f", resuming at {start / 1e6:.1f} MB" if start else ""
        self._say(f"{self._name}: {total / 1e6:.1f} MB{resumed}")

    def advanced(self, done: int) -> None:
        if self._total and done / self._total >= self._next and done < self._total:
            self._say(f"{self._name}: {100 * done // self._total}%")
            while done / self._total >= self._next:
                self._next += 0.25

    def finished(self, model: str, name: str, how: str) -> None:
        self._say(f"{model}: {name} {how}, its digest checked")


class RichDownloads(PlainDownloads):
    """A model pull's progress as a bar per file on a terminal."""

    def __init__(self) -> None:
        super().__init__()
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TransferSpeedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            console=_console(stderr=True),
        )
        self._bar.start()
        self._task: Any = None

    def _say(self, text: str) -> None:
        self._bar.console.print(text, markup=False)

    def started(self, model: str, name: str, total: int, start: int) -> None:
        self._task = self._bar.add_task(f"{model}: {name}", total=total, completed=start)

    def advanced(self, done: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=done)

    def close(self) -> None:
        self._bar.stop()


def downloads(quiet: bool) -> contextlib.AbstractContextManager[PlainDownloads | None]:
    """Progress for `models pull`: none (--json), bars on a terminal, else plain lines."""
    if quiet or not is_terminal():
        return contextlib.nullcontext(None if quiet else PlainDownloads())
    return contextlib.closing(RichDownloads())
