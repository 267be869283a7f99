"""`slow` is the tempo of each text's twin: 0.5 to 0.95 for a slower one, 1.1 to 1.5 for a
faster one (the same recipe, `planning.recipes.Stretched`, and maker); a tempo nearer 1 is
refused before anything is planned, naming the flag or key and what to write (exit 2)."""

from __future__ import annotations

import pytest

from tests.support.project import Project
from tts_assets import generate
from tts_assets.errors import ConfigError
from tts_assets.settings.load import load_settings


@pytest.mark.parametrize("tempo", [0.5, 0.75, 0.95, 1.1, 1.25, 1.5])
def test_a_slower_or_a_faster_twin_is_a_tempo_a_run_takes(project: Project, tempo: float) -> None:
    project.gen({"data/grammar.json": [{"pattern": "です"}]})
    settings = load_settings(project, slow=tempo, provider="fault")
    assert generate(settings, dry_run=True).exit_code == 0


@pytest.mark.parametrize("tempo", [0.96, 1.0, 1.05])
def test_a_tempo_too_near_one_to_hear_is_refused_before_anything_is_planned(
    project: Project, tempo: float
) -> None:
    project.gen({"data/grammar.json": [{"pattern": "です"}]})
    expected = "use a number from 0.5 to 0.95 (a slower twin) or from 1.1 to 1.5 (a faster one)"
    with pytest.raises(ConfigError) as refused:
        generate(load_settings(project, slow=tempo, provider="fault"), dry_run=True)
    assert str(refused.value) == f"slow = {tempo}: {expected}"
    code, out = project.invoke("generate", "--dry-run", "--slow", str(tempo))
    assert code == 2 and f"--slow {tempo}: use a number from 0.5 to 0.95" in out, out
