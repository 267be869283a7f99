"""What `verify` finds (`Report`), and the checks that find it in a window's scope of a
course. The command itself is `commands.verify`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..content.document import Document
from ..content.item import Item, describe_path
from ..errors import ExitCode
from ..features.checked import KINDS, Checked, Kind, Problem
from ..features.heard import Heards
from ..features.registry import having
from ..planning.dead import kept_problem
from ..planning.plan import Clip
from ..planning.referenced import referenced_paths
from ..settings.config import Settings
from ..store.clip_files import REGENERATE, Damage
from ..store.manifest import Store, StoredClip, only_for
from .report import fields_json, plain
from .summary import KEPT_SHOWN

__all__ = ["Report", "check_damaged", "check_leftovers", "check_texts", "check_unused"]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    urls: int = 0
    """URL places checked (one per spoken text)."""
    files: int = 0
    """Manifest entries whose file was checked."""
    broken: list[str] = field(default_factory=list)
    """Manifest entries whose file is missing or damaged (what --fix drops)."""
    unused: list[str] = field(default_factory=list)
    """Checked manifest entries the current plan does not use (`tts-assets prune`)."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    nothing: str | None = None
    """Why verify checked nothing (no content file found): it fails."""
    elsewhere: int = 0
    """Texts that keep a person's URL outside the URL prefix (not checked: not ours to)."""
    kinds: dict[str, str] = field(default_factory=dict, repr=False)
    """How the plan speaks each clip path that is not plain text (kana), for re-checks."""
    listening: Heards | None = None

    @property
    def counts(self) -> dict[Kind, int]:
        found = Counter(p.kind for p in self.problems)
        return {kind: found[kind] for kind in KINDS}

    @property
    def ok(self) -> bool:
        return not self.problems and self.nothing is None

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.ok else ExitCode.FAILED

    def lines(self) -> list[str]:
        lines = [f"note: {note}" for note in self.notes]
        # The first `KEPT_SHOWN` problems of each kind (as generate shows its lists).
        shown: Counter[str] = Counter()
        for problem in self.problems:
            shown[problem.kind] += 1
            if shown[problem.kind] <= KEPT_SHOWN:
                lines.append(problem.line())
        more = {kind: n - KEPT_SHOWN for kind, n in shown.items() if n > KEPT_SHOWN}
        lines += [f"{kind}: {n} more (--json lists them)" for kind, n in more.items()]
        if self.nothing is not None:
            lines.append(self.nothing)
            return lines
        checked = f"{self.urls} URLs and {self.files} clip files checked in {self.seconds:.1f} s"
        if self.ok:
            lines.append(f"ok: {checked}")
        else:
            found = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n)
            lines.append(f"{len(self.problems)} problem(s): {found}; {checked}")
        if self.listening is not None:
            lines += self.listening.lines()
        if self.elsewhere:
            lines.append(
                f"{self.elsewhere} text(s) keep a URL outside the URL prefix "
                f"(a person's, not checked)"
            )
        refused = self.counts["refused"]
        if refused:
            lines.append(
                f"{refused} text(s) refused: no clip is made for them by design, so "
                "generate and verify --fix cannot make one; do as each one's line says "
                "(fix the text, or give its language another voice)"
            )
        if self.unused:
            lines.append(
                f"{len(self.unused)} stored clip(s) no text uses any more; "
                "tts-assets prune lists them"
            )
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "checked": {"urls": self.urls, "files": self.files},
            "counts": self.counts,
            "problems": [{"place": p.place, **fields_json(p)} for p in self.problems],
            "broken": self.broken,
            "unused": self.unused,
            "elsewhere": self.elsewhere,
            "notes": self.notes,
            "nothing_checked": self.nothing,
            "listening": plain(self.listening),
            "seconds": round(self.seconds, 3),
        }


def check_texts(scope: Checked, items: Sequence[Item], report: Report) -> None:
    """Each of `items` in turn (spoken texts, or those the features add: a drill's):
    refused (a feature's `refuses`), or its URL place checked (`_check_url`)."""
    refusing = having("refuses")
    for item in items:
        report.urls += 1
        refused = next((p for f in refusing if (p := f.refuses(scope, item))), None)
        if refused is not None:
            report.problems.append(refused)
        else:
            _check_url(scope, item, report)


def _advice(scope: Checked, clip: Clip) -> str | None:
    """What makes `clip` when a run alone would not (a feature's `advice`)."""
    return next((a for f in having("advice") if (a := f.advice(scope, clip))), None)


def _check_url(scope: Checked, item: Item, report: Report) -> None:
    """A text's URL place: a person's URL as write-back keeps it, else the URL the plan
    computes and its clip (`Checked.url_problem`)."""
    current = scope.loaded.value_at_url(item)
    clip = scope.clip_of.get(id(item))  # None: it keeps a person's URL
    url = scope.persons_url(current, clip)
    if url is None:
        if clip is None:
            return  # (none: every other text is in a clip)
        wrong = scope.url_problem(item, clip, current, lambda: _advice(scope, clip) or REGENERATE)
        report.problems += [] if wrong is None else [wrong]
        return
    # A person's URL: a problem if it leads to no audio under the URL prefix (a URL
    # elsewhere is only counted).
    path = scope.ours.file(url, scope.settings.out_dir)
    if path is None:
        report.elsewhere += 1
        return
    kept = kept_problem(describe_path(item.file, item.url_path), url, path)
    if kept is None:
        return
    if kept[0] == "dead" and clip is not None and (advice := _advice(scope, clip)):
        kept = ("dead", f"{kept[1].partition('; restore')[0]}; {advice}")
    report.problems.append(Problem(item.file, item.text_path, *kept))


def check_leftovers(scope: Checked, report: Report) -> None:
    """A URL the tool made at a place whose text is gone is *gone* (generate clears it)."""
    for left in scope.loaded.leftovers:
        if not scope.hand_set(left.value):
            why = f"{left.value} is the clip of a text that is gone; {REGENERATE} clears it"
            report.problems.append(Problem(left.file, left.path, "gone", why))


def check_damaged(damage: Mapping[str, Damage], store: Store, report: Report) -> None:
    """A damaged clip file no text's problem names is a problem of its manifest entry."""
    named = {p.clip for p in report.problems}
    where = store.manifest_path
    report.problems += [
        Problem(where, (rel,), harm.kind, harm.message, rel)
        for rel, harm in damage.items()
        if rel not in named
    ]


def check_unused(
    settings: Settings,
    unplanned: Sequence[StoredClip],
    documents: Callable[[], Iterable[Document]],
    report: Report,
) -> None:
    """The checked clips no planned text needs (`unplanned`) and no content string names:
    what `tts-assets prune` would delete."""
    own = settings.set_id
    others = [e.path for e in unplanned if only_for(e, own)]
    # The content's strings are searched only when some clip is not planned (seldom).
    in_content = referenced_paths(documents()) if others else set()
    report.unused = [path for path in others if path not in in_content]
