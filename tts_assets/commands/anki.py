"""`tts-assets export anki`: an Anki deck of the content and the clips it already has.

Nothing is synthesized: each entry of each content type, planned as a dry run plans it,
becomes one note of its texts and a `[sound:KEY.mp3]` per stored clip. A note's GUID comes
from the course, set, type and the entry's identity (its `id`, else its first text), never
its place, so a second export updates the same notes on import. A text whose clip is
missing, or whose person's recording the deck cannot hold, gets an empty audio field and
is listed (exit 1): docs/anki.md.
"""

from __future__ import annotations

import errno
import hashlib
import html
import itertools
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..audio.integrity import is_lfs_pointer
from ..content.dialogue import DialogueSpec
from ..content.item import Drill, Item, JsonPath, describe_path, excerpt
from ..content.selector import ExpressionError, Selector, ShapeError, parse_alternatives
from ..content.sequence import SEQUENCE, SequenceSpec
from ..content.spec import TypeSpec
from ..errors import LFS_FETCH, InputError
from ..planning.course import prepare
from ..planning.plan import Clip
from ..planning.prepare import Prepared
from ..settings.config import Settings
from ..store.files import read_head
from ..store.urls import ClipUrls
from .operation import course_folder, course_name
from .output import machine_faults, output_file
from .report import FieldsJson

INSTALL = "pip install 'tts-assets[anki]'"
"""How to install what the export needs (a clone: pip install -e '.[anki]')."""
LISTED = 20
"""The most places a report lists of one kind (`--json` lists them all)."""
AUDIO = "audio"
"""The suffix of a field's audio field (`word audio`)."""
SEPARATOR = "\x1f"
"""Anki's field separator: a field holding it splits its note, and Anki refuses the deck."""


@dataclass
class _Note:
    identity: str
    values: dict[str, list[str]] = field(default_factory=dict)
    named: dict[str, list[str]] = field(default_factory=dict)
    """The values of the fields the user named (`--field`), by the field's name."""


@dataclass
class _NoteType:
    """One content type's note type and its notes, in the order the entries come."""

    set_name: str
    type_name: str
    fields: dict[str, bool] = field(default_factory=dict)
    """The texts' fields and their audio, in order: whether each holds texts."""
    named: dict[str, str] = field(default_factory=dict)
    """The shown names of the fields named by `--field`, by their expression's name."""
    said: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """Each text field's expression (its steps): a `--field` naming the same is that field."""
    notes: dict[tuple[Path, JsonPath], _Note] = field(default_factory=dict)
    shown: dict[tuple[str, str], str] = field(default_factory=dict)
    """Each content field's name on the cards, by its name in the config and its kind."""

    def name_of(self, label: tuple[str, str], readable: str) -> str:
        if label not in self.shown:
            self.shown[label] = _numbered(readable, {n.casefold() for n in self.shown.values()})
        return self.shown[label]

    def settle_names(self, named: Sequence[tuple[str, Selector]]) -> None:
        """The named fields as Anki takes them: one naming a text field's own expression
        is left out; one whose name another field has is numbered."""
        taken = {name.casefold() for name in self.fields}
        kept: dict[str, str] = {}
        for name, selector in named:
            if name not in self.named or name in kept or self.said.get(name) == selector.steps:
                continue
            shown = _numbered(name, taken)
            taken.add(shown.casefold())
            kept[name] = shown
        self.named = kept


def _numbered(name: str, taken: set[str]) -> str:
    """`name`, numbered (`Meaning 2`) when one in `taken` (casefolded) reads the same."""
    shown, n = name, 1
    while shown.casefold() in taken:
        n += 1
        shown = f"{name} {n}"
    return shown


@dataclass
class AnkiExport(FieldsJson):
    path: Path
    deck: str
    notes: dict[str, int] = field(default_factory=dict)
    """Notes per note type (`set · type`)."""
    media: int = 0
    missing: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    unpacked: list[str] = field(default_factory=list)
    unidentified: list[str] = field(default_factory=list)
    notes_said: list[str] = field(default_factory=list)
    separators: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.missing or self.unpacked else 0

    def lines(self) -> list[str]:
        total = sum(self.notes.values())
        lines = [f"note: {note}" for note in self.notes_said]
        lines += [f"{self.path}: deck {self.deck!r}, {total} note(s), {self.media} clip(s)"]
        lines += [f"  {name}: {count} note(s)" for name, count in self.notes.items()]
        for name, what in _LISTED:
            places = getattr(self, name)
            if places:
                lines += [f"{len(places)} {what}", *(f"  {p}" for p in places[:LISTED])]
            if len(places) > LISTED:
                lines.append(f"  {len(places) - LISTED} more (--json lists them)")
        return lines


_LISTED = {
    "unidentified": "entries have an id that is blank, or no string or whole number, and are "
    "known by their first text (a later export of a changed text makes a new note): give "
    "each a string id",
    "renamed": "entries share their identity with an earlier entry of their type and were "
    "numbered (give each entry its own id so a later export updates the right note):",
    "separators": "texts hold U+001F, Anki's field separator (Anki would refuse the deck), "
    "shown as a space in their field:",
    "missing": "texts have no clip in the store yet (their audio field is empty): run "
    "tts-assets generate, then export again:",
    "unpacked": "texts keep a person's recording the deck cannot hold (their audio field is "
    "empty):",
}.items()
"""The places a report lists, by `AnkiExport` field, and what they are."""


def export_anki(
    sets: Sequence[Settings],
    output: Path,
    *,
    deck: str | None = None,
    fields: Sequence[str] = (),
    id_key: str = "id",
    old_guids: bool = False,
) -> AnkiExport:
    """Write an Anki package (`.apkg`) of every content set of `sets` to `output`: one
    deck, each set of `[[sets]]` a subdeck. `fields`: path expressions of values shown
    beside the texts; `id_key`: the key that identifies an entry across exports;
    `old_guids`: GUIDs without the deck's name, as earlier exports made them."""
    deck_name = deck_of(deck if deck is not None else course_name(sets[0]))
    output_file(output, (".apkg",), "course.apkg", [p for s in sets for p in _owned(s)])
    try:
        import genanki
    except ImportError:
        raise InputError(f"export anki needs genanki, which is not installed: {INSTALL}") from None
    named = [_named(expression) for expression in fields]
    report = AnkiExport(path=output, deck=deck_name)
    decks: list[Any] = []
    media: dict[str, Path] = {}
    every: list[_NoteType] = []
    for settings in sets:
        prepared = prepare(settings)
        report.notes_said += prepared.loaded.notes
        note_types = _note_types(prepared, named, id_key, report, media)
        every += note_types
        name = f"{deck_name}::{settings.set_name}" if settings.set_name else deck_name
        built = genanki.Deck(_number_of("deck", name), name)
        for note_type in note_types:
            note_type.settle_names(named)
            course = () if old_guids else (course_of(deck_name),)
            _add_notes(genanki, built, note_type, deck_name, course, report)
        decks.append(built)
    report.media = len(media)
    report.notes_said += _held_nowhere(every, named, id_key, report.notes_said)
    with machine_faults():
        _write(genanki, decks, media, output)
    return report


def _held_nowhere(
    note_types: Sequence[_NoteType],
    named: Sequence[tuple[str, Selector]],
    id_key: str,
    said: Sequence[str],
) -> list[str]:
    """What to say of a `--field` or an `--id-key` no entry holds: a misspelt one was
    taken in silence."""
    notes = [note for note_type in note_types for note in note_type.notes.values()]
    if not notes:
        return []
    found = []
    for name, selector in named:
        shown = f"--field {selector.source}"
        if not any(note.named.get(name) for note in notes) and not any(
            line.startswith(f"{shown}:") for line in said
        ):
            found.append(
                f"{shown}: no entry holds a value there, so no note has a {name} field: "
                "check its spelling (a key of the entries, meaning, or "
                "examples[].translation)"
            )
    if id_key != "id" and not any(note.identity.startswith("id:") for note in notes):
        found.append(
            f"--id-key {excerpt(id_key, 40)}: no entry holds it, so each note is known by "
            "its first text (a changed text makes a new note on import): check its spelling"
        )
    return found


def deck_of(name: str) -> str:
    """`name` as Anki writes a deck's name, or InputError for a blank part (Anki would
    name it "blank", a deck nobody asked for)."""
    kept = (c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c) != "Cc")
    written = "".join(kept)
    parts = [part.strip() for part in written.split("::")]
    if not all(parts):
        raise InputError(
            f"--deck {name!r}: a deck's name, and each part of it between ::, needs a word "
            "(Course, or Course::Japanese)"
        )
    return "::".join(parts)


def course_of(deck_name: str) -> str:
    """The course a note's GUID names: its deck's name as Anki tells decks apart (`Café`
    and a Mac's decomposed `Cafe\u0301` are one deck to Anki, so one course)."""
    return unicodedata.normalize("NFC", deck_of(deck_name).casefold())


def _owned(settings: Settings) -> list[Path]:
    """The folders of a content set a deck is never written in: the web root too (a deck
    there is published with the site), the out dir less the URL prefix's path (`public` of
    `public/audio` at `/audio`), unless it holds the course itself."""
    folders = [settings.data_dir, settings.out_dir, settings.staging]
    root = settings.out_dir
    for key in reversed([k for k in urlsplit(settings.url_prefix).path.split("/") if k]):
        if root.name != key:
            return folders
        root = root.parent
    if not course_folder(settings).is_relative_to(os.path.realpath(root)):
        folders.append(root)
    return folders


def _named(expression: str) -> tuple[str, Selector]:
    try:
        selectors = parse_alternatives(expression)
    except (ExpressionError, ValueError) as e:
        raise InputError(
            f"--field {expression!r}: {e}; give a path expression of the entry "
            "(meaning, examples[].translation)"
        ) from None
    if len(selectors) > 1:
        raise InputError(
            f"--field {expression!r}: a field shows the value at one path, not one of "
            "alternatives (a | b); give each path its own --field"
        )
    return _field_name(_readable(expression)), selectors[0]


def _readable(expression: str) -> str:
    """A path expression as a card names its field: its keys (`examples[].sentence` →
    `examples sentence`; of `a | b`, a's)."""
    keys = re.findall(r"[^.\[\]\s]+", expression.partition("|")[0])
    return " ".join(key for key in keys if not key.isdigit()) or expression


def _field_text(value: str, place: str, report: AnkiExport) -> str:
    """`value` as a field shows it: HTML escaped, `[` as `&#91;` (a `[sound:…]` in it is
    shown, never played), Anki's field separator a space (its place listed)."""
    if SEPARATOR in value:
        if place not in report.separators:
            report.separators.append(place)
        value = value.replace(SEPARATOR, " ")
    return html.escape(value).replace("[", "&#91;")


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
    settings = prepared.settings
    urls = ClipUrls(settings.url_prefix)
    specs = {spec.name: spec for spec in prepared.types}
    found: dict[str, _NoteType] = {}
    set_name = settings.set_name or ""
    for item, clip in _spoken(prepared):
        note_type = found.setdefault(item.type_name, _NoteType(set_name, item.type_name))
        spec = specs.get(item.type_name)
        base = item.text_path[: (len(spec.root_path) if spec else 0) + 1]
        note = note_type.notes.get((item.file, base))
        if note is None:
            entry = prepared.loaded.documents[item.file].value_at(base)
            place = describe_path(item.file, base)
            note = _Note(_identity(entry, id_key, place, report, item.text))
            note_type.notes[(item.file, base)] = note
            _add_named(note_type, note, entry, named, place, report)
        readable, texts = _card_name(item, spec)
        text_name = _field_name(note_type.name_of((item.field, item.kind), readable))
        audio_name = f"{text_name} {AUDIO}"
        said = spec.field_named(item.field) if spec else None
        shown = None
        if item.kind == SEQUENCE:
            shown = _transcript(item, report)
        elif texts:
            # A text with spans in another language as a learner reads it: no marks.
            shown = _field_text(item.unmarked or item.text, item.where, report)
            if said is not None and len(said.selectors) == 1:
                note_type.said.setdefault(text_name, said.selectors[0].steps)
        if shown is not None:
            note_type.fields.setdefault(text_name, True)
            note.values.setdefault(text_name, []).append(shown)
        note_type.fields.setdefault(audio_name, False)
        sound, why = _sound(item, clip, prepared, urls, media)
        if sound is not None:
            note.values.setdefault(audio_name, []).append(f"[sound:{sound}]")
        elif why is None:
            report.missing.append(f"{item.where} ({item.field})")
        else:
            report.unpacked.append(f"{item.where} ({item.field}): {why}")
    return list(found.values())


def _spoken(prepared: Prepared) -> Iterable[tuple[Item, Clip | None]]:
    """Every text with its clip (None: a person's URL), in the content's order."""
    plan = prepared.plan
    clip_of: dict[int, Clip | None] = {}
    for clip in [*plan.clips, *plan.held]:
        for item in clip.items:
            clip_of[id(item)] = clip
        for item in clip.held:
            clip_of[id(item)] = None
    for item in [*prepared.loaded.items, *prepared.loaded.sequences]:
        if id(item) in clip_of:
            yield item, clip_of[id(item)]


def _card_name(item: Item, spec: TypeSpec | None) -> tuple[str, bool]:
    """What the cards call the field of `item`, and whether its texts are shown there (a
    twin's and a dialogue's lines are shown elsewhere: only their audio is here)."""
    label = item.field
    said = spec.field_named(label) if spec else None
    if said is not None:
        if label.startswith(said.text):
            label = _readable(said.text) + label[len(said.text) :]
        return label, not said.is_twin
    joins: list[DialogueSpec | SequenceSpec] = [*spec.dialogues, *spec.sequences] if spec else []
    join = next((j for j in joins if j.name == label), None)
    if join is None:
        return label, True
    if label == join.url_selector.source:
        label = str(join.table)
    return (label, True) if item.kind == SEQUENCE else (f"{label} lines", False)


def _transcript(item: Item, report: AnkiExport) -> str | None:
    """A dialogue's lines (`A: おはよう。`, one a line); None for a drill, whose parts are
    the note's other texts."""
    parts = item.made_from.parts if isinstance(item.made_from, Drill) else ()
    lines = [
        _field_text(
            f"{part.speaker}: {part.item.unmarked or part.item.text}", part.item.where, report
        )
        for part in parts
        if part.speaker is not None and part.item is not None
    ]
    return "<br>".join(lines) or None


def _identity(entry: Any, id_key: str, place: str, report: AnkiExport, text: str) -> str:
    """What identifies `entry` across exports: its id, else its first text (an unusable
    id listed in `report`)."""
    if isinstance(entry, dict):
        value: Any = entry
        for key in id_key.split("."):  # `meta.id`: None where a key is missing
            value = value.get(key) if isinstance(value, dict) else None
        value = entry.get(id_key, value)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return f"id:{value}"
        if value is not None:
            report.unidentified.append(f"{place} › {id_key}: {excerpt(repr(value), 40)}")
    return f"text:{text}"


def _add_named(
    note_type: _NoteType,
    note: _Note,
    entry: Any,
    named: Sequence[tuple[str, Selector]],
    place: str,
    report: AnkiExport,
) -> None:
    """The values `--field` names, from `entry`; a list or an object there, which no field
    shows, is said once per type and field (not an empty field in silence)."""
    for name, selector in named:
        try:
            matches = selector.matches(entry)
        except (ValueError, ShapeError):  # a string where it walks into an object: none
            matches = []
        where = f"{place} › {selector.source}"
        # A string as a field shows it, a number as written; lists and objects left out.
        values = [
            _field_text(v, where, report) if isinstance(v, str) else str(v)
            for m in matches
            if isinstance(v := m.value, str | int | float) and not isinstance(v, bool)
        ]
        values = [v for v in values if v]
        if any(isinstance(m.value, list | dict) for m in matches):
            said = (
                f"--field {selector.source}: the {note_type.type_name} type holds a list or "
                "an object there, which a field does not show: name a value inside it "
                "(examples[].translation)"
            )
            if said not in report.notes_said:
                report.notes_said.append(said)
        if values:
            note_type.named.setdefault(name, name)
            note.named.setdefault(name, []).extend(values)


def _sound(
    item: Item, clip: Clip | None, prepared: Prepared, urls: ClipUrls, media: dict[str, Path]
) -> tuple[str | None, str | None]:
    """(the media name of the audio `item` plays, added to `media`; else None and why, or
    None when its clip is not stored yet)."""
    store = prepared.store
    if clip is not None:
        if not store.is_present(clip.rel_path, clip.key):
            return None, None
        path = store.clip_file(clip.rel_path)
        if path is None:
            return None, None
        name = clip.rel_path.rpartition("/")[2]
        media[name] = path
        return name, None
    # A person's recording kept at the text's place: its file, when it is under the out dir.
    url, out_dir = prepared.loaded.value_at_url(item), store.out_dir
    path = urls.file(url, out_dir) if isinstance(url, str) else None
    if path is None:
        return None, f"{excerpt(str(url), 80)} is not a file under the out dir"
    if (link := urls.link(str(url), out_dir)) is not None:
        return None, f"{url} leads through a symbolic link ({link}), out of the out dir"
    try:
        head = read_head(path, 1024)
    except OSError:
        return None, f"{url}: no file is there ({path})"
    if is_lfs_pointer(head):
        return None, f"{url} is a Git LFS pointer, not the audio: {LFS_FETCH}"
    with path.open("rb") as f:
        name = f"{hashlib.file_digest(f, 'sha256').hexdigest()[:32]}{path.suffix}"
    media[name] = path
    return name, None


def _add_notes(
    genanki: Any,
    deck: Any,
    note_type: _NoteType,
    deck_name: str,
    course: tuple[str, ...],
    report: AnkiExport,
) -> None:
    names = [*note_type.fields, *note_type.named.values()]
    if not names:
        return
    label = (
        f"{note_type.set_name} · {note_type.type_name}"
        if note_type.set_name
        else note_type.type_name
    )
    texts = [name for name, texts in note_type.fields.items() if texts]
    first = [*texts, *note_type.named.values(), *names][0]
    first_audio = f"{first} {AUDIO}"
    front = f"{{{{{first}}}}}" + (f"<br>{{{{{first_audio}}}}}" if first_audio in names else "")
    rest = [name for name in names if name not in (first, first_audio)]
    back = "{{FrontSide}}<hr id=answer>" + "".join(
        f"{{{{#{name}}}}}<div>{{{{{name}}}}}</div>{{{{/{name}}}}}" for name in rest
    )
    model = genanki.Model(
        _number_of("model", deck_name, note_type.set_name, note_type.type_name, *names),
        f"tts-assets {deck_name} {label}",
        fields=[{"name": name} for name in names],
        templates=[{"name": "Listen", "qfmt": front, "afmt": back}],
        sort_field_index=0,
    )
    seen: dict[str, int] = {}
    for note in note_type.notes.values():
        identity = note.identity
        seen[identity] = seen.get(identity, 0) + 1
        if seen[identity] > 1:
            identity = f"{identity}#{seen[identity]}"
            report.renamed.append(f"{label}: {note.identity}")
        guid = genanki.guid_for(
            "tts-assets", *course, note_type.set_name, note_type.type_name, identity
        )
        values = [note.values.get(name, []) for name in note_type.fields]
        values += [note.named.get(name, []) for name in note_type.named]
        deck.add_note(genanki.Note(model=model, fields=["<br>".join(v) for v in values], guid=guid))
    report.notes[label] = len(note_type.notes)


def _number_of(*parts: str) -> int:
    """A stable id for a deck or model (Anki keys them by number)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % ((1 << 62) - (1 << 30))


def _write(genanki: Any, decks: Sequence[Any], media: dict[str, Path], output: Path) -> None:
    """The package at `output`, replaced whole. genanki names media by file name: a
    person's recording is linked (or copied) under its media name into a scratch folder;
    the store's clips (`KEY.mp3`) go in as they are, never copied."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".anki-", dir=output.parent) as scratch:
        folder = Path(scratch)
        files = []
        for name, source in sorted(media.items()):
            if source.name == name:
                files.append(str(source))
                continue
            copy = folder / name
            try:
                os.link(source, copy)
            except OSError:
                shutil.copyfile(source, copy)
            files.append(str(copy))
        staged = folder / output.name
        _package(genanki.Package(list(decks), media_files=files), folder, staged)
        os.replace(staged, output)


def _package(package: Any, scratch: Path, staged: Path) -> None:
    """genanki's `Package.write_to_file`, its database made in `scratch`: genanki's own
    leaves one in the system's temporary folder per export (genanki 0.13.1)."""
    database = scratch / "collection.anki2"
    connection = sqlite3.connect(database)
    try:
        now = time.time()
        package.write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
        connection.commit()
    except sqlite3.OperationalError as exc:
        if "disk is full" not in str(exc):
            raise
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(database)) from None
    finally:
        connection.close()
    media = dict(enumerate(package.media_files))
    with zipfile.ZipFile(staged, "w") as out:
        out.write(database, "collection.anki2")
        out.writestr("media", json.dumps({n: os.path.basename(path) for n, path in media.items()}))
        for n, path in media.items():
            out.write(path, str(n))
    database.unlink()  # a kill past here leaves the staged deck alone, as genanki's did
