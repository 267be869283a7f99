"""An out dir's manifest as a test reads and edits it, whichever form it is in.

A manifest is `manifest.json` (`{"version", "clips"}`), or, from `database_from()` clips
(tests set `TTS_ASSETS_MANIFEST_DATABASE_FROM=0` to have every manifest one), the database
`manifest.sqlite` that a stub `manifest.json` names (`tts_assets.store.database`). These
read it as the JSON document either way and write a document back in the form it is in,
so a test of what a manifest holds, or of a manifest a person damaged, runs on both.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tts_assets.store.database import DATABASE_NAME, FIELDS, named
from tts_assets.store.layout import MANIFEST_NAME

PATH_IN_DATABASE = (
    "a database manifest keys its rows by clip path: a record whose path a person changed "
    "(two records of one path, a path no plan asks for) is a JSON manifest's damage; a "
    "database's rows are found where a plan or a command reads them"
)
"""Why a test of a record's damaged path runs on JSON manifests alone."""


def is_database(out_dir: Path) -> bool:
    """Whether the out dir's manifest is a database."""
    path = out_dir / MANIFEST_NAME
    return path.is_file() and named(json.loads(path.read_text(encoding="utf-8")))


def manifest_file(out_dir: Path) -> Path:
    """The file that holds the out dir's entries: the database, or `manifest.json`."""
    return out_dir / (DATABASE_NAME if is_database(out_dir) else MANIFEST_NAME)


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """The out dir's manifest as a JSON manifest holds it (each entry with every field,
    in path order)."""
    path = out_dir / MANIFEST_NAME
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if not named(doc):
        return doc
    db = sqlite3.connect(out_dir / DATABASE_NAME)
    try:
        (version,) = db.execute("SELECT value FROM meta WHERE name = ?", (FIELDS,)).fetchone()
        rows = db.execute("SELECT entry FROM clips ORDER BY path").fetchall()
    finally:
        db.close()
    from tts_assets.store.manifest import StoredClip, fields_of

    every = [f for f in StoredClip.__dataclass_fields__ if f in fields_of(int(version))]
    clips = [
        {name: entry.get(name) for name in every} for entry in (json.loads(r) for (r,) in rows)
    ]
    return {"version": int(version), "clips": clips}


def write_manifest(out_dir: Path, doc: dict[str, Any]) -> None:
    """Write `doc` (a JSON manifest's document, damaged or not) as the out dir's manifest,
    in the form it is in: a database's rows hold each entry as it is."""
    if not is_database(out_dir):
        path = out_dir / MANIFEST_NAME
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return
    db = sqlite3.connect(out_dir / DATABASE_NAME, isolation_level=None)
    try:
        db.execute("BEGIN")
        db.execute("UPDATE meta SET value = ? WHERE name = ?", (str(doc["version"]), FIELDS))
        db.execute("DELETE FROM clips")
        for n, entry in enumerate(doc["clips"]):
            found = entry if isinstance(entry, dict) else {}
            path = found.get("path")
            row = (
                # A row whose path is damaged is named by its place, as in a JSON manifest.
                path if isinstance(path, str) and path else f"clips › [{n}]",
                str(found.get("key")),
                found.get("bytes") if isinstance(found.get("bytes"), int) else 0,
                None,
                int(found.get("origin") is not None),
                json.dumps(entry, ensure_ascii=False),
            )
            db.execute("INSERT OR REPLACE INTO clips VALUES (?, ?, ?, ?, ?, ?)", row)
        db.execute("COMMIT")
    finally:
        db.close()


def comparable(out_dir: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """`files` (the out dir's, by path from it), a database manifest stood for by what it
    holds: the pages of its file are not the same for the same entries twice."""
    if DATABASE_NAME not in files or not is_database(out_dir):
        return files
    found = {k: v for k, v in files.items() if k != DATABASE_NAME}
    found[MANIFEST_NAME] = json.dumps(read_manifest(out_dir), ensure_ascii=False).encode()
    return found


def comparable_project(
    project: Path, files: dict[str, bytes], out_dir: str = "public/audio"
) -> dict[str, bytes]:
    """`files` (a project's, by path from `project`), its out dir's database manifest stood
    for by what it holds (`comparable`)."""
    prefix = out_dir + "/"
    inner = {k.removeprefix(prefix): v for k, v in files.items() if k.startswith(prefix)}
    found = {k: v for k, v in files.items() if not k.startswith(prefix)}
    found.update((prefix + k, v) for k, v in comparable(project / out_dir, inner).items())
    return dict(sorted(found.items()))


def parsed_rows(monkeypatch: Any) -> list[str]:
    """The clip paths of the database manifest rows parsed from now on (`Rows._entry`:
    each row's JSON made an entry), in the order parsed; `monkeypatch` undoes the watch."""
    from tts_assets.store.database import Rows

    parsed: list[str] = []
    entry = Rows._entry

    def counted(self: Rows[Any], path: str, raw: str) -> Any:
        parsed.append(path)
        return entry(self, path, raw)

    monkeypatch.setattr(Rows, "_entry", counted)
    return parsed


_HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN " + sys.argv[2])
print("held", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


class HeldDatabase:
    """Another process holding an out dir's database manifest in a transaction (`how`:
    EXCLUSIVE, as a long write's commit, no one reads; IMMEDIATE, an open write, others
    read) until `release` (or the block's end)."""

    def __init__(self, out_dir: Path, how: str) -> None:
        import subprocess
        import sys

        self._proc = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(out_dir / DATABASE_NAME), how],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        assert self._proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        """Let go of the database (the process rolls back and ends)."""
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.write("\n")
            self._proc.stdin.flush()
            self._proc.wait(timeout=30)

    def __enter__(self) -> HeldDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
