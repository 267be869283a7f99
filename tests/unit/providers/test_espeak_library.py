"""The espeak provider's packaged engine: espeakng-loader's espeak-ng library in this
process, its phonemes, its language switches, its lock, and a call that hangs."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import anyio
import numpy as np
import pytest

from tests.support.markers import needs_espeak_library
from tts_assets.errors import CannotSay, ClipError
from tts_assets.providers import espeak as espeak_module
from tts_assets.providers.base import ProviderOptions, Speech
from tts_assets.providers.espeak import EspeakProvider, EspeakSettings
from tts_assets.providers.espeak_library import packaged

pytestmark = [
    pytest.mark.anyio,
    needs_espeak_library,
]

PACKAGED = EspeakSettings(engine="packaged")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_auto_takes_the_packaged_library_when_it_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert EspeakProvider().engine == "packaged"
    monkeypatch.setattr(espeak_module, "packaged_available", lambda: False)
    assert EspeakProvider().engine == "system"


def test_identity_names_the_library_and_its_package() -> None:
    identity = EspeakProvider(PACKAGED).identity("cmn")
    assert identity["espeak_ng"] == packaged().version
    assert identity["espeak_ng"].startswith("1.52")
    assert identity["espeakng_loader"][0].isdigit()


async def test_clips_decode_with_plausible_durations_and_speed(
    packaged_espeak: EspeakProvider,
) -> None:
    espeak = packaged_espeak
    ja = await espeak.synthesize(Speech("こんにちは、げんきですか", "ja", "ja"))
    en = await espeak.synthesize(Speech("Good morning, how are you?", "en", "en-us+f3"))
    fast = await espeak.synthesize(Speech("Good morning, how are you?", "en", "en-us+f3", 1.5))
    for audio in (ja, en):
        assert audio.sample_rate == 22050
        assert audio.samples.dtype.name == "float32"
        assert 0.8 < audio.duration < 5.0
        assert float(abs(audio.samples).max()) > 0.1
    assert fast.duration < en.duration * 0.85


async def test_each_clip_records_the_phonemes_it_said(packaged_espeak: EspeakProvider) -> None:
    espeak = packaged_espeak
    audio = await espeak.synthesize(Speech("每天", "zh", "cmn"))
    assert audio.phonemes == "m'ei214_| th'iE55n_|"  # Chinese, tones and all
    german = await espeak.synthesize(Speech("Hallo Welt. Guten Tag!", "de", "de"))
    assert german.phonemes == "h'alo: v'Elt g'u:t@n t'A:k"


async def test_a_switch_to_another_language_fails_the_piece_naming_the_text(
    packaged_espeak: EspeakProvider,
) -> None:
    espeak = packaged_espeak
    with pytest.raises(CannotSay) as caught:
        await espeak.synthesize(Speech("学生", "ja", "ja"))  # ja reads no kanji
    assert not caught.value.retryable
    assert caught.value.why == "it switched to English"
    assert str(caught.value).startswith(
        'espeak-ng 1.52.0 ja switched to English for "学生" (its phonemes: _:(en)tS'
    )
    assert str(caught.value).endswith(
        'so no clip was made; give Japanese another provider in [languages] (ja = "...")'
    )


@pytest.mark.parametrize(("text", "said"), [("無くす", "k'usu"), ("習う", "'u"), ("水を", "'o")])
async def test_a_kanji_said_as_nothing_fails_the_piece(
    packaged_espeak: EspeakProvider, text: str, said: str
) -> None:
    """espeak-ng's Japanese voice drops a kanji inside a word without a sound and without
    switching language (hanabira.org's 無くす said as "kusu"): no clip of the rest."""
    espeak = packaged_espeak
    assert espeak._phonemes_of(text, "ja") == said
    with pytest.raises(CannotSay) as caught:
        await espeak.synthesize(Speech(text, "ja", "ja"))
    assert not caught.value.retryable and caught.value.why == "it reads no kanji"
    assert str(caught.value).startswith(
        f'espeak-ng 1.52.0 ja said nothing for the kanji {text[0]} in "{text}" (its phonemes: '
        f"{said}): its Japanese voice reads no kanji, so no clip was made; give Japanese"
    )
    kana = await espeak.synthesize(Speech("なくす", "ja", "ja"))  # the kana it can read
    assert kana.phonemes == "nak'usu"


async def test_the_voice_own_language_and_its_variants_are_no_switch(
    packaged_espeak: EspeakProvider,
) -> None:
    espeak = packaged_espeak
    # fr-fr marks French as (fr), yue as (yue): both are the clip's language.
    audio = await espeak.synthesize(Speech("Bonjour tout le monde.", "fr", "fr-fr"))
    assert audio.phonemes == "bO~Z'ur tulm'O~d"
    await espeak.synthesize(Speech("我鍾意食蘋果。", "zh", "yue"))


async def test_an_unknown_voice_is_a_clip_error(packaged_espeak: EspeakProvider) -> None:
    with pytest.raises(ClipError, match=r"espeak-ng 1.52.0 has no voice 'xx'"):
        await packaged_espeak.synthesize(Speech("hello", "en", "xx"))


@pytest.mark.slow  # waits on real time (or loads a dictionary)
def test_calls_from_many_threads_at_once_say_the_same_as_one_by_one() -> None:
    # Without the lock, the library crashes or mixes up the phonemes of two calls.
    library = packaged()
    texts = [("cmn", "我喜欢吃苹果。"), ("de", "Ich arbeite jeden Tag."), ("es", "¿Dónde está?")]
    alone = {voice: library.phonemes([text], voice)[0] for voice, text in texts}
    wrong: list[str] = []

    def repeat(voice: str, text: str) -> None:
        for _ in range(100):
            if library.phonemes([text], voice)[0] != alone[voice]:
                wrong.append(voice)

    threads = [threading.Thread(target=repeat, args=pair) for pair in texts * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


# --- several workers: a process each (espeak_workers.py) --------------------------------


@pytest.mark.slow  # starts two worker processes, each loading espeak-ng
async def test_several_workers_speak_at_once_in_processes_the_same_clips() -> None:
    # espeak-ng ran on one worker where the machine has two. The library is not
    # thread-safe; a process per worker is, and says each text as this process does.
    texts = [("es", "¿Dónde está la estación?"), ("cmn", "我喜欢吃苹果。"), ("de", "Ich trinke.")]
    alone = EspeakProvider(PACKAGED)
    here = [await alone.synthesize(Speech(text, lang, lang)) for lang, text in texts * 2]
    espeak = EspeakProvider(PACKAGED)
    espeak.set_thread_limit(2)
    assert espeak.natural_concurrency() >= 1 and espeak._workers is not None
    made: list[Any] = [None] * len(here)
    try:
        async with anyio.create_task_group() as group:
            for n, (lang, text) in enumerate(texts * 2):

                async def one(n: int = n, lang: str = lang, text: str = text) -> None:
                    made[n] = await espeak.synthesize(Speech(text, lang, lang))

                group.start_soon(one)
        processes = [w.process for w in espeak._workers._all]
        assert len(processes) == 2 and all(p.pid != os.getpid() for p in processes)
    finally:
        await espeak.aclose()
    assert all(p.poll() is not None for p in processes)  # closed with the provider
    for ours, theirs in zip(made, here, strict=True):
        assert ours.phonemes == theirs.phonemes
        assert np.array_equal(ours.samples, theirs.samples)
        assert ours.timings == theirs.timings


@pytest.mark.slow  # waits on real time
@pytest.mark.parametrize("workers", [1, 2])
async def test_a_worker_past_the_timeout_is_killed_and_only_its_clip_fails(workers: int) -> None:
    espeak = EspeakProvider(PACKAGED)
    if workers > 1:
        espeak.set_thread_limit(workers)
    long = "Ich arbeite jeden Tag in der Stadt und trinke viel Wasser. " * 400
    try:
        async with anyio.create_task_group() as group:  # every process started
            for _ in range(workers):
                group.start_soon(espeak.synthesize, Speech("Hallo.", "de", "de"))
        assert espeak._workers is not None and len(espeak._workers._all) == workers
        espeak.options = ProviderOptions(timeout=0.3)
        started = time.monotonic()
        with pytest.raises(ClipError, match=r"did not finish .* within 0.3 s; its process"):
            await espeak.synthesize(Speech(long, "de", "de"))
        assert time.monotonic() - started < 10
        # The next clips are said, by a process that is not stuck (one started anew, with
        # one worker: its start needs more than that timeout on a loaded machine).
        espeak.options = ProviderOptions(timeout=30.0)
        for _ in range(3):
            audio = await espeak.synthesize(Speech("Guten Morgen.", "de", "de"))
            assert audio.duration > 0.3
    finally:
        await espeak.aclose()


@pytest.mark.slow  # a process
def test_a_worker_whose_run_has_ended_ends_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """A run that ends while a worker speaks (memory's exit 3 is `os._exit`; a kill) leaves
    the worker's answer nowhere to go: it printed a BrokenPipeError traceback on the run's
    stderr (which it shares) after the run's one line. The run's end of the pipe is closed
    before the request is sent, so the answer always meets it closed."""
    from tts_assets.providers.espeak_workers import Worker, _send

    process = Worker().process
    assert process.stdin is not None and process.stdout is not None
    process.stdout.close()
    _send(process.stdin, ("ねこ", "ja", 175))
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    assert capfd.readouterr().err == ""
