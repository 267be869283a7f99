"""Which runs go window by window (`run_course.in_windows`): a course whose content files are
large together, none of them a large share of it; any course when a window's texts are set;
never a run that listens to its clips."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts_assets.commands import run_course
from tts_assets.content.windows import WINDOW_ENV
from tts_assets.settings.config import Settings


def _course(root: Path, sizes: list[int]) -> Settings:
    """A course of one folder per size, each with a vocabulary.json of that many bytes."""
    for n, size in enumerate(sizes):
        path = root / f"data/f{n}/vocabulary.json"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"[" + b" " * (size - 2) + b"]")
    (root / "tts-assets.toml").write_text(
        '[types.vocabulary]\nfile = "*/vocabulary.json"\nfields = [{ text = "word", url = "u" }]\n',
        encoding="utf-8",
    )
    from tts_assets.settings.load import load_settings

    return load_settings(root)


@pytest.mark.parametrize(
    ("sizes", "windows"),
    [
        ([300] * 10, True),  # 3,000 bytes over 1,000, each a tenth
        ([300] * 3, False),  # 900 bytes: under
        ([2000, 300, 300, 300], False),  # its largest file more than a quarter of it
        ([700, 700, 700, 700, 700], True),  # each a fifth
    ],
)
def test_a_course_large_in_many_files_goes_in_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sizes: list[int], windows: bool
) -> None:
    monkeypatch.delenv(WINDOW_ENV, raising=False)
    monkeypatch.setattr(run_course, "RUN_BYTES", 1000)
    assert run_course.in_windows(_course(tmp_path, sizes)) is windows


def test_a_window_s_texts_set_is_any_course_in_windows_but_one_that_listens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _course(tmp_path, [300])
    monkeypatch.setenv(WINDOW_ENV, "2")
    assert run_course.in_windows(settings)
    from dataclasses import replace

    assert not run_course.in_windows(replace(settings, listen=True))
