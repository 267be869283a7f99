"""Plugins: a provider is found by its entry point's name, and its class must answer to it.

A plugin package is installed here as pip would leave it: a module and a `.dist-info`
folder with an `entry_points.txt`, on sys.path. A class whose `name` is not its entry
point's name (a subclass of a built-in that kept the parent's name, or `name = ""`) is
refused before anything is written, naming the entry point and the fix; a plugin named
right is the one that speaks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import fault_provider
from tests.support.project import Project
from tts_assets.providers import registry

PLUGIN = '''
import json
import shutil
from dataclasses import dataclass

from tests.support.fault_provider import FaultProvider, FaultSettings
from tts_assets.providers.settings import setting


class Unnamed(FaultProvider):
    """Kept the parent's name ("fault")."""


class Empty(FaultProvider):
    name = ""


class Named(FaultProvider):
    name = "myvoice"

    async def synthesize(self, *args, **kwargs):
        with open("myvoice-calls.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps("called") + "\\n")
        return await super().synthesize(*args, **kwargs)


@dataclass(frozen=True)
class KeyedSettings(FaultSettings):
    token: str | None = setting(None, secret=True, env="MYVOICE_TOKEN")
    region: str = setting("eu", env="MYVOICE_REGION")


class Keyed(FaultProvider):
    name = "myvoice"
    settings_type = KeyedSettings

    async def synthesize(self, *args, **kwargs):
        with open("myvoice-calls.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps([self.settings.token, self.settings.region]) + "\\n")
        return await super().synthesize(*args, **kwargs)


'''

TEXTS = ["山を見ます。", "川を見ます。"]
GENERATE = ("generate", "--provider", "myvoice", "--type", "grammar")


def install_plugin(site: Path, target: str) -> None:
    """A distribution `myvoice-plugin` whose entry point `myvoice` is `target`."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "myvoice_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "myvoice_plugin-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: myvoice-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[tts_assets.providers]\nmyvoice = {target}\n", encoding="utf-8"
    )


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    """A grammar file and the fault provider registered as "fault", as the working dir."""
    fault_provider.write_grammar(project / "data", TEXTS)
    return project


def _install(project: Project, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """The plugin, its entry point `target`, in the project's site/ and on sys.path."""
    install_plugin(project / "site", target)
    monkeypatch.syspath_prepend(str(project / "site"))


@pytest.mark.parametrize(
    ("target", "said"),
    [("myvoice_plugin:Unnamed", 'name = "fault"'), ("myvoice_plugin:Empty", 'name = ""')],
    ids=["parent-name", "empty-name"],
)
def test_a_plugin_whose_class_name_is_not_its_entry_point_is_refused(
    project: Project, monkeypatch: pytest.MonkeyPatch, target: str, said: str
) -> None:
    before = sorted(str(p) for p in project.rglob("*"))
    _install(project, monkeypatch, target)
    code, out = project.invoke(*GENERATE)
    assert code == 2, out
    assert out.count("\n") == 1 and out.startswith("error: "), out
    assert f"provider plugin 'myvoice' ({target})" in out
    assert said in out
    assert 'set name = "myvoice" in the class' in out
    # Nothing was made by anyone: not by the plugin's parent under the plugin's name.
    assert not (project / "public").exists()
    assert sorted(str(p) for p in project.rglob("*") if "site" not in p.parts) == [
        p for p in before if "site" not in Path(p).parts
    ]


def test_a_plugin_named_as_its_entry_point_is_the_one_that_speaks(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(project, monkeypatch, "myvoice_plugin:Named")
    code, out = project.invoke(*GENERATE)
    assert code == 0, out
    calls = (project / "myvoice-calls.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(calls) == len(TEXTS)
    manifest = json.loads((project / "public/audio/manifest.json").read_text(encoding="utf-8"))
    assert {c["provider"] for c in manifest["clips"]} == {"myvoice"}


def test_registering_a_class_under_another_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"set name = \"other\" in the class"):
        registry.register("other", fault_provider.FaultProvider)
    assert "other" not in registry.names()


def test_a_plugin_declares_its_environment_variables_and_a_run_reads_them(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's settings name the variables that set them (as ElevenLabs' do): a run
    reads them with no line of tts-assets naming the plugin, and a secret written in a
    config file is refused naming the variable to use instead."""
    _install(project, monkeypatch, "myvoice_plugin:Keyed")
    monkeypatch.setenv("MYVOICE_TOKEN", "s3cret")
    monkeypatch.setenv("MYVOICE_REGION", "ap")
    code, out = project.invoke(*GENERATE)
    assert code == 0, out
    calls = (project / "myvoice-calls.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(c) for c in calls] == [["s3cret", "ap"]] * len(TEXTS)
    assert "s3cret" not in out

    monkeypatch.delenv("MYVOICE_TOKEN")
    (project / "tts-assets.toml").write_text(
        '[providers.myvoice]\ntoken = "s3cret"\n', encoding="utf-8"
    )
    code, out = project.invoke(*GENERATE)
    assert code == 2, out
    assert out.count("\n") == 1, out
    assert "providers.myvoice.token is a secret" in out
    assert "set it in the environment (MYVOICE_TOKEN)" in out
    assert "s3cret" not in out


def test_a_provider_is_an_engine_with_a_catalogue_of_voices_and_a_paid_one_a_bill() -> None:
    """The protocol in three parts: the run asks an engine's voices of its catalogue and
    its bill of its billing, which only a paid engine has."""
    from tts_assets.providers.billing import Billing
    from tts_assets.providers.catalogue import VoiceCatalogue
    from tts_assets.providers.engine import Engine

    for name in registry.BUILT_IN:
        cls = registry.get(name)
        assert issubclass(cls, Engine) and issubclass(cls, VoiceCatalogue), name
        assert issubclass(cls, Billing) == (name == "elevenlabs"), name
    fault = fault_provider.FaultProvider()
    assert fault.catalogue is fault and fault.billing is None
    assert not hasattr(fault, "late_answer") and not hasattr(fault, "paid")

    class Mute(Engine):
        name = "mute"

    with pytest.raises(TypeError, match=r"declares no voices: subclass .*VoiceCatalogue"):
        _ = Mute().catalogue
