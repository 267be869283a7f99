"""A project's pronunciation overrides: the config's `[pronunciations]` and its file.

    [pronunciations]                        # tts-assets.toml (TOML: quote non-ASCII keys)
    "御雑煮" = "おぞうに"
    AI = { phonemes = "eːai" }
    pronunciations_file = "pronunciations.toml"   # more of them, one per line

The file holds the same `"FORM" = "reading"` lines at its top level; it is where
`review --apply` writes a rejected clip's corrected reading (`with_entries`), so a
team's hand-written table stays as they wrote it. An entry of the config's table wins over
the file's for the same form. The overrides themselves are `readings.Overrides`.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, InputError
from ..store.files import read_regular, write_atomic
from ..store.layout import PRONUNCIATIONS_NAME

if TYPE_CHECKING:
    from ..readings import Overrides

DEFAULT_FILE = PRONUNCIATIONS_NAME
"""Where `review --apply` writes when the config names no file."""


def overrides(table: Mapping[str, Any], path: Path, config: str) -> Overrides:
    """The overrides in force: those of the file at `path`, then those of the config's
    `[pronunciations]` `table` (`config` names the config in messages); ConfigError if bad."""
    from ..readings import Overrides

    in_file = _read(path)
    found = Overrides.parse(in_file, str(path)) if in_file else Overrides()
    if table:
        where = f"{config}: [pronunciations]"
        try:
            own = Overrides.parse(table, where)
        except InputError as e:
            raise ConfigError(str(e)) from None
        found = found.joined(own)
    return found


FILE_LIMIT = 1 << 22
"""The largest pronunciations file read (4 MiB: tens of thousands of entries)."""

FORM_LIMIT = 32
"""The longest written form an override may have (a word, not a sentence)."""

READING_LIMIT = 64
"""The longest reading (or phoneme string) an override may give."""


def read_text(path: Path) -> str | None:
    """The pronunciations file's text, None when there is none yet; ConfigError when it
    cannot be read as one: a symbolic link to nothing, a pipe or device, a file over
    `FILE_LIMIT`, not UTF-8."""
    try:
        data = read_regular(path, FILE_LIMIT)
    except FileNotFoundError:
        if path.is_symlink():
            raise ConfigError(
                f"{path}: a symbolic link to {os.readlink(path)}, which does not exist; fix "
                "the link (the reviewed pronunciations are not read without it)"
            ) from None
        return None  # none yet: `review --apply` creates it with the first override
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror}); fix the file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(
            f"{path}: not UTF-8 ({e.reason} at byte {e.start}); fix the file"
        ) from None


def _read(path: Path) -> dict[str, object]:
    text = read_text(path)
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e}); fix the file") from None


HEADER = "# Pronunciation overrides: written form = reading (kana). See docs/readings.md.\n"


def with_entries(path: Path, entries: Sequence[tuple[str, str]]) -> str:
    """The pronunciations file's text with `entries` (written form, reading) added, not
    written: an existing line for a form is replaced, a new one goes before the file's
    first table (where TOML keeps top-level keys), every other line stays as it is.

    ConfigError when the result is not a valid pronunciations file (a reading that is not
    kana, a form or reading over its limit).
    """
    from ..readings import Overrides

    old = read_text(path)
    lines = (old if old is not None else HEADER).splitlines()
    for written, reading in entries:
        if len(written) > FORM_LIMIT or len(reading) > READING_LIMIT:
            raise ConfigError(
                f"{path}: {written[:40]} = {reading[:40]}: a form of at most {FORM_LIMIT} "
                f"characters, read as at most {READING_LIMIT}: give the misread word, not "
                "a sentence"
            )
        quoted = json.dumps(written, ensure_ascii=False)
        line = f"{quoted} = {json.dumps(reading, ensure_ascii=False)}"
        mine = re.compile(rf"^\s*({re.escape(quoted)}|{re.escape(written)})\s*=")
        top = next((n for n, text in enumerate(lines) if text.lstrip().startswith("[")), len(lines))
        at = next((n for n in range(top) if mine.match(lines[n])), None)
        if at is not None:
            lines[at] = line
        else:
            lines.insert(top, line)
    new = "\n".join(lines) + "\n"
    try:
        Overrides.parse(tomllib.loads(new), str(path))
    except (tomllib.TOMLDecodeError, InputError) as e:
        shown = ", ".join(f"{w} = {r}" for w, r in entries)
        raise ConfigError(f"{path}: {shown}: {e}") from None
    return new


def write(path: Path, text: str) -> Path:
    """Replace the pronunciations file with `text`, atomically; a symbolic link stays a
    link (its target is replaced). Returns the file written."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    return path
