"""ElevenLabs: speech from the ElevenLabs text-to-speech HTTP API (paid, needs a key).

One `POST /v1/text-to-speech/{voice_id}?output_format=mp3_44100_128` per piece of text,
the MP3 answer decoded to float samples in a worker thread. What can go wrong, and where
it surfaces (payload shapes as ElevenLabs documents them, `{"detail": {"status", "message"}}`):

    429 system_busy, 5xx, dropped connection, timeout
        retried here with full-jitter exponential backoff (Retry-After wins when sent);
        after `max_attempts` -> ClipError: this clip failed, the run goes on
    429 too_many_concurrent_requests
        the plan's concurrency limit: the provider lowers its own gate (to the
        `maximum-concurrent-requests` header when sent, else by one) and retries;
        this does not use up the attempt budget
    401 quota_exceeded, 401 invalid_api_key, 402/403, 404 voice_not_found
        -> ProviderFatal: no new clips start, finished ones are kept
    other 4xx (e.g. 400 max_character_limit_exceeded)
        -> ClipError for this clip

The API key travels only as the `xi-api-key` header of each request: it is never set on
the client (httpx prints client and request headers in clear), never logged, and scrubbed
from every message built from what the server or the transport said.
"""

from __future__ import annotations

import email.utils
import io
import logging
import math
import os
import random
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import quote

import anyio
import anyio.to_thread
import httpx

from ..errors import AudioInvalid, ClipError, ConfigError, InputError, ProviderFatal
from .base import Audio, Provider, ProviderOptions

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

log = logging.getLogger(__name__)
_N = TypeVar("_N", int, float)

DEFAULT_BASE_URL = "https://api.elevenlabs.io"
DEFAULT_MODEL = "eleven_multilingual_v2"
OUTPUT_FORMAT = "mp3_44100_128"
FREE_PLAN_CONCURRENCY = 2
"""Multilingual v2 requests the Free plan may run at once (Starter 3, Creator 5, Pro 10)."""

KEY_MISSING = "set ELEVENLABS_API_KEY or pass --api-key"
KEPT = "finished clips were kept"

_VOICE_ID = re.compile(r"[A-Za-z0-9]{20}")
_KEY_CHARS = re.compile(r"[\x21-\x7e]+")
_FATAL_CONFIG = {
    "model_not_found": "set model_id in [providers.elevenlabs] to a text-to-speech model",
    "invalid_voice_settings": "fix the voice settings in [providers.elevenlabs]",
}


@dataclass(frozen=True)
class RetryPolicy:
    """How long and how often one request is tried again after a transient failure."""

    max_attempts: int = 5
    """Requests sent for one piece before a transient failure fails the clip."""
    base: float = 0.5
    """Seconds of the first backoff window; each attempt doubles it."""
    cap: float = 8.0
    """Largest backoff window in seconds."""
    max_retry_after: float = 60.0
    """Longest Retry-After honoured, so one answer cannot stall a run for hours."""
    concurrency_retries: int = 100
    """Separate budget for too_many_concurrent_requests answers (they are not failures)."""

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> RetryPolicy:
        """The policy with `max_attempts`, `backoff_base`, `backoff_cap` from the config."""
        return cls(
            max_attempts=_setting(extra, "max_attempts", int, cls.max_attempts, low=1),
            base=_setting(extra, "backoff_base", float, cls.base, low=0.0),
            cap=_setting(extra, "backoff_cap", float, cls.cap, low=0.0),
        )

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (full jitter)."""
        # Full jitter spreads the retries of many workers that failed at the same moment.
        return random.uniform(0.0, min(self.cap, self.base * 2 ** (attempt - 1)))


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


@dataclass(frozen=True)
class _Retry:
    """A failed request that is worth sending again."""

    reason: str
    concurrency: bool
    retry_after: float | None


class ElevenLabsProvider(Provider):
    """Speech from the ElevenLabs API, with retries and a self-adjusting concurrency gate."""

    name = "elevenlabs"
    description = "ElevenLabs text-to-speech API (paid; needs ELEVENLABS_API_KEY)"
    needs_key = True
    key_env_var = "ELEVENLABS_API_KEY"
    paid = True
    settings: ClassVar[frozenset[str] | None] = frozenset(
        {
            "model_id",
            "stability",
            "similarity_boost",
            "style",
            "use_speaker_boost",
            "concurrency",
            "max_attempts",
            "backoff_base",
            "backoff_cap",
            "voices",
        }
    )
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
        options: ProviderOptions | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(options)
        extra = self.options.extra
        self.model_id = str(extra.get("model_id", DEFAULT_MODEL))
        self.voice_settings = _voice_settings(extra)
        self.retry = RetryPolicy.from_extra(extra)
        self._natural = _setting(extra, "concurrency", int, FREE_PLAN_CONCURRENCY, low=1)
        self.base_url = (
            self.options.base_url or os.environ.get("ELEVENLABS_BASE_URL") or DEFAULT_BASE_URL
        ).rstrip("/")
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._gate: anyio.CapacityLimiter | None = None
        self._key = _Secret("")
        self._plan_limit: int | None = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, model_id={self.model_id!r}, "
            f"concurrency={self.concurrency_limit})"
        )

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if os.environ.get("ELEVENLABS_API_KEY", "").strip():
            return None
        return KEY_MISSING

    @property
    def concurrency_limit(self) -> int:
        """Requests this provider lets run at once now (lowered by the plan's limit)."""
        if self._gate is not None:
            return int(self._gate.total_tokens)
        return self.options.concurrency or self.natural_concurrency()

    @property
    def plan_limit(self) -> int | None:
        """The concurrency limit the server announced, once one was seen."""
        return self._plan_limit

    def natural_concurrency(self) -> int:
        """The `concurrency` setting, else the Free plan's limit: more only earns 429s."""
        return self._natural

    def voices(self) -> list[str]:
        listed = self.options.extra.get("voices", [])
        extra = [str(v) for v in listed] if isinstance(listed, list) else []
        return sorted({*self.default_voices.values(), *extra})

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
        ident = {"model_id": self.model_id, "output_format": OUTPUT_FORMAT}
        ident.update({k: _text(v) for k, v in sorted(self.voice_settings.items())})
        return ident

    def billable_characters(self, text: str) -> int:
        """Characters ElevenLabs bills for `text` (dry-run reports their sum)."""
        return len(text)

    async def open(self) -> None:
        if self._client is not None:
            return
        key = (self.options.api_key or os.environ.get("ELEVENLABS_API_KEY") or "").strip()
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
        self._key = _Secret(key)
        width = self.options.concurrency or self.natural_concurrency()
        self._gate = anyio.CapacityLimiter(width)
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(self.options.timeout),
            limits=httpx.Limits(max_connections=width, max_keepalive_connections=width),
            transport=self._transport,
            headers={"accept": "audio/mpeg"},
        )

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def synthesize(self, text: str, lang: str, voice: str, speed: float) -> Audio:
        settings: dict[str, Any] = dict(self.voice_settings)
        if speed != 1.0:
            settings["speed"] = speed
        body = {"text": text, "model_id": self.model_id, "voice_settings": settings}
        mp3 = await self._request(voice, body)
        return await anyio.to_thread.run_sync(_decode_mp3, mp3)

    async def _request(self, voice: str, body: Mapping[str, Any]) -> bytes:
        """Send one text-to-speech request until it succeeds, fails for good, or gives up."""
        if self._client is None or self._gate is None:
            raise RuntimeError("ElevenLabsProvider.open() must be awaited before synthesize()")
        client, gate = self._client, self._gate
        failures = 0
        squeezes = 0
        while True:
            async with gate:
                admitted_under = int(gate.total_tokens)
                retry = await self._attempt(client, voice, body, admitted_under)
            if isinstance(retry, bytes):
                return retry
            if retry.concurrency:
                squeezes += 1
                if squeezes > self.retry.concurrency_retries:
                    raise ClipError(f"elevenlabs: {retry.reason} after {squeezes} tries")
                # The gate does the real waiting; a short pause lets the server's count settle.
                delay = retry.retry_after
                if delay is None:
                    delay = random.uniform(0.0, min(self.retry.base, 0.25))
            else:
                failures += 1
                if failures >= self.retry.max_attempts:
                    raise ClipError(f"elevenlabs: {retry.reason} after {failures} attempts")
                delay = retry.retry_after
                if delay is None:
                    delay = self.retry.backoff(failures)
                log.debug(
                    "elevenlabs: %s; retrying in %.2f s (attempt %d of %d)",
                    retry.reason,
                    delay,
                    failures + 1,
                    self.retry.max_attempts,
                )
            await anyio.sleep(delay)

    async def _attempt(
        self, client: httpx.AsyncClient, voice: str, body: Mapping[str, Any], admitted_under: int
    ) -> bytes | _Retry:
        """One request: the MP3 bytes, a reason to retry, or a raised error."""
        try:
            response = await client.post(
                f"/v1/text-to-speech/{quote(voice, safe='')}",
                params={"output_format": OUTPUT_FORMAT},
                json=body,
                headers={"xi-api-key": self._key.reveal()},
            )
        except httpx.TimeoutException:
            return _Retry(f"no answer within {self.options.timeout:g} s", False, None)
        except httpx.TransportError as exc:
            reason = f"connection failed ({type(exc).__name__}: {self._redact(str(exc))})"
            return _Retry(reason, False, None)
        self._note_plan_limit(response.headers)
        if response.status_code == 200:
            return response.content
        return self._failure(response, voice, admitted_under)

    def _failure(self, response: httpx.Response, voice: str, admitted_under: int) -> _Retry:
        """Classify an error answer: return what to retry, raise what cannot be retried."""
        code = response.status_code
        status, message = _detail(response)
        message = self._redact(message)
        said = f"{status}: {message}" if status and message else status or message
        said = said or response.reason_phrase or "no details"
        retry_after = self._retry_after(response.headers)
        if code == 429 and status == "too_many_concurrent_requests":
            self._squeeze(response.headers, admitted_under)
            return _Retry("429 too_many_concurrent_requests", True, retry_after)
        if code == 429 or code >= 500:
            return _Retry(f"HTTP {code} ({said})", False, retry_after)
        if status == "quota_exceeded":
            raise ProviderFatal(
                f"ElevenLabs quota exceeded ({message or 'no characters left'}); raise the "
                "plan's character quota, enable usage-based billing, or wait for the reset, "
                f"then run again — {KEPT}"
            )
        if code == 401 or status in ("invalid_api_key", "needs_authorization"):
            raise ProviderFatal(
                f"ElevenLabs rejected the API key (HTTP {code}, {said}); check "
                f"ELEVENLABS_API_KEY or --api-key, then run again — {KEPT}"
            )
        if status in ("voice_not_found", "voice_does_not_exist"):
            raise ProviderFatal(
                f"ElevenLabs has no voice {voice!r} for this account (HTTP {code}, {said}); "
                f"copy a voice id from My Voices and pass it with --voice — {KEPT}"
            )
        if code == 404:
            raise ProviderFatal(
                f"ElevenLabs answered 404 for /v1/text-to-speech/{voice} ({said}); check the "
                f"voice id and ELEVENLABS_BASE_URL ({self.base_url}) — {KEPT}"
            )
        if code in (402, 403):
            raise ProviderFatal(
                f"ElevenLabs refused the request (HTTP {code}, {said}); the voice or model "
                f"needs another plan: pick a default voice or upgrade — {KEPT}"
            )
        if status in _FATAL_CONFIG:
            raise ProviderFatal(f"ElevenLabs: {said}; {_FATAL_CONFIG[status]} — {KEPT}")
        raise ClipError(f"elevenlabs: HTTP {code} ({said})")

    def _note_plan_limit(self, headers: httpx.Headers) -> None:
        """Never run more requests than the plan's announced `maximum-concurrent-requests`."""
        limit = _positive_int(headers.get("maximum-concurrent-requests"))
        if limit is None or self._gate is None:
            return
        self._plan_limit = limit
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

    def _retry_after(self, headers: httpx.Headers) -> float | None:
        """Seconds the server asked us to wait (delta or HTTP date), capped, or None."""
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
            seconds = when.timestamp() - time.time()
        if math.isnan(seconds):
            return None
        return min(max(seconds, 0.0), self.retry.max_retry_after)

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


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(value) if value is not None else 0
    except ValueError:
        return None
    return number if number >= 1 else None


def _setting(extra: Mapping[str, Any], key: str, kind: type[_N], default: _N, low: float) -> _N:
    """One number from [providers.elevenlabs], checked, or ConfigError saying where."""
    value = extra.get(key, default)
    try:
        number = None if isinstance(value, bool) else kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < low:
        raise ConfigError(
            f"[providers.elevenlabs] {key} = {value!r} is not a {kind.__name__} >= {low:g}"
        )
    return number


def _voice_settings(extra: Mapping[str, Any]) -> dict[str, Any]:
    """The voice_settings sent with every request, from [providers.elevenlabs]."""
    settings: dict[str, Any] = {
        "stability": _unit(extra, "stability", 0.5),
        "similarity_boost": _unit(extra, "similarity_boost", 0.75),
    }
    if "style" in extra:
        settings["style"] = _unit(extra, "style", 0.0)
    if "use_speaker_boost" in extra:
        boost = extra["use_speaker_boost"]
        if not isinstance(boost, bool):
            raise ConfigError(
                f"[providers.elevenlabs] use_speaker_boost = {boost!r} is not true or false"
            )
        settings["use_speaker_boost"] = boost
    return settings


def _unit(extra: Mapping[str, Any], key: str, default: float) -> float:
    value = _setting(extra, key, float, default, low=0.0)
    if value > 1.0:
        raise ConfigError(f"[providers.elevenlabs] {key} = {value!r} must be between 0 and 1")
    return value


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else f"{value:g}"


def _decode_mp3(data: bytes) -> Audio:
    """Decode an MP3 answer to mono float32 samples (runs in a worker thread)."""
    import numpy as np
    import soundfile as sf

    try:
        frames, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (RuntimeError, ValueError, TypeError) as exc:
        raise AudioInvalid(
            f"elevenlabs: the answer is not decodable MP3 ({len(data)} bytes: {exc})"
        ) from None
    if frames.shape[0] == 0:
        raise AudioInvalid("elevenlabs: the answer holds no audio")
    mono: NDArray[np.float32] = frames.mean(axis=1, dtype=np.float32)
    return Audio(samples=np.clip(mono, -1.0, 1.0), sample_rate=int(rate))
