"""The providers of a run, keyed by registry name, and who speaks each language.

`Voices` makes each provider once, with its typed settings and the run's options, when
planning first needs it (planning needs identities and voice lists, never a model).
`opened` then opens the providers a plan uses, together, and closes them together on
every path out: success, a failed clip, a bug, cancellation. A run in windows makes each
window's clips in an event loop of its own: within `kept_open`, a provider bound to no loop
(`Engine.loop_bound` False: a local model, espeak-ng's worker processes) stays open from
the first window that opens it to the run's end (every way out).

Every language a plan needs gets a voice that speaks it, never another language's (in the
order `Voices.choice` gives). A language no such voice speaks, or a voice given for a
language it does not speak, stops the run before anything is written, naming what would
serve that language.
"""

from __future__ import annotations

from collections.abc import (
    AsyncIterator,
    Callable,
    Coroutine,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import replace
from typing import Any, NamedTuple

from ..content.item import Item
from ..content.places import SpecError
from ..content.rotation import ROTATE
from ..content.spec import TypeSpec
from ..errors import ConfigError, InputError
from ..languages import Lang, base_code, resolved
from ..providers import registry
from ..providers.base import ProviderOptions, as_fix
from ..providers.engine import Engine
from ..readings.saying import Form, Saying, Written
from ..settings.config import Settings, VoiceChoice
from ..store.layout import PAID_NAME
from ..store.manifest import Store
from .plan import Plan, Voice

DEFAULT_PROVIDER = registry.DEFAULT_PROVIDER


class _Server(NamedTuple):
    """A provider that could speak a language, as advice names it."""

    paid: bool
    name: str
    voice: str | None
    """The voice it would speak it with; "" for any of its voices; None for none yet."""
    shown: str
    """`espeak (vi)`, `elevenlabs`, `piper (pass --voice ...)`: as a fix names it."""


def _top_level(origin: str) -> bool:
    """Whether a setting came from the config file's top level (`tts-assets.toml:
    provider`): a default, which `[languages]` overrides, unlike a flag or a set's own
    (`tts-assets.toml: sets.zh.provider`)."""
    return origin.endswith((": provider", ": voice"))


class Voices:
    """Which provider and voice speak each language, with providers made once per run."""

    def __init__(self, settings: Settings, *, keeps_answers: bool = False) -> None:
        """`keeps_answers`: a run's, whose paid providers keep each answer they are billed
        for until its clips are made (`ProviderOptions.paid_answers`)."""
        self.settings = settings
        self.content = resolved(settings.lang)
        self.keeps_answers = keeps_answers
        self._providers: dict[str, Engine] = {}
        self._cache: dict[tuple[Lang, str | None], Voice] = {}
        self._kept: dict[str, Engine] | None = None
        """The providers kept open, within `kept_open`."""

    def provider(self, name: str) -> Engine:
        if name not in self._providers:
            cls = registry.get(name)
            s = self.settings
            options = ProviderOptions(
                timeout=s.timeout,
                concurrency=s.concurrency,
                scratch_dir=s.staging,
                paid_answers=s.staging / PAID_NAME if self.keeps_answers else None,
                device=s.device,
                models=s.models,
            )
            self._providers[name] = cls(s.providers.get(name), options)
        return self._providers[name]

    def choice(self, lang: Lang) -> VoiceChoice:
        """Who speaks `lang`, in one order (the first that says wins):

        1. for the content language, --provider (and --voice), or the set's own provider;
        2. `[languages]`, for any language;
        3. for the content language, the config's top-level provider (and voice);
        4. for another language, the content language's provider; else kokoro.
        """
        s = self.settings
        # `[languages]` is keyed by codes as the config writes them: `en-US`, else `en`.
        mapped = s.languages.get(lang.code) or s.languages.get(lang.base)
        if lang.base != self.content.base:
            if mapped is not None:
                return mapped
            own = self.choice(self.content)
            why = f"the content language's provider, as [languages] has no {lang}"
            return VoiceChoice(own.provider, None, why)
        provider = s.origins.get("provider", "provider" if s.provider else "")
        voice = s.origins.get("voice", "voice" if s.voice else "")
        chosen = f"chosen by {provider}"
        top = s.provider or DEFAULT_PROVIDER
        mapped_wins = False
        if s.provider is not None and not _top_level(provider):
            base = VoiceChoice(s.provider, None, chosen)
            if mapped is not None and mapped.provider == s.provider:
                base = replace(mapped, source=chosen)  # `[languages]` keeps its voice
        elif mapped is not None:
            base = replace(mapped, source=f"chosen by {mapped.source}")
            mapped_wins = True
        elif s.provider is not None:
            base = VoiceChoice(s.provider, None, chosen)
        else:
            base = VoiceChoice(DEFAULT_PROVIDER, None, "the default provider")
        # A voice follows its provider: the top level's, unless [languages] chose another
        # provider or a voice of its own.
        other = mapped_wins and (base.voice is not None or base.provider != top)
        if s.voice is not None and not (_top_level(voice) and other):
            return VoiceChoice(base.provider, s.voice, base.source)
        return base

    def voice(self, lang: Lang, voice: str | None = None) -> Voice:
        """Who speaks `lang` (with `voice` when a field names its own), checked: a voice
        that speaks `lang`, else InputError naming what would serve it."""
        cache_key = (lang, voice)
        if cache_key not in self._cache:
            choice = self.choice(lang)
            provider = self.provider(choice.provider)
            voices = provider.catalogue
            name = voice or choice.voice or next(iter(choice.voices), None)
            if name is None:
                if not voices.voices_for(lang.code):
                    raise InputError(self._no_voice(provider, lang))
                name = voices.default_voice(lang.code)
            try:
                voices.check_voice(name)
            except InputError as e:
                if voice is not None:
                    raise  # a field's or a retake's own: its caller names the place
                raise InputError(f"{self._given(choice)}: {e}") from None
            if not voices.speaks(name, lang.code):
                raise InputError(self._wrong_voice(provider, name, lang))
            self._cache[cache_key] = Voice(choice.provider, name, provider.identity(name))
        return self._cache[cache_key]

    def _given(self, choice: VoiceChoice) -> str:
        """The flag or config key that named the voice of `choice` (`--voice`,
        `tts-assets.toml: [languages] ja`)."""
        s = self.settings
        if s.voice is not None and choice.voice == s.voice:
            return s.origins.get("voice", "voice")
        return choice.source.removeprefix("chosen by ") or "voice"

    def _no_voice(self, provider: Engine, lang: Lang) -> str:
        """`zh: kokoro has no Chinese voice in its voices file; pass ..., or --provider
        espeak (cmn), or elevenlabs`; when no provider on this machine speaks it offline,
        `th: no offline voice for Thai: ...`, each offline provider's reason in turn."""
        hint = provider.catalogue.voice_hint(lang.code)
        others = [s for s in self._servers(lang) if s.name != provider.name]
        fixes = self._fixes(lang, [as_fix(hint)] if hint else [], others)
        chosen = self.choice(lang).source
        why = f" ({provider.name}: {chosen})" if chosen else ""
        reason = f"{provider.catalogue.no_voice(lang.code)}{why}"
        if provider.billing is None and not hint and not any(not s.paid for s in others):
            reasons = [reason, *self._offline_reasons(lang, provider.name)]
            reason = f"no offline voice for {lang.title}: " + "; ".join(reasons)
        return f"{lang}: {reason}; " + ", or ".join(fixes)

    def _fixes(self, lang: Lang, fixes: list[str], others: list[_Server]) -> list[str]:
        """What would give `lang` a voice, after the provider's own `fixes`: another
        provider (`--provider`, or a `[languages]` entry for another language)."""
        shown = [s.shown for s in others]
        if shown and lang.base == self.content.base:
            fixes.append(("" if fixes else "pass ") + "--provider " + ", or ".join(shown))
        else:
            first = next((s for s in others if s.voice is not None), None)
            if first is not None:
                mapping = f"{first.name}:{first.voice}" if first.voice else first.name
                fixes.append(f'map it in [languages] ({lang} = "{mapping}")')
            fixes += [s.shown for s in others if s is not first]
        return fixes or [f"map {lang} to a provider that speaks it in [languages]"]

    def _wrong_voice(self, provider: Engine, voice: str, lang: Lang) -> str:
        languages = provider.catalogue.voice_languages(voice)
        if any(base_code(code) == lang.base for code in languages):
            # A voice made for the language that the provider does not use (espeak-ng's th).
            return self._no_voice(provider, lang)
        speaks = ", ".join(languages) or "no language it can name"
        own = provider.catalogue.voices_for(lang.code)
        fix = (
            f"use one of its {lang.title} voices ({', '.join(own[:4])})"
            if own
            else self._no_voice(provider, lang).partition("; ")[2]
        )
        return (
            f"{lang}: the {provider.name} voice {voice} speaks {speaks}, not "
            f"{lang.title}, and a clip in the wrong language is worse than none; {fix}"
        )

    def _servers(self, lang: Lang) -> list[_Server]:
        """Every provider with a voice for `lang` or a way to get one, offline ones first."""
        found: list[_Server] = []
        for name in registry.names():
            try:
                other = self.provider(name)
                voice = other.catalogue.offer(lang.code)
                hint = None if voice is not None else other.catalogue.voice_hint(lang.code)
            except Exception:  # not installed, a program missing, a broken plugin
                continue
            if voice is not None or hint is not None:
                label = voice or self._setting(lang, name, hint)
                shown = f"{name} ({label})" if label else name
                found.append(_Server(other.billing is not None, name, voice, shown))
        return sorted(found)

    def _offline_reasons(self, lang: Lang, besides: str) -> list[str]:
        """Why each offline provider but `besides` that can run here has no voice for `lang`."""
        reasons = []
        for name in registry.names():
            try:
                if name == besides or registry.get(name).unavailable_reason() is not None:
                    continue
                other = self.provider(name)
                if other.billing is None:
                    reasons.append(other.catalogue.no_voice(lang.code))
            except Exception:  # not installed, a program missing, a broken plugin
                continue
        return reasons

    def instead(self, lang: Lang, besides: str) -> str:
        """What else could speak `lang` than provider `besides`, offline first: `use
        kokoro (pass --kokoro-voices kokoro-voices-v1.0), or elevenlabs`;
        "" when nothing could."""
        shown = [s.shown for s in self._servers(lang) if s.name != besides]
        return "use " + ", or ".join(shown) if shown else ""

    def _setting(self, lang: Lang, name: str, hint: str | None) -> str:
        """How to act on provider `name`'s `hint` for `lang`: the flag, for the content
        language; for another, the `[languages]` entry (--voice sets the content's)."""
        if hint is None:
            return ""
        voice, _, rest = hint.removeprefix("--voice ").partition(" ")
        if not hint.startswith("--voice ") or lang.base == self.content.base:
            return as_fix(hint)
        entry = f'set [languages] {lang} = "{name}:{voice}" in tts-assets.toml'
        return f"{entry} {rest}" if rest else entry

    def rotated(self, types: Sequence[TypeSpec]) -> list[TypeSpec]:
        """`types` with each field that names no voice of its own given its language's
        voices in rotation, where `[languages]` lists several (`content.rotation`)."""
        found: list[TypeSpec] = []
        rotations = tuple(
            (code, choice.voices)
            for code in self.settings.languages
            if len((choice := self.choice(resolved(code))).voices) > 1 and choice.mode == ROTATE
        )
        for given in types:
            spec = replace(given, rotations=rotations) if rotations else given
            try:
                fields = tuple(
                    replace(f, voices=choice.voices, voice_mode=choice.mode)
                    if f.voice is None
                    and not f.voices
                    and (choice := self.choice(resolved(f.lang))).voices
                    else f
                    for f in spec.fields
                )
                found.append(spec if fields == spec.fields else replace(spec, fields=fields))
            except SpecError as e:  # its list place (beside its URL) is another's place
                where = self.settings.config_file or "config"
                why = str(e).partition("; ")[0]
                raise ConfigError(
                    f"{where}: [languages]: types.{spec.name}.{e.key}: {why}; a language's "
                    "list of voices in each mode puts a field's list beside its URL: give "
                    'the field a voice of its own, or voice_mode = "each" with a voices_url '
                    "of its own"
                ) from None
        return found

    def cast(self, types: Sequence[TypeSpec]) -> list[TypeSpec]:
        """`types` with each dialogue told its language's speakers (`[languages.xx]
        speakers`), under its own (`content.dialogue.Speakers`)."""
        given = self.settings.language_speakers
        if not given:
            return list(types)
        found: list[TypeSpec] = []
        for spec in types:
            dialogues = tuple(
                replace(d, speakers=replace(d.speakers, language=taken))
                if (taken := given.get(d.lang) or given.get(resolved(d.lang).base))
                else d
                for d in spec.dialogues
            )
            found.append(
                spec if dialogues == spec.dialogues else replace(spec, dialogues=dialogues)
            )
        return found

    def check(self, types: Sequence[TypeSpec], where: str) -> None:
        """InputError naming the config key (in `where`) of a voice that its provider does
        not have or that does not speak its language (`types.talk.dialogues[0].speakers.A`):
        a field's, or a voice of its list; a speaker's, whether a line names it or not: a
        dialogue's own in its language, a type's in each of its dialogues' (the content
        language's, for a type with none), a language's in that language."""
        checks: list[tuple[Lang, str, str]] = []
        speakers: list[tuple[Lang, str, str]] = []  # checked after every field's
        for spec in types:
            for n, f in enumerate(spec.fields):
                if f.is_twin:
                    continue  # its field's voices, checked with it
                lang = resolved(f.lang)
                choice = self.choice(lang)
                # A list the field took from `[languages]` is named there.
                taken = bool(f.voices) and f.voices == choice.voices
                own = f"{where}: types.{spec.name}.fields[{n}].voice"
                at = choice.source.removeprefix("chosen by ") if taken else own
                checks += [(lang, v, at) for v in f.voices or ((f.voice,) if f.voice else ())]
            langs = list(dict.fromkeys(resolved(d.lang) for d in spec.dialogues)) or [self.content]
            for n, d in enumerate(spec.dialogues):
                at = f"{where}: types.{spec.name}.dialogues[{n}].speakers"
                speakers += [(resolved(d.lang), v, f"{at}.{s}") for s, v in d.speakers.own]
            at = f"{where}: types.{spec.name}.speakers"
            speakers += [(lang, v, f"{at}.{s}") for s, v in spec.speakers for lang in langs]
        for code, table in self.settings.language_speakers.items():
            at = f"{where}: [languages.{code}] speakers"
            speakers += [(resolved(code), v, f"{at}.{s}") for s, v in table]
        for lang, voice, at in [*checks, *speakers]:
            try:
                self.voice(lang, voice)
            except InputError as e:
                raise InputError(f"{at}: {e}") from None

    def for_item(self, item: Item) -> Voice:
        return self.voice(item.lang, item.voice)

    def forms(self, saying: Saying, said: Iterable[tuple[Item, Voice]]) -> list[Form]:
        """What each item is said as by its voice (`Saying.forms`)."""
        return saying.forms([(Written.of(i), self.provider(v.provider), v.voice) for i, v in said])

    def workers(self, plan: Plan) -> int:
        """The run's concurrency: the flag or env, else the largest natural concurrency."""
        if self.settings.concurrency is not None:
            return self.settings.concurrency
        # The providers of the texts said (a drill is joined by none of them).
        said = {c.voice.provider for c in plan.new if c.speech is not None}
        used = said or {self.choice(self.content).provider}
        return max(self.provider(name).natural_concurrency() for name in used)

    @asynccontextmanager
    async def opened(
        self, names: Iterable[str], workers: int
    ) -> AsyncIterator[Mapping[str, Engine]]:
        """The providers called `names`, open for `workers` clips at once, closed on exit
        (those `kept_open` keeps: opened once, closed at its end)."""
        async with AsyncExitStack() as stack:
            opened: dict[str, Engine] = {}
            for name in sorted(set(names)):
                provider = self.provider(name)
                provider.set_thread_limit(workers)
                if self._kept is None or provider.loop_bound:
                    opened[name] = await stack.enter_async_context(provider)
                    continue
                if name not in self._kept:
                    await provider.open()  # not kept if it fails: `async with` closes none
                    self._kept[name] = provider
                opened[name] = provider
            yield opened

    @contextmanager
    def kept_open(
        self, run: Callable[[Callable[[], Coroutine[Any, Any, None]]], object]
    ) -> Iterator[None]:
        """Within: keep each provider bound to no event loop (`Engine.loop_bound` False) open
        from the first `opened` that opens it (a run in windows, each in an event loop of
        its own, loads a model once); on the way out, every way, close them in an event
        loop `run` gives a coroutine function (the run's runner)."""
        self._kept = {}
        try:
            yield
        finally:
            kept, self._kept = self._kept, None

            async def close() -> None:  # as `async with` closes them
                async with AsyncExitStack() as closing:
                    for provider in kept.values():
                        closing.push_async_callback(provider.aclose)

            if kept:
                run(close)


def other_provider(settings: Settings, plan: Plan, store: Store) -> str | None:
    """A note when none of the clips the content needs is present but the out dir holds
    clips of the same texts in the same language by another provider: the run was likely
    told its provider on the command line before (`--provider espeak`), and not this time."""
    if plan.present or not plan.new or settings.origins.get("provider", "").startswith("--"):
        return None
    planned = {(c.type_name, c.spoken, c.lang.base): c.voice.provider for c in plan.new}
    others = {
        e.provider
        for e in store
        if e.provider  # an adopted clip records none
        and e.lang  # an older manifest's clip: its language is not known
        and (same := (e.path.partition("/")[0], e.text, base_code(e.lang))) in planned
        and e.provider != planned[same]
    }
    if not others:
        return None
    names = ", ".join(sorted(others))
    first = sorted(others)[0]
    return (
        f"no clip the content needs is present, but {store.out_dir} holds clips of its texts "
        f"made by {names}: pass --provider {first} (or set provider in the config) to use them"
    )
