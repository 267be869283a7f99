"""ElevenLabs under a plan limit: 200 clips, limit 3 concurrent, 200 ms latency, --concurrency 10.

Starts the fake ElevenLabs server (tests/support/elevenlabs_server.py) on 127.0.0.1, runs
`tts-assets generate --provider elevenlabs --concurrency 10` as a subprocess on 200
generated texts, and reports failed clips, throughput against the server's ceiling
(3 requests / 0.2 s = 15 clips/s) and the 429s the server sent.

    python -m benchmarks.bench_elevenlabs [--clips 200] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.elevenlabs_server import FakeElevenLabs

KEY = "bench-key"
LIMIT = 3
LATENCY = 0.2


def texts(n: int) -> list[str]:
    """Distinct short Japanese sentences, like example sentences in content."""
    subjects = ["私", "友達", "先生", "母", "兄", "猫", "学生", "子供", "父", "姉"]
    verbs = [
        "行きます",
        "食べます",
        "読みます",
        "書きます",
        "見ます",
        "聞きます",
        "話します",
        "買います",
        "作ります",
        "待ちます",
    ]
    places = ["学校で", "家で", "駅で", "公園で"]
    out = [f"{s}は{p}{v}。" for s in subjects for v in verbs for p in places]
    return out[:n]


def run(clips: int) -> dict[str, object]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeElevenLabs(api_key=KEY, max_concurrent=LIMIT, latency=LATENCY) as server,
    ):
        data = Path(tmp) / "data"
        data.mkdir()
        doc = [{"id": "bench", "examples": [{"japanese": t} for t in texts(clips)]}]
        (data / "grammar.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        env = {**os.environ, "ELEVENLABS_API_KEY": KEY, "ELEVENLABS_BASE_URL": server.base_url}
        cmd = [
            sys.executable,
            "-m",
            "tts_assets",
            "generate",
            "--type",
            "grammar",
            "--provider",
            "elevenlabs",
            "--concurrency",
            "10",
            "--json",
        ]
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
        wall = time.monotonic() - started
        if proc.returncode not in (0, 1):
            raise SystemExit(f"tts-assets failed ({proc.returncode}): {proc.stderr[-2000:]}")
        summary = json.loads(proc.stdout)
        stats = server.stats
        ceiling = LIMIT / LATENCY
        synth_seconds = float(summary["seconds"])
        return {
            "clips": clips,
            "generated": summary["generated"],
            "failed": summary["failed"],
            "seconds_in_run": round(synth_seconds, 2),
            "wall_seconds": round(wall, 2),
            "clips_per_second": round(clips / synth_seconds, 2),
            "ceiling_clips_per_second": ceiling,
            "ratio_to_ceiling": round(clips / synth_seconds / ceiling, 3),
            "requests": stats.requests,
            "429_too_many_concurrent": stats.rejected["too_many_concurrent_requests"],
            "429_system_busy": stats.rejected["system_busy"],
            "max_admitted": stats.max_admitted,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=200)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    result = run(args.clips)
    if args.markdown:
        print("| measure | value |\n|---|---|")
        for k, v in result.items():
            print(f"| {k} | {v} |")
    else:
        print(json.dumps(result, indent=2))
    ok = result["failed"] == 0 and float(result["ratio_to_ceiling"]) >= 0.85  # type: ignore[arg-type]
    print("target (0 failed, ≥ 0.85 × ceiling):", "met" if ok else "MISSED", file=sys.stderr)


if __name__ == "__main__":
    main()
