"""The review page: one self-contained HTML file over a list of rows.

The page is `page.html` with `page.css` and `page.js` inlined and the rows embedded as
JSON, so it works opened from disk, from a CI artifact, with no server and no network.
Audio stays in the stored files, reached by each row's relative URL; the page grows by
the row's text, places and a 64-character waveform, a few hundred bytes a clip.

The embedded data, read by `page.js`:

    {"format", "version"}     what the page's export writes (`verdicts.FORMAT`, `VERSION`)
    "page"                    the id its review state is kept under in local storage
    "title", "generated"      shown in the header
    "flags"                   [code, label, meaning, tone] of every flag, most serious first
    "voices"                  voices a rejection may ask for
    "same"                    providers whose new take sounds the same (deterministic)
    "word"                    what a reading's word may be: {"pattern" of a one-word text,
                              "max" characters of a word, "readingMax" of a reading}
    "rows"                    one object per row, short keys (`_row_json`), empty facts left out
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..languages import hook
from ..scripts.kana import to_hiragana
from ..settings.config import Settings
from ..settings.pronunciations import FORM_LIMIT, READING_LIMIT
from ..store.files import read_head
from ..store.layout import PAGE_NAME
from . import verdicts
from .flags import FLAGS, flags_first
from .row import Row


def render_page(
    rows: Sequence[Row],
    *,
    title: str,
    page_id: str,
    voices: Iterable[str] = (),
    deterministic: Iterable[str] = (),
    generated: datetime | None = None,
) -> str:
    """The HTML of a review page over `rows` (assessed, in content order). `page_id` keys
    the reviewer's state in local storage (pages of one id share verdicts); `voices` are
    offered to a rejection besides the rows' own; of a `deterministic` provider's clip the
    page says a new take would sound the same, so give a reading or another voice.
    """
    when = (generated or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = {
        "format": verdicts.FORMAT,
        "version": verdicts.VERSION,
        "page": page_id,
        "title": title,
        "generated": when,
        "flags": [[f.code, f.label, f.meaning, f.tone] for f in FLAGS],
        "voices": sorted({*voices, *(r.voice for r in rows if r.voice)}),
        "same": sorted(set(deterministic)),
        "word": {
            "pattern": verdicts.ONE_WORD.pattern,
            "max": FORM_LIMIT,
            "readingMax": READING_LIMIT,
        },
        "rows": [_row_json(r) | {"o": o} for r, o in zip(rows, flags_first(rows), strict=True)],
    }
    # Inside a <script> element only "</" can end it early; JSON allows \u003c anywhere.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    parts = {
        "title": html.escape(title),
        "css": _asset("page.css"),
        "js": _asset("page.js"),
        "data": payload,
    }
    template = _asset("page.html")
    missing = [name for name in parts if f"{{{{{name}}}}}" not in template]
    if missing:
        raise RuntimeError(f"page.html has no {{{{{missing[0]}}}}}")
    # One pass: what is inserted (a set's name in the title, the rows' texts) is never
    # searched for markers itself.
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


GENERATOR = b'<meta name="generator" content="tts-assets review">'
"""What every review page holds in its first KiB: a file without it is not one, and is
never replaced by a new page."""


_MARKER = re.compile(r"\{\{(title|css|js|data)\}\}")


def _row_json(row: Row) -> dict[str, Any]:
    """The row as the page reads it: short keys, facts that are empty or default left out."""
    m = row.measures
    out: dict[str, Any] = {
        "k": row.key,
        "c": row.clip,
        "u": row.url if row.url != row.clip else None,  # a page in the out dir: the path
        "t": row.type,
        "e": row.entry,
        "p": list(row.places),
        "x": row.text,
        "l": row.lang.code,
        "r": _in_script(row.reading, row.text),
        "s": _shown_said(row) if row.spoken != row.text else None,
        "ph": row.phonemes,
        "pt": row.pitch,
        "tw": [list(word) for word in row.words] or None,
        "pv": row.provider,
        "v": row.voice,
        "n": row.pieces if row.pieces != 1 else None,
        "tm": row.tempo,
        "st": row.status if row.status != "clip" else None,
        "why": row.reason,
        "hd": row.heard,
        "ls": row.listened,
        "ln": row.listen_note,
        "a": 1 if row.accepted else None,
        "rk": None if row.risk is None else round(row.risk, 3),
        "f": [[f.code, f.detail] for f in row.flags],
    }
    if m is not None:
        out |= {
            "d": round(m.duration, 2),
            "sp": round(m.speech, 2),
            "lu": None if m.lufs is None else round(m.lufs, 1),
            "pk": round(m.peak, 3),
            "w": m.waveform,
        }
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _shown_said(row: Row) -> str | None:
    """What the row's clip was said as, as its language shows it to a reader (`shown_said`:
    Chinese syllables with their tone marks), its kana in the content's script."""
    known = row.lang.profile
    spoken = row.spoken
    if spoken and known is not None and known.shown_said:
        spoken = hook(known.shown_said)(spoken)
    return _in_script(spoken, row.text)


def _in_script(kana: str | None, written: str) -> str | None:
    """`kana` as the content writes its kana: hiragana, as a teacher writes a reading (the
    engine spells what it says in katakana), unless the text itself is in katakana."""
    if kana is None or _KATAKANA.search(written):
        return kana
    return to_hiragana(kana)


_KATAKANA = re.compile("[\u30a1-\u30fa]")


def page_path(settings: Settings, output: Path | None = None, shared: bool = False) -> Path:
    """Where the page of `settings`' content goes: `output`, else `review.html` in the out
    dir, or, for a content set whose out dir other sets share (`shared`),
    `review-<set>.html` (each set's page, none replacing another)."""
    name = PAGE_NAME
    if shared and settings.set_name:
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", settings.set_name).strip("._") or "set"
        name = f"review-{name}.html"
    path = output if output is not None else settings.out_dir / name
    shown = f"--output {path}" if output is not None else str(path)
    if path.is_dir():
        raise InputError(f"{shown}: is a folder; give the page's file name (review.html)")
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"{shown}: a review page is an .html file; give a name like review.html")
    if path.exists() or path.is_symlink():
        try:
            head = read_head(Path(os.path.realpath(path)), 1024)
        except OSError as e:
            raise InputError(f"{shown}: cannot replace what is there ({e.strerror})") from None
        if GENERATOR not in head:
            raise InputError(
                f"{shown}: a file that is not a tts-assets review page is there; it is never "
                "replaced: give another name, or move that file"
            )
    return path
