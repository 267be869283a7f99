"""Run many async jobs with bounded concurrency, timeouts, retries and clean stopping.

The pool knows nothing about speech: a `Job` is an id, a coroutine function and a retry
policy. It runs jobs in the order given (a list, or an async stream whose jobs arrive
while others run), at most `limit` at once, and records what happened to each in a
`PoolReport`:

- an `Exception` from a job is recorded in its `Outcome` and the other jobs go on;
- an error the job's `RetryPolicy` calls retryable is tried again after the policy's
  delay, up to its `max_attempts` attempts in all;
- an `is_fatal(err)` error starts no new job, lets running jobs finish and keeps every
  finished result;
- `stop()` starts no new job and cancels running ones; `run()` still returns a report.

Each job's value reaches `on_event` in its `Succeeded` event as soon as it is done, so a
caller can hand it on while other jobs run. Anything that is not an `Exception`
(cancellation, KeyboardInterrupt) and any error raised by `on_event` is a bug or a request
to leave, so it propagates out of `run()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeAlias, TypeVar

import anyio

from ..retry import NO_RETRY, RetryPolicy

T = TypeVar("T")


@dataclass(frozen=True)
class Job(Generic[T]):
    """One unit of work."""

    id: str
    """Unique among the jobs of one run; the key of its outcome in the report."""
    run: Callable[[], Awaitable[T]]
    """Called once per attempt; each call must start the work afresh."""
    retry: RetryPolicy = NO_RETRY
    """Which errors are tried again, how often, and after how long."""
    timeout_scale: float = 1.0
    """This job may take this many times the pool's timeout (it does that many units of
    work: a passage's pieces)."""


@dataclass
class Outcome(Generic[T]):
    """What happened to one job."""

    id: str
    value: T | None = None
    error: BaseException | None = None
    """The error of the last attempt; None means success."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Started:
    """A job took a slot."""

    id: str


@dataclass(frozen=True)
class Succeeded(Generic[T]):
    """A job returned `value`."""

    id: str
    value: T


@dataclass(frozen=True)
class Failed:
    """A job gave up with `error`."""

    id: str
    error: BaseException


Event: TypeAlias = Started | Succeeded[Any] | Failed


class JobTimeout(Exception):
    """A job ran past the per-job timeout."""


@dataclass
class PoolReport(Generic[T]):
    """What one `Pool.run` did."""

    outcomes: dict[str, Outcome[T]]
    """The jobs that ended, by id (not those never started or cancelled by `stop()`)."""
    fatal: BaseException | None


@contextlib.contextmanager
def lone_errors() -> Iterator[None]:
    """Let a lone error out of a task group as itself: a bug reads better than a group of one."""
    try:
        yield
    except BaseExceptionGroup as group:
        if len(group.exceptions) == 1:
            raise group.exceptions[0] from None
        raise


async def _each(jobs: Iterable[Job[T]]) -> AsyncIterator[Job[T]]:
    for job in jobs:
        yield job


class Pool(Generic[T]):
    """Runs jobs with at most `limit` at once; see the module docstring."""

    def __init__(
        self,
        limit: int,
        *,
        timeout: float | None = None,
        is_fatal: Callable[[BaseException], bool] = lambda error: False,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        """With `on_event`, each value is handed on in its `Succeeded` event alone: the
        report's outcomes keep none (memory stays flat)."""
        if limit < 1:
            raise ValueError(f"pool limit must be at least 1, got {limit}")
        self._limit = limit
        self._timeout = timeout
        self._is_fatal = is_fatal
        self._on_event = on_event
        self._limiter: anyio.CapacityLimiter | None = None
        self._scope: anyio.CancelScope | None = None
        self._in_flight: set[str] = set()
        """Ids started and not yet finished."""
        self._fatal: BaseException | None = None
        self._stopped = False

    @property
    def active(self) -> int:
        """Jobs running now (a job waiting to retry still holds its slot)."""
        return len(self._in_flight)

    def stop(self) -> None:
        """Start no new job and cancel running ones (final: a later `run()` starts
        nothing). Does not await, so a signal handler in the event loop may call it."""
        self._stopped = True
        if self._scope is not None:
            self._scope.cancel()

    async def run(self, jobs: Iterable[Job[T]] | AsyncIterable[Job[T]]) -> PoolReport[T]:
        """Run `jobs` and report on each; only bugs and cancellation raise."""
        self._fatal = None
        self._in_flight = set()
        self._limiter = limiter = anyio.CapacityLimiter(self._limit)
        outcomes: dict[str, Outcome[T]] = {}
        pending = aiter(jobs) if isinstance(jobs, AsyncIterable) else _each(jobs)
        try:
            with lone_errors():
                async with anyio.create_task_group() as tg:
                    self._scope = tg.cancel_scope
                    async for job in pending:
                        if self._halted:
                            break
                        # Taking the slot before spawning keeps at most `limit` tasks alive,
                        # so memory stays flat however many jobs there are.
                        token = object()
                        await limiter.acquire_on_behalf_of(token)
                        if self._halted:
                            limiter.release_on_behalf_of(token)
                            break
                        self._in_flight.add(job.id)
                        self._emit(Started(job.id))
                        tg.start_soon(self._run_job, job, token, outcomes)
        finally:
            self._scope = None
            self._limiter = None
            self._in_flight = set()  # jobs cancelled by stop() never finished
        return PoolReport(outcomes, self._fatal)

    @property
    def _halted(self) -> bool:
        return self._stopped or self._fatal is not None

    def _emit(self, event: Event) -> None:
        if self._on_event is not None:
            self._on_event(event)

    async def _run_job(self, job: Job[T], token: object, outcomes: dict[str, Outcome[T]]) -> None:
        try:
            outcome = await self._attempts(job)
        finally:
            assert self._limiter is not None
            self._limiter.release_on_behalf_of(token)
        self._in_flight.discard(job.id)
        outcomes[job.id] = outcome if self._on_event is None else replace(outcome, value=None)
        if outcome.error is None:
            self._emit(Succeeded(job.id, outcome.value))
        else:
            self._emit(Failed(job.id, outcome.error))

    async def _attempts(self, job: Job[T]) -> Outcome[T]:
        attempt = 0
        while True:
            attempt += 1
            try:
                value = await self._attempt(job)
            except Exception as error:
                if self._is_fatal(error):
                    if self._fatal is None:
                        self._fatal = error
                # After a fatal error no new attempt starts either: it would most likely
                # meet the same wall (bad key, exhausted quota).
                elif (
                    attempt < job.retry.max_attempts
                    and not self._halted
                    and job.retry.retryable(error)
                ):
                    await anyio.sleep(job.retry.delay(attempt, error))
                    continue
                return Outcome(job.id, None, error)
            return Outcome(job.id, value)

    async def _attempt(self, job: Job[T]) -> T:
        if self._timeout is None:
            return await job.run()
        # move_on_after rather than fail_after: a TimeoutError the job raises itself stays
        # that error, and only our own deadline becomes JobTimeout.
        allowed = self._timeout * job.timeout_scale
        with anyio.move_on_after(allowed):
            return await job.run()
        raise JobTimeout(f"timed out after {allowed:g} s")
