"""The models tts-assets knows by name: the pinned catalog, the packaged models, and a
team's own files declared in its config.

`catalog.json` (beside this module) pins every file of every model by its source (a
Hugging Face repository at a commit, or a GitHub repository's release tag and asset), its
size and its sha256, with the model's licence. Every voice of the Piper voices repository
is a model too (`piper:de_DE-thorsten-medium`): `piper_voices.json` is the voices.json the
Piper project publishes, with the size and md5 of each file, which is the pin there.
What cannot be pinned is not in the catalog.

A team's own files are declared under `[models.NAME]` in its config, with their URL, size
and sha256 (`custom_models`), and pulled the same way, each into a folder named by its
name and its pins (`Model.folder_name`): never the place of a Piper voice or of another
config's model of the same name with other files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal, get_args

from ..dirs import GITHUB_MIRROR_ENV, HF_ENDPOINT_ENV
from ..errors import ConfigError

_HERE = Path(__file__).parent
PIPER_PREFIX = "piper:"
"""The prefix of a Piper voice's model name (`piper:de_DE-thorsten-medium`)."""

SourceKind = Literal["hf", "github", "url"]

_DESCRIBED: dict[SourceKind, str] = {
    "hf": "Hugging Face {repo} @ {revision}",
    "github": "GitHub {repo} release {revision}",
    "url": "URL",
}
"""A source of each kind, for people."""
SERVERS: dict[SourceKind, tuple[str, str, str]] = {
    "hf": (HF_ENDPOINT_ENV, "https://huggingface.co", "resolve"),
    "github": (GITHUB_MIRROR_ENV, "https://github.com", "releases/download"),
}
"""Where a file of each kind of server source is: its mirror variable, its base URL when
the variable is not set, the route to a revision's files."""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


@dataclass(frozen=True)
class Source:
    """Where a model's files come from."""

    kind: SourceKind
    repo: str = ""
    """`owner/name` on Hugging Face or GitHub ("" for plain URLs)."""
    revision: str = ""
    """The Hugging Face commit (or tag), or the GitHub release tag."""

    def describe(self) -> str:
        """For people: `huggingface.co Systran/faster-whisper-small @ 536b066`."""
        return _DESCRIBED[self.kind].format(repo=self.repo, revision=self.revision)

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "repo": self.repo, "revision": self.revision}


@dataclass(frozen=True)
class ModelFile:
    """One file of a model, as pinned."""

    name: str
    """Its name in the model's folder."""
    remote: str
    """Its path in the Hugging Face repository, its GitHub asset name, or its URL."""
    size: int
    sha256: str | None = None
    md5: str | None = None
    """Piper's voices.json publishes md5 digests (then `sha256` is None)."""

    def url(self, source: Source) -> str:
        """Where to download it, through the mirrors the environment names."""
        if source.kind == "url":
            return self.remote
        variable, default, route = SERVERS[source.kind]
        base = _mirror(variable, default)
        return f"{base}/{source.repo}/{route}/{source.revision}/{urllib.parse.quote(self.remote)}"

    def pin(self) -> str:
        """The digest the file must have, for messages: `sha256 bca6…` or `md5 a129…`."""
        return f"sha256 {self.sha256}" if self.sha256 else f"md5 {self.md5}"


Kind = Literal["kokoro-model", "kokoro-voices", "whisper", "piper-voice", "supertonic", "file"]

FOLDER_KINDS = ("whisper", "supertonic")
"""The kinds of model a setting names by its folder (its files are read together)."""


@dataclass(frozen=True)
class Model:
    """A model of the catalog, or one a config declares."""

    name: str
    kind: Kind
    description: str
    licence: str
    source: Source
    files: tuple[ModelFile, ...]
    languages: tuple[str, ...] = ()
    declared_in: str = field(default="", compare=False)
    """For a config's own model, the config file ("" for the catalog)."""
    also: tuple[Source, ...] = ()
    """Other sources holding the same files (a mirror, an archived copy), tried in turn
    when `source` fails; every file is checked against the same pins whatever its source."""
    terms: str = ""
    """What its licence asks of everyone who uses what it makes (OpenRAIL-M's use rules),
    shown by `models list` and printed on pull; "" when nothing beyond the licence."""

    @property
    def folder_name(self) -> str:
        """Its folder in the models folder (`piper:x` is `piper-x`). A config's own model
        adds its pins (`team-voice@3f2a9c41d07e`: no catalog name holds an `@`), so that
        it never shares the folder of a Piper voice (`piper-de_DE-eva_k-x_low`) or of
        another config's model of its name with other files."""
        name = self.name.replace(":", "-")
        if not self.declared_in:
            return name
        pins = "".join(f"{f.name}\0{f.size}\0{f.sha256 or f.md5}\n" for f in self.files)
        return f"{name}@{hashlib.sha256(pins.encode()).hexdigest()[:12]}"

    @property
    def main(self) -> ModelFile | None:
        """The file a setting names for this model; None where it is the folder (Whisper,
        Supertonic)."""
        if self.kind in FOLDER_KINDS:
            return None
        return next(
            (f for f in self.files if f.name.endswith((".onnx", ".bin", ".npz"))), self.files[0]
        )

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Where its files can be pulled from, in the order they are tried."""
        return (self.source, *self.also)

    def pull_command(self) -> str:
        return f"tts-assets models pull {self.name}"


def _source(table: Mapping[str, str]) -> Source:
    if "hf" in table:
        return Source("hf", table["hf"], table["revision"])
    return Source("github", table["github"], table["tag"])


@cache
def _catalog_json() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((_HERE / "catalog.json").read_text(encoding="utf-8"))
    return doc


@cache
def pinned() -> dict[str, Model]:
    """The catalog's own models (not the Piper voices), by name."""
    found: dict[str, Model] = {}
    for name, entry in _catalog_json()["models"].items():
        source = _source(entry["source"])
        files = tuple(
            ModelFile(
                PurePosixPath(f.get("path") or f["asset"]).name,
                f.get("path") or f["asset"],
                int(f["size"]),
                sha256=f["sha256"],
            )
            for f in entry["files"]
        )
        found[name] = Model(
            name,
            entry["kind"],
            entry["description"],
            entry["licence"],
            source,
            files,
            tuple(entry.get("languages", ())),
            also=tuple(_source(more) for more in entry.get("also", ())),
            terms=entry.get("terms", ""),
        )
    return found


@cache
def piper_voices() -> dict[str, Model]:
    """Every voice of the Piper voices repository, by model name (`piper:KEY`)."""
    about = _catalog_json()["piper"]
    source = _source(about["source"])
    voices = json.loads((_HERE / about["voices"]).read_text(encoding="utf-8"))
    found: dict[str, Model] = {}
    for key, voice in voices.items():
        files = tuple(
            ModelFile(PurePosixPath(path).name, path, int(f["size_bytes"]), md5=f["md5_digest"])
            for path, f in voice["files"].items()
        )
        language = voice.get("language") or {}
        name = f"{PIPER_PREFIX}{key}"
        found[name] = Model(
            name,
            "piper-voice",
            f"Piper voice {key}: {language.get('name_english', '?')} "
            f"({language.get('country_english', '?')}), {voice.get('quality', '?')} quality",
            about["licence"],
            source,
            files,
            (str(language.get("family", "")),),
        )
    return found


@dataclass(frozen=True)
class Catalog:
    """Every model known by name: the catalog's, the Piper voices, and `custom` (a
    config's `[models.NAME]`)."""

    custom: Mapping[str, Model] = field(default_factory=dict)

    def get(self, name: str) -> Model | None:
        """The model called `name` (a Piper voice also by its bare key), or None."""
        found = self.custom.get(name) or pinned().get(name) or piper_voices().get(name)
        return found or piper_voices().get(f"{PIPER_PREFIX}{name}")

    def named(self, setting: Path | str) -> Model | None:
        """The model a setting names: by its name, else by its last part (a relative
        setting is anchored to the config's folder)."""
        return self.get(str(setting)) or self.get(Path(setting).name)

    def __iter__(self) -> Iterator[Model]:
        """The catalog's models, then the config's (not every Piper voice: see `voices`)."""
        yield from pinned().values()
        yield from self.custom.values()

    def voices(self) -> Iterator[Model]:
        yield from piper_voices().values()

    def unknown(self, name: str) -> str:
        """The message for a name that is no model."""
        known = ", ".join([*pinned(), *self.custom])
        return (
            f"unknown model {name!r}; known: {known}, and every Piper voice as piper:KEY "
            "(e.g. piper:de_DE-thorsten-medium); see tts-assets models list"
        )


def custom_models(tables: Mapping[str, Any], where: str) -> dict[str, Model]:
    """A config's `[models.NAME]` tables as models, or ConfigError naming the key.

        [models.de-team-voice]
        files = [
          { url = "https://example.com/de-team.onnx", size = 63201294, sha256 = "…" },
          { url = "https://example.com/de-team.onnx.json", size = 4893, sha256 = "…" },
        ]

    A model of one file may give `url`, `size` and `sha256` directly. `kind` says what
    it is for: "piper-voice", "kokoro-model", "kokoro-voices", "whisper", "supertonic"
    (a Supertonic model's files: its four graphs, tts.json, unicode_indexer.json and its
    voices' JSON, as KorvaTTS has them) or "file".
    """
    found: dict[str, Model] = {}
    for name, table in tables.items():
        key = f"{where}: models.{name}"
        if not _NAME.fullmatch(name) or name.startswith(PIPER_PREFIX):
            raise ConfigError(f"{key}: a model's name is letters, digits, '.', '_' and '-'")
        if name in pinned():
            raise ConfigError(f"{key}: {name} is a catalog model already; choose another name")
        if not isinstance(table, Mapping):
            raise ConfigError(f"{key} must be a table with url, size and sha256")
        allowed = {"url", "size", "sha256", "file", "files", "kind", "licence", "description"}
        for k in table:
            if k not in allowed:
                raise ConfigError(
                    f"{key}.{k}: unknown key; valid keys: {', '.join(sorted(allowed))}"
                )
        entries = table.get("files")
        if entries is None:
            entries = [{k: table[k] for k in ("url", "size", "sha256", "file") if k in table}]
        elif "url" in table:
            raise ConfigError(f"{key}: give either url, size and sha256, or files, not both")
        if not isinstance(entries, list) or not entries:
            raise ConfigError(f"{key}.files must be a list of {{ url, size, sha256 }} tables")
        files = tuple(_custom_file(f"{key}.files[{i}]", e) for i, e in enumerate(entries))
        kind = table.get("kind", "file")
        if kind not in get_args(Kind):
            kinds = [f'"{k}"' for k in get_args(Kind)]
            raise ConfigError(f"{key}.kind = {kind!r}: use {', '.join(kinds[:-1])} or {kinds[-1]}")
        found[name] = Model(
            name,
            kind,
            str(table.get("description", f"declared in {where}")),
            str(table.get("licence", "as its owner says")),
            Source("url"),
            files,
            declared_in=where,
        )
    return found


def http_url_problem(url: object) -> str | None:
    """Why `url` is not an http(s) URL a download can ask for, or None."""
    if not isinstance(url, str):
        return f"found {url!r}"
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        return "it holds a space or a control character (write a space as %20)"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as e:
        return str(e)
    if parts.scheme not in ("http", "https"):
        return "it must begin with http:// or https://"
    if not parts.hostname:
        return "it names no host"
    return None


def _mirror(variable: str, default: str) -> str:
    """The base URL mirror `variable` gives, else `default`; ConfigError naming a bad one."""
    url = (os.environ.get(variable) or default).rstrip("/")
    problem = http_url_problem(url)
    if problem is not None:
        given = os.environ.get(variable, url)
        raise ConfigError(
            f"{variable}={given!r}: not a mirror's base URL ({problem}); set it to one such "
            "as https://mirror.example.com, or unset it"
        )
    return url


def _file_name_problem(name: object) -> str | None:
    """Why `name` cannot be a model file's name in its folder, or None."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if name in (".", "..") or name.startswith("."):
        return "it begins with a dot"
    if any(c in "/\\" or unicodedata.category(c) in ("Cc", "Cs") for c in name):
        return "it holds a slash, a backslash or a control character"
    if len(name.encode("utf-8")) > 200:
        return "it is longer than 200 bytes"
    return None


def _custom_file(key: str, entry: Any) -> ModelFile:
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{key} must be a table with url, size and sha256")
    url, size, sha256 = entry.get("url"), entry.get("size"), entry.get("sha256")
    problem = http_url_problem(url)
    if problem is not None:
        raise ConfigError(f"{key}.url must be an http or https URL ({problem})")
    assert isinstance(url, str)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ConfigError(f"{key}.size must be the file's size in bytes, found {size!r}")
    if not isinstance(sha256, str) or not _HEX64.fullmatch(sha256.lower()):
        raise ConfigError(f"{key}.sha256 must be 64 hex digits, found {sha256!r}")
    given = entry.get("file")
    name = given if given is not None else PurePosixPath(urllib.parse.urlsplit(url).path).name
    problem = _file_name_problem(name)
    if problem is not None and given is None:
        raise ConfigError(f'{key}: name the file with file = "NAME" (the URL ends without one)')
    if problem is not None:
        raise ConfigError(f"{key}.file = {given!r} is no file name ({problem})")
    assert isinstance(name, str)
    return ModelFile(name, url, size, sha256=sha256.lower())
