"""What Whisper base hears in a clip: a transcript, how well the meant text fits the audio,
and the language it hears.

faster-whisper's `transcribe` pads every clip to a 30 s window and encodes all of it,
which is most of the cost of a short clip. Here CTranslate2 is called directly, as
faster-whisper does inside, with a window of 15 s (or the clip plus 2 s, up to 30 s):
the clip's *audio* is padded with silence, as in Whisper's training, and encoded once;
then three questions are asked of that encoding:

- greedy decoding in the clip's language: what was heard; when that transcript is
  further from the meant text than the language's ceiling (`again`), beam search
  (`BEAM`) hears it a second time and the closer transcript is kept: Whisper base's
  greedy pass alone misheard a correct 図書館で本を三冊借りました。 as 都書館で本を散策させました,
  its beam search, much closer, as 図書館で本を散策ありました;
- forced decoding of each form of the meant text (`align`): the mean log-probability of
  its tokens, the *score* (how well the meant words fit the audio; a changed word or a
  dropped negation costs it even where the transcript's characters barely differ);
- language detection: the language heard, and its probability.

`benchmarks/listening.py` measures what this costs and how the verdicts come out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..languages import Lang
from .model import WHISPER_BASE

SAMPLE_RATE = 16_000
HOP = 160
"""Samples per mel frame (10 ms)."""
WINDOW_FRAMES = 1500
"""The shortest window encoded (15 s): as accurate as 30 s on sentences, at a fraction of
its cost; a shorter one makes Whisper loop (it needs a silent tail to end)."""
TAIL_FRAMES = 200
"""Silence after the clip, when the clip needs more than the shortest window."""
MAX_FRAMES = 3000
"""Whisper's own window (30 s): the longest clip it hears at once."""
MAX_SECONDS = (MAX_FRAMES - TAIL_FRAMES) * HOP / SAMPLE_RATE
"""The longest clip heard whole."""
MAX_TOKENS = 448
BEAM = 5
"""The beam of the second hearing (Whisper's own default beam)."""


@dataclass(frozen=True)
class Hearing:
    """What was heard in one clip."""

    text: str
    """Whisper's transcript, in the clip's language."""
    score: float
    """The best mean token log-probability of the meant text's forms, given the audio."""
    language: str
    """The language Whisper hears most likely (ISO 639-1)."""
    language_p: float
    """Its probability."""


def frames_for(samples: int) -> int:
    """The window (mel frames, even) a clip of `samples` 16 kHz samples is encoded in."""
    needed = samples // HOP + TAIL_FRAMES
    frames = min(MAX_FRAMES, max(WINDOW_FRAMES, needed))
    return frames + frames % 2


class Ear:
    """A loaded Whisper model that hears clips; `hear` may run in several threads at once
    (as many as the model was loaded for)."""

    identity: str = WHISPER_BASE.identity
    """The model's identity (`model.Whisper`), kept with the verdicts reached with it."""

    def __init__(self, model: Any, identity: str = "") -> None:
        self._model = model
        self._tokenizers: dict[str, Any] = {}
        if identity:
            self.identity = identity

    def _tokenizer(self, lang: str) -> Any:
        """Whisper's tokenizer for a language, by the code Whisper is told (its wire)."""
        found = self._tokenizers.get(lang)
        if found is None:
            from faster_whisper.tokenizer import Tokenizer

            found = Tokenizer(self._model.hf_tokenizer, True, task="transcribe", language=lang)
            self._tokenizers[lang] = found
        return found

    def hear(
        self,
        samples: Any,
        lang: Lang,
        meant: Sequence[str],
        *,
        again: Callable[[str], float] | None = None,
        beam_size: int = 1,
    ) -> Hearing:
        """What Whisper hears in `samples` (mono float32 at 16 kHz) spoken in `lang`, and
        how well the best of the `meant` forms (text, its reading) fits them. `again`:
        how far a transcript is from the meant text, over the ceiling (> 0: hear again
        with beam search, and keep the closer transcript); `beam_size`: of the first
        hearing."""
        import ctranslate2
        import numpy as np

        whisper = self._model.model
        frames = frames_for(len(samples))
        heard_frames = min(len(samples) // HOP, frames)
        mel = self._model.feature_extractor(samples, padding=frames * HOP)[:, :frames]
        features = ctranslate2.StorageView.from_array(np.ascontiguousarray(mel[None]))
        encoded = whisper.encode(features, to_cpu=True)

        tokenizer = self._tokenizer(lang.code)
        prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]

        def transcript(beam: int) -> str:
            result = whisper.generate(
                encoded,
                [prompt],
                beam_size=beam,
                max_length=MAX_TOKENS,
                suppress_blank=True,
                suppress_tokens=[-1],
            )[0]
            return str(tokenizer.decode([t for t in result.sequences_ids[0] if t < tokenizer.eot]))

        text = transcript(beam_size)
        if again is not None and beam_size < BEAM and (off := again(text)) > 0:
            second = transcript(BEAM)
            if again(second) < off:
                text = second

        known = lang.profile
        lead = " " if known is None or known.spaced else ""  # unspaced: Whisper adds none
        score = -math.inf
        for form in dict.fromkeys(m.strip() for m in meant if m.strip()):
            ids = tokenizer.encode(lead + form)
            if not ids or len(ids) + len(prompt) >= MAX_TOKENS:
                continue
            aligned = whisper.align(encoded, prompt, [ids], max(1, heard_frames))[0]
            probs = np.maximum(np.asarray(aligned.text_token_probs, dtype=np.float64), 1e-9)
            score = max(score, float(np.mean(np.log(probs))))

        top, p = whisper.detect_language(encoded)[0][0]
        return Hearing(text.strip(), score, top.strip("<|>"), float(p))
