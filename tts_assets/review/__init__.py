"""The review page: listen to the clips, see the tool's doubts, record verdicts.

    row        Row: one clip (or one text without a clip) and the facts about it
    measure    ClipMeasures: loudness, peak, speech length and waveform of a clip's audio
    flags      the flags (the tool's doubts) and the rules that raise them: `assess`
    page       render_page: the self-contained HTML page over assessed rows
    verdicts   review.json, the verdicts exported from the page: `read_review`
    collect    build_rows: rows from today's plan and manifest

Data flows one way: collect → measure → flags → page; the page's verdicts come back as
review.json. Nothing here writes into the content or the out dir.
"""

from __future__ import annotations

from .collect import build_rows, page_id
from .flags import FLAGS, assess
from .measure import ClipMeasures, measure_audio, measure_clip
from .page import render_page
from .row import Flag, ReadingCheck, Row
from .verdicts import Review, Verdict, read_review

__all__ = [
    "FLAGS",
    "ClipMeasures",
    "Flag",
    "ReadingCheck",
    "Review",
    "Row",
    "Verdict",
    "assess",
    "build_rows",
    "measure_audio",
    "measure_clip",
    "page_id",
    "read_review",
    "render_page",
]
