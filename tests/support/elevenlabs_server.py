"""A local stand-in for the ElevenLabs text-to-speech API, for tests and the benchmark.

It is a real HTTP/1.1 server on 127.0.0.1 (one thread per connection) that speaks
`POST /v1/text-to-speech/{voice_id}?output_format=...` with the `xi-api-key` header and
answers with real MP3 bytes, and `POST /v1/text-to-speech/{voice_id}/with-timestamps`,
which answers JSON: the same MP3 in `audio_base64` and when each character is said
(`alignment` and `normalized_alignment`: `characters`, `character_start_times_seconds`,
`character_end_times_seconds`), true of the audio (silent at spaces and punctuation).
Either may answer the error payloads and headers ElevenLabs sends:

    401 {"detail": {"status": "invalid_api_key", ...}}      wrong or missing key
    404 {"detail": {"status": "voice_not_found", ...}}      voice id not in `voices`
    429 {"detail": {"status": "too_many_concurrent_requests", ...}}
        plus current-concurrent-requests / maximum-concurrent-requests headers
    429 {"detail": {"status": "system_busy", ...}}          injected, optional Retry-After
    500 / dropped connection                                injected
    401 {"detail": {"status": "quota_exceeded", ...}}       when `quota_chars` runs out

Faults are injected deterministically (`busy_first=2`: the first two admitted requests
get system_busy) or at random (`busy_rate=0.1`, seeded). `hold_after(n)` answers n more
requests and holds every later one, unanswered and unbilled, until `release_hold()` drops
them: a test kills its client while they wait, at a point it made (`release_hold(answer=True)`
answers and bills them instead: a test stops its client while they wait, then lets them
come). `GET /_stats`
returns the counters as JSON so a benchmark running the server as a process can read
them; `answered()` counts the texts answered with audio, each as often as it was.

    with FakeElevenLabs(api_key="test-key", max_concurrent=3, latency=0.2) as server:
        server.base_url, server.stats.max_concurrent, server.stats.records[0].headers

    python -m tests.elevenlabs_server --port 8765 --max-concurrent 3 --latency 0.2
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import io
import json
import random
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import soundfile as sf

from tts_assets.providers.elevenlabs import ElevenLabsProvider

SAMPLE_RATE = 44100
SECONDS_PER_CHAR = 0.08
SECONDS_BASE = 0.3

CONCURRENCY_MESSAGE = (
    "Too many concurrent requests. Your current subscription is associated with a maximum "
    "of {limit} concurrent requests (running in parallel). This is done such that a single "
    "user does not overwhelm our systems and affect other users negatively. Please upgrade "
    "your subscription or contact sales if you want to increase this limit."
)
BUSY_MESSAGE = (
    "Our services are experiencing high levels of traffic and your request could not be "
    "processed. Please retry the request later, with exponential backoff."
)
QUOTA_MESSAGE = (
    "This request exceeds your quota of {quota}. You have {left} credits remaining, "
    "while {needed} credits are required for this request."
)


def speech_seconds(text: str) -> float:
    """How long the audio for `text` lasts: 0.08 s per character plus 0.3 s."""
    return SECONDS_BASE + SECONDS_PER_CHAR * len(text)


EDGE_SECONDS = 0.05
"""Silence before the first character and after the last."""


def character_spans(text: str) -> list[tuple[float, float]]:
    """When each character of `text` is said in its audio, in seconds: the time between
    the silent edges shared evenly."""
    total = speech_seconds(text)
    width = (total - 2 * EDGE_SECONDS) / max(1, len(text))
    return [(EDGE_SECONDS + i * width, EDGE_SECONDS + (i + 1) * width) for i in range(len(text))]


@functools.lru_cache(maxsize=256)
def speech_mp3(text: str) -> bytes:
    """MP3 bytes of speech-shaped sound for `text` (cached): voiced where a letter is
    said, silent where a space or punctuation falls, as `character_spans` times it."""
    n = round(speech_seconds(text) * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    rng = np.random.default_rng(len(text))
    pitch = 140.0 + 20.0 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / SAMPLE_RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 6))
    # Syllables: a ~5 Hz envelope, with breath noise between them.
    envelope = np.abs(np.sin(np.pi * 5.0 * t)) ** 0.6
    signal = 0.25 * envelope * voiced + 0.01 * rng.standard_normal(n)
    said = np.zeros(n, dtype=bool)
    for char, (start, end) in zip(text, character_spans(text), strict=True):
        if char.isalnum():
            said[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)] = True
    signal[~said] = 0.0
    buffer = io.BytesIO()
    sf.write(buffer, signal.astype(np.float32), SAMPLE_RATE, format="MP3")
    return buffer.getvalue()


def timestamped(text: str) -> bytes:
    """The `with-timestamps` answer for `text`: its MP3 in base64 and when each of its
    characters is said (`alignment`; `normalized_alignment` alike, as nothing here
    rewrites a text)."""
    spans = character_spans(text)
    alignment = {
        "characters": list(text),
        "character_start_times_seconds": [round(a, 3) for a, _ in spans],
        "character_end_times_seconds": [round(b, 3) for _, b in spans],
    }
    return json.dumps(
        {
            "audio_base64": base64.b64encode(speech_mp3(text)).decode("ascii"),
            "alignment": alignment,
            "normalized_alignment": alignment,
        }
    ).encode()


TIMESTAMPS = "/with-timestamps"
"""The path ending of the endpoint that answers the audio with when each character is said."""

LANGUAGE_CODE_MODELS = ("eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3")
"""The models the API lets hold to one language with `language_code`; for the others it
answers 400 (the API reference, text-to-speech, `language_code`)."""
LANGUAGE_CODES = frozenset(
    {
        *("en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil"),
        *("pl", "sv", "bg", "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk"),
        *("ru", "hu", "no", "vi"),
    }
)
"""The languages of Turbo and Flash v2.5, as the API names them."""
V3_LANGUAGE_CODES = LANGUAGE_CODES | {"th"}
"""Eleven v3's: those and more (70+), of which Thai matters here."""


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    """Header names lower-cased."""
    body: Any
    """The decoded JSON body, or the raw text when it was not JSON."""
    arrived: float
    """time.monotonic() when the request was read."""
    status: int = 0
    """The status answered; 0 for a dropped connection."""


@dataclass
class ServerStats:
    """What the server saw, for assertions and benchmark reports."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    """429 answers by detail.status (too_many_concurrent_requests, system_busy)."""
    dropped: int = 0
    max_concurrent: int = 0
    """Most text-to-speech requests inside the server at once, rejected ones included."""
    max_admitted: int = 0
    """Most requests being synthesized at once (never above max_concurrent)."""
    chars_billed: int = 0
    records: list[RecordedRequest] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The counters without the request records, as JSON-ready data."""
        data = asdict(self)
        del data["records"]
        data["statuses"] = {str(k): v for k, v in self.statuses.items()}
        data["rejected"] = dict(self.rejected)
        return data


class FakeElevenLabs:
    """The ElevenLabs text-to-speech endpoint on 127.0.0.1, in a background thread."""

    def __init__(
        self,
        *,
        api_key: str | None = "test-key",
        max_concurrent: int | None = 3,
        latency: float = 0.0,
        quota_chars: int | None = None,
        voices: Iterable[str] | None = None,
        limit_headers: bool = True,
        busy_first: int = 0,
        busy_rate: float = 0.0,
        retry_after: str | None = None,
        error_first: int = 0,
        error_rate: float = 0.0,
        drop_first: int = 0,
        drop_rate: float = 0.0,
        seed: int = 0,
        port: int = 0,
        hold_until_refused: bool = False,
        refuse: Iterable[str] = (),
    ) -> None:
        self.api_key = api_key
        """The only key accepted; None accepts any non-empty key."""
        self.max_concurrent = max_concurrent
        self.latency = latency
        self.quota_chars = quota_chars
        self.voices = set(voices or ElevenLabsProvider.default_voices.values())
        self.limit_headers = limit_headers
        self.busy_rate, self.error_rate, self.drop_rate = busy_rate, error_rate, drop_rate
        self.retry_after = retry_after
        self.stats = ServerStats()
        self._busy_left, self._error_left, self._drop_left = busy_first, error_first, drop_first
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._inside = 0
        self._admitted = 0
        self.refuse = frozenset(refuse)
        """Texts answered 400 every time, unbilled (one text that keeps failing)."""
        self.hold_until_refused = hold_until_refused
        """An admitted request keeps its slot until a request has been refused for the
        concurrency limit: the test makes the client meet the limit, whatever the load."""
        self.refused = threading.Event()
        self._passes: int | None = None
        """Requests still answered before the hold (`hold_after`); None: no hold."""
        self._gate = threading.Event()
        self._answer_held = False
        self.held = 0
        """Requests waiting at the hold now."""
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.fake = self
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Serve in a daemon thread until `stop`."""
        # A short poll interval makes `stop` (and so every test using the server) quick:
        # `shutdown` waits for the loop's next poll (at 20 ms, 10 ms of each test's wall on
        # average; a poll costs microseconds of CPU).
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.005},
            name="fake-elevenlabs",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting and close the listening socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> FakeElevenLabs:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def reset_stats(self) -> None:
        """Start counting afresh (the quota already billed stays billed)."""
        with self._lock:
            billed = self.stats.chars_billed
            self.stats = ServerStats(chars_billed=billed)

    def hold_after(self, n: int) -> None:
        """Answer `n` more admitted requests, then hold each later one until `release_hold`."""
        with self._lock:
            self._passes = n
            self._gate.clear()

    def release_hold(self, *, answer: bool = False) -> None:
        """End the hold: the requests it holds are dropped (their client is gone), unbilled;
        with `answer`, they are answered and billed, as a request the server had taken
        is (whether its client still listens or not)."""
        with self._lock:
            self._passes = None
            self._answer_held = answer
            self._gate.set()

    def answered(self) -> Counter[str]:
        """How many times each text was answered with audio (what a real API bills)."""
        with self._lock:
            return Counter(
                str(r.body.get("text"))
                for r in self.stats.records
                if r.status == 200 and isinstance(r.body, dict)
            )

    # The handler calls these under no lock of its own; each takes the server's lock.

    def must_hold(self) -> bool:
        """Whether the next admitted request waits at the hold (counted in `held`)."""
        with self._lock:
            if self._passes is None:
                return False
            if self._passes > 0:
                self._passes -= 1
                return False
            self.held += 1
            return True

    def wait_at_hold(self) -> bool:
        """Wait until the hold ends: whether the request is then answered (else dropped)."""
        self._gate.wait(timeout=300)
        with self._lock:
            self.held -= 1
            return self._answer_held

    def enter(self, record: RecordedRequest) -> None:
        with self._lock:
            self._inside += 1
            self.stats.requests += 1
            self.stats.records.append(record)
            self.stats.max_concurrent = max(self.stats.max_concurrent, self._inside)

    def count_answer(self, record: RecordedRequest, status: int) -> None:
        """Count `status` as `record`'s answer, before it goes out: a client that has read
        it may look at the stats at once (counted after, a busy machine let a test read
        19 of 20 answers, or count one of the round before its reset)."""
        with self._lock:
            record.status = status
            self.stats.statuses[status] += 1

    def leave(self, record: RecordedRequest, status: int) -> None:
        with self._lock:
            self._inside -= 1
            if not status and not record.status:
                self.stats.dropped += 1

    def admit(self) -> tuple[bool, int]:
        """Take a concurrency slot: (admitted, requests running including this one)."""
        with self._lock:
            if self.max_concurrent is not None and self._admitted >= self.max_concurrent:
                self.stats.rejected["too_many_concurrent_requests"] += 1
                return False, self._admitted + 1
            self._admitted += 1
            self.stats.max_admitted = max(self.stats.max_admitted, self._admitted)
            return True, self._admitted

    def release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def fault(self) -> str | None:
        """The fault to inject into the next admitted request: busy, error, drop or None."""
        with self._lock:
            if self._busy_left:
                self._busy_left -= 1
                kind: str | None = "busy"
            elif self._error_left:
                self._error_left -= 1
                kind = "error"
            elif self._drop_left:
                self._drop_left -= 1
                kind = "drop"
            else:
                roll = self._random.random()
                kind = None
                for name, rate in (
                    ("busy", self.busy_rate),
                    ("error", self.error_rate),
                    ("drop", self.drop_rate),
                ):
                    if roll < rate:
                        kind = name
                        break
                    roll -= rate
            if kind == "busy":
                self.stats.rejected["system_busy"] += 1
            return kind

    def bill(self, chars: int) -> int | None:
        """Charge `chars` against the quota; None when it is charged, else what is left."""
        with self._lock:
            left = None if self.quota_chars is None else self.quota_chars - self.stats.chars_billed
            if left is not None and chars > left:
                return left
            self.stats.chars_billed += chars
            return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    fake: FakeElevenLabs


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK (~40 ms a request), which no real API server adds.
    disable_nagle_algorithm = True
    server: _Server
    timeout = 30  # idle keep-alive connections end on their own

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines are noise in test output, and headers hold the key."""

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/_stats":
            body = json.dumps(self.server.fake.stats.summary()).encode()
            self._send(200, body, {"content-type": "application/json"})
        else:
            self._send_detail(404, None, "Not Found")

    def do_POST(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode(errors="replace")
        record = RecordedRequest(
            method="POST",
            path=url.path,
            query=dict(parse_qsl(url.query)),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            arrived=time.monotonic(),
        )
        fake.enter(record)
        self._record: RecordedRequest | None = record
        status = 0
        try:
            status = self._text_to_speech(fake, url.path, body)
        finally:
            fake.leave(record, status)
            self._record = None  # a later request on this connection is another's

    def _text_to_speech(self, fake: FakeElevenLabs, path: str, body: Any) -> int:
        """Answer one synthesis request; the status sent, or 0 when the connection was cut."""
        key = self.headers.get("xi-api-key")
        if not key:
            return self._send_detail(
                401,
                "needs_authorization",
                "Neither authorization header nor xi-api-key received, please provide one.",
            )
        if fake.api_key is not None and key != fake.api_key:
            return self._send_detail(401, "invalid_api_key", "Invalid API key")
        prefix = "/v1/text-to-speech/"
        voice = path[len(prefix) :] if path.startswith(prefix) else ""
        voice, timed = voice.removesuffix(TIMESTAMPS), voice.endswith(TIMESTAMPS)
        if not voice or "/" in voice:
            return self._send_detail(404, None, "Not Found")
        if voice not in fake.voices:
            message = f"A voice with the voice_id {voice} was not found."
            return self._send_detail(404, "voice_not_found", message)
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text:
            return self._send_detail(400, "invalid_text", "Field 'text' is required.")
        if text in fake.refuse:
            return self._send_detail(400, "invalid_text", "The text could not be read.")
        language = body.get("language_code")
        if language is not None:
            model = body.get("model_id")
            if model not in LANGUAGE_CODE_MODELS:
                message = f"Model '{model}' does not support the language_code parameter."
                return self._send_detail(400, "unsupported_language_code", message)
            codes = V3_LANGUAGE_CODES if model == "eleven_v3" else LANGUAGE_CODES
            if not isinstance(language, str) or language not in codes:
                message = f"Language code '{language}' is not an ISO 639-1 code of the model."
                return self._send_detail(400, "unsupported_language", message)

        admitted, running = fake.admit()
        if not admitted:
            fake.refused.set()
            limit = fake.max_concurrent or 0
            headers = self._limit_headers(running) if fake.limit_headers else {}
            message = CONCURRENCY_MESSAGE.format(limit=limit)
            return self._send_detail(429, "too_many_concurrent_requests", message, headers)
        try:
            if fake.must_hold() and not fake.wait_at_hold():
                self._drop()
                return 0
            fault = fake.fault()
            if fault == "drop":
                self._drop()
                return 0
            if fault == "busy":
                headers = {"retry-after": fake.retry_after} if fake.retry_after else {}
                return self._send_detail(429, "system_busy", BUSY_MESSAGE, headers)
            if fault == "error":
                return self._send_detail(500, "internal_error", "Internal Server Error")
            left = fake.bill(len(text))
            if left is not None:
                message = QUOTA_MESSAGE.format(quota=fake.quota_chars, left=left, needed=len(text))
                return self._send_detail(401, "quota_exceeded", message)
            if fake.hold_until_refused:
                fake.refused.wait(timeout=60)
            if fake.latency:
                time.sleep(fake.latency)
            answer = timestamped(text) if timed else speech_mp3(text)
            headers = self._limit_headers(running) if fake.limit_headers else {}
        finally:
            # Free the slot before answering, as the client may send its next request as
            # soon as it has read this answer.
            fake.release()
        kind = "application/json" if timed else "audio/mpeg"
        return self._send(200, answer, {"content-type": kind, **headers})

    def _limit_headers(self, running: int) -> dict[str, str]:
        limit = self.server.fake.max_concurrent
        if limit is None:
            return {}
        return {
            "current-concurrent-requests": str(running),
            "maximum-concurrent-requests": str(limit),
        }

    def _send_detail(
        self, code: int, status: str | None, message: str, headers: dict[str, str] | None = None
    ) -> int:
        detail: Any = {"status": status, "message": message} if status else message
        body = json.dumps({"detail": detail}).encode()
        return self._send(code, body, {"content-type": "application/json", **(headers or {})})

    def _send(self, code: int, body: bytes, headers: dict[str, str]) -> int:
        record = getattr(self, "_record", None)
        if record is not None:
            self.server.fake.count_answer(record, code)
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return code

    def _drop(self) -> None:
        """Close the connection without a byte of answer, as a crashed backend would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def main(argv: list[str] | None = None) -> None:
    """Run the fake server in the foreground until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m tests.elevenlabs_server", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--api-key", default="test-key", help="the key to accept ('' = any)")
    parser.add_argument("--max-concurrent", type=int, default=3, help="0 = unlimited")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    parser.add_argument("--quota-chars", type=int, default=None)
    parser.add_argument("--no-limit-headers", action="store_true")
    parser.add_argument("--busy-rate", type=float, default=0.0)
    parser.add_argument("--retry-after", default=None)
    parser.add_argument("--error-rate", type=float, default=0.0)
    parser.add_argument("--drop-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    server = FakeElevenLabs(
        api_key=args.api_key or None,
        max_concurrent=args.max_concurrent or None,
        latency=args.latency,
        quota_chars=args.quota_chars,
        limit_headers=not args.no_limit_headers,
        busy_rate=args.busy_rate,
        retry_after=args.retry_after,
        error_rate=args.error_rate,
        drop_rate=args.drop_rate,
        seed=args.seed,
        port=args.port,
    )
    with server:
        print(f"fake ElevenLabs listening on {server.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    print(json.dumps(server.stats.summary()), file=sys.stderr)


if __name__ == "__main__":
    main()
