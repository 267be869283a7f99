"""Content types as data: which file, where its entries are, which texts are spoken.

A type is what a `[types.NAME]` table of the config file says (docs/content-types.md: its
keys, path expressions and their `[]`, overriding a built-in); the built-in types are
written as the very same tables (`builtins.builtin_tables`) and parsed by the same code.
Every place a type writes is checked against every place it and the other types of its
file read or write (`places.clash`); a clash refuses the configuration, naming the key at
fault and a place of its own to give it.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import os
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ..errors import ConfigError
from ..store.layout import own_file
from ..tables import control_character
from .builtins import builtin_tables
from .cloze import Gap, gap_of
from .dialogue import DIALOGUES, DialogueSpec, speakers_of
from .lang_spans import check_language, course_mark
from .places import (
    PLACE_KEYS,
    Owner,
    Placed,
    SpecError,
    clash,
    meeting,
    place_beside,
    prefixed_place,
    suggest_url,
)
from .rotation import EACH, ROTATE, VoicesError, check_mode, voice_list
from .selector import ExpressionError, Selector, kind_of, parse_alternatives
from .sequence import DRILLS, SequenceSpec
from .shared import check_url_places
from .tempi import Tempi, tempi_of
from .type_tables import FIELD_TABLE, TYPE_TABLE, Join, TableKey, check_table
from .where import Condition, parse_where

_TYPE_NAME = re.compile(r"[A-Za-z0-9_-]+")

JOINS: tuple[Join, ...] = (DRILLS, DIALOGUES)
"""What a type may join of its texts, each declared in its own module (`type_tables.Join`):
the only place that names them."""

_AT = TYPE_TABLE.index(next(k for k in TYPE_TABLE if k.name == "fields")) + 1
TYPE_KEYS: tuple[TableKey, ...] = (
    *TYPE_TABLE[:_AT],
    *(TableKey(j.key, f"a list of {j.table} tables", (object,)) for j in JOINS),
    *(k for j in JOINS for k in j.type_keys),
    *TYPE_TABLE[_AT:],
)
"""The keys of `[types.X]`: its own, with each join's after `fields`."""


@dataclass(frozen=True)
class FieldSpec(Placed):
    """One kind of spoken text in a content type, and where each text's URL goes: the
    places it reads and writes are its selectors (`places.Placed`)."""

    table = "field"

    text: str
    """Path expression of the texts; `a | b` alternatives: the first non-empty one wins."""
    url: str
    """Path expression of the URL places, with as many `[]` as `text`."""
    lang: str = "ja"
    """Language code of the texts."""
    voice: str | None = None
    """A voice for these texts, or None for the configured voice of `lang` (a list of
    voices is `voices`)."""
    voices: tuple[str, ...] = ()
    """Two or more voices for these texts, said as `voice_mode` says (`content.rotation`);
    the config's `voice` as a list (a list of one is `voice`); (): one voice."""
    voice_mode: str = ROTATE
    """How the `voices` say the texts: `rotate` (one voice per entry, by the entry's
    identity) or `each` (every text by every voice, their URLs at `voices_url`)."""
    voices_url: str | None = None
    """Path expression of where each text's list of its voices' URLs goes (`each`), with
    the URL's `[]`; None: beside the URL, its last key prefixed `voices`."""
    twin: Literal["", "filled", "voice"] = ""
    """Which twin of its field it is (`content.twins`), beside one at another tempo: a
    cloze's `filled` sentence (its texts said with their blanks filled by the answer) or a
    `voice` of an `each` field (its texts' clips in that voice, their URLs in its list
    place); "": neither. Not a config key."""
    kind: str = "text"
    """`text`, or `reading` for dictionary-notation readings (`か.つ`, `-ち`)."""
    enabled: bool = True
    """False for an opt-in field: loaded only when asked for (`--include TYPE.FIELD`)."""
    name: str = ""
    """Label in reports and for --include; defaults to the text expression."""
    split: bool = False
    """Long passages: spoken sentence by sentence and joined into one clip."""
    reading: str | None = None
    """Path expression of each text's reading (kana), with the same `[]` as `text`; None:
    the texts have none. A Japanese text is reconciled with it (`tts_assets.readings`)."""
    compiled: dict[str, tuple[Selector, ...]] = field(init=False, repr=False, compare=False)
    """Every place it reads or writes (`places.PLACE_KEYS`: its `text` alternatives, its
    `url`, `reading`, a slow clip's URL, ...), compiled, or its default; () where it has
    none (`selector`)."""
    segments: str | None = None
    """Path expression of where each text's word timings are written (the seed app's
    `segments`: `[{start, end, text, reading}]` in ms), with the same `[]` as `url`;
    None: they stay in the manifest only."""
    accent: str | None = None
    """Path expression of each text's pitch accent as the content states it (H and L per
    mora, `LHH`, or an accent number, `0`), with the same `[]` as `text`; None: the texts
    state none. A Japanese text told its accent says it (`lang.ja.accent`)."""
    kanji: str | None = None
    """Path expression of the kanji a bare reading is a reading of (`kanji | character`:
    the first that is there), with no `[]`: a kun'yomi is told the accent of the word it
    says (た.べる of 食: 食べる). None: the reading's kana alone."""
    slow_url: str | None = None
    """Path expression of where each text's slow clip's URL is written (with `slow`);
    None: beside the URL, its last key prefixed `slow` (`audioUrl` → `slowAudioUrl`)."""
    slow_segments: str | None = None
    """Path expression of where each text's slow clip's word timings are written (with
    `slow`); None: beside `segments`, its last key prefixed `slow` (`segments` →
    `slowSegments`), or nowhere for a field without `segments`."""
    tempo: float = 1.0
    """Not 1: a twin (`content.twins`), its text's clip stretched to this tempo; not a
    config key."""
    rungs: tuple[str, ...] = ()
    """The rungs of its (or its field's) twins' ladder (`slow = [0.6, 0.8]`: `60`, `80`):
    a URL or timings at a rung's place not among them (a tempo dropped from the list) is
    left over (`content.load`), cleared as a gone text's is; not a config key."""
    duration: str | None = None
    """Path expression of where each text's clip's length is written, in milliseconds
    (an app sizes a repeat pause to it: the seed app's `pauseDuration`), with the same `[]`
    as `url`; None: nowhere."""
    cloze: str | None = None
    """A length (`"2s"`): each blank of the texts is said as a silence of it (`cloze`);
    None: the texts are said as written."""
    cloze_blank: str | None = None
    """A blank marker of the course's own (`"〇〇"`), beside underscores and empty brackets."""
    cloze_answer: str | None = None
    """Path expression of each text's answer, with the text's `[]`; `list[@key]`: the
    option at the index held at `key` beside the list. None: no filled clip."""
    cloze_separator: str | None = None
    """What separates the answers of a text's blanks where one text holds them (`" / "`);
    None: a text is one answer (a list holds one per blank)."""
    cloze_url: str | None = None
    """Where each filled sentence's clip URL goes (with `cloze_answer`); None: beside the
    URL, its last key prefixed `filled`."""
    lang_mark: str | None = None
    """A span mark of the course's own (`"[{lang}]{text}[/{lang}]"`), beside SSML's `<lang>`."""
    segments_by: str = "word"
    """What each of `segments` (and the cues of a WebVTT track) is: a `word` as said, a
    `phrase` (a Japanese accent phrase; elsewhere the stretch between commas) or a
    `sentence`: where a shadowing drill stops (`readings.units`)."""
    gap: Gap | None = field(init=False, repr=False, compare=False)
    """Its cloze, as its texts are said (`cloze.Gap`); None: no cloze."""

    def __post_init__(self) -> None:
        selectors = _parsed("text", self.text)
        if "|" in self.url:
            raise SpecError("url", f'"{self.url}": a URL names one place; remove the "|"')
        (url,) = _parsed("url", self.url)
        for sel in selectors:  # as many `[]` as each text
            if sel.each_count != url.each_count:
                suggestion = suggest_url(sel, url)
                raise SpecError(
                    "url",
                    f'text "{sel.source}" has {sel.each_count} "[]" but url "{url.source}" '
                    f"has {url.each_count}; give the URL the same [] steps so each text has "
                    "its own URL place"
                    + (f', e.g. "{suggestion}"' if suggestion != sel.source else ""),
                )
        compiled = {"text": selectors, "url": (url,), "kanji": _kanji_places(self.kanji)}
        for key in ("reading", "accent"):  # read beside each text, with its `[]`
            given = getattr(self, key)
            compiled[key] = () if given is None else (place_beside(key, given, url, "text"),)
        object.__setattr__(self, "compiled", compiled)
        cloze = (self.cloze, self.cloze_blank, self.cloze_answer, self.cloze_separator)
        gap = gap_of(*cloze, url)
        object.__setattr__(self, "gap", gap)
        compiled["cloze_answer"] = tuple(gap.answer_places()) if gap is not None else ()
        try:
            check_mode(self.voice_mode)
        except VoicesError as e:
            raise SpecError("voice_mode", str(e)) from None
        if self.voice_mode == EACH and not self.voices:
            raise SpecError(
                "voice_mode",
                '"each" says every text in every voice of a list: give voice a list of voices',
            )
        if self.voices_url is not None and self.voice_mode != EACH:
            raise SpecError("voices_url", 'is where voice_mode = "each" puts its URLs: set it')
        self._compile_written(url)
        if not self.name:
            object.__setattr__(self, "name", " | ".join(s.source for s in selectors))
        if self.lang_mark is not None:
            course_mark(self.lang_mark)
            if self.kind != "text":
                raise SpecError(
                    "lang_mark",
                    f'the field "{self.name}" is of kind "{self.kind}", whose texts are said '
                    "whole, never cut into spans in another language: remove lang_mark (spans "
                    'are marked in a field of kind "text")',
                )
        check_language("lang", self.lang)
        found = clash(self, self)
        if found is not None:
            raise SpecError(*found)

    @property
    def rung(self) -> bool:
        """Whether it is a twin of a ladder of tempi, at places of its own, which are
        checked as a field's are (`TypeSpec.owners`)."""
        return self.tempo != 1.0 and bool(self.rungs)

    @property
    def is_twin(self) -> bool:
        """Whether it is a twin of another field (`content.twins`): the same texts, its places
        and voices that field's, checked with it."""
        return self.tempo != 1.0 or self.twin != ""

    def _compile_written(self, url: Selector) -> None:
        """Where it writes each place a field writes: where the config gives it, else where
        `PlaceKey.prefixed` puts it (`slowAudioUrl`) whether or not `slow` is set (a config
        valid without it stays valid with it); nowhere for one it does not write."""
        for (table, key), declared in PLACE_KEYS.items():
            if table != "field" or not declared.kind.written or key == "url":
                continue
            given = None if declared.given_as else getattr(self, key)
            beside = self.selector(declared.prefixed[0])
            place = None
            if self._writes(key) and given is not None:
                place = place_beside(key, given, url)
            elif self._writes(key) and beside is not None:
                place = prefixed_place(declared.config_key, beside, declared.prefixed[1])
            self.compiled[key] = () if place is None else (place,)

    def _writes(self, key: str) -> bool:
        """Whether the field writes the place `key`: a twin's slow clip's, filled
        sentence's and voices' places are its field's (`content.twins`); a filled sentence
        is an answer's, a list of voices' URLs `each`'s."""
        twins = key.startswith("slow_") or key in ("cloze_url", "voices_url")
        if twins and self.tempo != 1.0:
            return False
        if key == "cloze_url":
            return self.cloze_answer is not None and self.twin != "filled"
        return key != "voices_url" or self.voice_mode == EACH

    def selector(self, key: str) -> Selector | None:
        """The compiled place `key` (`url`, `segments`, `slow_url`, ...), or None."""
        return next(iter(self.compiled.get(key, ())), None)

    def compiled_at(self, key: str) -> Sequence[Selector]:
        return self.compiled.get(key, ())

    @property
    def selectors(self) -> tuple[Selector, ...]:
        """The compiled `text` alternatives."""
        return self.compiled["text"]

    @property
    def url_selector(self) -> Selector:
        return self.compiled["url"][0]


def _parsed(key: str, source: str) -> tuple[Selector, ...]:
    """The alternatives of the path expression `source` of `key`, compiled; SpecError
    naming `key`."""
    try:
        return parse_alternatives(source)
    except ExpressionError as e:
        raise SpecError(key, str(e)) from None


def _kanji_places(source: str | None) -> tuple[Selector, ...]:
    """The compiled `kanji` places (the entry's kanji: no `[]`), () when none is given."""
    if source is None:
        return ()
    kanji = _parsed("kanji", source)
    if any(k.each_count for k in kanji):
        raise SpecError("kanji", "names the entry's kanji: no [] in it")
    return kanji


def _check_file(file: object) -> None:
    """Refuse a content file name that is empty, holds a control character or leaves
    the data folder (write-back rewrites the file under the data folder's lock)."""
    if not isinstance(file, str) or not file.strip():
        raise SpecError("file", "expected the content file's name, e.g. phrases.json")
    found = control_character(file)
    if found is not None:
        raise SpecError(
            "file",
            f"{file!r} holds {found}, a control character; file names are printed "
            "in logs and CI outputs, where it would end the line: rename the file",
        )
    if _leaves(file):
        raise SpecError(
            "file",
            f'"{file}" is outside the data folder; give a path relative to the data '
            "folder (e.g. phrases.json or lessons/phrases.json), or pass --data-dir",
        )


def _leaves(given: str) -> bool:
    """Whether the relative path `given` is absolute, a drive's or leaves its folder."""
    normal = PurePosixPath(posixpath.normpath(given.replace("\\", "/")))
    return normal.is_absolute() or ":" in given or normal.parts[:1] == ("..",)


def _root_path(root: str | None) -> tuple[str, ...]:
    """The keys of `root` (keys only), () for a top-level list."""
    if root is None:
        return ()
    parsed = _parsed("root", root)
    if len(parsed) > 1 or not all(isinstance(s, str) for s in parsed[0].steps):
        raise SpecError("root", f'"{root}": root is keys only, without [] or [N]')
    return tuple(str(s) for s in parsed[0].steps)


@dataclass(frozen=True)
class TypeSpec:
    """A kind of content file: its file, where its entries are, and its spoken fields."""

    name: str
    """What --type selects (vocabulary, kanji, ...); also the clips' sub-folder."""
    file: str
    """The content file, relative to the data dir; a pattern (`grammar_kr_*.json`) reads
    every file it matches, each on its own."""
    fields: tuple[FieldSpec, ...]
    """The spoken texts of each entry, in the order they are loaded."""
    root: str | None = None
    """Dotted keys of the entry list when the top level is an object; None: a top-level list."""
    optional: bool = False
    """A missing file is skipped with a note instead of an error (built-ins under --type all)."""
    where: tuple[Condition, ...] = ()
    """Which entries of the file are this type's (`where` and `where_not`); () for all."""
    path: Path | None = None
    """The content file when it lives outside the data dir: `path =` in the config, taken
    from the config file's folder and never leaving it; None: `file` under the data dir."""
    also: tuple[str, ...] = ()
    """More content files (or patterns) under the data dir, when `file` is a list."""
    sequences: tuple[SequenceSpec, ...] = ()
    """Drill sequences: clips strung from each entry's texts and silences (`content.sequence`)."""
    dialogues: tuple[DialogueSpec, ...] = ()
    """Dialogues: each entry's lines said by their speakers' voices, joined
    (`content.dialogue`)."""
    speakers: tuple[tuple[str, str], ...] = ()
    """Its `speakers` (speaker, voice), which its dialogues take under their own."""
    slow: Tempi | None = None
    """The tempi of its texts' twins (`[types.T] slow`), over the config's `slow`
    (`content.tempi`); None: the config's."""
    rotations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each language's voices in rotation (`[languages] en = [...]`, by code as written):
    a span of an entry's text in that language is said by the voice the entry's fields of
    it are (`rotation.turn`), set by the run's voices (`planning.voices.Voices.rotated`)."""
    root_path: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not _TYPE_NAME.fullmatch(self.name) or self.name == "all":
            raise SpecError(
                "name", f'"{self.name}" is not a type name: use letters, digits, - and _ (not all)'
            )
        for file in (self.file, *self.also):
            _check_file(file)
        object.__setattr__(self, "root_path", _root_path(self.root))
        if not self.fields and not any(owners for j, owners in self.joined() if j.alone):
            raise SpecError("fields", "a type needs at least one field (text and url)")
        names = [f.name for f in self.fields]
        for i, f in enumerate(self.fields):
            if f.name in names[:i]:
                raise SpecError("fields", f'two fields are named "{f.name}"; give them names')
        steps = {f.name: f.url_selector.each_count for f in self.fields}
        for join, owners in self.joined():
            if join.check is not None:
                join.check(owners, steps)
        self._check_clashes()

    def joined(self) -> list[tuple[Join, tuple[Owner, ...]]]:
        """Each join (`JOINS`) and this type's owners of it (its drills, its dialogues)."""
        return [(j, getattr(self, j.key)) for j in JOINS]

    def optional_as(self, optional: bool) -> TypeSpec:
        """This type with its missing file skipped with a note (or not): a copy, not
        checked again (`replace` would hold every place of it against every other once
        more; what was checked is unchanged)."""
        found = copy.copy(self)
        object.__setattr__(found, "optional", optional)
        return found

    def owners(self) -> list[tuple[str, Owner]]:
        """Every owner of places in this type's entries, with where the config declares it
        (`fields[0]`): its fields (a twin only of a ladder, at places of its own; another's
        places are its field's), then its drills and its dialogues."""
        found: list[tuple[str, Owner]] = [
            (f"fields[{i}]", f) for i, f in enumerate(self.fields) if not f.is_twin or f.rung
        ]
        for join, joined in self.joined():
            found += [(f"{join.key}[{i}]", owner) for i, owner in enumerate(joined)]
        return found

    def _check_clashes(self) -> None:
        """Refuse two owners (or one with itself) where one writes a place the other reads
        or writes, in the entries this type takes."""
        own = self.owners()
        owners = [owner for _, owner in own]
        met = meeting(owners, owners, self.where)  # the pairs `clash` may find a clash in
        for n, (at, f) in enumerate(own):
            # Each owner against itself and those before it, both ways: the one that
            # writes where the other reads or writes is named.
            for m, (other_at, other) in enumerate(own[: n + 1]):
                for w, at_w, writer, r, at_r, reader in (
                    (n, at, f, m, other_at, other),
                    (m, other_at, other, n, at, f),
                ):
                    if (w, r) not in met:
                        continue
                    clashed = clash(writer, reader, self.where, at_r)
                    if clashed is not None:
                        key, why = clashed
                        raise SpecError(key if key == "fields" else f"{at_w}.{key}", why)

    def location(self, data_dir: Path) -> Path:
        """The content file this type names first: `path`, else `file` under `data_dir`
        (for a pattern: the pattern's own path, which names no file)."""
        if self.path is not None:
            return self.path
        return Path(os.path.normpath(data_dir / self.file))

    def locations(self, data_dir: Path) -> list[Path]:
        """Every content file this type reads, in order: each name as it is (found or not),
        each pattern's matches sorted by name, never one of tts-assets' own files
        (`store.layout.own_file`: a manifest, a page, a clip)."""
        if self.path is not None:
            found = [self.path]
            if is_pattern(self.path.name):
                found = sorted(_content(self.path.parent.glob(self.path.name)))
            return found
        paths: list[Path] = []
        for pattern in (self.file, *self.also):
            if is_pattern(pattern):
                matches = _content(data_dir.glob(pattern.replace("\\", "/")))
                paths += sorted(Path(os.path.normpath(p)) for p in matches)
            else:
                paths.append(Path(os.path.normpath(data_dir / pattern)))
        return list(dict.fromkeys(paths))

    def field_named(self, name: str) -> FieldSpec | None:
        """The field with this name, if any."""
        return next((f for f in self.fields if f.name == name), None)


def _content(matches: Iterable[Path]) -> list[Path]:
    """The files among a pattern's `matches` that may be content: not tts-assets' own."""
    return [p for p in matches if own_file(p) is None and p.is_file()]


def is_pattern(name: str) -> bool:
    """Whether a type's file name is a pattern (`*`, `?`, `[...]`) matching many files."""
    return any(c in name for c in "*?[")


def builtin_types(lang: str = "ja") -> dict[str, TypeSpec]:
    """The built-in types for content in `lang` (`builtins.builtin_tables`), parsed."""
    return dict(_builtins(lang))


@functools.cache
def _builtins(lang: str) -> dict[str, TypeSpec]:
    try:
        tables = builtin_tables(lang)
    except ValueError as e:
        raise ConfigError(f"--lang: {e}") from None
    return _parse(tables, "built-in types", "types", {}, lang, Path("."))


def parse_types(
    table: Mapping[str, Any], source: Path | None, lang: str = "ja"
) -> dict[str, TypeSpec]:
    """The types a config's `[types]` table declares, a built-in's name overriding the
    keys it gives; ConfigError naming the file, the place (`types.X.fields[i].key`) and
    what to do."""
    project = source.parent if source is not None else Path(".")
    prefix = "tool.tts-assets.types" if source and source.name == "pyproject.toml" else "types"
    return _parse(table, _source(source), prefix, _builtins(lang), lang, project)


def resolve_types(
    table: Mapping[str, Any] | None, source: Path | None, lang: str = "ja"
) -> dict[str, TypeSpec]:
    """Every type a run knows for content in `lang`: the built-ins, overridden or extended;
    ConfigError for two types that could write one URL place (`check_url_places`)."""
    types = builtin_types(lang)
    if table:
        types.update(parse_types(table, source, lang))
        for name, body in table.items():  # `[types.kanji] enabled = false`: never missing
            if isinstance(body, Mapping) and body.get("enabled") is False:
                types.pop(name, None)
        check_url_places(types.values(), _source(source))
    return types


def _source(source: Path | None) -> str:
    return str(source) if source is not None else "config"


def _parse(
    table: Mapping[str, Any],
    source: str,
    prefix: str,
    base: Mapping[str, TypeSpec],
    lang: str,
    project: Path,
) -> dict[str, TypeSpec]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: {prefix}: expected a table of types, found {kind_of(table)}")
    types = {}
    for name, body in table.items():
        place = f"{prefix}.{name}"
        try:
            if not isinstance(body, Mapping):
                raise SpecError("", f"expected a table (file, fields), found {kind_of(body)}")
            _check_keys(body, TYPE_KEYS)
            if body.get("enabled") is False:
                continue  # switched off: nothing of it is read
            spec = _parse_type(name, body, source, place, base.get(name), lang, project)
        except SpecError as e:
            raise ConfigError(f"{source}: {_at(place, e.key)}: {e}") from None
        types[name] = spec
    return types


def _at(place: str, key: str) -> str:
    """The key `key` of the table at `place`, as a message names it; `place` for ""."""
    return f"{place}.{key}" if key else place


def _parse_type(
    name: str,
    body: Mapping[str, Any],
    source: str,
    place: str,
    builtin: TypeSpec | None,
    lang: str,
    project: Path,
) -> TypeSpec:
    """The type `name` a `[types]` table's `body` (at `place`) declares: the keys it gives
    over its `builtin`'s, if any; SpecError naming the key at fault."""
    if builtin is None:  # a new type: its file (or path) and fields (or a join alone)
        alone = any(j.key in body for j in JOINS if j.alone)
        for key, instead in (("file", "path" in body), ("fields", alone)):
            if key not in body and not instead:
                raise SpecError("", f'missing "{key}"; a new type needs file (or path) and fields')
    given: dict[str, Any] = {}
    if "fields" in body:
        given["fields"] = _type_fields(body["fields"], place, lang)
    if "file" in body:  # a list: its first, and the further files it reads
        files = body["file"] if _names(body["file"]) else [body["file"]]
        if not isinstance(files[0], str):
            raise SpecError(
                "file",
                "expected a file name, a pattern (grammar_*.json) or a list of them, "
                f"found {kind_of(body['file'])}",
            )
        given["file"], given["also"] = files[0], tuple(files[1:])
    if "path" in body:
        if "file" in body:
            raise SpecError(
                "",
                "give file (under the data dir) or path (from the config file's folder), not both",
            )
        given["file"], given["path"] = _project_file(body["path"], project)
    if "root" in body:
        given["root"] = body["root"]
    given["where"] = _type_where(body, builtin)
    given["speakers"] = speakers_of(body.get("speakers", {}))
    given |= {j.key: j.parse(body, lang) for j in JOINS if j.key in body}
    if "slow" in body:
        given["slow"] = tempi_of(body["slow"], f"{source}: {place}.slow")
    if builtin is not None:
        return dataclasses.replace(builtin, **given)
    return TypeSpec(**({"name": name, "file": "", "fields": ()} | given))


def _type_fields(raw_fields: Any, place: str, lang: str) -> tuple[FieldSpec, ...]:
    """The fields a type's `fields` lists (`place`: the type's, for the message)."""
    if not isinstance(raw_fields, list):
        raise SpecError(
            "fields",
            f"expected a list of tables ([[{place}.fields]]), found {kind_of(raw_fields)}",
        )
    found = []
    for i, body in enumerate(raw_fields):
        try:
            found.append(_parse_field(body, lang))
        except SpecError as e:
            raise SpecError(_at(f"fields[{i}]", e.key), str(e)) from None
    return tuple(found)


def _names(value: Any) -> bool:
    """Whether `value` is a list of one string or more (files, text alternatives)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _type_where(body: Mapping[str, Any], builtin: TypeSpec | None) -> tuple[Condition, ...]:
    """A type's conditions on its items: `where` and `where_not`, each else its built-in's."""
    where: list[Condition] = []
    for key, negated in (("where", False), ("where_not", True)):
        if key in body:
            try:
                where += parse_where(body[key], negated=negated)
            except ValueError as e:
                raise SpecError(key, str(e)) from None
        elif builtin is not None:
            where += [c for c in builtin.where if c.negated == negated]
    return tuple(where)


def _project_file(given: str, project: Path) -> tuple[str, Path]:
    """(the name shown, the file) of a type's `path`: relative to the config file's
    folder, never leaving it (SpecError)."""
    normal = posixpath.normpath(given.replace("\\", "/"))
    if not given.strip() or _leaves(given):
        raise SpecError(
            "path",
            f'"{given}" leaves the project; give a path from the config file\'s '
            "folder, e.g. src/data/ja/kanji.json",
        )
    return normal, Path(os.path.normpath(project / normal))


def _parse_field(body: Any, lang: str) -> FieldSpec:
    if not isinstance(body, Mapping):
        raise SpecError("", f"expected a table (text, url), found {kind_of(body)}")
    _check_keys(body, FIELD_TABLE)
    for key in ("text", "url"):
        if key not in body:
            raise SpecError("", f'missing "{key}"; a field needs text and url')
    text = body["text"]
    if _names(text):
        text = " | ".join(text)
    elif not isinstance(text, str):
        raise SpecError(
            "text", f"expected a path expression or a list of them, found {kind_of(text)}"
        )
    options = {"lang": lang} | {k: v for k, v in body.items() if k != "text"}
    if isinstance(options.get("voice"), list):
        try:
            voices = voice_list(options["voice"])
        except VoicesError as e:
            raise SpecError("voice", str(e)) from None
        # A list of one voice is that voice (its clips keep the keys they had), which
        # `each` also puts in its list.
        one = len(voices) == 1
        options["voice"] = voices[0] if one else None
        options["voices"] = () if one and options.get("voice_mode") != EACH else voices
    return FieldSpec(text=text, **options)


def _check_keys(body: Mapping[str, Any], keys: tuple[TableKey, ...]) -> None:
    """SpecError for a key of `body` that `keys` do not declare (naming no key: the
    message names it), or a value of the wrong type (naming the key)."""
    try:
        check_table(body, keys)
    except SpecError as e:
        if str(e).startswith("unknown key"):
            raise SpecError("", str(e)) from None
        raise
