"""The one loop every command goes over content sets with (`cli/sets.py`, `EachSet.go`):
each set in turn, the most serious exit code, a stop after an interrupted set, and every
set planned before any runs where asked (bad input in the last stops the first)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer

from tts_assets.cli.sets import EachSet
from tts_assets.errors import ExitCode, InputError
from tts_assets.settings.config import Settings
from tts_assets.settings.load import load_settings

SETS = ("ja", "de", "es")


@dataclass
class _Flags:
    """The settings the command line would give (only `settings()` is read)."""

    settings_: Settings

    def settings(self) -> Settings:
        return self.settings_


@dataclass
class _Done:
    code: int

    @property
    def exit_code(self) -> int:
        return self.code

    def as_json(self) -> dict[str, object]:
        return {"code": self.code}


@pytest.fixture
def flags(tmp_path: Path) -> _Flags:
    config = 'provider = "espeak"\n'
    for name in SETS:
        (tmp_path / name).mkdir()
        (tmp_path / name / "vocabulary.json").write_text('[{"word": "x"}]', encoding="utf-8")
        config += (
            f'[[sets]]\nname = "{name}"\nlang = "{name}"\ndata_dir = "{name}"\n'
            f'out_dir = "public/{name}"\n'
        )
    (tmp_path / "tts-assets.toml").write_text(config, encoding="utf-8")
    return _Flags(load_settings(tmp_path))


def _each(flags: _Flags, json_output: bool = True) -> EachSet:
    return EachSet(flags, None, json_output)  # type: ignore[arg-type]


def test_each_set_in_turn_and_the_most_serious_exit_code(flags: _Flags) -> None:
    each = _each(flags)
    codes = {"ja": ExitCode.OK, "de": ExitCode.FAILED, "es": ExitCode.OK}
    done = each.go(lambda s: _Done(codes[s.set_name]))
    assert [s.set_name for s, _ in done] == list(SETS)
    assert each.exit_code == ExitCode.FAILED
    docs = each.as_json()["sets"]
    assert [d["code"] for d in docs] == [0, 1, 0]  # type: ignore[attr-defined]


def test_the_loop_ends_after_an_interrupted_set(flags: _Flags) -> None:
    each = _each(flags)
    ran: list[str] = []

    def run(settings: Settings) -> _Done:
        ran.append(settings.set_name)
        return _Done(ExitCode.INTERRUPTED if settings.set_name == "de" else ExitCode.OK)

    each.go(run)
    assert ran == ["ja", "de"]
    assert each.exit_code == ExitCode.INTERRUPTED


def test_a_stop_between_sets_is_an_interruption_not_a_success(flags: _Flags) -> None:
    each = _each(flags)
    ran: list[str] = []

    def run(settings: Settings) -> _Done:
        ran.append(settings.set_name)
        return _Done(ExitCode.OK)

    each.go(run, stopped=lambda: bool(ran))  # a stop asked for as the first set ended
    assert ran == ["ja"]
    assert each.exit_code == ExitCode.INTERRUPTED
    with pytest.raises(typer.Exit) as ended:
        each.finish()
    assert ended.value.exit_code == ExitCode.INTERRUPTED


def test_planning_first_stops_every_set_on_bad_input_in_the_last(
    flags: _Flags, tmp_path: Path
) -> None:
    (tmp_path / "es" / "vocabulary.json").write_text("[{", encoding="utf-8")
    each = _each(flags)
    ran: list[str] = []
    with pytest.raises(InputError, match=r"vocabulary\.json"):
        each.go(lambda s: ran.append(s.set_name) or _Done(0), plan_first=True)  # type: ignore[func-returns-value]
    assert ran == []
    assert not (tmp_path / "public").exists()


def test_for_people_each_set_is_shown_as_it_ends(
    flags: _Flags, capsys: pytest.CaptureFixture[str]
) -> None:
    each = _each(flags, json_output=False)
    shown: list[str] = []
    each.go(lambda s: _Done(0), show=lambda s, d: shown.append(s.set_name))
    assert shown == list(SETS)
    quiet = _each(flags, json_output=True)
    quiet.go(lambda s: _Done(0), show=lambda s, d: shown.append("json"))
    assert "json" not in shown
    assert json.dumps(quiet.as_json())
