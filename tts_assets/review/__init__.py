"""The review page: listen to the clips, see the tool's doubts, record verdicts.

    row        Row: one clip (or one text without a clip) and the facts about it
    measure    ClipMeasures: loudness, peak, speech length and waveform of a clip's audio
               (a run records them in the manifest when it stores a clip)
    flags      the flags (the tool's doubts) and the rules that raise them: `assess`
    page       render_page: the self-contained HTML page over assessed rows
    verdicts   review.json, the verdicts exported from the page: `read_review`
    collect    build_rows: rows from today's plan, manifest and review decisions
    write      write_page: `tts-assets review`, the page of one content set on disk
    apply      apply_review: `tts-assets review --apply`, from verdicts to fixes

Data flows one way: collect → measure → flags → page; the page's verdicts come back as
review.json, and `apply` turns them into review decisions (`tts_assets/decisions.py`, in
the data dir) and clips made again.
"""

from __future__ import annotations

from .apply import Applied, apply_review
from .collect import build_rows, page_id
from .flags import FLAGS, assess
from .measure import ClipMeasures, measure_audio, measure_clip
from .page import render_page
from .row import Flag, ReadingCheck, Row
from .verdicts import Review, Verdict, read_review
from .write import WrittenPage, write_page

__all__ = [
    "FLAGS",
    "Applied",
    "ClipMeasures",
    "Flag",
    "ReadingCheck",
    "Review",
    "Row",
    "Verdict",
    "WrittenPage",
    "apply_review",
    "assess",
    "build_rows",
    "measure_audio",
    "measure_clip",
    "page_id",
    "read_review",
    "render_page",
    "write_page",
]
