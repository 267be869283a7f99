"""A feature is one object that plugs into every command (`features/hooks.py`), listed by
one registry in a declared order, the built-ins through the entry points a plugin uses.

A feature registered here, as a plugin's would be, reaches verify, prune, the plan's notes
and the review rows without a line of any command changed: that is the whole contract."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grimp
import pytest

from tests.support import REPO, fault_provider
from tts_assets import Settings, generate
from tts_assets.commands.prune import prune
from tts_assets.commands.verify import verify
from tts_assets.errors import InputError
from tts_assets.features import registry
from tts_assets.features.hooks import Checked, Feature, Found, Page, Problem, Pruned, RowFacts
from tts_assets.features.hooks import Surveyed as Survey
from tts_assets.planning.course import prepare
from tts_assets.planning.prepare import Prepared
from tts_assets.providers.registry import load
from tts_assets.review.collect import collect_rows


def test_the_built_ins_are_declared_as_a_plugin_declares_them_and_in_that_order() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = declared["project"]["entry-points"][registry.GROUP]
    assert list(entry_points.items()) == list(registry.BUILT_IN.items())
    names = [feature.name for feature in registry.features()]
    assert names[: len(registry.BUILT_IN)] == list(registry.BUILT_IN)


def test_a_feature_answers_to_its_entry_point_s_name() -> None:
    with pytest.raises(InputError, match='set name = "tracks"'):
        load("feature", "tracks", registry.BUILT_IN["accent"])


def test_the_accent_is_wired_into_the_commands_in_one_place() -> None:
    """The accent's checks live with the accent code in the Japanese package
    (lang/ja/accent_verify.py); one module there, lang/ja/accent_feature.py, plugs them
    into the commands, registered by name, and no module outside the package imports
    either (nor the hearing, lang/ja/accent_heard.py)."""
    graph = grimp.build_graph("tts_assets")
    assert graph.find_modules_that_directly_import("tts_assets.lang.ja.accent_verify") == {
        "tts_assets.lang.ja.accent_feature"
    }
    assert graph.find_modules_that_directly_import("tts_assets.lang.ja.accent_feature") == set()
    assert registry.BUILT_IN["accent"] == "tts_assets.lang.ja.accent_feature:FEATURE"
    accent_code = {
        "tts_assets.lang.ja.accent_heard",
        "tts_assets.lang.ja.accent_verify",
    }
    for module in sorted(graph.modules):
        if not module.startswith("tts_assets.lang.ja"):
            assert not graph.find_modules_directly_imported_by(module) & accent_code, module


class _Counted(Feature):
    """A plugin's feature: a problem and a note in verify, a note on the plan, a note in
    prune, a fact on each review row."""

    name = "counted"

    def planned(self, prepared: Prepared, earlier: Any) -> _Planned:
        found = earlier if isinstance(earlier, _Planned) else _Planned()
        found.clips += len(prepared.plan.clips)
        return found

    def verify(self, scope: Checked, found: Found) -> None:
        item = scope.loaded.items[0]
        found.problems.append(Problem(item.file, item.text_path, "stale", "counted it"))
        found.notes.append(f"counted: {len(scope.clips)} clip(s) checked")

    def prune(self, scope: Pruned, found: Survey) -> None:
        found.notes.append(f"counted: {len(scope.needed)} clip(s) needed")

    def shown(self, page: Page) -> dict[str, RowFacts]:
        return {path: {"pitch": "counted"} for path in page.entries}


@pytest.fixture
def counted() -> Iterator[None]:
    registry.register(_Counted())
    try:
        yield
    finally:
        registry.unregister("counted")


@pytest.fixture
def course(tmp_path: Path, fault: None) -> Settings:
    """A grammar file of two texts whose clips the fault provider made."""
    fault_provider.write_grammar(tmp_path / "data", ["山を見ます。", "川を見ます。"])
    made = Settings(
        data_dir=tmp_path / "data",
        out_dir=tmp_path / "public/audio",
        provider="fault",
        type="grammar",
    )
    assert generate(made).generated == 2
    return made


def test_a_registered_feature_reaches_every_command(course: Settings, counted: None) -> None:
    names = [feature.name for feature in registry.features()]
    assert names[-1] == "counted"  # after every built-in: the order is the registry's
    report = verify(course)
    assert [(p.kind, p.message) for p in report.problems] == [("stale", "counted it")]
    assert report.exit_code == 1 and "note: counted: 2 clip(s) checked" in report.lines()
    assert "counted: 2 clip(s) planned" in generate(course, dry_run=True).notes
    assert "counted: 2 clip(s) needed" in prune(course).notes
    rows = collect_rows(prepare(course), page_dir=course.out_dir)
    assert [row.pitch for row in rows] == ["counted", "counted"]


def test_without_it_no_command_has_it(course: Settings) -> None:
    assert verify(course).ok
    assert not any(n.startswith("counted") for n in generate(course, dry_run=True).notes)
    assert [row.pitch for row in collect_rows(prepare(course), page_dir=course.out_dir)] == ["", ""]


@dataclass
class _Planned:
    """The clips the windows of a course planned, counted."""

    clips: int = 0

    def notes(self) -> list[str]:
        return [f"counted: {self.clips} clip(s) planned"]


class _Hearing(Feature):
    """A plugin's check that hears the stored clips: the damage of each clip it may hear is
    known to it, as the listening and accent checks need (they hear intact clips)."""

    name = "hearing"

    def hear(self, scope: Checked, found: Found) -> None:
        heard = [c.rel_path for c in scope.first() if c.rel_path not in scope.damage]
        found.notes.append(f"hearing: {len(heard)} intact, {sorted(scope.damage)} damaged")


def test_the_clips_are_heard_after_their_bytes_are_checked(course: Settings) -> None:
    """A clip the content says, its file cut short: its damage is known to a feature that
    hears the clips, which hears the other one alone; its *corrupt* problem is told."""
    grammar = course.data_dir / "grammar.json"
    entries = json.loads(grammar.read_text(encoding="utf-8"))
    cut = entries[0]["examples"][1]["audioUrl"].removeprefix("/audio/")
    (course.out_dir / cut).write_bytes(b"RIFF")
    registry.register(_Hearing())
    try:
        report = verify(course)
    finally:
        registry.unregister("hearing")
    assert [(p.kind, p.clip) for p in report.problems] == [("corrupt", cut)]
    assert f"hearing: 1 intact, {[cut]} damaged" in report.notes


def test_each_command_loops_over_the_features_that_plug_into_it() -> None:
    """What each built-in adds to which command, in the declared order (docs/architecture.md)."""
    plugged = {
        hook: [feature.name for feature in registry.having(hook)]
        for hook in (
            *("planned", "made", "finished", "texts", "refuses", "advice", "verify"),
            *("hear", "prune", "shown"),
        )
    }
    assert plugged == {
        "planned": ["accent", "slow"],
        "made": ["advice", "timings"],
        "finished": ["advice"],
        "texts": ["drills"],
        "refuses": ["refused"],
        "advice": ["advice"],
        "verify": ["timings", "durations", "tracks", "dialogues"],
        "hear": ["listening", "accent"],
        "prune": ["tracks"],
        "shown": ["timings", "listening", "accent", "lengths"],
    }
