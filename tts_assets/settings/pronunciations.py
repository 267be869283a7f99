"""A project's pronunciation overrides: the config's `[pronunciations]` and its file.

    [pronunciations]                        # tts-assets.toml (TOML: quote non-ASCII keys)
    "御雑煮" = "おぞうに"
    AI = { phonemes = "eːai" }
    pronunciations_file = "pronunciations.toml"   # more of them, one per line

The file holds the same `"FORM" = "reading"` lines at its top level; it is where
`review --apply` writes a rejected clip's corrected reading (`add_pronunciation`), so a
team's hand-written table stays as they wrote it. An entry of the config's table wins over
the file's for the same form. The overrides themselves are `readings.Overrides`.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, InputError
from ..store.files import write_atomic

if TYPE_CHECKING:
    from ..readings import Overrides

DEFAULT_FILE = "pronunciations.toml"
"""Where `add_pronunciation` writes when the config names no file."""


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
        found = Overrides([*found, *own])
    return found


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}  # none yet: `review --apply` creates it with the first override
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML ({e}); fix the file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None


def add_pronunciation(path: Path, written: str, reading: str) -> Path:
    """Record that `written` is read `reading` in the pronunciations file at `path`;
    returns the file.

    An existing line for the form is replaced, every other line kept as it is; the result
    is checked before the file is replaced (ConfigError when the reading is not kana).
    """
    from ..readings import Overrides

    line = f"{json.dumps(written, ensure_ascii=False)} = {json.dumps(reading, ensure_ascii=False)}"
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = "# Pronunciation overrides: written form = reading (kana). See the README.\n"
    lines = old.splitlines()
    mine = re.compile(
        rf"^\s*(\"{re.escape(json.dumps(written, ensure_ascii=False)[1:-1])}\"|"
        rf"{re.escape(written)})\s*="
    )
    at = next((n for n, text in enumerate(lines) if mine.match(text)), None)
    if at is None:
        lines.append(line)
    else:
        lines[at] = line
    new = "\n".join(lines) + "\n"
    try:
        Overrides.parse(tomllib.loads(new), str(path))
    except (tomllib.TOMLDecodeError, InputError) as e:
        raise ConfigError(f"{path}: {written} = {reading}: {e}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new.encode("utf-8"))
    return path
