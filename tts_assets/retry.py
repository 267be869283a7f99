"""When a failed attempt is tried again, and how long to wait first: one policy for all.

A piece of a clip (one provider call) and a clip's finishing (processing and storing) are
tried again only after an error that says it is passing (`ClipError(retryable=True)`: a
busy server, a dropped connection, a synthesizer that hung), at most `max_attempts` times
in all. Between attempts the wait is drawn from an exponential window with full jitter,
so jobs that failed together do not come back together; a server's Retry-After
(`parse_retry_after`) wins, up to `max_retry_after`. The worker pool (`pool.py`) loops on
it for clips, and `models pull` for downloads.

Flow control is not a failure: when ElevenLabs answers 429 too_many_concurrent_requests
its provider lowers its own concurrency and sends the same request again, at most
`max_rejections` times in one attempt before the attempt fails. So one piece costs at
most `max_attempts * (1 + max_rejections)` requests, and only `max_attempts` of them can
be billed.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from dataclasses import dataclass

from .errors import ClipError


@dataclass(frozen=True)
class RetryPolicy:
    """How often a job is tried, and how long to wait between attempts."""

    max_attempts: int = 3
    """Attempts in all, counting the first, while the errors are retryable."""
    base: float = 0.5
    """Seconds of the first backoff window; each later attempt doubles it."""
    cap: float = 8.0
    """Largest backoff window in seconds."""
    max_retry_after: float = 60.0
    """Longest Retry-After honoured, so one answer cannot stall a run for hours."""
    max_rejections: int = 20
    """Concurrency rejections (flow control, not failures) one attempt may meet."""

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.max_rejections < 0:
            raise ValueError(f"{self}: max_attempts must be ≥ 1 and max_rejections ≥ 0")
        if min(self.base, self.cap, self.max_retry_after) < 0:
            raise ValueError(f"{self}: waits cannot be negative")

    def retryable(self, error: BaseException) -> bool:
        """Whether `error` says that trying again may succeed."""
        return isinstance(error, ClipError) and error.retryable

    def delay(self, attempt: int, error: BaseException) -> float:
        """Seconds to wait after attempt `attempt` failed with `error`."""
        return self.wait(attempt, error.retry_after if isinstance(error, ClipError) else None)

    def wait(self, attempt: int, asked: float | None) -> float:
        """Seconds to wait after failed attempt `attempt` (1 = the first), the server
        having asked for `asked` seconds (Retry-After; None when it did not say); else
        full jitter: uniform in [0, min(cap, base * 2 ** (attempt - 1))]."""
        if asked is not None:
            # A server that says when to come back knows better than our guess.
            return min(max(asked, 0.0), self.max_retry_after)
        return random.uniform(0.0, min(self.cap, self.base * 2.0 ** (attempt - 1)))


def parse_retry_after(value: str | None) -> float | None:
    """The seconds an HTTP Retry-After header asks for (a number of seconds or an HTTP
    date), or None when there is none or it says nothing readable."""
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
    return None if math.isnan(seconds) else seconds


NO_RETRY = RetryPolicy(max_attempts=1)
"""One attempt, whatever the error."""
