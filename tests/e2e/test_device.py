"""The device a real Kokoro run uses: recorded in the manifest, never in a clip's key;
`--device cuda` on a machine without CUDA stops before anything is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.project import Project

pytestmark = pytest.mark.slow  # the real model


def test_the_manifest_records_the_device_a_clip_was_made_on(kokoro_generated: Path) -> None:
    project = Project(kokoro_generated)
    clips = project.manifest()["clips"]
    assert clips and {clip["device"] for clip in clips} == {"cpu"}


def test_the_device_does_not_change_what_is_present(kokoro_project: Project) -> None:
    summary = kokoro_project.json("generate", "--device", "cpu", "--dry-run")
    new = sum(counts["new"] for counts in summary["types"].values())
    present = sum(counts["present"] for counts in summary["types"].values())
    assert (new, present) == (0, 3)  # the clips made with device auto are the same clips


def test_cuda_without_a_gpu_runtime_stops_naming_the_package(kokoro_project: Project) -> None:
    (kokoro_project / "data/vocabulary.json").write_text(
        '[{"id": "v9", "word": "うみ"}]\n', encoding="utf-8"
    )
    before = kokoro_project.tree()
    code, out = kokoro_project.invoke("generate", "--device", "cuda")
    assert code == 3, out
    assert "device = cuda, but onnxruntime has no CUDA provider" in out
    assert "install onnxruntime-gpu in place of onnxruntime" in out
    assert kokoro_project.tree() == before
