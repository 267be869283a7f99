"""Kokoro in every language it speaks, end to end through `tts-assets generate`.

Only Japanese voices ship as packages, so a voices file holds the packaged Japanese
vectors under Chinese, Spanish and French names (`tests/support/kokoro_voices.py`): each
text takes its language's real path (misaki's Chinese G2P, espeak-ng's phonemes, the
model), and the manifest records what was said.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.kokoro_voices import standing_in_voices
from tests.support.project import Project

pytestmark = pytest.mark.slow  # the real model

SETS = ("ja", "zh", "es", "fr")
CONFIG = """provider = "kokoro"

[languages]
zh = "kokoro:zf_test"
es = "kokoro:ef_test"
fr = "kokoro:ff_test"
""" + "".join(
    f'\n[[sets]]\ndata_dir = "data/{lang}"\nout_dir = "public/audio"\n'
    f'url_prefix = "/audio"\nlang = "{lang}"\n'
    for lang in SETS
)
CONTENT = {
    "data/ja/characters.json": [{"char": "は", "type": "basic", "romaji": "ha", "audioUrl": ""}],
    "data/ja/vocabulary.json": [
        {"id": "v1", "word": "学校"},
        {"id": "v2", "word": "一俵", "reading": "いっぴょう"},
    ],
    "data/zh/grammar.json": [
        {
            "id": "g1",
            "examples": [{"chinese": "我每天早上六点起床。"}, {"chinese": "我用iPhone打电话。"}],
        }
    ],
    "data/es/grammar.json": [
        {
            "id": "g1",
            "examples": [{"spanish": "¿Dónde está la estación?"}, {"spanish": "Hola Ωμέγα"}],
        }
    ],
    "data/fr/grammar.json": [
        {"id": "g1", "examples": [{"french": "Le chat dort."}, {"french": "Je t'envoie un email."}]}
    ],
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, int, Any]:
    """The project after one run over every set: (project, exit code, --json answer)."""
    root = Project(tmp_path_factory.mktemp("project")).gen(CONTENT).config(CONFIG)
    standing_in_voices(root, zf_test="jf_alpha", ef_test="jf_alpha", ff_test="jf_alpha")
    code, out = root.invoke("generate", "--kokoro-voices", "voices.npz", "--json")
    return root, code, json.loads(out)


def test_every_clip_records_the_phonemes_it_was_said_with(
    generated: tuple[Project, int, Any],
) -> None:
    root, _, _ = generated
    manifest = root.read_json("public/audio/manifest.json")
    said = {clip["text"]: clip["phonemes"] for clip in manifest["clips"]}
    assert said == {
        # A kana chart's sound (said as its katakana) and a word with no reading: the
        # packaged G2P's phonemes, made inside Kokoro.
        "ハ": "ha",
        "学校": "ɡaʔkoː",
        # A reading spelled out: its palatalized syllable's u is long.
        "一俵": "iʔpʲoː",
        # misaki's Chinese (Kokoro v1.0's tone arrows), its reading decided and said with
        # the tone changes of speech (我每 wó měi, 点起 dián qǐ); espeak-ng's IPA
        # as misaki maps it.
        "我每天早上六点起床。": "wo↗ mei↓tʰjɛ→n ʦau↓ʂa↘ŋ ljou↘tjɛ↗n ʨʰi↓ꭧʰwa↗ŋ.",
        "¿Dónde está la estación?": "dˈonde estˈa la ˌestaθjˈon?",
        "Le chat dort.": "lə ʃˈa dˈɔʁ.",
    }


def test_what_kokoro_cannot_say_fails_with_its_place_and_reason_and_nothing_is_written(
    generated: tuple[Project, int, Any],
) -> None:
    root, code, answer = generated
    assert code == 1
    failures = {
        failure["text"]: (failure["places"], failure["reason"])
        for report in answer["sets"]
        for failure in report["failures"]
    }
    assert set(failures) == {"我用iPhone打电话。", "Hola Ωμέγα", "Je t'envoie un email."}, failures
    places, reason = failures["Je t'envoie un email."]
    assert places == ["grammar.json › [0] › examples › [1] › french"]
    assert 'espeak-ng reads "email" as English' in reason
    # Greek letters pass the gate (named, as a Spanish speaker names them) but Kokoro's
    # Spanish phonemes cannot say them (Chinese characters are refused before).
    assert '"Ω", "μ", "έ", "γ", "α" are not written in Spanish' in failures["Hola Ωμέγα"][1]
    assert "not Chinese characters" in failures["我用iPhone打电话。"][1]
    for lang in ("zh", "es", "fr"):
        made, failed = root.read_json(f"data/{lang}/grammar.json")[0]["examples"]
        assert made["audioUrl"].startswith("/audio/grammar/") and "audioUrl" not in failed
    assert len(list(Path(root, "public/audio/grammar").iterdir())) == 3


def test_two_projects_with_voices_files_of_one_name_each_get_their_own(tmp_path: Path) -> None:
    # One process (the library, a test run) loads Kokoro once per model and voices file:
    # two projects whose configs both name `voices.npz`, and a file replaced in place, are
    # three voices files, never the one loaded first (its voices "not found" in the next).
    config = 'lang = "es"\n\n[languages]\nes = "kokoro:{voice}"\n'
    content = {"data/grammar.json": [{"examples": [{"spanish": "El gato duerme."}]}]}
    for name, voice in (("one", "ef_one"), ("two", "ef_two"), ("two", "ef_three")):
        project = Project(tmp_path / name).gen(content).config(config.format(voice=voice))
        standing_in_voices(project, **{voice: "jf_alpha"})
        code, out = project.invoke("generate", "--kokoro-voices", "voices.npz", "--json")
        assert code == 0, out
        assert json.loads(out)["generated"] == 1
        (project / "public").rename(project / f"made-by-{voice}")  # the next makes it anew
