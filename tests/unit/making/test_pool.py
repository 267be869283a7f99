"""Tests of the generic worker pool with fake jobs that sleep, hang, raise or stop it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import anyio
import pytest

from tts_assets.errors import ClipError
from tts_assets.making.pool import (
    Event,
    Failed,
    Job,
    JobTimeout,
    Pool,
    Started,
    Succeeded,
)
from tts_assets.retry import RetryPolicy

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Gauge:
    """Counts jobs inside their body, remembering the peak and the count at each start."""

    now: int = 0
    peak: int = 0
    at_start: list[int] = field(default_factory=list)

    def job(
        self, id: str, seconds: float = 0.01, then: Callable[[], None] | None = None
    ) -> Job[str]:
        async def run() -> str:
            self.now += 1
            self.peak = max(self.peak, self.now)
            self.at_start.append(self.now)
            try:
                if then is not None:
                    then()
                await anyio.sleep(seconds)
            finally:
                self.now -= 1
            return id.upper()

        return Job(id, run)


def failing(error: BaseException, after: float = 0.0) -> Callable[[], Awaitable[str]]:
    async def run() -> str:
        await anyio.sleep(after)
        raise error

    return run


def flaky(errors: list[Exception]) -> Callable[[], Awaitable[str]]:
    """Raises the given errors one attempt after the other, then succeeds."""

    async def run() -> str:
        if errors:
            raise errors.pop(0)
        return "done"

    return run


async def hang() -> str:
    await anyio.sleep_forever()
    raise AssertionError("unreachable")


def transient(message: str) -> ClipError:
    """An error that says trying again may succeed."""
    return ClipError(message, retryable=True)


def rate_limited(retry_after: float | None) -> ClipError:
    """A passing error whose server said when to come back."""
    return ClipError("429", retryable=True, retry_after=retry_after)


def retries(attempts: int, base: float = 0.001) -> RetryPolicy:
    return RetryPolicy(max_attempts=attempts, base=base, cap=1.0)


class Fatal(Exception):
    pass


async def test_limit_is_reached_and_never_exceeded() -> None:
    gauge = Gauge()
    pool = Pool(3)
    report = await pool.run(gauge.job(f"j{i}") for i in range(10))
    assert gauge.peak == 3
    assert sorted(report.outcomes) == sorted(f"j{i}" for i in range(10))
    assert all(o.ok and o.value == o.id.upper() for o in report.outcomes.values())
    assert report.fatal is None
    assert pool.active == 0


async def test_jobs_start_in_order_and_are_taken_lazily() -> None:
    pulled = 0
    started: list[tuple[str, int]] = []

    def jobs() -> Iterator[Job[str]]:
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield Job(f"j{i}", record(f"j{i}"))

    def record(id: str) -> Callable[[], Awaitable[str]]:
        async def run() -> str:
            started.append((id, pulled))
            await anyio.sleep(0)
            return id

        return run

    await Pool(2).run(jobs())
    assert [id for id, _ in started] == [f"j{i}" for i in range(40)]
    # A pool that spawned everything up front would have pulled all 40 before any start.
    assert all(seen <= index + 2 for index, (_, seen) in enumerate(started))


async def test_timeout_fails_a_hanging_job_and_others_finish() -> None:
    gauge = Gauge()
    with anyio.fail_after(2):  # a broken timeout fails the test instead of hanging it
        report = await Pool(2, timeout=0.05).run(
            [Job("hang", hang), *(gauge.job(f"j{i}") for i in range(4))]
        )
    hung = report.outcomes["hang"]
    assert isinstance(hung.error, JobTimeout)
    assert str(hung.error) == "timed out after 0.05 s"
    assert all(report.outcomes[f"j{i}"].ok for i in range(4))


async def test_a_job_own_timeout_error_is_not_reported_as_pool_timeout() -> None:
    error = TimeoutError("upstream")
    report = await Pool(1, timeout=5).run([Job("a", failing(error))])
    assert report.outcomes["a"].error is error


async def test_the_pools_own_timeout_is_not_retried_a_jobs_own_passing_error_is() -> None:
    attempts = hangs = 0

    async def run() -> str:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            # A synthesizer that hung and was killed by its own deadline says so.
            raise transient("synthesizer timed out")
        return "late"

    async def hanging() -> str:
        nonlocal hangs
        hangs += 1
        return await hang()

    pool = Pool[str](1, timeout=0.02)
    with anyio.fail_after(2):
        report = await pool.run(
            [Job("a", run, retry=retries(2, base=0.0)), Job("b", hanging, retry=retries(2))]
        )
    assert report.outcomes["a"].value == "late" and attempts == 2
    assert isinstance(report.outcomes["b"].error, JobTimeout) and hangs == 1


async def test_one_raising_job_is_isolated_and_recorded() -> None:
    gauge = Gauge()
    boom = ValueError("boom")
    events: list[Event] = []
    jobs = [gauge.job("a"), Job("bad", failing(boom, after=0.005)), gauge.job("c")]
    report = await Pool(2, on_event=events.append).run(jobs)
    bad = report.outcomes["bad"]
    assert bad.error is boom and not bad.ok and bad.value is None
    assert report.outcomes["a"].ok and report.outcomes["c"].ok
    assert report.fatal is None
    assert [e for e in events if isinstance(e, Failed)] == [Failed("bad", boom)]
    assert [e.value for e in events if isinstance(e, Succeeded)] == ["A", "C"]


async def test_non_exception_errors_propagate() -> None:
    class Leave(BaseException):
        pass

    with pytest.raises(Leave), anyio.fail_after(2):
        await Pool(2).run([Job("a", failing(Leave())), Job("b", hang)])


async def test_errors_from_on_event_propagate() -> None:
    def broken(event: Event) -> None:
        if isinstance(event, Succeeded):
            raise RuntimeError("bug in progress display")

    with pytest.raises(RuntimeError, match="progress display"):
        await Pool(1, on_event=broken).run([Job("a", flaky([]))])


async def test_retryable_errors_are_retried_with_backoff_then_give_up() -> None:
    events: list[Event] = []
    pool = Pool[str](2, on_event=events.append)
    last, fourth = transient("third"), transient("4")
    gives_up = [transient("1"), transient("2"), last, fourth]
    once, said_so = [ValueError("no")], [ClipError("not passing")]
    jobs = [
        Job("recovers", flaky([transient("1"), transient("2")]), retry=retries(3)),
        Job("gives-up", flaky(gives_up), retries(3)),
        Job("not-retryable", flaky(once), retry=retries(3)),
        Job("said-so", flaky(said_so), retry=retries(3)),
    ]
    report = await pool.run(jobs)
    assert [e.value for e in events if isinstance(e, Succeeded)] == ["done"]  # third attempt
    assert report.outcomes["gives-up"].error is last and gives_up == [fourth]  # three
    assert isinstance(report.outcomes["not-retryable"].error, ValueError)
    assert once == said_so == []  # each tried once
    assert isinstance(report.outcomes["said-so"].error, ClipError)


def test_backoff_is_full_jitter_in_a_doubling_window_up_to_the_cap() -> None:
    policy = RetryPolicy(base=0.5, cap=3.0)
    for attempt, window in ((1, 0.5), (2, 1.0), (3, 2.0), (4, 3.0), (9, 3.0)):
        waits = [policy.wait(attempt, None) for _ in range(400)]
        assert min(waits) >= 0.0 and max(waits) <= window
        # Spread over the whole window, not bunched at one end.
        assert min(waits) < 0.2 * window and max(waits) > 0.8 * window
    assert policy.delay(1, rate_limited(120.0)) == 60.0  # Retry-After, capped
    assert policy.delay(1, rate_limited(-3.0)) == 0.0


async def test_retry_after_overrides_backoff() -> None:
    times: list[float] = []

    async def run() -> str:
        times.append(anyio.current_time())
        if len(times) == 1:
            raise rate_limited(retry_after=0.05)
        if len(times) == 2:
            raise rate_limited(retry_after=None)
        return "ok"

    report = await Pool[str](1).run([Job("a", run, retry=retries(3, base=0.0))])
    assert report.outcomes["a"].ok
    assert times[1] - times[0] >= 0.045  # the loop clock may wake a hair early


async def test_fatal_error_stops_new_starts_and_keeps_running_and_finished_work() -> None:
    gauge = Gauge()
    fatal = Fatal("bad API key")
    pool = Pool(2, is_fatal=lambda e: isinstance(e, Fatal))
    jobs = [
        gauge.job("quick", seconds=0),
        gauge.job("slow", seconds=0.1),
        Job("fatal", failing(fatal, after=0.01)),
        *(gauge.job(id) for id in ("c", "d", "e")),
    ]
    report = await pool.run(jobs)
    assert report.fatal is fatal
    assert set(report.outcomes) == {"quick", "slow", "fatal"}
    assert report.outcomes["quick"].value == "QUICK"
    # Running when the fatal error came, and let finish rather than cancelled.
    assert report.outcomes["slow"].value == "SLOW"
    assert report.outcomes["fatal"].error is fatal
    assert len(gauge.at_start) == 2  # quick and slow: c, d and e never started


async def test_fatal_error_ends_pending_retries() -> None:
    passing = transient("later")
    tries = 0

    async def flaky_job() -> str:
        nonlocal tries
        tries += 1
        return await failing(passing, after=0.02)()

    pool = Pool[str](2, is_fatal=lambda e: isinstance(e, Fatal))
    report = await pool.run(
        [Job("flaky", flaky_job, retry=retries(5, base=0.0)), Job("f", failing(Fatal()))]
    )
    assert report.outcomes["flaky"].error is passing and tries == 1


async def test_stop_from_inside_a_job_cancels_running_jobs_and_keeps_finished() -> None:
    events: list[Event] = []
    pool = Pool(2, on_event=events.append)
    reached_after_stop = False
    a_done = anyio.Event()

    async def a() -> str:
        a_done.set()  # its Succeeded is emitted before any other task runs again
        return "a"

    async def stopper() -> str:
        nonlocal reached_after_stop
        await a_done.wait()  # the order is made, not hoped for: "a" finished first
        pool.stop()
        await anyio.sleep(30)
        reached_after_stop = True
        return "never"

    jobs = [Job("a", a), Job("b", hang), Job("stopper", stopper), Job("d", a), Job("e", a)]
    with anyio.fail_after(20):  # running jobs were cancelled, not waited for (30 s)
        report = await pool.run(jobs)
    assert report.fatal is None
    assert list(report.outcomes) == ["a"] and report.outcomes["a"].ok
    assert not reached_after_stop
    assert [e.id for e in events if isinstance(e, Succeeded | Failed)] == ["a"]
    assert pool.active == 0


async def test_stop_from_another_task_while_waiting_for_a_slot() -> None:
    finished = anyio.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, Succeeded) and event.id == "j1":
            finished.set()

    gauge = Gauge()
    pool = Pool(2, on_event=on_event)
    jobs = [gauge.job("j0", 0), gauge.job("j1", 0), *(gauge.job(f"j{i}", 10) for i in range(2, 6))]
    reports = []
    with anyio.fail_after(2):
        async with anyio.create_task_group() as tg:

            async def run() -> None:
                reports.append(await pool.run(jobs))

            tg.start_soon(run)
            await finished.wait()
            await anyio.sleep(0.01)
            pool.stop()
    (report,) = reports
    assert set(report.outcomes) == {"j0", "j1"}
    assert len(gauge.at_start) == 4  # j2 and j3 were cancelled, j4 and j5 never started


async def test_stop_before_run_starts_nothing() -> None:
    gauge = Gauge()
    pool = Pool(2)
    pool.stop()
    report = await pool.run([gauge.job("a"), gauge.job("b")])
    assert report.outcomes == {}
    assert gauge.at_start == []


async def test_events_come_in_order() -> None:
    events: list[Event] = []
    boom = ValueError("boom")
    gauge = Gauge()
    report = await Pool(1, on_event=events.append).run([gauge.job("a"), Job("b", failing(boom))])
    assert report.outcomes["a"].ok
    assert events == [Started("a"), Succeeded("a", "A"), Started("b"), Failed("b", boom)]


async def test_jobs_from_a_stream_run_as_they_arrive_and_end_with_it() -> None:
    """The finishing stage's shape: jobs arrive while others run; the run ends with the stream."""
    gauge = Gauge()
    send, receive = anyio.create_memory_object_stream[Job[str]](10)
    reports = []

    async def consume() -> None:
        reports.append(await Pool[str](2).run(receive))

    with anyio.fail_after(2):
        async with anyio.create_task_group() as tg:
            tg.start_soon(consume)
            async with send:
                for i in range(5):
                    await send.send(gauge.job(f"j{i}"))
                    await anyio.sleep(0.005)
    (report,) = reports
    assert sorted(report.outcomes) == [f"j{i}" for i in range(5)]
    assert all(o.ok for o in report.outcomes.values()) and gauge.peak <= 2


async def test_with_on_event_a_value_lives_only_as_long_as_its_event() -> None:
    """The synthesis stage's shape: each value is taken from its event, then let go."""

    class Samples:
        """A value that can be watched for being freed."""

    taken: list[weakref.ref[Samples]] = []

    def on_event(event: Event) -> None:
        if isinstance(event, Succeeded):
            taken.append(weakref.ref(event.value))

    async def make() -> Samples:
        return Samples()

    jobs = [Job(f"j{i}", make) for i in range(5)]
    kept = await Pool[Samples](2).run(jobs)
    assert all(isinstance(o.value, Samples) for o in kept.outcomes.values())
    report = await Pool[Samples](2, on_event=on_event).run(jobs)
    assert sorted(report.outcomes) == [f"j{i}" for i in range(5)]
    assert all(o.ok and o.value is None for o in report.outcomes.values())
    gc.collect()
    assert len(taken) == 5 and all(ref() is None for ref in taken)


async def test_a_job_may_take_its_scale_of_the_timeout() -> None:
    """A passage's finishing does the work of its pieces: it gets the timeout per piece."""

    async def slow() -> str:
        await anyio.sleep(0.12)
        return "done"

    pool = Pool[str](2, timeout=0.04)
    report = await pool.run([Job("scaled", slow, timeout_scale=5), Job("plain", slow)])
    assert report.outcomes["scaled"].value == "done"
    assert isinstance(report.outcomes["plain"].error, JobTimeout)
