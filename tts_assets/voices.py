"""The providers of a run, keyed by registry name, and who speaks each language.

`Voices` makes each provider once, with its typed settings and the run's options, when
planning first needs it (planning needs identities and voice lists, never a model).
`opened` then opens the providers a plan uses, together, and closes them together on
every path out: success, a failed clip, a bug, cancellation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager

from .config import PRIMARY_LANG, Settings, VoiceChoice
from .content.item import Item
from .plan import Plan, Voice
from .providers import registry
from .providers.base import BlockingProvider, Provider, ProviderOptions

DEFAULT_PROVIDER = "kokoro"


class Voices:
    """Which provider and voice speak each language, with providers made once per run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._providers: dict[str, Provider] = {}
        self._cache: dict[tuple[str, str | None], Voice] = {}

    def provider(self, name: str) -> Provider:
        """The provider registered as `name`, made on first use."""
        if name not in self._providers:
            cls = registry.get(name)
            s = self.settings
            options = ProviderOptions(
                timeout=s.timeout, concurrency=s.concurrency, scratch_dir=s.temp_dir
            )
            self._providers[name] = cls(s.providers.get(name), options)
        return self._providers[name]

    def choice(self, lang: str) -> VoiceChoice:
        """--provider/--voice speak Japanese; [languages] the rest (and Japanese without them)."""
        s = self.settings
        mapped = s.languages.get(lang)
        if lang != PRIMARY_LANG:
            # An unmapped language: the primary provider's default voice for it.
            return mapped or VoiceChoice(self.choice(PRIMARY_LANG).provider, None)
        if s.provider is None:
            base = mapped or VoiceChoice(DEFAULT_PROVIDER, None)
        elif mapped is not None and mapped.provider == s.provider:
            base = mapped
        else:
            base = VoiceChoice(s.provider, None)
        return VoiceChoice(base.provider, s.voice or base.voice)

    def voice(self, lang: str, voice: str | None = None) -> Voice:
        """Who speaks `lang` (with `voice` when a field names its own), checked."""
        cache_key = (lang, voice)
        if cache_key not in self._cache:
            choice = self.choice(lang)
            provider = self.provider(choice.provider)
            name = voice or choice.voice or provider.default_voice(lang)
            provider.check_voice(name)
            self._cache[cache_key] = Voice(choice.provider, name, provider.identity(name))
        return self._cache[cache_key]

    def for_item(self, item: Item) -> Voice:
        """Who speaks `item`."""
        return self.voice(item.lang, item.voice)

    def workers(self, plan: Plan) -> int:
        """The run's concurrency: the flag or env, else the largest natural concurrency."""
        if self.settings.concurrency is not None:
            return self.settings.concurrency
        used = {c.voice.provider for c in plan.new} or {self.choice(PRIMARY_LANG).provider}
        return max(self.provider(name).natural_concurrency() for name in used)

    @asynccontextmanager
    async def opened(
        self, names: Iterable[str], workers: int
    ) -> AsyncIterator[Mapping[str, Provider]]:
        """The providers called `names`, open for `workers` clips at once, closed on exit."""
        async with AsyncExitStack() as stack:
            opened: dict[str, Provider] = {}
            for name in sorted(set(names)):
                provider = self.provider(name)
                if isinstance(provider, BlockingProvider):
                    provider.set_thread_limit(workers)
                opened[name] = await stack.enter_async_context(provider)
            yield opened
