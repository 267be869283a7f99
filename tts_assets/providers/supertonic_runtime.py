"""Supertonic's runtime: text to samples through its four ONNX graphs, as upstream runs them.

Supertonic (Supertone; `supertone-inc/supertonic`, the `supertonic` package 1.3.1's
`core.py`) reads letters, not phonemes. A text is NFKD-normalized (Hangul becomes its
conjoining jamo), its quotes and dashes made the plain ones the model was trained on,
ended with a period when it ends without a mark, wrapped in its language's tag
(`<ko>…</ko>`) and indexed through `unicode_indexer.json` (a code point's id, -1 for one
the model cannot say). Then:

    duration_predictor  text_ids [B,T] int64, style_dp [B,8,16], text_mask [B,1,T]
                        -> duration [B]: the seconds of each text (one per text, not per word)
    text_encoder        text_ids, style_ttl [B,50,256], text_mask -> text_emb [B,256,T]
    vector_estimator    noisy_latent [B,144,L], text_emb, style_ttl, text_mask,
                        latent_mask [B,1,L], current_step [B], total_step [B]
                        -> denoised_latent, run `steps` times from noise
    vocoder             latent [B,144,L] -> wav_tts [B, L*3072]

What differs from upstream, on purpose: one text is made at a time (upstream batches
them), its noise drawn from a generator seeded by the caller (upstream's is unseeded, so
no two runs agree), cut to its predicted duration (the vocoder pads to whole latent
frames), and a character the model cannot say is found before any graph runs
(`unsayable`), never indexed as another.
English abbreviations upstream expands (`@` as "at") are left to the readings.

numpy and onnxruntime are imported by the functions that need them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

RULES_VERSION = "1"
"""The version of the text preparation here: part of every Supertonic clip's key."""

GRAPHS = ("duration_predictor", "text_encoder", "vector_estimator", "vocoder")
"""The four graphs, each `NAME.onnx`."""
CONFIG = "tts.json"
INDEXER = "unicode_indexer.json"

_SYMBOLS = str.maketrans(
    {
        **dict.fromkeys("\u2013\u2011\u2014", "-"),
        **dict.fromkeys("\u00af_[]|/#→←", " "),
        **dict.fromkeys("\u201c\u201d", '"'),
        **dict.fromkeys("\u2018\u2019\u00b4`", "'"),
        **dict.fromkeys("♥☆♡©\\", ""),
    }
)
"""Upstream's symbol table (`_SYMBOL_REPLACEMENTS`, `_SPECIAL_SYMBOLS_PATTERN`): the forms
its training text had."""
_EMOJI = re.compile(
    "[\U0001f600-\U0001f64f\U0001f300-\U0001f5ff\U0001f680-\U0001f6ff\U0001f700-\U0001f77f"
    "\U0001f780-\U0001f7ff\U0001f800-\U0001f8ff\U0001f900-\U0001f9ff\U0001fa00-\U0001fa6f"
    "\U0001fa70-\U0001faff\u2600-\u26ff\u2700-\u27bf\U0001f1e6-\U0001f1ff]"
)
_SPACE_BEFORE = re.compile(r" ([,.!?;:'])")
_DOUBLED_QUOTES = re.compile(r"([\"'])\1+")
_SPACES = re.compile(r"\s+")
_ENDS_WITH_MARK = re.compile(r"[.!?;:,'\")\]}…。」』】〉》›»]$")


def prepared(text: str) -> str:
    """`text` as the model reads it, before its language tag (upstream's
    `_preprocess_text`, less the English abbreviations)."""
    text = unicodedata.normalize("NFKD", text)
    text = _EMOJI.sub("", text).translate(_SYMBOLS)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _DOUBLED_QUOTES.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    if not _ENDS_WITH_MARK.search(text):
        text += "."
    return text


def tagged(text: str, lang: str) -> str:
    """The model's input for `text` in language `lang` (a code it speaks: `ko`)."""
    return f"<{lang}>{prepared(text)}</{lang}>"


@dataclass(frozen=True)
class Unsayable:
    """A character of a text the model cannot say."""

    char: str
    """The character as written."""
    index: int
    """Its place in the text (0-based)."""

    def describe(self) -> str:
        """`☃ (U+2603) at character 4`: for a message."""
        return f"{self.char} (U+{ord(self.char):04X}) at character {self.index + 1}"


def unsayable(text: str, indexer: Sequence[int]) -> list[Unsayable]:
    """Every character of `text` whose normalized form holds a code point the model has
    no id for (-1 in `indexer`, or past its end), in order. A character the preparation
    drops (an emoji) is not among them."""
    found = []
    for index, char in enumerate(text):
        normal = _EMOJI.sub("", unicodedata.normalize("NFKD", char)).translate(_SYMBOLS)
        for part in normal:
            code = ord(part)
            if part.isspace():
                continue
            if code >= len(indexer) or indexer[code] < 0:
                found.append(Unsayable(char, index))
                break
    return found


@dataclass(frozen=True)
class Style:
    """One voice: its two style tensors, as its JSON file holds them."""

    ttl: Floats
    """`style_ttl` [50, 256]: what the text encoder and the vector estimator are given."""
    dp: Floats
    """`style_dp` [8, 16]: what the duration predictor is given."""


def read_style(path: Path) -> Style:
    """The voice in `path` (`{"style_ttl": {"dims": [1,50,256], "data": ...}, "style_dp":
    ...}`); ValueError naming what is wrong."""
    import numpy as np

    doc = json.loads(path.read_text(encoding="utf-8"))
    tensors = []
    for name in ("style_ttl", "style_dp"):
        entry = doc.get(name) if isinstance(doc, dict) else None
        if not isinstance(entry, dict) or "dims" not in entry or "data" not in entry:
            raise ValueError(f"no {name} with dims and data")
        dims = [int(d) for d in entry["dims"]]
        data = np.asarray(entry["data"], dtype=np.float32)
        if len(dims) != 3 or dims[0] != 1 or data.size != dims[1] * dims[2]:
            raise ValueError(f"{name}: dims {dims} do not hold its {data.size} values")
        tensors.append(data.reshape(dims[1], dims[2]))
    return Style(tensors[0], tensors[1])


@dataclass(frozen=True)
class Config:
    """What `tts.json` says of the audio and the latent."""

    sample_rate: int
    base_chunk_size: int
    chunk_compress_factor: int
    latent_dim: int

    @property
    def chunk(self) -> int:
        """Samples per latent frame (3072 for Supertonic-3)."""
        return self.base_chunk_size * self.chunk_compress_factor

    @property
    def channels(self) -> int:
        """Channels of the latent (144 for Supertonic-3)."""
        return self.latent_dim * self.chunk_compress_factor


def read_config(path: Path) -> Config:
    """`tts.json`; ValueError (KeyError, TypeError) when it lacks what the runtime reads."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return Config(
        int(doc["ae"]["sample_rate"]),
        int(doc["ae"]["base_chunk_size"]),
        int(doc["ttl"]["chunk_compress_factor"]),
        int(doc["ttl"]["latent_dim"]),
    )


def read_indexer(path: Path) -> list[int]:
    """`unicode_indexer.json`: the id of each code point (-1: cannot be said)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, list) or not doc:
        raise ValueError("not a list of ids")
    return [int(v) for v in doc]


@dataclass(frozen=True)
class Made:
    """The audio of one text."""

    samples: Floats
    """Cut to its predicted duration."""
    seconds: float
    """The duration the model predicted for it, at the speed asked for."""


class Runtime:
    """The four sessions of one Supertonic model, with its config and indexer; `make` may
    be called from several threads at once (onnxruntime's sessions allow it)."""

    def __init__(self, config: Config, indexer: Sequence[int], sessions: Sequence[Any]) -> None:
        self.config = config
        self.indexer = indexer
        self.duration, self.encoder, self.estimator, self.vocoder = sessions

    def make(self, text: str, style: Style, seed: int, *, steps: int, speed: float) -> Made:
        """The audio of `text` (the model's input: `tagged`) in the voice `style`, its
        noise drawn from `seed`; ValueError for a character the model cannot say."""
        import numpy as np

        row = [self.indexer[ord(c)] if ord(c) < len(self.indexer) else -1 for c in text]
        if min(row, default=0) < 0:
            raise ValueError(f"{text!r} has a character the model cannot say")
        ids = np.array([row], dtype=np.int64)
        text_mask = np.ones((1, 1, len(row)), dtype=np.float32)
        style_ttl = style.ttl[None]
        (duration, *_) = self.duration.run(
            None, {"text_ids": ids, "style_dp": style.dp[None], "text_mask": text_mask}
        )
        seconds = np.asarray(duration, dtype=np.float32).reshape(1) / np.float32(speed)
        (text_emb, *_) = self.encoder.run(
            None, {"text_ids": ids, "style_ttl": style_ttl, "text_mask": text_mask}
        )
        cfg = self.config
        length = int(np.maximum((seconds * cfg.sample_rate).astype(np.int64), 1)[0])
        frames = (length + cfg.chunk - 1) // cfg.chunk
        latent_mask = np.ones((1, 1, frames), dtype=np.float32)
        # Its own seed's noise: the same request makes the same samples again.
        noise = np.random.default_rng(seed).standard_normal((cfg.channels, frames), np.float32)
        latent = noise[None]
        for step in range(steps):
            (latent, *_) = self.estimator.run(
                None,
                {
                    "noisy_latent": latent,
                    "text_emb": text_emb,
                    "style_ttl": style_ttl,
                    "text_mask": text_mask,
                    "latent_mask": latent_mask,
                    "current_step": np.full(1, step, dtype=np.float32),
                    "total_step": np.full(1, steps, dtype=np.float32),
                },
            )
        (wav, *_) = self.vocoder.run(None, {"latent": latent})
        samples = np.asarray(wav, dtype=np.float32).reshape(-1)[:length]
        return Made(np.ascontiguousarray(samples), float(seconds[0]))
