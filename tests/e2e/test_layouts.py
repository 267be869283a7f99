"""Two real apps' layouts voiced from the configs docs/layouts.md documents.

A folder per language (rennerdo30/japanese-trainer, tests/support/course.py `make_course`:
seven language folders, the kanji outside them, a predecessor's clips and URLs, one dead,
a Hangul chart) and every language in one folder (tristcoil/hanabira.org, `make_hanabira`:
the app's own files cut short, ja/ko/zh/th/vi side by side, a kana chart without `type`,
every predecessor URL dead). Each config is read from the page itself; only who speaks
each language is swapped for voices this machine has: Kokoro (the default, packaged
Japanese voice) for Japanese, the packaged espeak-ng for Korean, Chinese, Vietnamese and
the European languages, and ElevenLabs on a real HTTP server on 127.0.0.1 for Thai.

Each course: generate, then verify exits 0, prune lists nothing for any set, and a second
generate makes nothing and changes no file.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support import REPO, course
from tests.support.elevenlabs_server import FakeElevenLabs
from tests.support.markers import needs_espeak_library
from tests.support.project import Project

PAGE = REPO / "docs/layouts.md"
KEY = "sk-test-0123456789abcdef"

SEED_VOICES = """\
[languages]
ja = "kokoro:jf_alpha"
zh = "espeak"
ko = "espeak"
de = "espeak"
es = "espeak"
it = "espeak"
en = "espeak"

"""
HANABIRA_VOICES = """\
[languages]
ja = "kokoro:jf_alpha"
zh = "espeak"
ko = "espeak"
vi = "espeak"
th = "elevenlabs"

"""


def documented(first_line: str) -> str:
    """The TOML block of docs/layouts.md that starts with `first_line`."""
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M)
    found = [b for b in blocks if b.startswith(first_line)]
    assert len(found) == 1, f"docs/layouts.md has no block starting {first_line!r}"
    return str(found[0])


def with_voices(config: str, voices: str) -> str:
    """`config` with its `[languages]` table replaced by `voices`, and without the Kokoro
    voices file it names (a pulled model this machine has not)."""
    swapped, n = re.subn(r"^\[languages\]\n(?:(?!\[).*\n)*", voices, config, flags=re.M)
    assert n == 1
    return re.sub(r"^\[providers\.kokoro\]\n(?:(?!\[).*\n)*", "", swapped, flags=re.M)


def _each(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each set's report, by set name."""
    return {s["set"]["name"]: s for s in doc["sets"]}


def _done_and_stays_done(app: Project, names: list[str]) -> None:
    """verify exits 0, prune lists nothing for any set, and a rerun makes nothing and
    changes no file."""
    verified = app.json("verify")
    assert verified["ok"] is True, verified
    pruned = _each(app.json("prune"))
    assert list(pruned) == names
    for name, report in pruned.items():
        assert report["unused"] == [] and report["released"] == [], (name, report)
        assert report["notes"] == [] and report["kept_orphans"] == [], (name, report)
    before = app.tree()
    again = _each(app.json("generate"))
    assert {name: s["generated"] for name, s in again.items()} == dict.fromkeys(names, 0)
    assert app.tree() == before


@pytest.mark.slow
@needs_espeak_library
def test_a_folder_per_language_is_voiced_from_its_documented_config(project: Project) -> None:
    app = Project(course.make_course(project))
    config = documented("# tts-assets.toml: a folder per language")
    app.config(with_voices(config, SEED_VOICES))

    adopted = _each(app.json("adopt", code=1))  # the dead and the shared URL are named
    assert len(adopted["ja"]["adopted"]) == 2
    done = _each(app.json("generate", "--replace-dead-urls"))
    assert list(done) == list(course.LANGS)
    assert all(s["failures"] == [] and s["exit_code"] == 0 for s in done.values()), done
    assert done["ja"]["types"]["kanji"]["generated"] >= 4  # the file outside the data folder
    # The Hangul chart, by the built-in type of Korean content: each letter its sound.
    chart = done["ko"]["types"]["characters"]
    assert chart["texts"] == len(course.HANGUL_CHART) + 6 and chart["failed"] == 0
    clips = {c["text"]: c for c in app.manifest()["clips"]}
    assert {"가", "앙", "아", "의"} <= set(clips) and "ㄱ" not in clips
    assert clips["가"]["sets"] == ["../data/ko"]  # a set alone on its folders: the old id
    _done_and_stays_done(app, list(course.LANGS))


@pytest.mark.slow
@needs_espeak_library
def test_every_language_in_one_folder_is_voiced_from_its_documented_config(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Project(course.make_hanabira(project))
    data = app / course.HANABIRA_DATA
    config = documented("# tts-assets.toml: every language in one folder (")
    app.config(with_voices(config, HANABIRA_VOICES))
    monkeypatch.setenv("ELEVENLABS_API_KEY", KEY)
    names = ["ja", "ko", "zh", "th", "vi"]

    with FakeElevenLabs(api_key=KEY) as server:
        monkeypatch.setenv("ELEVENLABS_BASE_URL", server.base_url)
        done = _each(app.json("generate"))
        assert list(done) == names
        for name, report in done.items():
            assert report["failures"] == [] and report["exit_code"] == 0, (name, report)
            assert report["notes"] == [], (name, report["notes"])
        texts = {name: sum(t["texts"] for t in s["types"].values()) for name, s in done.items()}
        assert texts == {"ja": 19, "ko": 8, "zh": 8, "th": 12, "vi": 12}
        assert {r.body["language_code"] for r in server.stats.records} == {"th"}
        billed = len(server.stats.records)
        _done_and_stays_done(app, names)
        assert len(server.stats.records) == billed  # the rerun cost nothing

    # Every predecessor URL (all dead) now names its new clip, in each language's file.
    for name, key in (("grammar_kr_KOREAN_1_0001", "kr"), ("grammar_th_CU-TFL_1_0001", "th")):
        doc = app.read_json(f"{course.HANABIRA_DATA}/{name}.json")
        urls = [e["grammar_audio"] for point in doc for e in point["examples"]]
        assert all(u.startswith(f"/audio/grammar_{key.replace('kr', 'ko')}/") for u in urls)
    kana = app.read_json(f"{course.HANABIRA_DATA}/kana.json")
    assert all(e["audio"].startswith("/audio/kana/") for e in kana)
    assert (data / "kana.json").read_text(encoding="utf-8").startswith('[\n    {\n        "char"')
    # Each set over the one folder is told apart by name in the manifest.
    recorded = {s for c in app.manifest("frontend-next/public/audio")["clips"] for s in c["sets"]}
    assert recorded == {f"../../../{course.HANABIRA_DATA}#{name}" for name in names}
    # The Chinese clips say the content's pinyin; Korean and Thai went to their voices.
    clips = {c["text"]: c for c in app.manifest("frontend-next/public/audio")["clips"]}
    assert clips["这是我父母的房子。"]["verdict"] == "agree"
    assert clips["คุณ ชอบ กิน อาหาร ไทย ครับ ?"]["provider"] == "elevenlabs"
    assert clips["이 책이 제일 재미있어요."]["provider"] == "espeak"


def test_the_page_shows_both_configs_and_their_voices_swap() -> None:
    """The runs above read the page: a renamed block or table fails here, in the fast loop."""
    seed = with_voices(documented("# tts-assets.toml: a folder per language"), SEED_VOICES)
    assert seed.count("[[sets]]") == len(course.LANGS) and "kokoro-voices" not in seed
    one = with_voices(documented("# tts-assets.toml: every language in one folder ("), "")
    assert one.count(f'data_dir = "{course.HANABIRA_DATA}"') == 5 and "[languages]" not in one
