"""What a text is said as: one owner per run (`saying.Saying`), asking each language's reader.

`saying.Saying` decides what every text is said as (numbers in words, a language's
reader, overrides and respellings): the plan, a run, the one-text API and the listening
check ask it (it is imported from `readings.saying`, which loads the provider protocol).

Modules: `saying` (the owner), `reader` (what the owner asks of a language's reader, and
where each is found: its profile names it), `form` (the values passed between them),
`numbers` (numbers, dates and times in words: the shared passes; each language's class is
in its package), `overrides` (reviewed pronunciations and respellings), `words` (when each
word of a clip is said), `units`. The readers themselves live in their language's package
(`tts_assets/lang/ja/`: the readings reconciled, the accent; `tts_assets/lang/zh/`:
pinyin and polyphones), reached only by name.
"""

from .overrides import NO_OVERRIDES, Override, Overrides

__all__ = ["NO_OVERRIDES", "Override", "Overrides"]
