"""Write-back at the moment of writing: the file as it is then gets the URLs, nothing is undone.

Each test loads content as a run does at its start, changes the file as a person or a
program would during the run (`sed -i` as an editor's save, `git pull`, a deletion, a
symlink), then writes back with the clips that "exist": `Clips` answers for a set of
texts the way the run's store answers for the clips it holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.support import TESTS
from tests.support.markers import needs_exchange, needs_symlinks
from tests.support.programs import editor_save, git
from tests.support.sweep import check_each, check_each_one
from tests.support.windows import whole_course
from tts_assets.content.item import Item
from tts_assets.content.selection import select_types
from tts_assets.content.spec import TypeSpec, builtin_types, resolve_types
from tts_assets.errors import InputError, NotReplaced
from tts_assets.store import files as fsutil
from tts_assets.store.layout import staged_name
from tts_assets.store.manifest import Store, StoredClip
from tts_assets.store.urls import ClipUrls, UrlOwner
from tts_assets.writeback.timings import Timings
from tts_assets.writeback.update import Deciding, FileWriteBack, UrlChange, write_back_file

URLS = ClipUrls("/audio")
FIXTURES = TESTS / "fixtures" / "content"
HAND = "/audio/human/v1.mp3"
CDN = "https://cdn.example.com/audio/mizu.mp3"


class Manifest:
    """What the store's manifest lists: every clip `url_of` named (the tool made them)."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def is_listed(self, rel_path: str, key: str) -> bool:
        return rel_path in self.paths and rel_path.endswith(f"/{key}.mp3")

    def origins(self) -> frozenset[str]:
        return frozenset()


MADE = Manifest()
OWNER = UrlOwner(URLS, MADE, Path("/nonexistent"))
"""Whose a URL is in these tests: the tool's when `url_of` made it."""


def url_of(type_name: str, text: str) -> str:
    """A URL in the tool's own form (TYPE/<32 hex>.mp3) for a text, listed in `MADE`."""
    key = hashlib.md5(f"{type_name}|{text}".encode()).hexdigest()
    MADE.paths.add(f"{type_name}/{key}.mp3")
    return URLS.url(f"{type_name}/{key}.mp3")


class Clips:
    """The clips that exist now: a URL for each of these texts, None for any other."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = set(texts)
        self.asked: list[str] = []

    def url_for(self, item: Item) -> str | None:
        self.asked.append(item.spoken)
        return url_of(item.type_name, item.spoken) if item.spoken in self.texts else None


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class Run:
    """What a run holds for one content file: the types, the file as read at its start
    and the texts it read there."""

    def __init__(self, data_dir: Path, name: str, types: list[TypeSpec] | None = None) -> None:
        self.types = types or select_types(builtin_types(), name)
        loaded = whole_course(data_dir, self.types)
        (self.read,) = loaded.documents.values()
        self.path = self.read.path
        self.texts = {(i.type_name, i.field, i.text) for i in [*loaded.items, *loaded.sequences]}

    def write_back(
        self,
        clips: Clips,
        *,
        url_for: Callable[[Item], str | None] | None = None,
        settled: bool = False,
        **kw: Any,
    ) -> FileWriteBack:
        return write_back_file(
            self.read.snapshot,
            self.path,
            self.types,
            Deciding(
                url_for or clips.url_for,
                OWNER,
                known=lambda item: (item.type_name, item.field, item.text) in self.texts,
                **kw,
            ),
            temp_name=lambda: staged_name(self.path.parent.parent / ".temp-audio"),
            settled=settled,
        )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    write_json(
        folder / "vocabulary.json",
        [
            {"word": "水", "examples": [{"sentence": "水です。"}]},
            {"word": "山"},
        ],
    )
    return folder


def atomic_save(path: Path, data: Any) -> None:
    """Save as an editor does, in this process: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    write_json(tmp, data)
    os.replace(tmp, path)


@pytest.mark.slow
def test_an_edit_saved_during_the_run_is_kept_and_its_new_text_reported(data: Path) -> None:
    run = Run(data, "vocabulary")
    editor_save(run.path, "山", "川")

    result = run.write_back(Clips(["水", "水です。", "山"]))

    assert read_json(run.path) == [
        {
            "word": "水",
            "examples": [{"sentence": "水です。", "audioUrl": url_of("vocabulary", "水です。")}],
            "audioUrl": url_of("vocabulary", "水"),
        },
        {"word": "川"},
    ]
    assert result.written and result.added == 2
    assert result.changed == ("vocabulary.json › [1] › word",)
    assert result.lines() == ["vocabulary.json › [1] › word: changed during the run; run again"]


def test_a_settled_file_is_left_as_it_is_while_it_is_as_read(data: Path) -> None:
    first = Run(data, "vocabulary")
    first.write_back(Clips(["水", "水です。", "山"]))  # every text gets its URL
    done = read_json(first.path)
    run = Run(data, "vocabulary")
    clips = Clips(["水", "水です。", "山"])

    result = run.write_back(clips, settled=True)

    assert result == FileWriteBack(run.path) and clips.asked == []
    assert read_json(run.path) == done


def test_a_settled_file_changed_during_the_run_is_written_back_as_it_is_now(data: Path) -> None:
    first = Run(data, "vocabulary")
    first.write_back(Clips(["水", "水です。", "山"]))
    run = Run(data, "vocabulary")  # the plan finds every URL in place: settled
    atomic_save(run.path, [*read_json(run.path), {"word": "山"}, {"word": "海"}])

    result = run.write_back(Clips(["水", "水です。", "山"]), settled=True)

    words = read_json(run.path)
    assert [(e["word"], e.get("audioUrl")) for e in words] == [
        ("水", url_of("vocabulary", "水")),
        ("山", url_of("vocabulary", "山")),
        ("山", url_of("vocabulary", "山")),  # added during the run: its text's clip exists
        ("海", None),
    ]
    assert result.written and result.changed == ("vocabulary.json › [3] › word",)


def test_entries_added_during_the_run_get_the_urls_of_clips_that_exist(data: Path) -> None:
    run = Run(data, "vocabulary")
    atomic_save(run.path, [{"word": "山"}, {"word": "海"}, *read_json(run.path)])

    result = run.write_back(Clips(["水", "水です。", "山"]))

    words = read_json(run.path)
    assert [(e["word"], e.get("audioUrl")) for e in words] == [
        ("山", url_of("vocabulary", "山")),  # new here, but its text's clip exists
        ("海", None),
        ("水", url_of("vocabulary", "水")),
        ("山", url_of("vocabulary", "山")),
    ]
    assert result.changed == ("vocabulary.json › [1] › word",)


@pytest.mark.slow
def test_a_save_between_reading_again_and_replacing_is_applied_again(data: Path) -> None:
    run = Run(data, "vocabulary")
    clips = Clips(["水", "水です。", "山"])
    saved: list[bool] = []

    def url_for(item: Item) -> str | None:
        if not saved:  # the write-back has read the file; an editor saves now
            editor_save(run.path, "水です", "水でした")
            saved.append(True)
        return clips.url_for(item)

    result = run.write_back(clips, url_for=url_for)

    assert read_json(run.path)[0]["examples"] == [{"sentence": "水でした。"}]
    assert read_json(run.path)[0]["audioUrl"] == url_of("vocabulary", "水")
    assert result.changed == ("vocabulary.json › [0] › examples › [0] › sentence",)
    assert clips.asked.count("水") == 2  # read and resolved a second time


@pytest.mark.slow
def test_a_git_pull_during_the_run_is_kept(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream"
    (upstream / "data").mkdir(parents=True)
    write_json(upstream / "data" / "grammar.json", [{"examples": [{"japanese": "行きます。"}]}])
    git(upstream, "init", "-q")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "one")
    git(tmp_path, "clone", "-q", str(upstream), "clone")
    clone = tmp_path / "clone"
    run = Run(clone / "data", "grammar")
    write_json(
        upstream / "data" / "grammar.json",
        [{"examples": [{"japanese": "行きます。"}, {"japanese": "来ます。"}]}],
    )
    git(upstream, "commit", "-qam", "two")
    git(clone, "pull", "-q")

    result = run.write_back(Clips(["行きます。"]))

    assert read_json(run.path) == [
        {
            "examples": [
                {"japanese": "行きます。", "audioUrl": url_of("grammar", "行きます。")},
                {"japanese": "来ます。"},
            ]
        }
    ]
    assert result.changed == ("grammar.json › [0] › examples › [1] › japanese",)


def test_urls_set_by_hand_are_kept_and_listed(data: Path) -> None:
    write_json(
        data / "vocabulary.json",
        [
            {"word": "水", "audioUrl": HAND, "examples": [{"sentence": "水です。"}]},
            {"word": "山", "audioUrl": CDN},
        ],
    )
    run = Run(data, "vocabulary")
    before = run.path.read_bytes()
    result = run.write_back(Clips(["水", "山"]))
    assert result.kept == (
        UrlChange("vocabulary.json › [0] › audioUrl", HAND, url_of("vocabulary", "水")),
        UrlChange("vocabulary.json › [1] › audioUrl", CDN, url_of("vocabulary", "山")),
    )
    assert not result.written and run.path.read_bytes() == before
    assert result.lines() == [
        f"vocabulary.json › [0] › audioUrl: kept {HAND} (not a URL tts-assets made)",
        f"vocabulary.json › [1] › audioUrl: kept {CDN} (not a URL tts-assets made)",
    ]

    replaced = run.write_back(Clips(["水", "山"]), replace_hand_set=True)
    assert (
        replaced.replaced == tuple(UrlChange(k.place, k.old, k.new) for k in result.kept)
        and not replaced.kept
    )
    assert read_json(run.path)[0]["audioUrl"] == url_of("vocabulary", "水")


def test_a_stale_url_the_tool_made_is_replaced_and_its_old_value_listed(data: Path) -> None:
    old = url_of("vocabulary", "みず")  # the word was written in kana before
    write_json(data / "vocabulary.json", [{"word": "水", "audioUrl": old}])
    run = Run(data, "vocabulary")
    result = run.write_back(Clips(["水"]))
    assert result.replaced == (
        UrlChange("vocabulary.json › [0] › audioUrl", old, url_of("vocabulary", "水")),
    )
    assert read_json(run.path) == [{"word": "水", "audioUrl": url_of("vocabulary", "水")}]


def test_urls_of_texts_that_are_gone_are_cleared_if_the_tool_made_them(tmp_path: Path) -> None:
    kept_hand = "/audio/human/nichi.mp3"
    write_json(
        tmp_path / "kanji.json",
        [
            {
                "character": "日",
                "onyomi": ["ニチ"],  # was ["ニチ", "ジツ"]: a shorter list
                "onyomiAudioUrls": [url_of("kanji", "ニチ"), url_of("kanji", "ジツ")],
                "kunyomi": [],
                "kunyomiAudioUrls": [kept_hand],
                "audioUrl": url_of("kanji", "ニチ"),
                "examples": [{"reading": "", "audioUrl": url_of("kanji", "まいにち")}],
            }
        ],
    )
    run = Run(tmp_path, "kanji")
    result = run.write_back(Clips(["ニチ"]))
    entry = read_json(run.path)[0]
    assert entry["onyomiAudioUrls"] == [url_of("kanji", "ニチ"), None]
    assert entry["examples"] == [{"reading": "", "audioUrl": None}]
    assert entry["kunyomiAudioUrls"] == [kept_hand]
    assert result.cleared == (
        UrlChange("kanji.json › [0] › onyomiAudioUrls › [1]", url_of("kanji", "ジツ"), None),
        UrlChange(
            "kanji.json › [0] › examples › [0] › audioUrl", url_of("kanji", "まいにち"), None
        ),
    )
    assert result.kept == (UrlChange("kanji.json › [0] › kunyomiAudioUrls › [0]", kept_hand, None),)
    assert result.lines() == [
        f"kanji.json › [0] › kunyomiAudioUrls › [0]: kept {kept_hand} "
        "(not a URL tts-assets made; its text is gone)"
    ]
    # Cleared once, nothing is left to clear.
    again = Run(tmp_path, "kanji").write_back(Clips(["ニチ"]))
    assert not again.written and not again.cleared


def test_the_url_of_an_opt_in_field_that_is_not_loaded_is_left_alone(data: Path) -> None:
    meaning = url_of("vocabulary", "water")
    write_json(data / "vocabulary.json", [{"word": "水", "meaningAudioUrl": meaning}])
    run = Run(data, "vocabulary")
    result = run.write_back(Clips(["水"]))
    assert read_json(run.path)[0]["meaningAudioUrl"] == meaning
    assert not result.cleared


def test_a_hand_formatted_file_changes_only_in_its_url_places(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "hand_formatted.json", tmp_path / "words.json")
    types = list(
        resolve_types({"vocabulary": {"file": "words.json", "root": "items"}}, None).values()
    )
    types = [t for t in types if t.name == "vocabulary"]
    run = Run(tmp_path, "vocabulary", types)
    original = run.path.read_text(encoding="utf-8")
    result = run.write_back(Clips(["猫", "犬"]))
    url = url_of("vocabulary", "猫")
    # The first word's URL is inserted after the entry's last member, in its style; the
    # second word's URL is a person's and stays; every other byte is kept.
    assert run.path.read_text(encoding="utf-8") == original.replace(
        '"audioUrl" : null } ] },', f'"audioUrl" : null }} ],\n      "audioUrl" : "{url}" }},'
    )
    assert [k.place for k in result.kept] == ["words.json › items › [1] › audioUrl"]


def test_a_file_with_nothing_to_change_is_not_touched(data: Path) -> None:
    run = Run(data, "vocabulary")
    st = run.path.stat()
    result = run.write_back(Clips([]))
    assert result == FileWriteBack(run.path)
    after = run.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (st.st_ino, st.st_mtime_ns)


@needs_exchange
def test_a_save_copied_aside_by_a_refused_attempt_is_named_after_the_retry_writes(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save lands between the last check and the swap: the swap back keeps a copy of it
    aside (`test_a_save_made_on_our_version_while_it_was_in_place_loses_no_save`), and the
    retry writes the URLs into it. The copy is named in the report, not lost with the
    refusal the retry answered."""
    run = Run(data, "vocabulary")
    real_exchange = fsutil.exchange
    saved: list[dict[str, str]] = []

    def save_first(a: Path, b: Path) -> None:
        if not saved:
            saved.append({"word": "海"})
            atomic_save(b, [*read_json(b), *saved])
        real_exchange(a, b)

    monkeypatch.setattr(fsutil, "exchange", save_first)
    result = run.write_back(Clips(["水", "水です。", "山"]))

    assert result.written and read_json(run.path)[2] == {"word": "海"}  # the retry's write
    (copy,) = result.saves_kept
    assert read_json(copy)[2] == {"word": "海"} and "audioUrl" not in read_json(copy)[0]
    assert copy.parent == data.parent / ".temp-audio"
    assert any(str(copy) in line for line in result.lines())
    assert result.as_json()["saves_kept"] == [str(copy)]


def test_a_file_deleted_during_the_run_is_not_recreated(data: Path) -> None:
    run = Run(data, "vocabulary")
    run.path.unlink()
    with pytest.raises(NotReplaced, match=r"vocabulary\.json: was deleted during the run"):
        run.write_back(Clips(["水"]))
    assert not run.path.exists()


def test_a_file_renamed_during_the_run_is_not_recreated_under_its_old_name(data: Path) -> None:
    run = Run(data, "vocabulary")
    run.path.rename(data / "words.json")
    with pytest.raises(NotReplaced, match="deleted"):
        run.write_back(Clips(["水"]))
    assert sorted(p.name for p in data.iterdir()) == ["words.json"]


@needs_symlinks
def test_a_symlink_put_in_place_during_the_run_is_not_written_through(data: Path) -> None:
    run = Run(data, "vocabulary")
    other = data.parent / "other.json"
    other.write_text("[]", encoding="utf-8")
    run.path.unlink()
    run.path.symlink_to(other)
    with pytest.raises(NotReplaced, match="became a symbolic link"):
        run.write_back(Clips(["水"]))
    assert other.read_text(encoding="utf-8") == "[]"


@needs_symlinks
def test_a_content_file_that_is_a_symlink_is_updated_where_it_points(data: Path) -> None:
    shared = data.parent / "shared.json"
    (data / "vocabulary.json").rename(shared)
    (data / "vocabulary.json").symlink_to(shared)
    run = Run(data, "vocabulary")
    run.write_back(Clips(["水"]))
    assert (data / "vocabulary.json").is_symlink()
    assert read_json(shared)[0]["audioUrl"] == url_of("vocabulary", "水")


def test_a_file_that_is_no_longer_valid_json_is_not_written(data: Path) -> None:
    run = Run(data, "vocabulary")
    run.path.write_text('[{"word": "水"', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        run.write_back(Clips(["水"]))
    assert run.path.read_text(encoding="utf-8") == '[{"word": "水"'


def test_a_hard_linked_file_is_not_written(data: Path) -> None:
    run = Run(data, "vocabulary")
    os.link(run.path, data.parent / "backup.json")
    with pytest.raises(NotReplaced, match="has 2 hard links"):
        run.write_back(Clips(["水"]))
    assert "audioUrl" not in (data.parent / "backup.json").read_text(encoding="utf-8")


def test_the_json_report_lists_every_decision() -> None:
    result = FileWriteBack(
        Path("data/kanji.json"),
        written=True,
        added=3,
        replaced=(UrlChange("kanji.json › [0] › audioUrl", "/audio/a.mp3", "/audio/b.mp3"),),
        cleared=(UrlChange("kanji.json › [1] › audioUrl", "/audio/c.mp3", None),),
        kept=(UrlChange("kanji.json › [2] › audioUrl", HAND, None),),
        changed=("kanji.json › [3] › onyomi › [0]",),
        lost=("owner nobody (uid 65534): Operation not permitted",),
        saves_kept=(Path(".temp-audio/kanji.json.0a1b2c3d.kept"),),
    )
    assert json.loads(json.dumps(result.as_json())) == {
        "file": str(Path("data/kanji.json")),  # data\\kanji.json on Windows
        "written": True,
        "added": 3,
        "replaced": [
            {
                "place": "kanji.json › [0] › audioUrl",
                "old": "/audio/a.mp3",
                "new": "/audio/b.mp3",
                "what": "url",
            }
        ],
        "cleared": [
            {
                "place": "kanji.json › [1] › audioUrl",
                "old": "/audio/c.mp3",
                "new": None,
                "what": "url",
            }
        ],
        "kept": [{"place": "kanji.json › [2] › audioUrl", "old": HAND, "new": None, "what": "url"}],
        "changed_during_run": ["kanji.json › [3] › onyomi › [0]"],
        "not_kept": ["owner nobody (uid 65534): Operation not permitted"],
        "saves_kept": [str(Path(".temp-audio/kanji.json.0a1b2c3d.kept"))],
    }


KEY = "0123456789abcdef0123456789abcdef"


URLS_MADE = [
    (f"/audio/vocabulary/{KEY}.mp3", True),
    (f"/audio/my-type_2/{KEY}.ogg", True),
    # Under a former prefix the config names (the URL prefix moved): it moves along.
    (f"https://cdn.example.com/old/vocabulary/{KEY}.mp3", True),
    # Under a prefix the config does not name, whatever the manifest lists:
    # another host's URL, or another folder's, is a person's.
    (f"/audio/a/vocabulary/{KEY}.mp3", False),
    (f"/other/vocabulary/{KEY}.mp3", False),
    (f"https://cdn.example.com/vocabulary/{KEY}.mp3", False),
    (f"https://native.example.org/audio/vocabulary/{KEY}.mp3", False),
    (f"/audio/vocabulary%2F{KEY}.mp3", False),  # spelled otherwise than the tool writes
    (f"/audio//vocabulary/{KEY}.mp3", False),
    # The shape alone proves nothing: an md5 of the word is 32 hex digits too.
    (f"/audio/vocabulary/{hashlib.md5('水'.encode()).hexdigest()}.mp3", False),
    (f"https://cdn.example.org/words/{hashlib.md5('水'.encode()).hexdigest()}.mp3", False),
    (f"/audio/grammar/{KEY}.mp3", False),  # the manifest lists that key elsewhere only
    (f"/audio/kanji/{KEY}.mp3", False),  # listed under another key
    (HAND, False),
    (CDN, False),
    (f"/audio/vocabulary/{KEY}.mp3?v=2", False),
    (f"/audio/vocabulary/{KEY.upper()}.mp3", False),
    ("/audio/vocabulary/0123456789abcdef.mp3", False),
    (f"/audio/../vocabulary/{KEY}.mp3", False),
    (f"/audio/./vocabulary/{KEY}.mp3", False),
    (f"/audio/vocabulary/{KEY}.mp3#t=1", False),
]
"""(a URL a content file holds, whether it is the tool's: its clip listed, under a prefix
the config names, spelled as the tool writes it)"""


def test_a_url_is_the_tools_only_where_its_manifest_lists_the_clip(tmp_path: Path) -> None:
    """Each of URLS_MADE, against one store and its two owners (the URL prefix the config
    names, and the default one)."""
    store = Store(tmp_path / "out", tmp_path / "staging")
    for path, key in [
        (f"vocabulary/{KEY}.mp3", KEY),
        (f"my-type_2/{KEY}.ogg", KEY),
        (f"kanji/{KEY}.mp3", "f" * 32),
    ]:
        store.replace(StoredClip(key, path, "水", "kokoro", "jf_alpha", 0.5, 10, "0" * 64))
    former = ["https://cdn.example.com/old/"]
    owner = UrlOwner(URLS, store, tmp_path / "out", former=former)
    default = UrlOwner(ClipUrls("/audio/"), store, tmp_path / "out", former=former)

    def made(url: str, made: bool) -> None:
        assert owner.made(url) is made
        assert owner.replaced(url) is made
        assert default.made(url) is made

    check_each(made, {url: (url, m) for url, m in URLS_MADE})


def test_the_url_the_plan_computes_for_a_place_is_the_tools_before_its_clip_exists(
    tmp_path: Path,
) -> None:
    owner = UrlOwner(URLS, Store(tmp_path / "out", tmp_path / "staging"), tmp_path / "out")
    url = f"/audio/vocabulary/{KEY}.mp3"
    assert not owner.made(url)
    assert owner.made(url, planned=url)
    assert not owner.made(url, planned=f"/audio/vocabulary/{'1' * 32}.mp3")


def test_an_adopted_clips_urls_are_replaced_but_not_the_tools(tmp_path: Path) -> None:
    store = Store(tmp_path / "out", tmp_path / "staging")
    origin, other = "/audio/vocabulary/aa5e4ad6.mp3", "/audio/vocabulary/bb5e4ad6.mp3"
    store.replace(
        StoredClip(
            KEY,
            f"vocabulary/{KEY}.mp3",
            "水",
            "",
            "",
            0.5,
            10,
            "0" * 64,
            origin=origin,
            also_from=(other,),
        )
    )
    owner = UrlOwner(URLS, store, tmp_path / "out")
    assert owner.replaced(origin) and owner.replaced(other)
    assert not owner.made(origin) and not owner.replaced(HAND)


def test_an_adopted_url_off_the_prefix_is_never_the_tools(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The manifest is committed: an entry naming another host's URL claims nothing,
    unless the config names that prefix as a former one."""

    def case(field: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        native = "https://native.example.org/recordings/mizu.mp3"
        store = Store(tmp_path / "out", tmp_path / "staging")
        clip = StoredClip(KEY, f"vocabulary/{KEY}.mp3", "水", "", "", 0.5, 10, "0" * 64)
        if field == "origin":
            store.replace(replace(clip, origin=native))
        else:
            store.replace(replace(clip, origin="/audio/x.mp3", also_from=(native,)))
        assert not UrlOwner(URLS, store, tmp_path / "out").replaced(native)
        moved = UrlOwner(URLS, store, tmp_path / "out", former=["https://native.example.org/"])
        assert moved.replaced(native)

    check_each_one(case, ["origin", "also_from"])


def test_clip_urls_round_trip() -> None:
    cdn = ClipUrls("https://cdn.example.com/audio/")
    rel = "kanji/0123456789abcdef0123456789abcdef.mp3"
    assert cdn.url(rel) == f"https://cdn.example.com/audio/{rel}"
    assert cdn.clip_path(cdn.url(rel)) == rel
    assert cdn.clip_path(URLS.url(rel)) is None


def test_the_loader_finds_the_urls_of_texts_that_are_gone(tmp_path: Path) -> None:
    write_json(
        tmp_path / "vocabulary.json",
        [
            {"word": "", "audioUrl": "/a.mp3", "examples": [{"audioUrl": "/b.mp3"}]},
            {
                "word": "山",
                "audioUrl": "/c.mp3",
                "examples": [{"sentence": "👍", "audioUrl": "/d"}],
            },
        ],
    )
    loaded = whole_course(tmp_path, select_types(builtin_types(), "vocabulary"))
    assert [(u.where, u.value, u.field) for u in loaded.leftovers] == [
        ("vocabulary.json › [0] › audioUrl", "/a.mp3", "word"),
        ("vocabulary.json › [0] › examples › [0] › audioUrl", "/b.mp3", "example"),
        ("vocabulary.json › [1] › examples › [0] › audioUrl", "/d", "example"),
    ]


def test_a_kept_url_whose_text_is_there_is_not_called_gone(data: Path) -> None:
    """Every kept URL was once also noted "its text is gone", though its text is there."""
    write_json(
        data / "vocabulary.json", [{"word": "水", "audioUrl": HAND}, {"word": "", "audioUrl": CDN}]
    )
    run = Run(data, "vocabulary")
    result = run.write_back(Clips([]))  # the text keeps a person's URL: no clip is made
    assert [k.place for k in result.kept] == [
        "vocabulary.json › [0] › audioUrl",
        "vocabulary.json › [1] › audioUrl",
    ]
    assert result.lines() == [
        f"vocabulary.json › [0] › audioUrl: kept {HAND} (not a URL tts-assets made)",
        f"vocabulary.json › [1] › audioUrl: kept {CDN} "
        "(not a URL tts-assets made; its text is gone)",
    ]


MINE = [{"start": 0, "end": 900, "text": "山"}]
"""Word timings a person wrote."""


def test_segments_are_written_beside_the_tool_s_urls_only(data: Path) -> None:
    """A field's `segments` place gets its clip's word timings where the URL written is
    the tool's; a person's URL keeps whatever its segments place holds."""
    from tts_assets.content.spec import FieldSpec

    write_json(
        data / "vocabulary.json",
        [{"word": "水"}, {"word": "山", "audioUrl": HAND, "segments": MINE}, {"word": "川"}],
    )
    (vocabulary,) = select_types(builtin_types(), "vocabulary")
    field = FieldSpec(text="word", url="audioUrl", segments="segments")
    run = Run(data, "vocabulary", [replace(vocabulary, fields=(field,))])
    timed = {
        url_of("vocabulary", "水"): [{"start": 50, "end": 400, "text": "水", "reading": "みず"}]
    }
    asked: list[str] = []

    def segments_for(url: str, by: str = "word") -> list[dict[str, object]] | None:
        asked.append(url)
        return timed.get(url)

    result = run.write_back(Clips(["水", "山", "川"]), timings=Timings(segments_for))
    assert result.written
    assert read_json(run.path) == [
        {"word": "水", "audioUrl": url_of("vocabulary", "水"), "segments": timed[asked[0]]},
        {"word": "山", "audioUrl": HAND, "segments": MINE},
        {"word": "川", "audioUrl": url_of("vocabulary", "川")},  # a clip without timings
    ]
    assert HAND not in asked
    # Written once: the next write-back finds them in place.
    assert not run.write_back(Clips(["水", "山", "川"]), timings=Timings(segments_for)).written


def test_a_course_of_made_up_timings_is_told_in_a_few_lines() -> None:
    kept = tuple(
        UrlChange(
            f"shadowing.json › [{n}] › segments", '[{"start": 0, "end": 2000}]', HAND, "segments"
        )
        for n in range(12)
    )
    lines = FileWriteBack(Path("data/shadowing.json"), kept=kept).lines()
    assert len(lines) == 11
    assert lines[0] == (
        'shadowing.json › [0] › segments: kept word timings tts-assets did not write, [{"start": '
        f'0, "end": 2000}}]; set each one\'s start and end to null, or run with '
        f"--replace-hand-set-urls, for the timings of {HAND}"
    )
    assert lines[-1] == (
        f"{Path('data/shadowing.json')}: 2 more places' word timings kept that tts-assets did "
        "not write (--json lists them)"
    )
