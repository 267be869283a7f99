"""A join's URL place (a text in several languages) is judged as a text's is: a person's
URL under the URL prefix that names no file is dead (kept, or replaced), never stale."""

from __future__ import annotations

from tests.support.project import Project, write_json
from tts_assets.planning.course import prepare
from tts_assets.settings.load import load_settings

TYPES = {"vocabulary": {"fields": [{"name": "word", "text": "word", "url": "audio"}]}}
DEAD = "/audio/recorded/lost.mp3"


def _project(project: Project) -> Project:
    project.config('lang = "de"\nprovider = "espeak"\n')
    entry = {"id": "w0", "word": 'Das ist <lang xml:lang="en">the dog</lang>.', "audio": DEAD}
    write_json(project / "data/vocabulary.json", [entry])
    return project


def test_a_join_keeping_a_person_s_dead_url_counts_it_dead(project: Project) -> None:
    plan = prepare(load_settings(_project(project), types=TYPES)).plan
    counts = plan.counts["vocabulary"]
    assert (counts.dead, counts.kept, counts.stale) == (1, 1, 0)
    assert [(c.old, c.new) for c in plan.dead] == [(DEAD, None)]


def test_a_join_replacing_a_dead_url_counts_it_dead_not_stale(project: Project) -> None:
    settings = load_settings(_project(project), types=TYPES, replace_dead_urls=True)
    plan = prepare(settings).plan
    counts = plan.counts["vocabulary"]
    assert (counts.dead, counts.kept, counts.stale) == (1, 0, 0)
    assert [c.old for c in plan.dead] == [DEAD] and [c.old for c in plan.replacing] == [DEAD]
