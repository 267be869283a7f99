"""Check commit messages: an imperative subject of at most 72 characters, then a blank line.

    python scripts/check_commits.py            # every commit after the first one checked
    python scripts/check_commits.py --message .git/COMMIT_EDITMSG   # one message (the hook)

The history before `SINCE` stays as it was written; every commit after it is checked.
Install the hook once per clone: `git config core.hooksPath scripts/hooks`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

SINCE = "1c516c75d0e365d8a245e99698e3be1c6378e643"
"""The last commit before messages were checked; the ones after it are."""

LONGEST = 72
"""The most characters a subject may have (what `git log --oneline` shows whole)."""


def problems(message: str) -> list[str]:
    """What is wrong with one commit message (its comment lines left out), if anything."""
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return ["the message is empty"]
    subject, found = lines[0], []
    if len(subject) > LONGEST:
        found.append(
            f"the subject is {len(subject)} characters, over {LONGEST}: say what changed "
            "in a short imperative line, and why in the body"
        )
    if len(lines) > 1 and lines[1].strip():
        found.append("the subject is not followed by a blank line before the body")
    return found


def _commits(since: str) -> list[tuple[str, str]]:
    """Each commit after `since` (HEAD alone where `since` is not in this clone: shallow)."""
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{since}^{{commit}}"], capture_output=True, check=False
    )
    span = [f"{since}..HEAD"] if known.returncode == 0 else ["-1", "HEAD"]
    if known.returncode != 0:
        print(f"check_commits: {since[:7]} is not in this clone (shallow?): HEAD alone checked")
    out = subprocess.run(
        ["git", "log", "--format=%h%x00%B%x01", *span],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for record in out.split("\x01"):
        if record.strip():
            commit, _, message = record.strip("\n").partition("\x00")
            found.append((commit, message))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--message", type=Path, help="check this message file (the hook)")
    parser.add_argument("--since", default=SINCE, help="check the commits after this one")
    args = parser.parse_args(argv)
    if args.message is not None:
        found = problems(args.message.read_text(encoding="utf-8"))
        for problem in found:
            print(f"commit message: {problem}", file=sys.stderr)
        return 1 if found else 0
    bad = 0
    for commit, message in _commits(args.since):
        for problem in problems(message):
            print(f"{commit}: {problem}: {message.splitlines()[0][:80]!r}", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
