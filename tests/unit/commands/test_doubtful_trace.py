"""A trace doubtful from its start (not the process's first, or a tool cache filled
before it) is never kept, so it records nothing and wraps nothing (`commands.trace`)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

from tts_assets.commands import trace


def test_a_trace_after_the_first_records_nothing_and_wraps_nothing(tmp_path: Path) -> None:
    with trace.tracing():
        pass  # the process's first trace, whatever it found
    file = tmp_path / "read.txt"
    file.write_text("x", encoding="utf-8")
    with trace.tracing() as found:
        assert found is not None and found.doubt == "not the process's first trace"
        assert os.stat is trace._real_stat and os.lstat is trace._real_lstat
        file.read_text(encoding="utf-8")
        os.stat(file)
        os.environ.get("TTS_ASSETS_SOMETHING")
    assert (found.files, found.listed, found.stats, found.env) == ({}, {}, {}, {})


def _every_tool_cache() -> list[object]:
    """The `functools` caches `trace._warm` looks at: the tool's modules' functions and
    their classes' methods."""
    found = []
    for name, module in list(sys.modules.items()):
        if name == "tts_assets" or name.startswith("tts_assets."):
            for value in list(vars(module).values()):
                members = list(vars(value).values()) if isinstance(value, type) else []
                for member in (value, *members):
                    member = getattr(member, "__func__", member)
                    if callable(getattr(member, "cache_clear", None)):
                        found.append(member)
    return found


def test_what_a_command_does_before_its_trace_never_makes_the_trace_doubtful(
    tmp_path: Path,
) -> None:
    """A command loads and checks its settings, then traces its run: every cache that
    computes something then is one of a function of its arguments alone (`_PURE`) or is
    emptied when the trace begins (`_AGAIN`). Any other makes every trace doubtful, and no
    plan is ever kept: three caches added for speed (a config's bytes parsed, selectors
    compiled, types resolved) did that, and only the slow kept-plan tests saw it (88 of
    them failed). Nothing is emptied here (the worker's other tests keep their caches): the
    config's names are this test's own, so a cache keyed by them computes anew."""
    own = f"t{uuid.uuid4().hex[:12]}"
    (tmp_path / "data").mkdir()
    (tmp_path / f"data/{own}.json").write_text('[{"id": "v1", "text": "ねこ"}]', "utf-8")
    (tmp_path / "tts-assets.toml").write_text(
        f'provider = "espeak"\n\n[types.{own}]\nfile = "{own}.json"\n'
        f'fields = [{{ text = "text", url = "{own}Url", segments = "{own}Segments" }}]\n',
        "utf-8",
    )
    from tts_assets.commands.operation import ready
    from tts_assets.settings.load import content_sets, load_settings

    def computed() -> dict[int, int]:
        return {id(c): c.cache_info().misses for c in _every_tool_cache()}  # type: ignore[attr-defined]

    before = computed()
    for settings in content_sets(load_settings(tmp_path)):
        ready(settings, listens=True, stretches=True)
    after = computed()
    names = {id(c): getattr(c, "__name__", "") for c in _every_tool_cache()}
    doubted = [
        names[key]
        for key, misses in after.items()
        if misses > before.get(key, 0) and names[key] not in (*trace._PURE, *trace._AGAIN)
    ]
    assert doubted == []
