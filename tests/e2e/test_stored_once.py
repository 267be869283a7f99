"""A clip that texts of several types say is stored once.

The seed app holds 424 sentences in both its grammar and its vocabulary: one synthesis,
and before this one file in each type folder, the same bytes twice. Now the clip lives in
one type's folder and every text that says it points there; a course that stored it twice
keeps the copy its manifest lists first (by type name), its other texts' URLs move to it,
and prune, verify and a rerun agree. On Kokoro's real path (the default).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.project import Project, write_json
from tts_assets.store.manifest import Store

pytestmark = pytest.mark.slow  # the real Kokoro model

SHARED = "みずをのみます。"
CONTENT = {
    "data/grammar.json": [{"id": "g1", "examples": [{"japanese": SHARED}]}],
    "data/vocabulary.json": [
        {"id": "v1", "word": "みず", "examples": [{"sentence": SHARED}]},
    ],
}


def _urls(project: Project) -> tuple[str, str]:
    grammar = project.url_of("grammar.json", 0, "examples", 0, "audioUrl")
    vocabulary = project.url_of("vocabulary.json", 0, "examples", 0, "audioUrl")
    return grammar, vocabulary


def _clip_files(project: Project) -> list[str]:
    out = project / "public/audio"
    return sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.mp3"))


@pytest.fixture
def course(project: Project) -> Project:
    return project.gen(CONTENT)


def test_a_sentence_two_types_say_is_made_and_stored_once(course: Project) -> None:
    summary = course.json("generate")
    grammar, vocabulary = _urls(course)
    assert grammar == vocabulary  # both texts play the one file
    key = grammar.rsplit("/", 1)[1].removesuffix(".mp3")
    assert grammar == f"/audio/grammar/{key}.mp3"  # the first type by name keeps it
    assert f"vocabulary/{key}.mp3" not in _clip_files(course)
    assert [c["path"] for c in course.manifest()["clips"]].count(f"grammar/{key}.mp3") == 1
    assert len(_clip_files(course)) == len(course.manifest()["clips"]) == 2  # + みず
    # Each type's table counts the clip its texts need.
    counts = summary["types"]
    assert (counts["grammar"]["clips"], counts["vocabulary"]["clips"]) == (1, 2)
    assert summary["generated"] == 2

    assert course.json("verify")["ok"] is True
    code, out = course.invoke("prune")
    assert code == 0 and "unreferenced" not in out, out
    again = course.json("generate")
    assert again["generated"] == 0 and again["present"] == 2


def test_a_course_that_stored_it_twice_keeps_one_copy(course: Project) -> None:
    course.json("generate")
    grammar, _ = _urls(course)
    key = grammar.rsplit("/", 1)[1].removesuffix(".mp3")
    # As an earlier tts-assets left it: the same bytes under vocabulary/ too, listed in the
    # manifest, the vocabulary text's URL pointing there.
    out = course / "public/audio"
    store = Store(out, out / ".temp-audio")
    entry = store.get(f"grammar/{key}.mp3")
    assert entry is not None
    twin = f"vocabulary/{key}.mp3"
    store.put(twin, (out / entry.path).read_bytes(), replace(entry, path=twin))
    store.flush()
    doc = course.read_json("data/vocabulary.json")
    doc[0]["examples"][0]["audioUrl"] = f"/audio/{twin}"
    write_json(course / "data/vocabulary.json", doc)
    made = {p: (out / p).read_bytes() for p in _clip_files(course)}

    # The rerun makes nothing: the vocabulary text moves to the copy grammar/ holds.
    summary = course.json("generate")
    assert summary["generated"] == 0
    assert _urls(course) == (f"/audio/grammar/{key}.mp3", f"/audio/grammar/{key}.mp3")
    # The other copy is what prune lists, and deletes with --yes; verify agrees after.
    code, out_text = course.invoke("prune")
    assert code == 0 and out_text.splitlines()[0].startswith(f"{twin}: unreferenced"), out_text
    course.json("prune", "--yes")
    assert twin not in _clip_files(course)
    assert all((out / p).read_bytes() == made[p] for p in _clip_files(course))
    assert course.json("verify")["ok"] is True
    assert course.json("generate")["generated"] == 0


def test_a_shard_merged_stores_it_once(course: Project) -> None:
    # A sharded run plans as one run does: the merged out dir holds one copy.
    for index in (1, 2):
        code, out = course.invoke(
            "generate", "--shard", f"{index}/2", "--shard-dir", f"shards/{index}"
        )
        assert code == 0, out
    code, out = course.invoke("merge", "public/audio", "shards/1", "shards/2")
    assert code == 0, out
    assert course.json("generate")["generated"] == 0
    grammar, vocabulary = _urls(course)
    assert grammar == vocabulary
    key = grammar.rsplit("/", 1)[1].removesuffix(".mp3")
    assert f"vocabulary/{key}.mp3" not in _clip_files(course)
    assert course.json("verify")["ok"] is True
