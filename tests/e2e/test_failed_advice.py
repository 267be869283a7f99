"""verify's advice for a text the last generate failed: not "run
generate" (or "generate --replace-dead-urls") again, which that run just did, but why it
failed, which says what to do; "run generate to try again" only where that may help. And
the dry run says what the run would fail where the provider can tell beforehand."""

from __future__ import annotations

import json

import pytest

from tests.support import fault_provider
from tests.support.markers import needs_espeak_library
from tests.support.project import Project

FAILS = "みずをのみます。"
MADE = "ほんをよみます。"
DEAD = "/audio/grammar/0123456789abcdef0123456789abcdef.mp3"


@pytest.fixture
def project(project: Project, fault: None) -> Project:
    project.gen(
        {
            "data/grammar.json": [
                {"examples": [{"japanese": FAILS}, {"japanese": MADE}]},
            ]
        }
    )
    fault_provider.write_config(project, fates={FAILS: "fail"}, backoff_base=0.001)
    return project


def _problems(project: Project) -> list[dict[str, str]]:
    report = project.json("verify", "--provider", "fault", "--type", "grammar", code=1)
    return list(report["problems"])


def test_a_text_the_last_run_failed_is_told_why_not_to_run_it_again(project: Project) -> None:
    assert project.invoke("generate", "--provider", "fault", "--type", "grammar")[0] == 1
    (problem,) = _problems(project)
    assert problem["kind"] == "missing" and problem["place"].endswith("[0] › japanese")
    message = problem["message"]
    assert "; the last generate could not make its clip: " in message, message
    assert message.endswith("; run tts-assets generate to try again"), message  # it may work
    assert "(or verify --fix)" not in message


def test_a_dead_url_whose_clip_failed_is_not_sent_to_replace_dead_urls(project: Project) -> None:
    doc = project.read_json("data/grammar.json")
    doc[0]["examples"][0]["audioUrl"] = DEAD
    config = (project / "tts-assets.toml").read_text(encoding="utf-8")
    project.gen(
        {"data/grammar.json": doc, "tts-assets.toml": "replace_dead_urls = true\n" + config}
    )
    assert project.invoke("generate", "--provider", "fault", "--type", "grammar")[0] == 1
    (problem,) = _problems(project)
    assert problem["kind"] == "dead", problem
    assert "the last generate could not make its clip: " in problem["message"]
    assert "generate --replace-dead-urls" not in problem["message"]


@pytest.mark.slow  # its run synthesizes with espeak-ng in worker processes
@needs_espeak_library
def test_the_dry_run_says_what_the_run_would_fail_for_want_of_a_voice(project: Project) -> None:
    """兄弟 passed espeak-ng's dry run and failed at synthesis (it switches to English for
    兄): the dry run asks the check the run makes of the phonemes, and says the same."""
    project.gen(
        {
            "data/vocabulary.json": [{"id": "v1", "word": "兄弟"}, {"id": "v2", "word": "朋友"}],
            "tts-assets.toml": 'lang = "zh"\nprovider = "espeak"\n',
        }
    )
    before = project.tree()
    code, out = project.invoke("generate", "--dry-run", "--type", "vocabulary")
    assert code == 1, out  # as the run will
    (would,) = [line for line in out.splitlines() if line.startswith("would fail: ")]
    assert would.startswith("would fail: vocabulary.json › [0] › word: espeak-ng ")
    assert project.tree() == before
    done = project.json("generate", "--type", "vocabulary", code=1)
    (failure,) = done["failures"]
    assert would == f"would fail: {failure['places'][0]}: {failure['reason']}"


def test_a_refused_text_the_course_accepts_keeps_no_run_red(project: Project) -> None:
    """A refused text kept generate and verify red on every run, with no way to say the
    course means it (a German word in a Japanese list): `accept_refused` names it."""
    project.gen(
        {"data/vocabulary.json": [{"id": "v1", "word": "Arbeit"}, {"id": "v2", "word": "みず"}]}
    )
    run = ("--provider", "fault", "--type", "vocabulary")
    assert project.invoke("generate", *run)[0] == 1
    code, out = project.invoke("verify", *run)
    assert code == 1 and "refused" in out

    config = (project / "tts-assets.toml").read_text(encoding="utf-8")
    for accepted in ("Arbeit", "vocabulary.json › [0] › word"):  # its text, or its place
        project.gen({"tts-assets.toml": f"accept_refused = [{accepted!r}]\n" + config})
        note = "1 refused text(s) accepted without a clip"
        made = project.json("generate", *run)
        assert made["refused"] == [] and any(note in n for n in made["notes"]), made["notes"]
        checked = project.json("verify", *run)
        assert checked["problems"] == [] and any(note in n for n in checked["notes"])


def test_an_accept_refused_entry_that_matches_nothing_is_named(project: Project) -> None:
    """A misspelt entry (or one whose text was fixed since) was ignored in
    silence, and the refusal it was meant for stayed red with no word why."""
    project.gen(
        {"data/vocabulary.json": [{"id": "v1", "word": "Arbeit"}, {"id": "v2", "word": "みず"}]}
    )
    config = (project / "tts-assets.toml").read_text(encoding="utf-8")
    project.gen({"tts-assets.toml": 'accept_refused = ["Arbiet", "Arbeit"]\n' + config})
    made = project.json("generate", "--provider", "fault", code=1)  # FAILS fails
    (note,) = [n for n in made["notes"] if "match(es) no refused text" in n]
    assert 'accept_refused: "Arbiet" match(es) no refused text' in note, note
    assert '"Arbeit"' not in note
    checked = project.json("verify", "--provider", "fault", code=1)
    assert any('"Arbiet" match(es) no refused text' in n for n in checked["notes"])


def _failed(project: Project) -> list[str]:
    path = project / "public/audio/failed.json"
    if not path.exists():
        return []
    return [entry["text"] for entry in json.loads(path.read_text(encoding="utf-8"))["failed"]]


def test_the_record_keeps_what_still_fails_and_drops_what_is_made_or_gone(
    project: Project,
) -> None:
    """The record of failed clips after each run (`FailureAdvice.finished`, which asks the
    plan of the record's own entries alone): a clip that fails again stays, one a partial
    run (`--type`) does not plan stays, one made since leaves, one whose text is gone
    leaves, and none left is no file."""
    run = ("generate", "--provider", "fault")
    assert project.invoke(*run, "--type", "grammar")[0] == 1
    assert _failed(project) == [FAILS]
    assert project.invoke(*run, "--type", "grammar")[0] == 1  # fails again: kept
    assert _failed(project) == [FAILS]
    project.gen({"data/vocabulary.json": [{"word": "ねこ"}]})
    assert project.invoke(*run, "--type", "vocabulary")[0] == 0  # not planned: kept
    assert _failed(project) == [FAILS]
    fault_provider.write_config(project, backoff_base=0.001)  # it is made now
    assert project.invoke(*run, "--type", "grammar")[0] == 0
    assert _failed(project) == []
    assert not (project / "public/audio/failed.json").exists()
    fault_provider.write_config(project, fates={FAILS: "fail"}, backoff_base=0.001)
    project.gen({"data/grammar.json": [{"examples": [{"japanese": "みずをのみました。"}]}]})
    fault_provider.write_config(project, fates={"みずをのみました。": "fail"}, backoff_base=0.001)
    assert project.invoke(*run)[0] == 1
    assert _failed(project) == ["みずをのみました。"]
    project.gen({"data/grammar.json": [{"examples": [{"japanese": MADE}]}]})
    assert project.invoke(*run)[0] == 0  # its text gone: it leaves the record
    assert _failed(project) == []
