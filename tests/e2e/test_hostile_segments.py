"""Word timings, slow clips and WebVTT tracks, tried as a careless or hostile user would,
through the CLI.

Each test was written before its fix and failed on the code before it. Timings come from
espeak-ng's word events (its packaged library: deterministic, a run in a second);
`test_kokoro_times_clips_slow_clips_and_tracks_together` runs the default provider's real
path with segments, slow clips and tracks at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project, new_project, write_json
from tests.support.refusal import refused_by_load, refused_by_types
from tests.support.sweep import check_each
from tts_assets.readings.words import webvtt_of
from tts_assets.writeback.timings import segments_of

TEMPO = "0.75"

SHADOWING = """provider = "espeak"
lang = "en"
webvtt = true

[types.shadowing]
file = "shadowing.json"

[[types.shadowing.fields]]
text = "text"
url = "audioUrl"
segments = "segments"
{field}
"""
"""A shadowing drill, as the seed app's: each sentence's URL and its words' timings."""

SENTENCES = ["Good morning.", "See you later.", "I read a book every morning."]


def _config(project: Project, field: str = "", extra: str = "") -> None:
    project.config(SHADOWING.format(field=field) + extra)


def _content(project: Project, *entries: dict[str, Any]) -> None:
    write_json(project / "data/shadowing.json", list(entries))


def _entries(project: Project) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = project.read_json("data/shadowing.json")
    return entries


def _clip(project: Project, url: str) -> dict[str, Any]:
    """The manifest entry of the clip at `url`."""
    (clip,) = [c for c in project.manifest()["clips"] if url.endswith("/" + c["path"])]
    return dict(clip)


def _timings(project: Project, url: str) -> Any:
    """The word timings the content should hold for the clip at `url`."""
    return segments_of(_clip(project, url)["timings"])


def _changes(summary: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The places of one kind of change (`replaced`, `cleared`, `kept`) of every file."""
    return [c for f in summary["write_back"] for c in f[kind]]


def _one_line_refusal(project: Project, *args: str) -> str:
    """Run generate; assert it refused with one line, exit 2, nothing written."""
    before = project.tree(folders=True)
    code, out = project.invoke("generate", *args)
    assert code == 2, out
    assert out.count("\n") == 1 and out.startswith("error: ") and "Traceback" not in out, out
    assert project.tree(folders=True) == before
    return out


# --- 1, 14 and 20: a place the tool writes never names a place the content uses -------

REFUSED_FIELDS = {
    # segments over the text, the slow URL, the URL written otherwise, under the text
    "segments at the text": ('segments = "text"', "segments", "reads its text"),
    "segments at the slow URL": ('segments = "slowAudioUrl"', "segments", "slow clip's URL"),
    "segments at the URL, spaced": ('segments = " audioUrl "', "segments", "writes its URL"),
    "segments under the text": ('segments = "text.words"', "segments", "reads its text"),
    "segments at the reading": (
        'segments = "reading"\nreading = "reading"',
        "segments",
        "reads its reading",
    ),
    "segments at the accent": (
        'segments = "pitchPattern"\naccent = "pitchPattern"',
        "segments",
        "reads its pitch accent",
    ),
    "segments at the kanji": (
        'segments = "character"\nkanji = "kanji | character"',
        "segments",
        'reads its kanji "character"',
    ),
    # slow_url checked as segments is, by the same checker
    "slow_url at the URL": ('slow_url = "audioUrl"', "slow_url", "writes its URL"),
    "slow_url at the text": ('slow_url = "text"', "slow_url", "reads its text"),
    "slow_url empty": ('slow_url = ""', "slow_url", "empty path expression"),
    "slow_url with a []": ('slow_url = "slow[]"', "slow_url", "has 1; give the slow_url the same"),
    "slow_url at the segments": ('slow_url = "segments"', "slow_url", "its word timings"),
    "slow_url a list": ('slow_url = ["a"]', "slow_url", "expected a path expression"),
    # the slow clip's timings, a place of their own
    "slow_segments at the segments": (
        'slow_segments = "segments"',
        "slow_segments",
        "writes its word timings",
    ),
    "slow_segments at the slow URL": (
        'slow_segments = "slowAudioUrl"',
        "slow_segments",
        "its slow clip's URL",
    ),
}


@pytest.mark.parametrize("slow", [False, True])
def test_a_field_whose_places_collide_is_refused_in_one_line(tmp_path: Path, slow: bool) -> None:
    # `segments = "text"` replaced every text with its timings; `slow_url = "audioUrl"` with
    # --slow crashed with exit 4 (an unexpected SpecError); `slow_url = ""` was accepted.
    # The default slow places are checked with or without --slow (a config valid without
    # it stays valid with it). Every case of REFUSED_FIELDS, each in a project of its own,
    # asked where a run asks it (`refused_by_types`); the test below shows the command
    # line refusing one with that line.
    check_each(_collide, {case: (new_project(tmp_path), case, slow) for case in REFUSED_FIELDS})


def test_a_field_whose_places_collide_stops_generate_with_the_line_of_its_load(
    project: Project,
) -> None:
    said = _collide(project, "slow_url at the URL", True)
    assert _one_line_refusal(project, "--slow", TEMPO) == f"error: {said}\n"


def _collide(project: Project, case: str, slow: bool) -> str:
    given, key, why = REFUSED_FIELDS[case]
    if given.startswith("segments ="):
        config = SHADOWING.format(field="").replace('segments = "segments"', given)
    else:
        config = SHADOWING.format(field=given)
    files = {
        "tts-assets.toml": config,
        "data/shadowing.json": [{"id": "s1", "text": SENTENCES[0], "reading": "x"}],
    }
    out = refused_by_types(project, files, **({"slow": float(TEMPO)} if slow else {}))
    assert out.startswith(f"{project / 'tts-assets.toml'}: types.shadowing.fields[0].{key}: ")
    assert why in out, out
    return out


def test_a_second_field_or_type_writing_the_same_place_is_refused(project: Project) -> None:
    lines = '\n[[types.shadowing.fields]]\nname = "lines"\ntext = "lines[]"\nurl = "lineUrls[]"\n'
    _content(project, {"id": "s1", "text": SENTENCES[0], "lines": [SENTENCES[1]]})
    _config(project, extra=lines + 'segments = "lineUrls[]"\n')
    out = refused_by_types(project)
    assert "types.shadowing.fields[1].segments" in out and 'writes its URL "lineUrls[]"' in out
    _config(project, extra=lines + 'segments = "lines[]"\n')
    assert 'reads its text "lines[]"' in refused_by_types(project)
    _config(project, extra=lines + 'segments = "segments[]"\n')
    # "segments" (0 []) and "segments[]" (1 []): one list the other's each element is in
    assert "fields[1].segments" in refused_by_types(project)

    # Another type of the same file (the seed app's `id` beside it): its segments at this
    # type's URL, or its slow clip's URL at this type's text.
    other = (
        '\n[types.titles]\nfile = "shadowing.json"\n[[types.titles.fields]]\n'
        'text = "title"\nurl = "titleUrl"\n'
    )
    _config(project, extra=other + 'segments = "audioUrl"\n')
    out = refused_by_types(project)
    assert "the titles type writes its word timings (titles.title segments)" in out, out
    assert 'where the shadowing type writes its URL "audioUrl"' in out
    _config(project, extra=other + 'slow_url = "text"\n')
    assert "the titles type writes its slow clip's URL" in refused_by_types(project)
    # A where that keeps the two types' entries apart lets them share places.
    apart = SHADOWING.format(field="").replace(
        'file = "shadowing.json"\n', 'file = "shadowing.json"\nwhere_not = { kind = "title" }\n'
    )
    titles = other.replace(
        'file = "shadowing.json"\n', 'file = "shadowing.json"\nwhere = { kind = "title" }\n'
    )
    project.config(apart + titles + 'segments = "segments"\n')
    code, out = project.invoke("generate", "--dry-run")
    assert code == 0, out


@pytest.mark.parametrize(
    ("segments", "holds"),
    [
        ("id", '"s1"'),  # the seed app's id: overwritten before
        ("note", '"TODO: time this by hand"'),  # a note where the timings go
        ("meta", '{"level": "N5"}'),  # an object of the content's own
        ("tags", '["greeting", "N5"]'),  # a list, but not of timings
    ],
)
def test_a_segments_place_holding_the_content_s_own_value_stops_the_run(
    project: Project, segments: str, holds: str
) -> None:
    _config(project)
    project.config(
        (project / "tts-assets.toml")
        .read_text("utf-8")
        .replace('segments = "segments"', f'segments = "{segments}"')
    )
    entry: dict[str, Any] = {"id": "s1", "text": SENTENCES[0], "note": "TODO: time this by hand"}
    entry |= {"meta": {"level": "N5"}, "tags": ["greeting", "N5"]}
    _content(project, entry, {"id": "s2", "text": SENTENCES[1]})
    out = refused_by_load(project)  # the test below shows a run stopping so
    assert f"shadowing.json › [0] › {segments}: holds " in out
    assert (
        "not timings (a list of {start, end} objects) or null" in out
        and f'shadowing.shadowing field writes its word timings ("{segments}")' not in out
    )
    assert "give the field's segments a place of its own" in out
    assert json.loads(holds) == _entries(project)[0][segments]


def test_one_file_read_by_a_pattern_and_a_name_is_checked_at_load(project: Project) -> None:
    # The config cannot tell `shad*.json` and `shadowing.json` are one file: the loader can,
    # even where the other type's text is not written yet (the timings would take its place).
    _config(
        project,
        extra=(
            '\n[types.titles]\nfile = "shadowing.json"\n[[types.titles.fields]]\n'
            'text = "title"\nurl = "titleUrl"\n'
            '\n[types.lines]\nfile = "shad*.json"\n[[types.lines.fields]]\n'
            'text = "line"\nurl = "lineUrl"\nsegments = "{place}"\n'
        ),
    )
    config = (project / "tts-assets.toml").read_text("utf-8")
    project.config(config.replace("{place}", "title"))
    _content(project, {"id": "s1", "text": SENTENCES[0], "line": SENTENCES[1]})
    out = _one_line_refusal(project)
    assert out == f"error: {refused_by_load(project)}\n"
    assert (
        'the lines type writes its word timings (lines.line segments) at "title" in '
        'shadowing.json, where the titles type reads its text "title"'
    ) in out
    # Where the other type's examples are (a list, but not of timings): refused too.
    project.config(config.replace("{place}", "examples"))
    _content(
        project,
        {"id": "s1", "text": SENTENCES[0], "line": SENTENCES[1], "examples": [{"s": "Hi."}]},
    )
    assert "shadowing.json › [0] › examples: holds a list of other things" in (
        refused_by_load(project)
    )


# --- 2. a person's timings are theirs, as a person's URL is ---------------------------


@needs_espeak_library
@pytest.mark.slow
def test_a_person_s_timings_are_kept_and_reported_until_they_are_let_go(project: Project) -> None:
    _config(project)
    # Inside their clip: a person's timings that fit are theirs, never a problem.
    mine = [{"start": 0, "end": 300, "text": "See"}, {"start": 300, "end": 700, "text": "you"}]
    _content(
        project,
        {"id": "s1", "text": SENTENCES[0], "segments": []},  # a placeholder: filled
        {"id": "s2", "text": SENTENCES[1], "segments": mine},
    )
    summary = project.json("generate")
    first, second = _entries(project)
    assert first["segments"] == _timings(project, first["audioUrl"])
    assert second["segments"] == mine  # not replaced without a word
    (kept,) = _changes(summary, "kept")
    assert kept == {
        "place": "shadowing.json › [1] › segments",
        "old": json.dumps(mine, ensure_ascii=False, separators=(", ", ": ")),
        "new": second["audioUrl"],
        "what": "segments",
    }
    code, out = project.invoke("generate")
    assert code == 0
    (line,) = [line for line in out.splitlines() if "kept word timings" in line]
    assert line.startswith(
        "note: shadowing.json › [1] › segments: kept word timings tts-assets did not write, "
        '[{"start": 0, "end": 300, "text": "See"'
    )
    assert line.endswith(
        "; set each one's start and end to null, or run with --replace-hand-set-urls, "
        "for the timings of " + second["audioUrl"]
    )
    code, out = project.invoke("verify")
    assert code == 0, out  # a person's timings are not a problem, as a person's URL is not

    # --replace-hand-set-urls replaces them, listed with their old value.
    summary = project.json("generate", "--replace-hand-set-urls")
    assert _entries(project)[1]["segments"] == _timings(project, second["audioUrl"])
    (replaced,) = _changes(summary, "replaced")
    assert (replaced["place"], replaced["what"]) == ("shadowing.json › [1] › segments", "segments")
    assert json.loads(replaced["old"]) == mine

    # A text changed: its clip's new timings replace the old clip's, listed.
    entries = _entries(project)
    entries[0]["text"] = "Good evening."
    _content(project, *entries)
    summary = project.json("generate")
    now = _entries(project)[0]
    assert now["segments"] == _timings(project, now["audioUrl"])
    assert [c["what"] for c in _changes(summary, "replaced")] == ["url", "segments"]
    # null lets the tool write a place again.
    entries = _entries(project)
    entries[1]["segments"] = None
    _content(project, *entries)
    project.json("generate")
    assert _entries(project)[1]["segments"] == _timings(project, second["audioUrl"])


# --- 3. a text gone takes its timings with it -------------------------------------------


@needs_espeak_library
@pytest.mark.slow
def test_a_text_emptied_or_removed_clears_its_timings_and_its_slow_clip_s(
    project: Project,
) -> None:
    lines = (
        '\n[[types.shadowing.fields]]\nname = "lines"\ntext = "lines[]"\n'
        'url = "lineUrls[]"\nsegments = "lineSegments[]"\n'
    )
    _config(project, extra=lines)
    _content(
        project,
        {"id": "s1", "text": SENTENCES[0], "lines": SENTENCES[1:]},
        {"id": "s2", "text": SENTENCES[1]},
    )
    # A line removed: its timings go with its URL, listed, as soon as the next run.
    project.json("generate")
    entry = _entries(project)[0]
    removed = entry["lineSegments"][1]
    entry["lines"] = entry["lines"][:1]
    _content(project, entry, {"id": "s2", "text": SENTENCES[1]})
    summary = project.json("generate")
    assert _entries(project)[0]["lineSegments"] == [entry["lineSegments"][0], None]
    assert {
        "place": "shadowing.json › [0] › lineSegments › [1]",
        "old": json.dumps(removed, ensure_ascii=False, separators=(", ", ": ")),
        "new": None,
        "what": "segments",
    } in _changes(summary, "cleared")

    # With slow clips: a text emptied and a line removed take the four timings along.
    entry["lines"] = SENTENCES[1:]
    _content(project, entry, {"id": "s2", "text": SENTENCES[1]})
    project.json("generate", "--slow", TEMPO)
    entry = _entries(project)[0]
    assert entry["slowSegments"] and entry["slowLineSegments"][1]
    entry["text"] = ""  # emptied
    entry["lines"] = entry["lines"][:1]  # the second line removed
    person = [{"start": 1, "end": 2, "text": "mine"}]
    _content(project, entry, {"id": "s2", "text": "", "segments": person})
    gone = [
        "shadowing.json › [0] › segments",
        "shadowing.json › [0] › slowSegments",
        "shadowing.json › [0] › lineSegments › [1]",
        "shadowing.json › [0] › slowLineSegments › [1]",
    ]

    # Until generate clears them, verify calls them gone, as it does their URLs.
    verified = project.json("verify", "--slow", TEMPO, code=1)
    said = {(p["place"], p["kind"]) for p in verified["problems"]}
    assert {(place, "gone") for place in gone} <= said
    assert ("shadowing.json › [1] › segments", "gone") not in said  # a person's

    summary = project.json("generate", "--slow", TEMPO)
    cleared = [c["place"] for c in _changes(summary, "cleared") if c["what"] == "segments"]
    assert sorted(cleared) == sorted(gone)
    now = _entries(project)
    assert [now[0][k] for k in ("segments", "slowSegments")] == [None, None]
    assert now[0]["lineSegments"][1] is None and now[0]["slowLineSegments"][1] is None
    assert now[0]["lineSegments"][0] == _timings(project, now[0]["lineUrls"][0])
    assert now[1]["segments"] == person  # a person's, kept, and said so
    (kept,) = _changes(summary, "kept")
    assert kept["place"] == "shadowing.json › [1] › segments"
    code, out = project.invoke("generate", "--slow", TEMPO)
    assert "shadowing.json › [1] › segments: kept word timings" in out
    assert "(their text is gone)" in out
    code, out = project.invoke("verify", "--slow", TEMPO)
    assert code == 0, out


# --- 14. a slow clip's timings reach the content -----------------------------------------


@needs_espeak_library
@pytest.mark.slow
def test_slow_clips_get_their_own_timings_beside_their_urls(project: Project) -> None:
    lines = (
        '\n[[types.shadowing.fields]]\nname = "lines"\ntext = "lines[]"\n'
        'url = "lineUrls[]"\nsegments = "lineSegments[]"\n'
        'slow_url = "slow.lineUrls[]"\nslow_segments = "slow.lineSegments[]"\n'
    )
    _config(project, extra=lines)
    _content(project, {"id": "s1", "text": SENTENCES[2], "lines": SENTENCES[:2]})
    assert project.json("generate", "--slow", TEMPO)["failed"] == 0
    (entry,) = _entries(project)
    pairs = [
        (entry["audioUrl"], entry["segments"], entry["slowAudioUrl"], entry["slowSegments"]),
        *zip(
            entry["lineUrls"],
            entry["lineSegments"],
            entry["slow"]["lineUrls"],
            entry["slow"]["lineSegments"],
            strict=True,
        ),
    ]
    for url, segments, slow_url, slow_segments in pairs:
        assert segments == _timings(project, url)
        assert slow_segments == _timings(project, slow_url)  # the slow clip's own
        assert [s["text"] for s in slow_segments] == [s["text"] for s in segments]
        assert slow_segments[-1]["end"] > segments[-1]["end"]  # stretched
        slow = _clip(project, slow_url)
        track = (project / "public/audio" / slow["path"]).with_suffix(".vtt")
        assert track.read_text("utf-8") == webvtt_of(slow["timings"])
    before = project.tree()
    assert project.json("generate", "--slow", TEMPO)["written"] == []
    assert project.tree() == before
    code, out = project.invoke("verify", "--slow", TEMPO)
    assert code == 0, out
    # Timings missing from the content are missing to verify.
    (entry,) = _entries(project)
    del entry["slowSegments"]
    _content(project, entry)
    verified = project.json("verify", "--slow", TEMPO, code=1)
    (problem,) = verified["problems"]
    assert problem["kind"] == "missing" and "no word timings yet at" in problem["message"]
    assert "slowSegments" in problem["message"]


# --- 15. a track is the tool's only when it says what the tool writes --------------------


def _tracks(project: Project) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((project / "public/audio").rglob("*.vtt"))}


@needs_espeak_library
@pytest.mark.slow
def test_a_teacher_s_track_is_kept_a_missing_one_reported_unwanted_ones_pruned(
    project: Project,
) -> None:
    _config(project)
    _content(project, *({"id": f"s{n}", "text": t} for n, t in enumerate(SENTENCES)))
    project.json("generate", "--slow", TEMPO)
    tracks = _tracks(project)
    assert len(tracks) == 6
    first = _entries(project)[0]
    corrected = _clip(project, first["slowAudioUrl"])["path"]
    teacher = project / "public/audio" / Path(corrected).with_suffix(".vtt")
    text = teacher.read_text("utf-8").replace("Good", "Good (a greeting)")
    teacher.write_text(text, "utf-8")

    summary = project.json("generate", "--slow", TEMPO)
    assert teacher.read_text("utf-8") == text  # not rewritten
    track = f"public/audio/{Path(corrected).with_suffix('.vtt').as_posix()}"
    assert any(
        note.startswith(f"{Path(track)}: kept: a WebVTT track tts-assets did not write")
        for note in summary["notes"]
    ), summary["notes"]
    verified = project.json("verify", "--slow", TEMPO)
    assert any("1 WebVTT track(s) differ" in n for n in verified["notes"])

    # A missing track is a problem for verify, until generate writes it again.
    lost = (
        project
        / "public/audio"
        / Path(_clip(project, first["audioUrl"])["path"]).with_suffix(".vtt")
    )
    lost.unlink()
    verified = project.json("verify", "--slow", TEMPO, code=1)
    (problem,) = verified["problems"]
    assert problem["kind"] == "missing" and problem["place"] == "shadowing.json › [0] › text"
    assert "WebVTT track" in problem["message"]
    assert project.json("generate", "--slow", TEMPO)["generated"] == 0
    assert lost.is_file()

    # webvtt off: prune lists the tool's tracks, deletes them with --yes, and keeps the
    # teacher's, said so; the clips stay.
    project.config(
        (project / "tts-assets.toml").read_text("utf-8").replace("webvtt = true", "webvtt = false")
    )
    listed = project.json("prune", "--slow", TEMPO)
    tracked = sorted(u["path"] for u in listed["unused"])
    assert [u["reason"] for u in listed["unused"]] == ["track"] * 5
    assert (
        all(t.endswith(".vtt") for t in tracked)
        and corrected.replace(".mp3", ".vtt") not in tracked
    )
    assert any("1 WebVTT track(s) kept" in note for note in listed["notes"])
    clips = {p: b for p, b in project.tree().items() if p.endswith(".mp3")}
    assert project.json("prune", "--yes", "--slow", TEMPO)["deleted"]
    assert _tracks(project) == {teacher.name: text}
    assert {p: b for p, b in project.tree().items() if p.endswith(".mp3")} == clips
    code, out = project.invoke("verify", "--slow", TEMPO)
    assert code == 0, out


@needs_espeak_library
@pytest.mark.slow
def test_prune_of_language_folders_sharing_an_out_dir_drops_their_tracks(
    project: Project,
) -> None:
    # Two language folders, one out dir, a sentence in both: with webvtt off, each set's
    # prune lists the tracks of the clips it alone (or with the other set) uses.
    config = (
        'provider = "espeak"\nwebvtt = true\n'
        '[types.shadowing]\nfile = "shadowing.json"\n'
        'fields = [{ text = "text", url = "audioUrl", segments = "segments" }]\n'
    )
    for name in ("en", "fr"):
        config += (
            f'\n[[sets]]\nname = "{name}"\ndata_dir = "content/{name}"\n'
            f'out_dir = "public/audio"\nlang = "{name}"\n'
        )
    project.config(config)
    write_json(project / "content/en/shadowing.json", [{"text": "Good morning."}])
    write_json(project / "content/fr/shadowing.json", [{"text": "Bonjour."}, {"text": "Merci."}])
    assert project.invoke("generate")[0] == 0
    assert len(_tracks(project)) == 3
    project.config(config.replace("webvtt = true", "webvtt = false"))
    listed = [u for one in project.json("prune")["sets"] for u in one["unused"]]
    assert sorted(u["reason"] for u in listed) == ["track"] * 3, listed
    code, out = project.invoke("prune", "--yes")
    assert code == 0, out
    assert _tracks(project) == {} and len(list((project / "public/audio").rglob("*.mp3"))) == 3


# --- all of it on the default provider -------------------------------------------------


@pytest.mark.slow
def test_kokoro_times_clips_slow_clips_and_tracks_together(project: Project) -> None:
    project.config(
        'webvtt = true\n\n[types.shadowing]\nfile = "shadowing.json"\n'
        'fields = [{ text = "text", url = "audioUrl", segments = "segments" }]\n'
    )
    sentences = ["毎朝、図書館で本を読みます。", "今日は雨です。"]
    person = [{"start": 0, "end": 800, "text": "今日は雨です。"}]  # inside its clip
    _content(
        project,
        {"id": "s1", "text": sentences[0]},
        {"id": "s2", "text": sentences[1], "segments": person},
    )
    summary = project.json("generate", "--type", "shadowing", "--slow", TEMPO)
    assert summary["generated"] == 4 and summary["failed"] == 0
    first, second = _entries(project)
    assert first["segments"] == _timings(project, first["audioUrl"])
    assert first["slowSegments"] == _timings(project, first["slowAudioUrl"])
    said = [(s["text"], s.get("reading")) for s in first["slowSegments"]]
    assert said == [(s["text"], s.get("reading")) for s in first["segments"]], said
    assert said[0] == ("毎朝、", "まいあさ") and ("図書館", "としょかん") in said, said
    assert first["slowSegments"][-1]["end"] > first["segments"][-1]["end"]
    assert second["segments"] == person  # kept, listed
    assert second["slowSegments"] == _timings(project, second["slowAudioUrl"])
    assert [c["place"] for c in _changes(summary, "kept")] == ["shadowing.json › [1] › segments"]
    for url in (first["audioUrl"], first["slowAudioUrl"], second["slowAudioUrl"]):
        clip = _clip(project, url)
        track = (project / "public/audio" / clip["path"]).with_suffix(".vtt")
        assert track.read_text("utf-8") == webvtt_of(clip["timings"])

    # A teacher corrects the slow clip's track: kept; the rerun synthesizes nothing.
    slow_track = (
        project / "public/audio" / _clip(project, first["slowAudioUrl"])["path"]
    ).with_suffix(".vtt")
    corrected = slow_track.read_text("utf-8").replace(
        "図書館 (としょかん)", "図書館 (としょかん: library)"
    )
    assert corrected != slow_track.read_text("utf-8")
    slow_track.write_text(corrected, "utf-8")
    again = project.json("generate", "--type", "shadowing", "--slow", TEMPO)
    assert again["generated"] == 0 and slow_track.read_text("utf-8") == corrected

    # The first sentence emptied: its URLs and both its timings cleared, listed.
    entries = _entries(project)
    entries[0]["text"] = ""
    _content(project, *entries)
    summary = project.json("generate", "--type", "shadowing", "--slow", TEMPO)
    cleared = sorted(c["place"].rsplit(" › ", 1)[1] for c in _changes(summary, "cleared"))
    assert cleared == ["audioUrl", "segments", "slowAudioUrl", "slowSegments"]
    code, out = project.invoke("verify", "--type", "shadowing", "--slow", TEMPO)
    assert code == 0, out
