"""A person's URL that names no file: one truth in generate, verify and review.

A course adopted from another app keeps `/audio/...` URLs whose files the repository
does not ship. Such a URL is *dead*: the app plays nothing for its text. `verify` says so
and exits 1; `generate` says so of every dead URL its run leaves (kept, or its clip
failed) and exits 1 too; the review page shows each such text as a row without a clip.
The dry run counts them (`kept`, `dead`) and names the narrow fix, `--replace-dead-urls`,
which makes their clips: counted `new` and `dead`, never `stale` (the tool did not make
those URLs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.project import Project

WORDS = [
    {"id": "v1", "word": "ねこ", "audioUrl": "/audio/words/neko.mp3"},
    {"id": "v2", "word": "いぬ", "audioUrl": "/audio/words/inu.mp3"},
]
"""Two words whose URLs name files the repository does not ship."""

INU = "vocabulary.json › [1] › audioUrl"
FAILS = 'provider = "fault"\n[providers.fault.fates]\n"いぬ" = "fail"\n'
"""The fault provider, which cannot say いぬ."""


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    return project.gen({"data/vocabulary.json": WORDS}).config(FAILS)


def _dead(summary: dict[str, Any]) -> list[str]:
    return [d["place"] for d in summary["dead"]]


def test_a_dead_url_whose_clip_failed_is_dead_in_generate_verify_and_review(
    project: Project,
) -> None:
    """The hanabira run: the clips of dead URLs made, one failed; then a plain run."""
    first = project.json("generate", "--type", "vocabulary", "--replace-dead-urls", code=1)
    assert first["failed"] == 1 and first["generated"] == 1
    assert _dead(first) == [INU]  # its clip failed: the URL it keeps still leads nowhere
    # The run that was asked to replace it says what is wrong now: its clip failed, not
    # that the run was not asked (it advised --replace-dead-urls, just given).
    (dead,) = first["dead"]
    assert "its new clip could not be made by this run" in dead["message"]
    assert "restore the file, or let tts-assets make the clip" not in dead["message"]
    assert project.read_json("data/vocabulary.json")[1]["audioUrl"] == "/audio/words/inu.mp3"

    # A plain run keeps the person's URL and makes no clip for its text: the text is
    # still without audio, and the run says so, as verify does, with the same exit code.
    code, out = project.invoke("generate", "--type", "vocabulary")
    assert code == 1, out
    assert "its text is gone" not in out
    assert (
        f"dead: {INU} keeps /audio/words/inu.mp3, and no file is there "
        f"({Path('public/audio/words/inu.mp3')}); restore the file, or let tts-assets make "
        "the clip: generate --replace-dead-urls"
    ) in out
    assert _dead(project.json("generate", "--type", "vocabulary", code=1)) == [INU]

    verify = project.json("verify", "--type", "vocabulary", code=1)
    assert verify["counts"]["dead"] == 1
    (problem,) = verify["problems"]
    assert problem["kind"] == "dead" and problem["message"].startswith(INU)

    # The page shows the text as a row without a clip, saying why.
    page = project.json("review", "--type", "vocabulary")
    assert page["without_clip"] == 1

    # With the file restored, all three agree it is fine.
    (project / "public/audio/words").mkdir(parents=True)
    (project / "public/audio/words/inu.mp3").write_bytes(
        (
            project
            / "public/audio"
            / project.url_of("vocabulary.json", 0, "audioUrl").removeprefix("/audio/")
        ).read_bytes()
    )
    assert _dead(project.json("generate", "--type", "vocabulary")) == []
    assert project.json("verify", "--type", "vocabulary")["ok"]
    assert project.json("review", "--type", "vocabulary")["without_clip"] == 0


def test_a_migrations_dry_run_shows_kept_and_dead_and_names_replace_dead_urls(
    project: Project,
) -> None:
    code, out = project.invoke("generate", "--type", "vocabulary", "--dry-run")
    assert code == 1, out  # two texts without audio, as verify would say
    header = next(line for line in out.splitlines() if "texts" in line and "type" in line)
    assert [c.strip() for c in header.strip("┃│ ").split("┃")][:10] == [
        "type",
        "texts",
        "clips",
        "new",
        "present",
        "stale",
        "kept",
        "dead",
        "empty",
        "refused",
    ]
    assert "--replace-dead-urls" in out
    assert "--replace-hand-set-urls" not in out  # the wider flag is not the advice here
    counts = project.json("generate", "--type", "vocabulary", "--dry-run", code=1)["types"]
    assert counts["vocabulary"] | {"texts": 2} == counts["vocabulary"]
    assert (counts["vocabulary"]["kept"], counts["vocabulary"]["dead"]) == (2, 2)
    assert (counts["vocabulary"]["clips"], counts["vocabulary"]["new"]) == (0, 0)

    # Replacing them: two new clips, not stale (the tool did not make those URLs).
    plan = project.json("generate", "--type", "vocabulary", "--dry-run", "--replace-dead-urls")
    vocabulary = plan["types"]["vocabulary"]
    assert (vocabulary["new"], vocabulary["stale"], vocabulary["kept"]) == (2, 0, 0)
    assert vocabulary["dead"] == 2
    assert plan["dead"] == []  # none would be left dead


def test_adopt_names_the_place_of_the_url_not_of_its_text(project: Project) -> None:
    """The URL lives in `audioUrl`, its text in `word`: the fix is made where the URL is."""
    report = project.json("adopt", "--type", "vocabulary", "--dry-run", code=1)
    assert [n["places"] for n in report["not_adopted"]] == [
        ["vocabulary.json › [0] › audioUrl"],
        ["vocabulary.json › [1] › audioUrl"],
    ]
    code, out = project.invoke("adopt", "--type", "vocabulary", "--dry-run")
    assert code == 1
    assert (
        "not adopted: vocabulary.json › [0] › audioUrl: /audio/words/neko.mp3: no file at " in out
    )
