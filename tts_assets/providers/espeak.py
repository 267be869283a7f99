"""eSpeak NG: robotic, but instant, offline and in a hundred languages.

Two engines, one voice list and one behaviour:

- `packaged`: the library espeakng-loader ships (espeak-ng 1.52 and its data), called in
  worker processes of the run (`espeak_library.py`); the same espeak-ng on every machine;
- `system`: the `espeak-ng` program on PATH, one process per clip, the text fed on stdin.

`engine = "auto"` (the default) takes the packaged one when espeakng-loader is installed,
else the program. Which one spoke is part of every clip's content key (`identity`): the
packaged library names its version and its package's, the program its version alone.

Every clip records what espeak-ng said: its phoneme mnemonics, as `espeak-ng -x` prints
them (`Audio.phonemes`, then the manifest). Where they show that espeak-ng switched to
another language (`(en)meI55Tr'i:55 ...(cmn)`: Debian's 1.51 reads most Chinese as
English pinyin with tone digits), the piece fails with `CannotSay`, naming the text and
what to do, and nothing is made of it: a clip in the wrong language is worse than none.

The library is not thread-safe, so each worker of a run speaks through a process of its
own (`espeak_workers.py`), killed at the clip timeout as the program's are
(`subprocess_tts.py`): that clip fails, the others go on.

Its Japanese voice reads kana only: a kanji comes out as "Chinese letter" (a switch to
English), or, inside a word, as nothing at all (無くす as "kusu"), and either fails the
clip. It suits quick drafts of kana and CI smoke runs rather than published audio. Its
Thai voice is not used at all (`UNFIT`): it reads Thai letters one by one, in writing
order, with no tones and many syllables without their vowel (ข่าว "news" and ข้าว "rice"
both `kh s w`, in 1.51 and 1.52).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Literal

import anyio
import anyio.to_thread

from ..audio.samples import Audio
from ..audio.timings import Mark, Timings
from ..errors import CannotSay, ClipError, InputError, ProviderFatal
from ..frontends.alphabets import ESPEAK_PINYIN, Alphabet
from ..frontends.base import package_version
from ..frontends.espeak_pinyin import ERHUA_WHY, cannot_say_erhua, erhua_switched
from ..frontends.espeak_switches import refused_switch
from ..languages import base_code, same_language, title_of
from ..programs import Command
from .espeak_library import (
    LibraryError,
    Packaged,
    Spoken,
    VoiceEntry,
    packaged,
    packaged_available,
)
from .espeak_workers import Worker, Workers
from .settings import ProviderSettings
from .speech import Speech
from .subprocess_tts import CommandProvider

_VERSION = re.compile(r"text-to-speech:\s*(\S+)")
_OTHER_LANGUAGE = re.compile(r"\(([^\s()]+)\s+\d+\)")
_SWITCH = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)")
"""A language switch in espeak-ng's phonemes: `(en)` where English starts, `(cmn)` back."""
UNFIT: Mapping[str, str] = {
    "th": 'espeak-ng\'s Thai voice drops Thai tones and many vowels (ข่าว "news" and '
    'ข้าว "rice" both "kh s w")',
}
"""Languages espeak-ng has a voice for that it does not speak well enough to learn from,
each with why (docs/languages.md): no clip is made with them, as with no voice at all."""
_PHONEMES_FILE = "phonemes.txt"
"""Where the program writes its `-x` phonemes, beside the audio."""

_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")
"""A kanji (or its iteration mark), which espeak-ng's Japanese voice cannot read."""
INSTALL_PACKAGED = "pip install 'tts-assets[espeak]'"
"""What installs the packaged espeak-ng (espeakng-loader)."""

WORD_EVENTS = "espeak-ng word events"
"""What the manifest says measured the timings of the packaged library's clips; the
program (`engine = "system"`) reports none: nothing it prints says when a word is said
(its `--pho` writes only for MBROLA voices)."""

Engine = Literal["packaged", "system"]


@dataclass(frozen=True)
class EspeakSettings(ProviderSettings):
    """`[providers.espeak]`: which espeak-ng speaks."""

    engine: Literal["auto", "packaged", "system"] = "auto"
    """"packaged": espeakng-loader's espeak-ng library, in worker processes; "system": the
    espeak-ng program on PATH; "auto": the packaged one when it is installed."""


class EspeakProvider(CommandProvider):
    """eSpeak NG, from its packaged library or the system's `espeak-ng` program."""

    name: ClassVar[str] = "espeak"
    loop_bound: ClassVar[bool] = False  # its library, and its worker processes
    description: ClassVar[str] = "eSpeak NG (packaged library or program), offline and instant"
    settings_type: ClassVar[type[ProviderSettings]] = EspeakSettings
    settings: EspeakSettings
    program: ClassVar[str] = "espeak-ng"
    reproducible: ClassVar[bool] = True  # rules: the same text and voice, the same samples
    install_hint: ClassVar[str] = (
        f"install it (apt-get install espeak-ng), or the packaged one ({INSTALL_PACKAGED})"
    )
    # A language code is a voice: espeak-ng speaks a hundred of them, robotically.
    default_voices: ClassVar[Mapping[str, str]] = {
        "ja": "ja",
        "en": "en-us",
        "zh": "cmn",
        "ko": "ko",
        "de": "de",
        "es": "es",
        "it": "it",
        "fr": "fr-fr",
        "pt": "pt-br",
        "vi": "vi",
        "pl": "pl",
        "nl": "nl",
    }
    told_pinyin: ClassVar[frozenset[str]] = frozenset({"zh"})
    """The languages whose voice (its Mandarin, cmn) is told a text's pinyin as numbered
    syllables (`espeak_pinyin.py`), and says no erhua."""
    reads_no_han: ClassVar[frozenset[str]] = frozenset({"ja"})
    """The languages whose voice reads no Chinese character (its Japanese: 無くす said
    "kusu"), where a text's readings are the reader's to give."""

    _workers: Workers | None = None
    """The packaged library's worker processes, one per clip at once (`set_thread_limit`)."""

    @classmethod
    def unavailable_reason(cls) -> str | None:
        return None if packaged_available() else super().unavailable_reason()

    @cached_property
    def engine(self) -> Engine:
        """The espeak-ng that speaks: `packaged` or `system` (see EspeakSettings)."""
        if self.settings.engine == "auto":
            return "packaged" if packaged_available() else "system"
        return self.settings.engine

    @cached_property
    def _library(self) -> Packaged:
        try:
            return packaged()
        except LibraryError as e:
            raise ProviderFatal(
                f"the packaged espeak-ng cannot be used ({e}); {INSTALL_PACKAGED}, or set "
                '[providers.espeak] engine = "system" for the espeak-ng program'
            ) from None

    def _entries(self, variants: bool = False) -> list[VoiceEntry]:
        """The voices (or the variants) of the engine, as `espeak-ng --voices` lists them:
        each one's file, its language and the others it serves."""
        if self.engine == "packaged":
            return self._library.voices(variants)
        rows = []
        listing = self.query("--voices=variant" if variants else "--voices")
        for line in listing.splitlines()[1:]:  # priority, language, age/gender, name, file, others
            fields = line.split()
            if len(fields) >= 5:
                others = _OTHER_LANGUAGE.findall(" ".join(fields[5:]))
                rows.append(VoiceEntry(fields[4], (fields[1], *others)))
        return rows

    @cached_property
    def _speaks(self) -> dict[str, set[str]]:
        """What each language code or voice file speaks (with the languages its voice
        also serves): its keys are every voice there is."""
        speaks: dict[str, set[str]] = {}
        for entry in self._entries():
            for name in (entry.file, *entry.languages):
                speaks.setdefault(name, set()).update(entry.languages)
        return speaks

    def voices(self) -> list[str]:
        return sorted(set[str]().union(*self._speaks.values()))

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        # A voice is a language code or a voice file, optionally +VARIANT (en-us+f3).
        return tuple(sorted(self._speaks.get(voice.partition("+")[0], ())))

    def speaks(self, voice: str, lang: str) -> bool:
        return base_code(lang) not in UNFIT and super().speaks(voice, lang)

    def no_voice(self, lang: str) -> str:
        return UNFIT.get(base_code(lang)) or super().no_voice(lang)

    @cached_property
    def _variant_names(self) -> set[str]:
        return {entry.file.removeprefix("!v/") for entry in self._entries(variants=True)}

    def check_voice(self, voice: str) -> None:
        # espeak-ng takes a language code or a voice file, optionally `+variant` (en-us+f3).
        base, plus, variant = voice.partition("+")
        if base not in self._speaks:
            raise InputError(
                f"unknown voice {voice!r} for provider 'espeak'; valid voices: "
                f"{', '.join(self.voices())} (optionally +VARIANT, e.g. en-us+f3; "
                "see espeak-ng --voices)"
            )
        if plus and variant not in self._variant_names:
            raise InputError(
                f"unknown espeak-ng variant {variant!r} in voice {voice!r}; valid variants: "
                f"{', '.join(sorted(self._variant_names))}"
            )

    def identity(self, voice: str) -> Mapping[str, str]:
        # The packaged library and its data come together in one package release.
        packaged = self.engine == "packaged"
        loader = {"espeakng_loader": package_version("espeakng-loader")} if packaged else {}
        return {"espeak_ng": self._version, **loader}

    @cached_property
    def _version(self) -> str:
        if self.engine == "packaged":
            return self._library.version
        banner = self.query("--version").strip()
        found = _VERSION.search(banner)
        # The banner also names the data directory, which differs between machines but
        # not in sound: only the version goes into the content key.
        return found.group(1) if found else banner.split("Data at:")[0].strip()

    def no_timings(self) -> str:
        if self.engine == "system":
            return (
                'the espeak-ng program (engine = "system") reports no word timings; the '
                "packaged library does"
            )
        return "espeak-ng reported no word events for it"

    def set_thread_limit(self, limit: int) -> None:
        # The library takes one text at a time in a process (its lock): each worker gets
        # a process (module docstring).
        if self.engine == "packaged" and (self._workers is None or self._workers.count != limit):
            if self._workers is not None:
                self._workers.close()
            self._workers = Workers(max(1, limit))

    async def aclose(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None
        await super().aclose()

    async def synthesize(self, speech: Speech) -> Audio:
        if self.engine == "system":
            return await super().synthesize(speech)
        # A worker process says it, killed if the clip times out or the run stops (that
        # clip fails, the run goes on).
        if self._workers is None:
            self.set_thread_limit(1)
        workers, taken, rate = self._workers, list[Worker](), self.rate(speech.speed)
        assert workers is not None
        answered = False
        try:
            with anyio.fail_after(self.options.timeout):
                spoken = await anyio.to_thread.run_sync(
                    workers.speak, speech.text, speech.voice, rate, taken, abandon_on_cancel=True
                )
            answered = True
        except TimeoutError:
            raise ClipError(
                f'espeak-ng {self._version} did not finish "{_short(speech.text)}" within '
                f"{self.options.timeout:g} s; its process was stopped"
            ) from None
        except LibraryError as e:
            answered = True
            raise ClipError(str(e)) from None
        finally:
            if taken and not answered:  # the timeout, or a stop: the call is abandoned
                workers.kill(taken[0])
        self._check_said(speech, spoken.phonemes)
        timings = word_marks(speech.text, spoken)
        return Audio(spoken.samples, self._library.sample_rate, spoken.phonemes, timings)

    def command(self, exe: str, voice: str, speed: float, text: Path, out: Path) -> Command:
        # -b 1: the input is UTF-8 whatever the locale; --stdin: read all input, not a line;
        # -x --phonout: the phonemes it says, beside the audio.
        argv = [exe, "-b", "1", "-v", voice, "-s", str(self.rate(speed))]
        said = f"--phonout={out.with_name(_PHONEMES_FILE)}"
        return Command(argv=[*argv, "-x", said, "-w", str(out), "--stdin"], stdin=text)

    def made(self, speech: Speech, audio: Audio, folder: Path) -> Audio:
        said = folder / _PHONEMES_FILE
        phonemes = _one_line(said.read_text("utf-8", errors="replace")) if said.is_file() else ""
        self._check_said(speech, phonemes)
        return Audio(audio.samples, audio.sample_rate, phonemes or None)

    def cannot_say(self, speech: Speech) -> str | None:
        # The check a synthesis makes of its phonemes, on the phonemes alone (no audio).
        try:
            self._check_said(speech, self._phonemes_of(speech.text, speech.voice))
        except CannotSay as e:
            return str(e)
        return None

    def _check_said(self, speech: Speech, phonemes: str) -> None:
        """CannotSay when `phonemes` show a switch away from the language of `speech` that
        is not a borrowed word its language says that way (`espeak_switches`)."""
        own = (speech.lang, *self.voice_languages(speech.voice))

        def is_own(code: str) -> bool:
            return any(same_language(code, lang) for lang in own)

        def said(text: str) -> str:
            return self._phonemes_of(text, speech.voice)

        switched = list(dict.fromkeys(c for c in _SWITCH.findall(phonemes) if not is_own(c)))
        if not switched:
            self._check_kanji(speech, phonemes)
            return
        refused = refused_switch(speech.text, speech.lang, phonemes, said, is_own)
        if refused is None:
            return  # borrowed words, said as a native says them
        erhua = base_code(speech.lang) in self.told_pinyin and erhua_switched(speech.text, said)
        if erhua:  # Mandarin's erhua
            raise CannotSay(
                f'espeak-ng {self._version} {speech.voice} "{_short(speech.text)}": '
                + cannot_say_erhua(erhua),
                why=ERHUA_WHY,
            )
        names = " and ".join(title_of(code) for code in switched)
        title = title_of(speech.lang)
        quoted = f'"{_short(speech.text)}"'
        if refused.word is not None:
            where = f'for the word "{refused.word}" ({refused.reason}) in {quoted}'
        else:
            where = f"for {quoted}" + (f" ({refused.reason})" if refused.reason else "")
        raise CannotSay(
            f"espeak-ng {self._version} {speech.voice} switched to {names} {where} (its "
            f"phonemes: {_short(phonemes, 60)}): it would not say it in {title}, so no clip "
            f"was made; {self._instead(speech.lang, refused.word)}",
            why=f"it switched to {names}",
        )

    def _check_kanji(self, speech: Speech, phonemes: str) -> None:
        """CannotSay for a Japanese text with a kanji said without a switch: dropped
        without a sound (module docstring), it would leave a clip of the rest of the word."""
        if base_code(speech.lang) not in self.reads_no_han or not (
            found := _KANJI.search(speech.text)
        ):
            return
        raise CannotSay(
            f"espeak-ng {self._version} {speech.voice} said nothing for the kanji "
            f'{found.group()} in "{_short(speech.text)}" (its phonemes: {_short(phonemes, 60)}): '
            "its Japanese voice reads no kanji, so no clip was made; "
            f"{self._instead(speech.lang)}",
            why="it reads no kanji",
        )

    def alphabet(self, voice: str) -> Alphabet | None:
        # A voice of a language whose readings are pinyin (its Mandarin, cmn) is told a
        # Chinese text's pinyin as numbered syllables (espeak_pinyin.py); the others read
        # plain text.
        pinyin = any(base_code(lang) in self.told_pinyin for lang in self.voice_languages(voice))
        return ESPEAK_PINYIN if pinyin else None

    def phonemes_of_each(self, texts: Sequence[str], voice: str) -> list[str]:
        # The library is loaded once for them all (a load with the Mandarin voice is
        # costly); the program is asked each text.
        if self.engine == "packaged":
            return self._library.phonemes(texts, voice) if texts else []
        return [_one_line(self.query("-q", "-b", "1", "-x", "-v", voice, "--", t)) for t in texts]

    def said_by(self, voice: str) -> str:
        return f"espeak-ng {self._version}"

    def _phonemes_of(self, text: str, voice: str) -> str:
        return self.phonemes_of_each([text], voice)[0]

    def _instead(self, lang: str, word: str | None = None) -> str:
        """What to do about a text this espeak-ng cannot say in `lang` (because of `word`)."""
        other = f'give {title_of(lang)} another provider in [languages] ({lang} = "...")'
        if word is not None:
            other = (
                f'add a pronunciation for it ([pronunciations] "{word}" = "how it is said"), '
                f"or {other}"
            )
        if self.engine == "packaged":
            return other
        if packaged_available():
            return (
                f'set [providers.espeak] engine = "auto" for the packaged espeak-ng, which may '
                f"read it, or {other}"
            )
        return f"install the packaged espeak-ng ({INSTALL_PACKAGED}), which may read it, or {other}"


def word_marks(text: str, spoken: Spoken) -> Timings | None:
    """Each word of `text` that espeak-ng said, from its word events: from where it starts
    to where the next word starts or its clause ends (`readings.words` holds each word to
    where its sound is). None when it reported no word."""
    if not spoken.words:
        return None
    edges = sorted({*(w.sample for w in spoken.words), *spoken.clause_ends})
    length = len(spoken.samples)
    # A word's text runs to where the next word's starts (its punctuation with it; the
    # text before the first word with the first), so the words together are the text.
    starts = [w.start for w in spoken.words]
    cuts = [0, *starts[1:], len(text)]
    marks = []
    for index, word in enumerate(spoken.words):
        end = next((at for at in edges if at > word.sample), length)
        said = text[cuts[index] : max(cuts[index], cuts[index + 1])].strip()
        marks.append(Mark(said, min(word.sample, length), min(end, length)))
    return Timings("word", tuple(marks), WORD_EVENTS)


def _one_line(said: str) -> str:
    """Phonemes espeak-ng printed on several lines, on one: stripped, joined by spaces."""
    return " ".join(line.strip() for line in said.splitlines() if line.strip())


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[: limit - 1]}…"
