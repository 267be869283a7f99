"""`tts-assets export anki`: an Anki deck of the content and the clips it already has.

Nothing is synthesized: the content is read and planned as `generate --dry-run` plans it
(no model loaded), and each entry of each content type becomes one note whose fields are
the entry's texts and a `[sound:KEY.mp3]` for each clip of them the store holds (slow
twins, filled cloze sentences and drills included: each is a field of its own). The note
type is one per content type; the media are the clip files, named by their content key,
so a clip shared by two entries is one file in the deck.

A second export of a changed course updates the same notes on import, because a note's
GUID is derived from the set, the type and the entry's identity, never from its place in
the file or its text: the entry's `id` (`id_key`), or, for an entry without one, its first
text. Two entries of one type with one identity would be one note in Anki: the later ones
get a number (`#2`) and are listed, so the author can give them ids.

A text whose clip is not in the store yet (`generate` has not made it) gets an empty audio
field and is listed: the deck is written, and the export exits 1 until it is complete.
genanki (the `anki` extra) writes the package; the file is replaced atomically.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.item import Item, JsonPath
from ..content.selector import ExpressionError, Selector, parse_alternatives
from ..content.sequence import SEQUENCE
from ..errors import InputError
from ..planning.plan import Clip
from ..planning.prepare import Prepared, prepare
from ..settings.config import Settings
from ..store.urls import ClipUrls
from .output import output_file

INSTALL = "pip install 'tts-assets[anki]'"
"""How to install what the export needs (a clone: pip install -e '.[anki]')."""
LISTED = 20
"""The most places a report lists of one kind (`--json` lists them all)."""
AUDIO = "audio"
"""The suffix of a field's audio field (`word audio`)."""


@dataclass
class NoteField:
    """One field of a note type: a text field of the content, its audio, or a value the
    user named (`--field`)."""

    name: str
    texts: bool = False
    """Holds the field's texts (the others hold sound tags, or a named value)."""


@dataclass
class _Note:
    """One entry's note as it is being filled."""

    identity: str
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _NoteType:
    """One content type's note type and its notes, in the order the entries come."""

    set_name: str
    type_name: str
    fields: dict[str, NoteField] = field(default_factory=dict)
    """The texts' fields and their audio, in the order the type's fields come."""
    named: dict[str, NoteField] = field(default_factory=dict)
    """The fields the user named (`--field`), after those."""
    notes: dict[tuple[Path, JsonPath], _Note] = field(default_factory=dict)

    @property
    def every_field(self) -> list[NoteField]:
        return [*self.fields.values(), *self.named.values()]


@dataclass
class AnkiExport:
    """What `export_anki` wrote: the deck, its notes and media, and what it lacks."""

    path: Path
    deck: str
    notes: dict[str, int] = field(default_factory=dict)
    """Notes per note type (`set · type`)."""
    media: int = 0
    missing: list[str] = field(default_factory=list)
    """Places whose text has no clip in the store yet: run generate."""
    renamed: list[str] = field(default_factory=list)
    """Entries whose identity another entry of their type has: numbered (`#2`)."""

    @property
    def exit_code(self) -> int:
        return 1 if self.missing else 0

    def lines(self) -> list[str]:
        total = sum(self.notes.values())
        lines = [f"{self.path}: deck {self.deck!r}, {total} note(s), {self.media} clip(s)"]
        lines += [f"  {name}: {count} note(s)" for name, count in self.notes.items()]
        lines += _listed(
            self.renamed,
            "entries share their identity with an earlier entry of their type and were "
            "numbered (give each entry its own id so a later export updates the right note):",
        )
        lines += _listed(
            self.missing,
            "texts have no clip in the store yet (their audio field is empty): run "
            "tts-assets generate, then export again:",
        )
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "deck": self.deck,
            "notes": self.notes,
            "media": self.media,
            "missing": self.missing,
            "renamed": self.renamed,
        }


def _listed(places: Sequence[str], what: str) -> list[str]:
    if not places:
        return []
    lines = [f"{len(places)} {what}"]
    lines += [f"  {place}" for place in places[:LISTED]]
    if len(places) > LISTED:
        lines.append(f"  {len(places) - LISTED} more (--json lists them)")
    return lines


def export_anki(
    sets: Sequence[Settings],
    output: Path,
    *,
    deck: str | None = None,
    fields: Sequence[str] = (),
    id_key: str = "id",
) -> AnkiExport:
    """Write an Anki package (`.apkg`) of every content set of `sets` to `output`.

    `deck` names the deck (default: the course's folder); a config with `[[sets]]` makes
    each set a subdeck (`Course::ja`). `fields` are path expressions of values to show beside the
    texts (`meaning`, `examples[].translation`), each a field of every note type whose
    entries have it. `id_key` is the entry key that identifies an entry across exports.
    Raises InputError for a field expression that is not one, and when genanki is not
    installed.
    """
    output_file(output, (".apkg",), "course.apkg")
    genanki = _genanki()
    named = [_named(expression) for expression in fields]
    deck_name = deck or course_name(sets[0])
    report = AnkiExport(path=output, deck=deck_name)
    decks: list[Any] = []
    media: dict[str, Path] = {}
    for settings in sets:
        prepared = prepare(settings)
        note_types = _note_types(prepared, named, id_key, report, media)
        name = f"{deck_name}::{settings.set_name}" if settings.set_name else deck_name
        built = genanki.Deck(_number_of("deck", name), name)
        for note_type in note_types:
            _add_notes(genanki, built, note_type, deck_name, report)
        decks.append(built)
    report.media = len(media)
    _write(genanki, decks, media, output)
    return report


def course_name(settings: Settings) -> str:
    """What a course is called where nothing names it: its config file's folder, else the
    folder the data dir is in."""
    where = settings.config_file.parent if settings.config_file else settings.data_dir.parent
    return where.resolve().name or "tts-assets"


def _genanki() -> Any:
    try:
        import genanki
    except ImportError:
        raise InputError(f"export anki needs genanki, which is not installed: {INSTALL}") from None
    return genanki


def _named(expression: str) -> tuple[str, Selector]:
    """A `--field` expression, parsed (one path, no alternatives)."""
    try:
        (selector,) = parse_alternatives(expression)
    except (ExpressionError, ValueError) as e:
        raise InputError(
            f"--field {expression!r}: {e}; give a path expression of the entry "
            "(meaning, examples[].translation)"
        ) from None
    return _field_name(expression), selector


def _field_name(name: str) -> str:
    """`name` as an Anki field may be called (no `:`, `{`, `}` or `"`, no leading `#^/`)."""
    cleaned = "".join("_" if c in ':{}"' else c for c in name).strip()
    return cleaned.lstrip("#^/") or "field"


def _note_types(
    prepared: Prepared,
    named: Sequence[tuple[str, Selector]],
    id_key: str,
    report: AnkiExport,
    media: dict[str, Path],
) -> list[_NoteType]:
    """Each content type's notes: its texts with their clips, in the entries' order."""
    settings = prepared.settings
    urls = ClipUrls(settings.url_prefix)
    roots = {spec.name: len(spec.root_path) for spec in prepared.types}
    found: dict[str, _NoteType] = {}
    set_name = settings.set_name or ""
    for item, clip in _spoken(prepared):
        note_type = found.setdefault(item.type_name, _NoteType(set_name, item.type_name))
        base = item.text_path[: roots.get(item.type_name, 0) + 1]
        note = note_type.notes.get((item.file, base))
        if note is None:
            entry = prepared.loaded.documents[item.file].value_at(base)
            note = _Note(_identity(entry, id_key, item))
            note_type.notes[(item.file, base)] = note
            _add_named(note_type, note, entry, named)
        text_name = _field_name(item.field)
        audio_name = f"{text_name} {AUDIO}"
        if item.kind != SEQUENCE and not _twin_text(note, text_name, item.spoken):
            note_type.fields.setdefault(text_name, NoteField(text_name, texts=True))
            note.values.setdefault(text_name, []).append(html.escape(item.text))
        note_type.fields.setdefault(audio_name, NoteField(audio_name))
        sound = _sound(item, clip, prepared, urls, media)
        if sound is None:
            report.missing.append(f"{item.where} ({item.field})")
        else:
            note.values.setdefault(audio_name, []).append(f"[sound:{sound}]")
    return list(found.values())


def _spoken(prepared: Prepared) -> Iterable[tuple[Item, Clip | None]]:
    """Every text of the content with the clip that says it (None: a person's URL), in
    the content's order: texts, then drills."""
    plan = prepared.plan
    clip_of: dict[int, Clip | None] = {}
    for clip in [*plan.clips, *plan.sequences]:
        for item in clip.items:
            clip_of[id(item)] = clip
        for item in clip.held:
            clip_of[id(item)] = None
    for item in [*prepared.loaded.items, *prepared.loaded.sequences]:
        if id(item) in clip_of:
            yield item, clip_of[id(item)]


def _twin_text(note: _Note, name: str, spoken: str) -> bool:
    """Whether `name`'s text is another field's text of this note (a slow twin's): then
    only its audio is a field of its own."""
    if name in note.values:
        return False
    return any(html.escape(spoken) in values for key, values in note.values.items() if key != name)


def _identity(entry: Any, id_key: str, item: Item) -> str:
    """What identifies `entry` across exports: its id, else its first text."""
    if isinstance(entry, dict):
        value = entry.get(id_key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return f"id:{value}"
    return f"text:{item.text}"


def _add_named(
    note_type: _NoteType, note: _Note, entry: Any, named: Sequence[tuple[str, Selector]]
) -> None:
    """The values the user named, from `entry`, as text fields."""
    for name, selector in named:
        try:
            matches = selector.matches(entry)
        except ValueError:
            matches = []
        values = [_shown(m.value) for m in matches]
        values = [v for v in values if v]
        note_type.named.setdefault(name, NoteField(name, texts=True))
        if values:
            note.values.setdefault(name, []).extend(values)


def _shown(value: Any) -> str:
    """A content value as a field shows it (escaped; lists and objects left out)."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _sound(
    item: Item, clip: Clip | None, prepared: Prepared, urls: ClipUrls, media: dict[str, Path]
) -> str | None:
    """The media name of the audio `item` plays, added to `media`; None: none stored."""
    store = prepared.store
    if clip is not None:
        if not store.is_present(clip.rel_path, clip.key):
            return None
        path = store.clip_file(clip.rel_path)
        if path is None:
            return None
        name = clip.rel_path.rpartition("/")[2]
        media[name] = path
        return name
    # A person's recording kept at the text's place: its file, when it is under the out dir.
    url = prepared.loaded.value_at_url(item)
    path = urls.file(url, store.out_dir) if isinstance(url, str) else None
    if path is None or urls.link(url, store.out_dir) is not None or not path.is_file():
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    name = f"{digest}{path.suffix}"
    media[name] = path
    return name


def _add_notes(
    genanki: Any, deck: Any, note_type: _NoteType, deck_name: str, report: AnkiExport
) -> None:
    """`note_type`'s model and notes, added to `deck`."""
    names = [f.name for f in note_type.every_field]
    if not names:
        return
    label = (
        f"{note_type.set_name} · {note_type.type_name}"
        if note_type.set_name
        else note_type.type_name
    )
    model = genanki.Model(
        _number_of("model", deck_name, note_type.set_name, note_type.type_name, *names),
        f"tts-assets {deck_name} {label}",
        fields=[{"name": name} for name in names],
        templates=[_template(note_type)],
        sort_field_index=0,
    )
    seen: dict[str, int] = {}
    for note in note_type.notes.values():
        identity = note.identity
        seen[identity] = seen.get(identity, 0) + 1
        if seen[identity] > 1:
            identity = f"{identity}#{seen[identity]}"
            report.renamed.append(f"{label}: {note.identity}")
        guid = genanki.guid_for("tts-assets", note_type.set_name, note_type.type_name, identity)
        values = ["<br>".join(note.values.get(name, [])) for name in names]
        deck.add_note(genanki.Note(model=model, fields=values, guid=guid))
    report.notes[label] = len(note_type.notes)


def _template(note_type: _NoteType) -> dict[str, str]:
    """One card per note: the first text and its audio, then every other field."""
    every = [f.name for f in note_type.every_field]
    texts = [f.name for f in note_type.every_field if f.texts]
    first = texts[0] if texts else every[0]
    first_audio = f"{first} {AUDIO}"
    front = f"{{{{{first}}}}}"
    if first_audio in every:
        front += f"<br>{{{{{first_audio}}}}}"
    rest = [name for name in every if name not in (first, first_audio)]
    back = "{{FrontSide}}<hr id=answer>" + "".join(
        f"{{{{#{name}}}}}<div>{{{{{name}}}}}</div>{{{{/{name}}}}}" for name in rest
    )
    return {"name": "Listen", "qfmt": front, "afmt": back}


def _number_of(*parts: str) -> int:
    """A stable id for a deck or model (Anki keys them by number): the same names, the
    same number on every export."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % ((1 << 62) - (1 << 30))


def _write(genanki: Any, decks: Sequence[Any], media: dict[str, Path], output: Path) -> None:
    """The package at `output`, replaced whole (a kill leaves the old one or the new one).

    genanki names each media file in the package by its file name: each clip is copied
    under its media name first, in a folder removed afterwards."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".anki-", dir=output.parent) as scratch:
        folder = Path(scratch)
        files = []
        for name, source in sorted(media.items()):
            copy = folder / name
            copy.write_bytes(source.read_bytes())
            files.append(str(copy))
        staged = folder / output.name
        genanki.Package(list(decks), media_files=files).write_to_file(str(staged))
        os.replace(staged, output)
