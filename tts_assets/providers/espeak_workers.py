"""eSpeak NG's packaged library in worker processes: as many texts at once as the run has
workers.

The library keeps its state in process globals and calls libc's `strtok` (not reentrant)
while it loads a voice, which it does in the middle of a text that switches language: two
calls in one process at once are unsafe however many copies of it are loaded. A process
of its own per worker is safe: each is a Python process running this module's `main`,
which loads the library afresh for each text, as the run's own process does
(`espeak_library.py`), so a clip has the very samples whichever process made it. The
processes start on the first text and take requests over a pipe (pickled, length-framed);
one stuck in a call is killed, which no thread can be.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from .espeak_library import LibraryError, Spoken

_FRAME = struct.Struct("<Q")


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream."""
    head = stream.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    size = _FRAME.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # from the process this module started, nothing else


class WorkerGone(LibraryError):
    """A worker process ended (killed at a timeout, or crashed) before it answered."""


class Worker:
    def __init__(self) -> None:
        # The package is found where this process found it, even from a path that only
        # this process's sys.path names (appended: it shadows nothing).
        root = str(Path(__file__).resolve().parents[2])
        start = f"import sys; sys.path.append({root!r}); from {__name__} import main; main()"
        self.process = subprocess.Popen(
            [sys.executable, "-c", start],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def speak(self, text: str, voice: str, rate: int) -> Spoken:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            _send(self.process.stdin, (text, voice, rate))
        except OSError:
            raise WorkerGone("the espeak-ng worker process ended") from None
        answer = _receive(self.process.stdout)
        if answer is None:
            raise WorkerGone("the espeak-ng worker process ended before it answered")
        kind, value = answer
        if kind == "error":
            raise LibraryError(value)
        spoken: Spoken = value
        return spoken

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class Workers:
    """Up to `count` worker processes, each speaking one text at a time."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        self._free = threading.Semaphore(count)
        self._closed = False

    def speak(self, text: str, voice: str, rate: int, taken: list[Worker]) -> Spoken:
        """`text` said by a free worker (started when none is idle); the worker is put in
        `taken` while it speaks, so that the caller can `kill` it at its timeout."""
        with self._free:
            worker = self._take()
            taken.append(worker)
            try:
                spoken = worker.speak(text, voice, rate)
            except WorkerGone:
                self._forget(worker)
                raise
            except BaseException:
                self._idle.put(worker)
                raise
            self._idle.put(worker)
            return spoken

    def _take(self) -> Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker.process.poll() is None:
                return worker
            self._forget(worker)  # killed at a timeout that came as it answered
        with self._lock:
            if self._closed:
                raise WorkerGone("the espeak-ng worker processes were closed")
            worker = Worker()
            self._all.append(worker)
            return worker

    def _forget(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def kill(self, worker: Worker) -> None:
        """Stop `worker` in the middle of its call (its caller gets `WorkerGone`)."""
        if worker.process.poll() is None:
            worker.process.kill()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()


def main() -> None:
    """A worker: speak each request from stdin, answer on the stdout it was started with
    (the library's own output, if any, goes to stderr)."""
    from .espeak_library import packaged

    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    library = packaged()
    while True:
        request = _receive(requests)
        if request is None:
            return
        text, voice, rate = request
        try:
            answer: tuple[str, object] = ("spoken", library.speak(text, voice, rate))
        except LibraryError as e:
            answer = ("error", str(e))
        try:
            _send(channel, answer)
        except BrokenPipeError:  # the run that asked has ended (exit 3, a kill): so does this
            os._exit(0)  # with nothing on the run's stderr, and no flush to fail at exit


if __name__ == "__main__":
    main()
