"""Running a configuration as child processes and measuring it from the outside.

Wall time from the first spawn to the last exit, time until the first audio file
appears in the out dir, each child's own peak RSS (`os.wait4` reports the rusage of that
child alone, where RUSAGE_CHILDREN would be the maximum over every child so far), the
CPU the children used, and how busy the rest of the machine was meanwhile.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

POLL_S = 0.01
AUDIO_SUFFIXES = (".mp3", ".ogg", ".wav")


@dataclass
class Measured:
    """What one configuration did, seen from outside its processes."""

    wall: float
    """Seconds from the first spawn to the last exit."""
    first_clip: float | None
    """Seconds from the first spawn until the first audio file was in the out dir."""
    peak_rss_mb: float
    """Largest peak RSS of any one child process (MiB)."""
    peak_total_rss_mb: float
    """Largest sum of the RSS of the children alive at one moment (sampled, MiB)."""
    cpu: float
    """User + system CPU seconds of all children."""
    others: float
    """Share of the machine's CPUs busy with other processes during the run (0-1)."""
    steal: float
    """Share of the machine's CPUs the hypervisor gave to other guests (0-1)."""
    returncodes: list[int] = field(default_factory=list)
    stdout: list[str] = field(default_factory=list)


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, steal) jiffies of the whole machine since boot."""
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return user + nice + system + irq + softirq, steal


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _first_audio(root: Path) -> bool:
    for _dirpath, _dirs, files in os.walk(root):
        if any(name.endswith(AUDIO_SUFFIXES) for name in files):
            return True
    return False


def run(
    commands: Sequence[Sequence[str]],
    *,
    watch: Path | None,
    cwd: Path,
    env: Mapping[str, str],
    parallel: int = 1,
) -> Measured:
    """Run `commands`, at most `parallel` at once, and measure them together."""
    hz = os.sysconf("SC_CLK_TCK")
    cpus = os.cpu_count() or 1
    pending = list(enumerate(commands))
    live: dict[int, tuple[int, subprocess.Popen[bytes], Path, Path]] = {}
    outputs: dict[int, str] = {}
    codes: dict[int, int] = {}
    peak_rss = peak_total = cpu = 0.0
    first_clip: float | None = None
    busy0, steal0 = _cpu_jiffies()
    start = time.perf_counter()
    out_dir = cwd / ".bench-stdout"
    out_dir.mkdir(parents=True, exist_ok=True)
    while pending or live:
        while pending and len(live) < parallel:
            index, command = pending.pop(0)
            stdout, stderr = out_dir / f"{index}.out", out_dir / f"{index}.err"
            with stdout.open("wb") as out, stderr.open("wb") as err:
                proc = subprocess.Popen(
                    list(command), cwd=cwd, env=dict(env), stdout=out, stderr=err
                )
            live[proc.pid] = (index, proc, stdout, stderr)
        time.sleep(POLL_S)
        peak_total = max(peak_total, sum(_rss_mb(pid) for pid in live))
        if first_clip is None and watch is not None and _first_audio(watch):
            first_clip = time.perf_counter() - start
        for pid in list(live):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done == 0:
                continue
            index, proc, stdout, stderr = live.pop(pid)
            proc.returncode = os.waitstatus_to_exitcode(status)
            codes[index] = proc.returncode
            if proc.returncode != 0:
                text = stderr.read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"{' '.join(commands[index])} failed:\n{text[-3000:]}")
            outputs[index] = stdout.read_text(encoding="utf-8")
            peak_rss = max(peak_rss, usage.ru_maxrss / 1024)  # KiB on Linux
            cpu += usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - start
    if first_clip is None and watch is not None and _first_audio(watch):
        first_clip = wall
    busy1, steal1 = _cpu_jiffies()
    others = max(0.0, (busy1 - busy0) / hz - cpu) / (wall * cpus)
    return Measured(
        wall=wall,
        first_clip=first_clip,
        peak_rss_mb=peak_rss,
        peak_total_rss_mb=max(peak_total, peak_rss),
        cpu=cpu,
        others=min(1.0, others),
        steal=(steal1 - steal0) / hz / (wall * cpus),
        returncodes=[codes[i] for i in sorted(codes)],
        stdout=[outputs[i] for i in sorted(outputs)],
    )
