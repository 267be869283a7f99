"""The ElevenLabs provider against a real HTTP server on 127.0.0.1 speaking its protocol.

A provider call is one attempt; the run's retry policy (retry.py) tries passing failures
again. Tests of retries go through the library's one-text path, `asynthesize`, which
uses that policy as a run does.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import numpy as np
import pytest

from tests.support.elevenlabs_server import FakeElevenLabs, speech_seconds
from tests.support.sweep import check_each
from tts_assets import Settings, asynthesize, get_provider, load_settings
from tts_assets.errors import ClipError, ConfigError, InputError, ProviderFatal
from tts_assets.providers.base import Audio, ProviderOptions, Speech
from tts_assets.providers.elevenlabs import ElevenLabsProvider, ElevenLabsSettings

KEY = "sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
JA = ElevenLabsProvider.default_voices["ja"]
FAST = {"backoff_base": 0.001, "backoff_cap": 0.01}
"""Backoff windows of a millisecond keep retry tests fast."""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[FakeElevenLabs]:
    """A fake server with no faults and no concurrency limit."""
    with FakeElevenLabs(api_key=KEY, max_concurrent=None) as fake:
        yield fake


@asynccontextmanager
async def opened(
    server: FakeElevenLabs, *, key: str = KEY, concurrency: int | None = None, **extra: Any
) -> AsyncIterator[ElevenLabsProvider]:
    settings = ElevenLabsSettings(api_key=key, base_url=server.base_url, **{**FAST, **extra})
    provider = ElevenLabsProvider(settings, ProviderOptions(timeout=5.0, concurrency=concurrency))
    await provider.open()
    try:
        yield provider
    finally:
        await provider.aclose()


async def say(provider: ElevenLabsProvider, text: str) -> Audio:
    """`text` through the run's retry policy, as the worker pool would make it."""
    return await asynthesize(text, voice=JA, provider=provider, settings=Settings())


async def say_all(provider: ElevenLabsProvider, texts: list[str]) -> list[Audio]:
    """Synthesize every text at once, as the worker pool would."""
    results: dict[int, Audio] = {}

    async def one(i: int, text: str) -> None:
        results[i] = await say(provider, text)

    async with anyio.create_task_group() as tg:
        for i, text in enumerate(texts):
            tg.start_soon(one, i, text)
    return [results[i] for i in range(len(texts))]


@pytest.mark.anyio
async def test_success_returns_decoded_audio_and_sends_the_documented_request(
    server: FakeElevenLabs,
) -> None:
    async with opened(server) as provider:
        audio = await provider.synthesize(Speech("こんにちは", "ja", JA, 1.0))
        fast = await provider.synthesize(Speech("はい", "ja", JA, 1.1))

    assert audio.sample_rate == 44100
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.duration == pytest.approx(speech_seconds("こんにちは"), abs=0.05)
    assert float(np.abs(audio.samples).max()) > 0.05
    assert fast.duration == pytest.approx(speech_seconds("はい"), abs=0.05)

    first, second = server.stats.records
    assert first.path == f"/v1/text-to-speech/{JA}/with-timestamps"
    assert first.query == {"output_format": "mp3_44100_128"}
    assert first.headers["xi-api-key"] == KEY
    assert first.body == {
        "text": "こんにちは",
        "model_id": "eleven_multilingual_v2",
        "voice_settings": {"stability": 0.5, "similarity_boost": 0.75},
    }
    assert second.body["voice_settings"]["speed"] == 1.1
    assert server.stats.chars_billed == len("こんにちは") + len("はい")


@pytest.mark.anyio
async def test_the_language_is_sent_to_the_models_that_take_it(server: FakeElevenLabs) -> None:
    async with opened(server, model_id="eleven_flash_v2_5") as flash:
        await flash.synthesize(Speech("你好", "zh", JA, 1.0))
        await flash.synthesize(Speech("Guten Tag", "de-AT", JA, 1.0))
    async with opened(server) as multilingual:  # v2 finds the language itself
        await multilingual.synthesize(Speech("안녕하세요", "ko", JA, 1.0))
    assert [r.status for r in server.stats.records] == [200, 200, 200]
    sent = [r.body.get("language_code") for r in server.stats.records]
    assert sent == ["zh", "de", None]


@pytest.mark.anyio
async def test_vietnamese_and_thai_are_sent_to_the_models_that_speak_them(
    server: FakeElevenLabs,
) -> None:
    async with opened(server, model_id="eleven_flash_v2_5") as flash:
        await flash.synthesize(Speech("Tôi không biết gì về vấn đề này.", "vi", JA, 1.0))
        assert flash.speaks(JA, "vi") and not flash.speaks(JA, "th")
    async with opened(server, model_id="eleven_v3") as v3:
        await v3.synthesize(Speech("คุณ ชอบ กิน อาหาร ไทย ครับ", "th", JA, 1.0))
        await v3.synthesize(Speech("Anh ấy không nói gì với tôi.", "vi-VN", JA, 1.0))
    assert [r.status for r in server.stats.records] == [200, 200, 200]
    assert [r.body.get("language_code") for r in server.stats.records] == ["vi", "th", "vi"]


def test_a_language_the_model_lacks_names_a_model_that_speaks_it() -> None:
    multilingual = ElevenLabsProvider()
    assert multilingual.voice_hint("vi") == (
        'set model_id = "eleven_flash_v2_5" in [providers.elevenlabs], which speaks Vietnamese'
    )
    with pytest.raises(InputError) as caught:
        multilingual.default_voice("th")
    assert str(caught.value) == (
        "th: the ElevenLabs model eleven_multilingual_v2 does not speak Thai; "
        'set model_id = "eleven_v3" in [providers.elevenlabs], which speaks Thai'
    )
    assert multilingual.voice_hint("sw") is None  # no model here is known to speak it


def test_every_voice_speaks_what_its_model_speaks() -> None:
    multilingual = ElevenLabsProvider()
    assert multilingual.speaks(JA, "zh") and multilingual.speaks("myClonedVoice", "ko")
    assert not multilingual.speaks(JA, "vi")  # v2.5 speaks Vietnamese, v2 does not
    english = ElevenLabsProvider(ElevenLabsSettings(model_id="eleven_flash_v2"))
    assert english.voices_for("ja") == [] and english.offer("ja") is None
    with pytest.raises(InputError, match="eleven_flash_v2 does not speak Japanese"):
        english.default_voice("ja")


@pytest.mark.parametrize(
    ("fault", "seen"),
    [
        ({"busy_first": 2}, {"429": 2, "200": 1}),
        ({"error_first": 2}, {"500": 2, "200": 1}),
        ({"drop_first": 2}, {"200": 1}),
    ],
    ids=["system_busy", "5xx", "dropped-connection"],
)
@pytest.mark.anyio
async def test_transient_failures_are_retried_until_success(
    fault: dict[str, Any], seen: dict[str, int]
) -> None:
    with FakeElevenLabs(api_key=KEY, **fault) as server:
        async with opened(server) as provider:
            audio = await say(provider, "もう一度")
    assert audio.duration == pytest.approx(speech_seconds("もう一度"), abs=0.05)
    assert server.stats.requests == 3
    assert server.stats.summary()["statuses"] == seen
    assert server.stats.dropped == fault.get("drop_first", 0)
    assert server.stats.chars_billed == len("もう一度")


@pytest.mark.slow  # waits on real time (or loads a dictionary)
@pytest.mark.anyio
async def test_retry_after_is_honoured_over_the_backoff() -> None:
    with FakeElevenLabs(api_key=KEY, busy_first=1, retry_after="0.5") as server:
        async with opened(server) as provider:
            await say(provider, "待って")
    first, second = server.stats.records
    # The backoff alone would wait at most a millisecond.
    assert second.arrived - first.arrived >= 0.45
    assert [first.status, second.status] == [429, 200]


@pytest.mark.parametrize("fault", ["busy_first", "error_first", "drop_first"])
@pytest.mark.anyio
async def test_attempts_are_bounded_then_the_clip_fails(fault: str) -> None:
    faults: dict[str, Any] = {fault: 100}
    with FakeElevenLabs(api_key=KEY, **faults) as server:
        async with opened(server, max_attempts=3) as provider:
            with pytest.raises(ClipError) as caught:
                await say(provider, "だめ")
    assert type(caught.value) is ClipError and caught.value.retryable
    assert str(caught.value).startswith("elevenlabs: ")
    assert server.stats.requests == 3
    assert server.stats.chars_billed == 0


@pytest.mark.slow
@pytest.mark.anyio
async def test_concurrency_above_the_plan_limit_adapts_to_the_announced_maximum() -> None:
    texts = [f"テキスト{i}" for i in range(10)]
    # The first requests keep their slots until one is refused: the client meets the
    # limit however slowly a busy machine lets it send.
    with FakeElevenLabs(
        api_key=KEY, max_concurrent=3, latency=0.15, hold_until_refused=True
    ) as server:
        async with opened(server, concurrency=10) as provider:
            assert provider.concurrency_limit == 10
            audios = await say_all(provider, texts)
            assert provider.concurrency_limit == 3
            assert server.stats.rejected["too_many_concurrent_requests"] > 0

            # Once the limit is known, the provider never sends more than it at once.
            server.reset_stats()
            more = await say_all(provider, [f"次{i}" for i in range(20)])

    # --concurrency 10 against a limit of 3: every clip made, none failed.
    assert [a.duration for a in audios] == pytest.approx([speech_seconds(t) for t in texts])
    assert len(more) == 20
    assert server.stats.max_concurrent <= 3
    assert server.stats.rejected["too_many_concurrent_requests"] == 0
    assert server.stats.summary()["statuses"] == {"200": 20}


@pytest.mark.slow
@pytest.mark.anyio
async def test_concurrency_limit_without_header_is_found_by_lowering_one_at_a_time() -> None:
    with FakeElevenLabs(
        api_key=KEY, max_concurrent=2, latency=0.1, limit_headers=False, hold_until_refused=True
    ) as server:
        async with opened(server, concurrency=6) as provider:
            audios = await say_all(provider, [f"声{i}" for i in range(16)])
            assert 1 <= provider.concurrency_limit < 6
    assert server.stats.rejected["too_many_concurrent_requests"] > 0
    assert len(audios) == 16
    assert server.stats.summary()["statuses"]["200"] == 16


@pytest.mark.anyio
async def test_concurrency_429_does_not_use_up_the_attempt_budget() -> None:
    with FakeElevenLabs(
        api_key=KEY, max_concurrent=1, latency=0.01, hold_until_refused=True
    ) as server:
        async with opened(server, concurrency=4, max_attempts=1) as provider:
            audios = await say_all(provider, ["あ", "い", "う", "え"])
    assert len(audios) == 4
    assert server.stats.rejected["too_many_concurrent_requests"] > 0


@pytest.mark.anyio
async def test_quota_exceeded_is_fatal_with_what_to_do() -> None:
    with FakeElevenLabs(api_key=KEY, quota_chars=10) as server:
        async with opened(server) as provider:
            await say(provider, "ありがとう。")
            with pytest.raises(ProviderFatal) as caught:
                await say(provider, "どういたしまして")
    message = str(caught.value)
    assert message.startswith("ElevenLabs quota exceeded (")
    assert "You have 4 credits remaining, while 8 credits are required" in message
    assert "wait for the reset" in message and "finished clips were kept" in message
    assert server.stats.requests == 2  # not retried
    assert server.stats.chars_billed == 6


@pytest.mark.anyio
async def test_invalid_key_is_fatal_and_names_where_the_key_comes_from(
    server: FakeElevenLabs,
) -> None:
    wrong = "sk_0000wrong0000wrong0000wrong0000"
    async with opened(server, key=wrong) as provider:
        with pytest.raises(ProviderFatal) as caught:
            await say(provider, "こんにちは")
    assert "rejected the API key" in str(caught.value)
    assert "invalid_api_key" in str(caught.value)
    assert "ELEVENLABS_API_KEY or --api-key" in str(caught.value)
    assert wrong not in str(caught.value)
    assert server.stats.requests == 1


@pytest.mark.anyio
async def test_unknown_voice_is_fatal_at_the_first_request(server: FakeElevenLabs) -> None:
    unknown = "AAAAAAAAAAAAAAAAAAAA"
    async with opened(server) as provider:
        provider.check_voice(unknown)  # shaped like an id: only the server can say
        with pytest.raises(ProviderFatal) as caught:
            await asynthesize("こんにちは", voice=unknown, provider=provider, settings=Settings())
    assert f"no voice {unknown!r}" in str(caught.value)
    assert "voice_not_found" in str(caught.value) and "--voice" in str(caught.value)
    assert server.stats.requests == 1


@pytest.mark.anyio
async def test_the_key_never_appears_in_errors_reprs_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "tts_assets"):
        caplog.set_level(logging.DEBUG, logger=name)
    errors: list[BaseException] = []
    # Three faults over two texts make one text fail its two attempts; the quota runs out
    # by the fourth round; the second round at the latest meets the concurrency limit.
    with FakeElevenLabs(
        api_key=KEY,
        max_concurrent=1,
        latency=0.0,
        busy_first=1,
        drop_first=2,
        quota_chars=6,
        hold_until_refused=True,
    ) as server:
        async with opened(server, concurrency=3, max_attempts=2) as provider:
            for _ in range(5):
                try:
                    await say_all(provider, ["鍵", "秘密"])
                except BaseException as exc:  # the task group wraps them in groups
                    errors.append(exc)
                    errors.extend(getattr(exc, "exceptions", ()))
            shown = [repr(provider), str(provider), repr(provider.options), str(vars(provider))]
            shown += [repr(provider.settings), str(provider.settings)]
        assert server.stats.rejected["too_many_concurrent_requests"] > 0
        async with opened(server, key=KEY + "x") as other:
            with pytest.raises(ProviderFatal) as caught:
                await say(other, "鍵")
            errors.append(caught.value)

    assert any(isinstance(e, ProviderFatal) and "quota" in str(e) for e in errors)
    assert any(isinstance(e, ClipError) for e in errors)
    assert any(r.name.startswith("httpcore") for r in caplog.records)
    for error in errors:
        chain: BaseException | None = error
        while chain is not None:
            assert KEY not in str(chain) and KEY not in repr(chain)
            chain = chain.__cause__ or chain.__context__
    assert KEY not in caplog.text
    assert all(KEY not in text for text in shown)


@pytest.mark.anyio
async def test_open_without_a_key_is_a_config_error(
    server: FakeElevenLabs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ELEVENLABS_API_KEY", raising=False)
    assert ElevenLabsProvider.unavailable_reason() == "set ELEVENLABS_API_KEY or pass --api-key"
    provider = ElevenLabsProvider(ElevenLabsSettings(base_url=server.base_url))
    with pytest.raises(ConfigError, match="set ELEVENLABS_API_KEY or pass --api-key"):
        await provider.open()

    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
    assert ElevenLabsProvider.unavailable_reason() is None
    # The environment reaches the provider through the settings, as in a run.
    async with get_provider("elevenlabs") as from_env:
        audio = await from_env.synthesize(Speech("環境", "ja", JA))
    assert audio.duration > 0
    assert server.stats.records[0].headers["xi-api-key"] == KEY


def test_voice_ids_are_checked_by_shape_only() -> None:
    provider = ElevenLabsProvider(ElevenLabsSettings(voices=("myClonedVoice",)))
    provider.check_voice("JBFqnCBsd6RMkjVDRZzb")
    provider.check_voice("Zz9Zz9Zz9Zz9Zz9Zz9Zz")
    provider.check_voice("myClonedVoice")
    assert provider.voices() == sorted(
        [*ElevenLabsProvider.default_voices.values(), "myClonedVoice"]
    )
    with pytest.raises(InputError, match="not an ElevenLabs voice id"):
        provider.check_voice("rachel")


def test_identity_and_billing_follow_the_settings() -> None:
    plain = ElevenLabsProvider()
    tuned = ElevenLabsProvider(
        ElevenLabsSettings(model_id="eleven_turbo_v2_5", stability=0.3, style=0.2)
    )
    assert plain.identity(JA) == {
        "model_id": "eleven_multilingual_v2",
        "output_format": "mp3_44100_128",
        "similarity_boost": "0.75",
        "stability": "0.5",
    }
    assert tuned.identity(JA)["model_id"] == "eleven_turbo_v2_5"
    assert tuned.identity(JA)["stability"] == "0.3" and tuned.identity(JA)["style"] == "0.2"
    assert plain.natural_concurrency() == 2
    assert ElevenLabsProvider(ElevenLabsSettings(concurrency=5)).natural_concurrency() == 5
    policy = ElevenLabsProvider(ElevenLabsSettings(max_attempts=2, backoff_base=0.1))
    assert policy.retry_policy().max_attempts == 2 and policy.retry_policy().base == 0.1


def test_bad_settings_are_config_errors() -> None:
    def case(extra: dict[str, Any], said: str) -> None:
        with pytest.raises(ConfigError) as caught:
            load_settings(providers={"elevenlabs": extra})
        assert str(caught.value) == f"providers.elevenlabs.{said}"
        with pytest.raises(ConfigError, match=said):
            ElevenLabsSettings(**extra)

    check_each(
        case,
        [
            ({"stability": 1.5}, "stability = 1.5: use a number from 0 to 1"),
            ({"max_attempts": 0}, "max_attempts = 0: use a whole number ≥ 1"),
            ({"concurrency": "many"}, "concurrency = 'many': use a whole number ≥ 1"),
            ({"use_speaker_boost": 1}, "use_speaker_boost = 1: use true or false"),
        ],
    )


@pytest.mark.slow
@pytest.mark.anyio
async def test_server_serves_twenty_connections_at_once_and_reports_stats() -> None:
    """The benchmark drives the server this hard; it must not serialize requests."""
    with FakeElevenLabs(api_key=KEY, max_concurrent=None, latency=0.5) as server:
        url = f"{server.base_url}/v1/text-to-speech/{JA}"
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=20)) as client:

            async def one() -> None:
                answer = await client.post(url, json={"text": "同時"}, headers={"xi-api-key": KEY})
                assert answer.status_code == 200 and answer.headers["content-type"] == "audio/mpeg"

            start = time.monotonic()
            async with anyio.create_task_group() as tg:
                for _ in range(20):
                    tg.start_soon(one)
            elapsed = time.monotonic() - start
            stats = (await client.get(f"{server.base_url}/_stats")).json()
    assert elapsed < 5  # 20 requests of 0.5 s each, one after another, would take 10 s
    assert stats["max_concurrent"] == 20
    assert stats["statuses"] == {"200": 20}
    assert stats["chars_billed"] == 40


def _answer(status: int, detail: object = None, **headers: str) -> httpx.Response:
    """An error answer with ElevenLabs' `{"detail": ...}` body, or a plain-text one."""
    if detail is None:
        return httpx.Response(status, text="upstream connect error", headers=headers)
    return httpx.Response(status, json={"detail": detail}, headers=headers)


def _busy(status: str) -> dict[str, str]:
    return {"status": status, "message": f"{status} happened"}


@pytest.mark.parametrize(
    ("answer", "kind", "retryable", "said"),
    [
        (_answer(429, _busy("system_busy"), **{"retry-after": "2"}), ClipError, True, "HTTP 429"),
        (_answer(500, _busy("internal")), ClipError, True, "HTTP 500 (internal: internal"),
        (_answer(503), ClipError, True, "HTTP 503 (upstream connect error)"),
        (_answer(401, _busy("quota_exceeded")), ProviderFatal, False, "quota exceeded"),
        (_answer(401, _busy("invalid_api_key")), ProviderFatal, False, "rejected the API key"),
        (_answer(404, _busy("voice_not_found")), ProviderFatal, False, "has no voice"),
        (_answer(404, "Not Found"), ProviderFatal, False, "answered 404"),
        (_answer(402, _busy("payment_required")), ProviderFatal, False, "needs another plan"),
        (_answer(400, _busy("model_not_found")), ProviderFatal, False, "set model_id"),
        (_answer(400, _busy("max_character_limit_exceeded")), ClipError, False, "HTTP 400"),
        (_answer(422, "text is empty"), ClipError, False, "HTTP 422 (text is empty)"),
    ],
    ids=lambda v: str(v.status_code) if isinstance(v, httpx.Response) else None,
)
@pytest.mark.anyio
async def test_each_error_answer_is_classified_by_status_and_detail(
    answer: httpx.Response, kind: type[Exception], retryable: bool, said: str
) -> None:
    """One attempt against a MockTransport: what is passing, what is fatal, what is one clip's."""
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return answer

    settings = ElevenLabsSettings(api_key=KEY, base_url="http://elevenlabs.test")
    provider = ElevenLabsProvider(settings, transport=httpx.MockTransport(handler))
    async with provider:
        with pytest.raises(kind) as caught:
            await provider.synthesize(Speech("こんにちは", "ja", JA))
    assert len(requests) == 1  # a provider call is one attempt
    assert said in str(caught.value)
    assert KEY not in str(caught.value)
    if isinstance(caught.value, ClipError):
        assert caught.value.retryable is retryable
        retry_after = answer.headers.get("retry-after")
        assert caught.value.retry_after == (float(retry_after) if retry_after else None)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (httpx.ConnectError("refused"), "connection failed (ConnectError: refused)"),
        (httpx.ReadTimeout("slow"), "no answer within 60 s"),
    ],
)
@pytest.mark.anyio
async def test_transport_failures_are_passing(error: Exception, said: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    settings = ElevenLabsSettings(api_key=KEY, base_url="http://elevenlabs.test")
    async with ElevenLabsProvider(settings, transport=httpx.MockTransport(handler)) as provider:
        with pytest.raises(ClipError) as caught:
            await provider.synthesize(Speech("こんにちは", "ja", JA))
    assert caught.value.retryable and said in str(caught.value)


@pytest.mark.anyio
async def test_concurrency_rejections_are_sent_again_within_the_policy() -> None:
    """Flow control inside one attempt: sent again after each rejection, up to the policy's
    `max_rejections`, then the attempt fails as a passing error (never an endless loop)."""
    seen = 0
    limit = {"maximum-concurrent-requests": "1"}

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal seen
        seen += 1
        return _answer(429, _busy("too_many_concurrent_requests"), **limit)

    settings = ElevenLabsSettings(api_key=KEY, base_url="http://elevenlabs.test", **FAST)
    async with ElevenLabsProvider(
        settings, ProviderOptions(concurrency=4), transport=httpx.MockTransport(handler)
    ) as provider:
        with pytest.raises(ClipError) as caught:
            await provider.synthesize(Speech("こんにちは", "ja", JA))
        assert provider.concurrency_limit == 1  # the plan's limit, from the header
    policy = provider.retry_policy()
    assert seen == policy.max_rejections + 1
    assert caught.value.retryable and "too_many_concurrent_requests" in str(caught.value)


# --- an answer billed is kept until its clip is made -------------------


@pytest.mark.anyio
async def test_an_answer_billed_is_kept_and_a_later_run_is_not_billed_again(
    server: FakeElevenLabs, tmp_path: Any
) -> None:
    """A provider of a run killed after the answer (before its clip was stored) leaves the
    answer in the staging folder; the next run's provider makes the same audio from it,
    sending nothing. Another request (another text, voice or setting) is sent; a damaged
    copy is asked again."""

    async def run(text: str = "雨です。", **extra: Any) -> Audio:
        given = ElevenLabsSettings(api_key=KEY, base_url=server.base_url, **{**FAST, **extra})
        provider = ElevenLabsProvider(
            given, ProviderOptions(timeout=5.0, paid_answers=tmp_path / "paid-answers")
        )
        async with provider:
            return await provider.synthesize(Speech(text=text, voice=JA, lang="ja"))

    first = await run()
    (kept,) = (tmp_path / "paid-answers").glob("*.json")
    again = await run()  # a later run, the clip not stored
    assert len(server.stats.records) == 1
    assert np.array_equal(first.samples, again.samples) and first.timings == again.timings
    await run("晴れです。")
    await run(stability=0.9)
    assert len(server.stats.records) == 3
    kept.write_bytes(b'{"audio_base64": "not audio"}')  # damaged
    await run()
    assert len(server.stats.records) == 4


@pytest.mark.anyio
async def test_a_text_said_through_the_library_keeps_no_answer(
    server: FakeElevenLabs, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a run keeps its answers (its staging folder): one text said through the
    library leaves nothing in the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
    settings = load_settings(".", provider="elevenlabs")
    audio = await asynthesize("雨です。", provider="elevenlabs", settings=settings)
    assert len(audio.samples) and len(server.stats.records) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.anyio
async def test_an_answer_that_comes_after_its_clip_was_given_up_is_kept_and_not_billed_again(
    server: FakeElevenLabs, tmp_path: Any
) -> None:
    """A clip given up on while its request is out (its `--timeout`,
    a stop: the job's cancellation) leaves the request running: the server answers it
    after the give-up (the test releases it only then), the answer is kept before the
    provider closes, and the next run makes the clip from it without a request. A
    request not yet sent when its clip is given up on is never sent."""
    kept = tmp_path / "paid-answers"
    given = ElevenLabsSettings(api_key=KEY, base_url=server.base_url, **FAST)
    options = ProviderOptions(timeout=5.0, concurrency=1, paid_answers=kept)
    server.hold_after(0)
    provider = ElevenLabsProvider(given, options)
    async with provider:
        with anyio.move_on_after(30) as given_up:
            async with anyio.create_task_group() as clips:
                for text in ("雨です。", "晴れです。"):  # one worker: the second waits
                    speech = Speech(text=text, voice=JA, lang="ja")
                    clips.start_soon(provider.synthesize, speech)
                while server.held < 1:
                    await anyio.sleep(0.01)
                clips.cancel_scope.cancel()  # both clips given up on, one request out
        assert not given_up.cancel_called
        server.release_hold(answer=True)  # billed after the give-up
    (sent,) = server.answered()  # whichever took the one slot; the other was never sent
    assert server.answered() == {sent: 1}
    assert len(list(kept.glob("*.json"))) == 1
    async with ElevenLabsProvider(given, options) as again:
        audio = await again.synthesize(Speech(text=sent, voice=JA, lang="ja"))
    assert len(audio.samples) and audio.timings is not None
    assert server.answered() == {sent: 1}  # made from the kept answer
