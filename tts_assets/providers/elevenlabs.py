"""ElevenLabs: speech from the ElevenLabs text-to-speech HTTP API (paid, needs a key).

One `POST /v1/text-to-speech/{voice_id}/with-timestamps?output_format=mp3_44100_128` per
piece of text: the answer carries the MP3 (base64) and when each character of the text is
said, billed as the plain endpoint bills; the MP3 is decoded to float samples in a worker
thread, the characters placed in them (`Audio.timings`). What can go wrong, as
docs/providers.md tells users: a passing failure (429 system_busy, 5xx, a dropped
connection, a timeout) is a retryable ClipError for the run's retry policy; 429
too_many_concurrent_requests lowers the provider's own gate (`_note_plan_limit`,
`_squeeze`) and sends again; `_FATAL`'s answers stop the run; another 4xx fails its clip.

The API key travels only as the `xi-api-key` header of each request: it is never set on
the client (httpx prints client and request headers in clear), never logged, and scrubbed
from every message built from what the server or the transport said.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

import anyio
import anyio.abc
import anyio.to_thread

from .. import tls
from ..audio.samples import Audio
from ..audio.timings import Mark, Timings
from ..errors import AudioInvalid, ClipError, ConfigError, InputError, ProviderFatal
from ..languages import base_code, title_of
from ..retry import RetryPolicy, parse_retry_after
from ..store.files import READ_LIMIT, read_regular, write_atomic
from ..store.layout import PAID_ANSWER, ignore_staging, paid_answer_name
from .billing import Billing
from .catalogue import VoiceCatalogue
from .engine import Engine
from .settings import ProviderSettings, setting
from .speech import ProviderOptions, Speech

if TYPE_CHECKING:
    from pathlib import Path

    import httpx

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.elevenlabs.io"
DEFAULT_MODEL = "eleven_multilingual_v2"
OUTPUT_FORMAT = "mp3_44100_128"
ALIGNMENT = "elevenlabs alignment"
"""What the manifest says measured the timings: the `with-timestamps` answer's own
character alignment."""
FREE_PLAN_CONCURRENCY = 2
"""Multilingual v2 requests the Free plan may run at once (Starter 3, Creator 5, Pro 10)."""

API_KEY_ENV = "ELEVENLABS_API_KEY"
BASE_URL_ENV = "ELEVENLABS_BASE_URL"
KEY_MISSING = f"set {API_KEY_ENV} or pass --api-key"
KEPT = "finished clips were kept"

_MULTILINGUAL_V2 = [
    *("en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil"),
    *("pl", "sv", "bg", "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk", "ru"),
]
_V2_5 = [*_MULTILINGUAL_V2, "hu", "no", "vi"]
MODEL_LANGUAGES: Mapping[str, tuple[str, ...]] = {
    "eleven_multilingual_v2": tuple(_MULTILINGUAL_V2),
    "eleven_turbo_v2_5": tuple(_V2_5),
    "eleven_flash_v2_5": tuple(_V2_5),
    "eleven_v3": (*_V2_5, "th"),
    "eleven_monolingual_v1": ("en",),
    "eleven_turbo_v2": ("en",),
    "eleven_flash_v2": ("en",),
}
"""The languages each text-to-speech model speaks, with every voice (ElevenLabs' model list:
Vietnamese from the v2.5 models on, Thai with eleven_v3 only; eleven_v3 speaks more than
listed here). A model not listed is trusted with any language."""
SUGGESTED_MODELS = ("eleven_multilingual_v2", "eleven_flash_v2_5", "eleven_v3")
"""The models named, in this order, to a run whose model does not speak a language: the
most lifelike for its languages, then the cheap one that adds Vietnamese, then the one
that adds Thai."""
LANGUAGE_CODE_MODELS = frozenset({"eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3"})
"""Models that take `language_code` (ISO 639-1) to hold them to one language; the others
answer an error when it is sent, and detect the language from the text."""

_VOICE_ID = re.compile(r"[A-Za-z0-9]{20}")
_KEY_CHARS = re.compile(r"[\x21-\x7e]+")
_FATAL: tuple[tuple[tuple[int, ...], tuple[str, ...], str], ...] = (
    ((), ("quota_exceeded",), "ElevenLabs quota exceeded ({quota}); raise the plan's "
     "character quota, enable usage-based billing, or wait for the reset, then run again"),
    ((401,), ("invalid_api_key", "needs_authorization"), "ElevenLabs rejected the API key "
     "(HTTP {code}, {said}); check ELEVENLABS_API_KEY or --api-key, then run again"),
    ((), ("voice_not_found", "voice_does_not_exist"), "ElevenLabs has no voice {voice!r} "
     "for this account (HTTP {code}, {said}); copy a voice id from My Voices and pass it "
     "with --voice"),
    ((404,), (), "ElevenLabs answered 404 for /v1/text-to-speech/{voice}/with-timestamps "
     "({said}); check the voice id and ELEVENLABS_BASE_URL ({base_url})"),
    ((402, 403), (), "ElevenLabs refused the request (HTTP {code}, {said}); the voice or "
     "model needs another plan: pick a default voice or upgrade"),
    ((), ("model_not_found",), "ElevenLabs: {said}; set model_id in [providers.elevenlabs] "
     "to a text-to-speech model"),
    ((), ("invalid_voice_settings",), "ElevenLabs: {said}; fix the voice settings in "
     "[providers.elevenlabs]"),
)  # fmt: skip
"""The answers that stop the run (ProviderFatal), first match wins: the HTTP codes or the
error statuses each is, and what it says (`{code}`, `{said}`, `{quota}`, `{voice}`,
`{base_url}`). Another 4xx fails its clip alone."""


@dataclass(frozen=True)
class ElevenLabsSettings(ProviderSettings):
    """`[providers.elevenlabs]`: the key and endpoint, the voice settings, the retries."""

    api_key: str | None = setting(None, secret=True, env=API_KEY_ENV)
    """The API key (ELEVENLABS_API_KEY, --api-key); never shown, never read from a file."""
    base_url: str = setting(DEFAULT_BASE_URL, env=BASE_URL_ENV)
    """The API's address (ELEVENLABS_BASE_URL)."""
    model_id: str = DEFAULT_MODEL
    """The text-to-speech model."""
    stability: float = setting(0.5, low=0.0, high=1.0)
    """Voice setting sent with every request."""
    similarity_boost: float = setting(0.75, low=0.0, high=1.0)
    """Voice setting sent with every request."""
    style: float | None = setting(None, low=0.0, high=1.0)
    """Voice setting, sent when given."""
    use_speaker_boost: bool | None = None
    """Voice setting, sent when given."""
    concurrency: int = setting(FREE_PLAN_CONCURRENCY, low=1)
    """Your plan's concurrent-request limit: the workers when --concurrency is not given."""
    max_attempts: int = setting(5, low=1)
    """Requests sent for one piece before a passing failure fails its clip."""
    backoff_base: float = setting(0.5, low=0.0)
    """Seconds of the first backoff window; each attempt doubles it."""
    backoff_cap: float = setting(8.0, low=0.0)
    """Largest backoff window in seconds."""
    voices: tuple[str, ...] = ()
    """Voice names to accept besides voice ids (cloned voices with a name)."""
    answer_wait: float = setting(5.0, low=0.0)
    """Seconds a stop (Ctrl-C, SIGTERM, a CI cancel) or the end of a run waits for the
    answers of requests already sent, which ElevenLabs bills: each that comes is kept in
    the staging folder, and the next run makes its clip from it, unbilled."""

    def voice_settings(self) -> dict[str, Any]:
        sent: dict[str, Any] = {
            "stability": self.stability,
            "similarity_boost": self.similarity_boost,
        }
        if self.style is not None:
            sent["style"] = self.style
        if self.use_speaker_boost is not None:
            sent["use_speaker_boost"] = self.use_speaker_boost
        return sent


class _Secret:
    """A string that never shows itself in a repr, str or traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<secret>"

    __str__ = __repr__


class _Asked:
    """One request sent to ElevenLabs apart from the clips waiting for its answer
    (`ElevenLabsProvider._answer`): a clip given up on (a stop, `--timeout`) no longer
    waits, but an answer already billed is still kept when it comes."""

    def __init__(self, name: str) -> None:
        self.name = name
        """What names the request (`ElevenLabsProvider._name`)."""
        self.done = anyio.Event()
        self.answer: bytes | None = None
        self.error: BaseException | None = None
        self.waiting = 0
        """Clips waiting for the answer; none: no request is sent (again) for it."""
        self.sending = False
        """A request is out: the server may bill it, so it is not cancelled."""
        self.scope = anyio.CancelScope()


class ElevenLabsProvider(Engine, VoiceCatalogue, Billing):
    """Speech from the ElevenLabs API, with retries and a self-adjusting concurrency gate."""

    name = "elevenlabs"
    description = "ElevenLabs text-to-speech API (paid; needs ELEVENLABS_API_KEY)"
    heard_by_whisper: ClassVar[bool] = True
    timings_missing = "elevenlabs: the answer's alignment did not spell the text sent"
    settings_type: ClassVar[type[ProviderSettings]] = ElevenLabsSettings
    settings: ElevenLabsSettings
    # Two of ElevenLabs' current default voices (usable by every plan through the API and
    # multilingual under eleven_multilingual_v2): Sarah for Japanese, George for English.
    # Rachel (21m00Tcm4TlvDq8ikWAM) is avoided: it became a legacy voice.
    default_voices: ClassVar[Mapping[str, str]] = {
        "ja": "EXAVITQu4vr4xnSDxMaL",
        "en": "JBFqnCBsd6RMkjVDRZzb",
    }
    max_piece_chars = 1000

    def __init__(
        self,
        settings: ElevenLabsSettings | None = None,
        options: ProviderOptions | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(settings, options)
        self.base_url = self.settings.base_url.rstrip("/")
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._gate: anyio.CapacityLimiter | None = None
        self._key = _Secret("")
        self._asked: dict[str, _Asked] = {}
        """The requests under way, by their kept answer's name (the same text asked twice
        at once is sent once)."""
        self._sent: set[str] = set()
        """The requests sent at least once (`_name`): billed if answered."""
        self._requests: anyio.abc.TaskGroup | None = None
        """Where the requests run, apart from the clips' jobs (`_answer`)."""
        self._closing = False

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if os.environ.get(API_KEY_ENV, "").strip():
            return None
        return KEY_MISSING

    @property
    def concurrency_limit(self) -> int:
        """Requests this provider lets run at once now (lowered by the plan's limit)."""
        if self._gate is not None:
            return int(self._gate.total_tokens)
        return self.options.concurrency or self.natural_concurrency()

    def natural_concurrency(self) -> int:
        """The `concurrency` setting, else the Free plan's limit: more only earns 429s."""
        return self.settings.concurrency

    def retry_policy(self) -> RetryPolicy:
        """The run's one policy, with the attempts and backoff of these settings."""
        s = self.settings
        return RetryPolicy(max_attempts=s.max_attempts, base=s.backoff_base, cap=s.backoff_cap)

    def voices(self) -> list[str]:
        return sorted({*self.default_voices.values(), *self.settings.voices})

    @classmethod
    def languages_spoken(cls) -> Mapping[str, str]:
        """Every voice speaks what its model speaks: each language by the first suggested
        model that speaks it (Thai: `eleven_v3`)."""
        spoken: dict[str, str] = {}
        for model in SUGGESTED_MODELS:
            for lang in MODEL_LANGUAGES[model]:
                spoken.setdefault(lang, f"`{model}` (paid)")
        return dict(sorted(spoken.items()))

    def voice_languages(self, voice: str) -> tuple[str, ...]:
        """Every voice speaks what the model speaks (() for a model not in MODEL_LANGUAGES)."""
        return MODEL_LANGUAGES.get(self.settings.model_id, ())

    def speaks(self, voice: str, lang: str) -> bool:
        known = MODEL_LANGUAGES.get(self.settings.model_id)
        return known is None or base_code(lang) in known

    def voices_for(self, lang: str) -> list[str]:
        # Any voice id speaks what its model speaks; the listed ones stand for them all.
        return super().voices_for(lang) if self.speaks("", lang) else []

    def no_voice(self, lang: str) -> str:
        return f"the ElevenLabs model {self.settings.model_id} does not speak {title_of(lang)}"

    def voice_hint(self, lang: str) -> str | None:
        code = base_code(lang)
        model = next((m for m in SUGGESTED_MODELS if code in MODEL_LANGUAGES[m]), None)
        if model is None:
            return None
        return f'set model_id = "{model}" in [providers.elevenlabs], which speaks {title_of(lang)}'

    def offer(self, lang: str) -> str | None:
        return "" if self.speaks("", lang) else None  # every voice: none worth naming

    def check_voice(self, voice: str) -> None:
        """Accept anything shaped like a voice id; whether it exists, the server decides."""
        if voice in self.voices() or _VOICE_ID.fullmatch(voice):
            return
        raise InputError(
            f"{voice!r} is not an ElevenLabs voice id (20 letters and digits, e.g. "
            f"{self.default_voices['en']}); copy the id from My Voices in the ElevenLabs "
            "app and pass it with --voice"
        )

    def identity(self, voice: str) -> Mapping[str, str]:
        ident = {"model_id": self.settings.model_id, "output_format": OUTPUT_FORMAT}
        ident.update({k: _text(v) for k, v in sorted(self.settings.voice_settings().items())})
        return ident

    async def open(self) -> None:
        if self._client is not None:
            return
        key = (self.settings.api_key or "").strip()
        if not key:
            raise ConfigError(f"the elevenlabs provider needs an API key: {KEY_MISSING}")
        if not _KEY_CHARS.fullmatch(key):
            # h11 quotes an illegal header value in its error, which would print the key.
            raise ConfigError(
                "the ElevenLabs API key contains spaces or non-ASCII characters; "
                "copy it again from the ElevenLabs app (Developers > API keys)"
            )
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"ElevenLabs base URL {self.base_url!r} must start with http:// or https://; "
                "fix ELEVENLABS_BASE_URL or base_url in [providers.elevenlabs]"
            )
        import httpx  # only when a run opens the provider: settings and plans need none

        self._key = _Secret(key)
        width = self.options.concurrency or self.natural_concurrency()
        self._gate = anyio.CapacityLimiter(width)
        # A request past --timeout fails its clip, but is billed: its answer is waited
        # for as long again (in the background, `_answer`), and kept when it comes.
        timeout = self.options.timeout
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, read=2 * timeout),
            limits=httpx.Limits(max_connections=width, max_keepalive_connections=width),
            transport=self._transport,
            verify=tls.context(),
            headers={"accept": "application/json"},
        )

        self._closing = False
        self._requests = anyio.create_task_group()
        await self._requests.__aenter__()

    async def aclose(self) -> None:
        """Close, once the answers of requests already sent (billed) have come and been
        kept, `answer_wait` s at most; no new request is sent meanwhile."""
        self._closing = True
        requests, self._requests = self._requests, None
        if requests is not None:
            with anyio.move_on_after(self.settings.answer_wait, shield=True):
                for asked in list(self._asked.values()):
                    if asked.sending:
                        await asked.done.wait()
            requests.cancel_scope.cancel()
            await requests.__aexit__(None, None, None)
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def synthesize(self, speech: Speech) -> Audio:
        body = self._body(speech)
        name = self._name(speech.voice, body)
        kept = self._kept(name)
        answer = await anyio.to_thread.run_sync(_read_kept, kept) if kept else None
        if answer is not None:
            try:  # billed by a run killed before its clip was stored: not billed again
                return await anyio.to_thread.run_sync(_timed_audio, answer, speech.text)
            except (AudioInvalid, ValueError):
                pass  # a damaged copy: asked again
        answer = await self._answer(speech.voice, body, name)
        return await anyio.to_thread.run_sync(_timed_audio, answer, speech.text)

    def late_answer(self, speech: Speech) -> str:
        if self._name(speech.voice, self._body(speech)) not in self._sent:
            return (
                "its request never left the queue (ElevenLabs takes "
                f"{self.concurrency_limit} at once on this plan): "
                "nothing was sent or billed; a larger --timeout, or fewer texts at once, "
                "lets it through"
            )
        wait = 2 * self.options.timeout
        return (
            f"ElevenLabs bills the request all the same; its answer, if it comes within "
            f"{wait:g} s of the request, is kept and the next run makes the clip from it, "
            "unbilled (a larger --timeout lets this run wait for it)"
        )

    def keep_answers_for(self, speeches: Iterable[Speech]) -> None:
        """The run's clips are made but those of `speeches`: the answers kept for any other
        request go (only files of the names this provider gives them)."""
        folder = self.options.paid_answers
        if folder is None or not folder.is_dir() or folder.is_symlink():
            return
        needed = {self._name(s.voice, self._body(s)) for s in speeches}
        with contextlib.suppress(OSError):
            for answer in folder.iterdir():
                if PAID_ANSWER.fullmatch(answer.name) and answer.name not in needed:
                    answer.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()

    def _body(self, speech: Speech) -> dict[str, Any]:
        settings = self.settings.voice_settings()
        if speech.speed != 1.0:
            settings["speed"] = speech.speed
        body: dict[str, Any] = {
            "text": speech.text,
            "model_id": self.settings.model_id,
            "voice_settings": settings,
        }
        if self.settings.model_id in LANGUAGE_CODE_MODELS:
            body["language_code"] = base_code(speech.lang)
        return body

    async def _answer(self, voice: str, body: Mapping[str, Any], name: str) -> bytes:
        """The answer to `body` (named `name`), asked in the provider's own task group: the
        clip's job may be cancelled (a stop, its `--timeout`) while the request is out, and
        the answer, billed, is still kept when it comes (`aclose` waits for it). A request
        not yet sent when no clip waits any more is not sent."""
        if self._requests is None:
            raise RuntimeError("ElevenLabsProvider.open() must be awaited before synthesize()")
        asked = self._asked.get(name)
        if asked is None:
            asked = self._asked[name] = _Asked(name)
            self._requests.start_soon(self._ask, asked, voice, body)
        asked.waiting += 1
        try:
            await asked.done.wait()
        finally:
            asked.waiting -= 1
            if not asked.waiting and not asked.sending:
                asked.scope.cancel()  # not sent yet: never billed
        if asked.error is not None:
            raise asked.error
        assert asked.answer is not None
        return asked.answer

    async def _ask(self, asked: _Asked, voice: str, body: Mapping[str, Any]) -> None:
        """Send the request of `asked`, keep its answer (`_kept`), and tell the clips."""
        kept = self._kept(asked.name)
        try:
            with asked.scope:
                answer = await self._request(voice, body, asked)
                if kept is not None:
                    await anyio.to_thread.run_sync(_keep, kept, answer)
                asked.answer = answer
        except Exception as error:  # the clips waiting for it fail with it
            asked.error = error
        finally:
            if asked.answer is None and asked.error is None:
                asked.error = ClipError("elevenlabs: not sent, no clip waits for it")
            if self._asked.get(asked.name) is asked:
                del self._asked[asked.name]
            asked.done.set()

    def _name(self, voice: str, body: Mapping[str, Any]) -> str:
        """What names a request among those asked, and its kept answer: all that is asked."""
        asked = [self.base_url, voice, OUTPUT_FORMAT, body]
        return paid_answer_name(json.dumps(asked, sort_keys=True, ensure_ascii=False))

    def _kept(self, name: str) -> Path | None:
        """Where the answer to request `name` is kept until the run's clips are made
        (`ProviderOptions.paid_answers`); None: not kept."""
        folder = self.options.paid_answers
        return None if folder is None else folder / name

    async def _request(self, voice: str, body: Mapping[str, Any], asked: _Asked) -> bytes:
        """One attempt: the request, sent again while the plan's limit turns it away and
        a clip waits for it (`asked`)."""
        # Only `_answer`'s requests, which `open()` made beside the client and the gate.
        assert self._client is not None and self._gate is not None
        client, gate = self._client, self._gate
        rejections = 0
        while True:
            async with gate:
                if self._closing or not asked.waiting:
                    raise ClipError("elevenlabs: not sent, no clip waits for it")
                admitted_under = int(gate.total_tokens)
                asked.sending = True
                self._sent.add(asked.name)
                try:
                    answer = await self._attempt(client, voice, body, admitted_under)
                finally:
                    asked.sending = False
            if isinstance(answer, bytes):
                return answer
            self._sent.discard(asked.name)  # turned away unanswered: not billed
            rejections += 1
            if rejections > self.retry_policy().max_rejections:
                raise ClipError(f"elevenlabs: {answer} {rejections} times", retryable=True)
            # The gate does the real waiting; a short pause lets the server's count settle.
            await anyio.sleep(self.retry_policy().delay(1, answer))

    async def _attempt(
        self, client: httpx.AsyncClient, voice: str, body: Mapping[str, Any], admitted_under: int
    ) -> bytes | ClipError:
        """One request: the answer's bytes (JSON: the audio with its timestamps), a
        rejection for concurrency (returned, not raised), or a raised error."""
        import httpx

        try:
            response = await client.post(
                f"/v1/text-to-speech/{quote(voice, safe='')}/with-timestamps",
                params={"output_format": OUTPUT_FORMAT},
                json=body,
                headers={"xi-api-key": self._key.reveal()},
            )
        except httpx.TimeoutException:
            raise ClipError(
                f"elevenlabs: no answer within {self.options.timeout:g} s", retryable=True
            ) from None
        except httpx.TransportError as exc:
            reason = f"connection failed ({type(exc).__name__}: {self._redact(str(exc))})"
            raise ClipError(f"elevenlabs: {reason}", retryable=True) from None
        self._note_plan_limit(response.headers)
        if response.status_code == 200:
            return response.content
        return self._failure(response, voice, admitted_under)

    def _failure(self, response: httpx.Response, voice: str, admitted_under: int) -> ClipError:
        """Classify an error answer: return a rejection for concurrency, raise the rest."""
        code = response.status_code
        status, message = _detail(response)
        message = self._redact(message)
        said = f"{status}: {message}" if status and message else status or message
        said = said or response.reason_phrase or "no details"
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if code == 429 and status == "too_many_concurrent_requests":
            self._squeeze(response.headers, admitted_under)
            return ClipError("429 too_many_concurrent_requests", retry_after=retry_after)
        if code == 429 or code >= 500:
            raise ClipError(
                f"elevenlabs: HTTP {code} ({said})", retryable=True, retry_after=retry_after
            )
        for codes, statuses, text in _FATAL:
            if code in codes or status in statuses:
                quota, url = message or "no characters left", self.base_url
                told = text.format(code=code, said=said, quota=quota, voice=voice, base_url=url)
                raise ProviderFatal(f"{told} — {KEPT}")
        raise ClipError(f"elevenlabs: HTTP {code} ({said})")

    def _note_plan_limit(self, headers: httpx.Headers) -> None:
        """Never run more requests than the plan's announced `maximum-concurrent-requests`."""
        sent = headers.get("maximum-concurrent-requests", "")
        limit = int(sent) if sent.isdecimal() else 0
        if limit < 1 or self._gate is None:
            return
        if limit < self._gate.total_tokens:
            log.info(
                "elevenlabs: the plan allows %d concurrent requests; lowering concurrency "
                "from %d to %d",
                limit,
                int(self._gate.total_tokens),
                limit,
            )
            self._gate.total_tokens = limit

    def _squeeze(self, headers: httpx.Headers, admitted_under: int) -> None:
        """Lower the gate by one after a concurrency 429 that carried no limit header."""
        gate = self._gate
        if gate is None or "maximum-concurrent-requests" in headers:
            return
        # Only a request sent under the current limit proves that limit too high; the others
        # of the same burst were sent under a higher one and would lower it again for nothing.
        if admitted_under == gate.total_tokens and gate.total_tokens > 1:
            gate.total_tokens = admitted_under - 1
            log.info(
                "elevenlabs: too many concurrent requests; concurrency now %d", admitted_under - 1
            )

    def _redact(self, text: str) -> str:
        key = self._key.reveal()
        return text.replace(key, "[api key]") if key else text


def _detail(response: httpx.Response) -> tuple[str, str]:
    """The (status, message) of an ElevenLabs error body; either may be empty."""
    try:
        payload = response.json()
    except ValueError:
        return "", response.text[:200].strip()
    detail = payload.get("detail") if isinstance(payload, dict) else None
    if isinstance(detail, dict):
        # Newer endpoints name the field "code" instead of "status".
        status = detail.get("status") or detail.get("code") or ""
        return str(status), str(detail.get("message") or "")[:300]
    if isinstance(detail, str):
        return "", detail[:300]
    return "", ""


def _read_kept(path: Path) -> bytes | None:
    """A kept answer's bytes (None: none kept, or not readable)."""
    try:
        return read_regular(path, READ_LIMIT)
    except (OSError, ValueError):
        return None


def _keep(path: Path, answer: bytes) -> None:
    """Keep `answer` at `path` (`write_atomic`: a kill leaves it whole or none), in a
    staging folder git ignores (`ignore_staging`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore_staging(path.parent.parent)
        write_atomic(path, answer)
    except OSError:
        pass  # not kept: the clip is made all the same, only a kill would bill it again


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else f"{value:g}"


def _timed_audio(answer: bytes, text: str) -> Audio:
    """The audio of a `with-timestamps` answer (`{"audio_base64", "alignment":
    {"characters", "character_start_times_seconds", "character_end_times_seconds"}}`),
    with each character of `text` placed in it from `alignment`, which follows the text
    as sent (`normalized_alignment`, the text as the service rewrote it, is not used)."""
    try:
        payload = json.loads(answer)
        mp3 = base64.b64decode(payload["audio_base64"], validate=True)
    except (ValueError, TypeError, KeyError) as exc:
        raise AudioInvalid(
            f"elevenlabs: the answer is not audio with timestamps ({len(answer)} bytes: {exc})"
        ) from None
    import numpy as np

    from ..audio.codec import decode

    audio = decode(mp3)
    if not len(audio.samples):
        raise AudioInvalid("elevenlabs: the answer holds no audio")
    timings = _character_marks(payload.get("alignment"), text, audio)
    return Audio(np.clip(audio.samples, -1.0, 1.0), audio.sample_rate, timings=timings)


def _character_marks(alignment: Any, text: str, audio: Audio) -> Timings | None:
    """Each character of an answer's `alignment` in samples of `audio`; None when the
    answer has none or it does not spell `text` (it is then not known what it times)."""
    if not isinstance(alignment, dict):
        return None
    chars = alignment.get("characters")
    starts = alignment.get("character_start_times_seconds")
    ends = alignment.get("character_end_times_seconds")
    if not (isinstance(chars, list) and isinstance(starts, list) and isinstance(ends, list)):
        return None
    if not len(chars) == len(starts) == len(ends) or "".join(map(str, chars)) != text:
        return None
    rate, length = audio.sample_rate, len(audio.samples)
    try:
        marks = tuple(
            Mark(str(c), min(round(float(a) * rate), length), min(round(float(b) * rate), length))
            for c, a, b in zip(chars, starts, ends, strict=True)
        )
    except (TypeError, ValueError):
        return None
    if any(m.start > m.end for m in marks):
        return None
    return Timings("character", marks, ALIGNMENT)
