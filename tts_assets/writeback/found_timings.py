"""Word timings found again for `rebuild-manifest`: where a clip's words are still written
when the manifest that recorded them is gone.

A clip file does not say when its words are said, and a paid clip's timings cannot be made
again without paying for it again. Two places may still hold them, both written by the
tool from the manifest's record:

    the content's `segments`   beside a URL that names the clip: `[{"start", "end",
                               "text", "reading"?}]` (`writeback.timings.segments_of`)
    the clip's WebVTT track    `TYPE/KEY.vtt` beside it (`readings.words.as_webvtt`): a
                               cue per word, its reading after it in ( ) (kana, pinyin)

Either is taken only when it is word timings of that clip: words in order, each inside the
clip's length. What neither keeps (a Japanese word's morae) is not invented.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from ..content.load import LoadResult
from ..planning.plan import Clip
from ..store.files import read_bounded
from ..store.layout import clip_path_in, track_path
from ..store.manifest import Store, StoredClip
from .tracks import TRACK_LIMIT

FROM_CONTENT = "found again in the content's segments"
FROM_TRACK = "found again in its WebVTT track"
"""The `source` of timings found again (who measured them is not known any more)."""

_STAMP = r"(\d{2,}):(\d{2}):(\d{2})\.(\d{3})"
_CUE = re.compile(rf"^[ \t]*{_STAMP}[ \t]*-->[ \t]*{_STAMP}[^\n]*\n[ \t]*(\S[^\n]*)", re.M)
"""A cue as the tool writes it: its times, then its text on one line."""
_READING = re.compile(r"(.+) \(([\u3041-\u309f]+|[a-zü\u00e0-\u01dc]+(?: [a-zü\u00e0-\u01dc]+)*)\)")
"""A cue's text with the reading tts-assets writes after a word (`as_webvtt`): a Japanese
word's kana, a Chinese word's pinyin."""


def found_timings(
    clip: Clip, entry: StoredClip, loaded: LoadResult, store: Store
) -> dict[str, Any] | None:
    """The manifest's record of `clip`'s word timings (`{"source", "words"}`) found in the
    content or its track, or None when neither holds timings of this clip."""
    length = round(entry.duration * 1000)
    for item in clip.items:
        document = loaded.documents.get(item.file)
        if item.segments_path is None or document is None:
            continue
        if clip_path_in(str(document.value_at(item.url_path) or "")) != clip.rel_path:
            continue
        words = _words(document.value_at(item.segments_path), length)
        if words is not None:
            return {"source": FROM_CONTENT, "words": words}
    track = store.file(track_path(clip.rel_path))
    try:
        text = read_bounded(track, TRACK_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    words = _words(_cues(text), length)
    return None if words is None else {"source": FROM_TRACK, "words": words}


def _words(value: Any, length: int) -> list[dict[str, Any]] | None:
    """`value` as the manifest's words, when it is word timings inside `length` ms in order."""
    if not isinstance(value, list) or not value:
        return None
    words: list[dict[str, Any]] = []
    last = 0
    for segment in value:
        if not isinstance(segment, dict):
            return None
        start, end, text = segment.get("start"), segment.get("end"), segment.get("text")
        reading = segment.get("reading")
        if not (_ms(start) and _ms(end) and isinstance(text, str)):
            return None
        if not last <= start <= end <= length + 1:  # ms rounded on both sides
            return None
        last = start
        word: dict[str, Any] = {"start": start, "end": min(end, length), "text": text}
        if isinstance(reading, str):
            word["reading"] = reading
        words.append(word)
    return words


def _ms(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _cues(text: str) -> list[dict[str, Any]] | None:
    """The cues of a WebVTT track as segments; None when it is not a track of words."""
    text = text.replace("\r\n", "\n")
    cues = list(_CUE.finditer(text))
    if text.partition("\n")[0].strip() != "WEBVTT" or len(cues) != text.count("-->"):
        return None
    found: list[dict[str, Any]] = []
    for cue in cues:
        h, m, s, ms, h2, m2, s2, ms2 = (int(n) for n in cue.groups()[:8])
        start, end = ((h * 60 + m) * 60 + s) * 1000 + ms, ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        said = cue[9].strip().replace("&lt;", "<").replace("&amp;", "&")
        found.append({"start": start, "end": end, "text": said})
        read = _READING.fullmatch(said)
        if read is not None:
            found[-1]["text"], found[-1]["reading"] = read.group(1), read.group(2)
    return found
