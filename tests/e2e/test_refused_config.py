"""Configuration the tool refuses at load, through the real CLI: exit
2, one line naming the file and the key, and not one file written or changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.markers import needs_espeak_library
from tests.support.project import Project
from tests.unit.settings.test_refused_at_load import TWO_SETS

SETS = """
[[sets]]
name = "{ja}"
data_dir = "content/ja"
out_dir = "public/audio/ja"
url_prefix = "/audio/ja"
{ja_types}
[[sets]]
name = "zh"
data_dir = "content/zh"
out_dir = "public/audio/zh"
url_prefix = "{zh_prefix}"
lang = "zh"
{zh_types}
"""
WORDS = (
    '[sets.types.words]\npath = "{path}"\n'
    '[[sets.types.words.fields]]\ntext = "word"\nurl = "audioUrl"\n'
)
SHARED = WORDS.format(path="shared/words.json")


def _config(
    ja: str = "ja", ja_types: str = "", zh_prefix: str = "/audio/zh", zh_types: str = ""
) -> str:
    return 'provider = "espeak"\n' + SETS.format(
        ja=ja, ja_types=ja_types, zh_prefix=zh_prefix, zh_types=zh_types
    )


CASES = {
    "two sets, one content file": (
        _config(ja_types=SHARED, zh_types=SHARED),
        'the sets "ja" and "zh" both read',
    ),
    "a type reading an out dir's manifest": (
        _config(ja_types=WORDS.format(path="public/audio/zh/manifest.json")),
        "inside the out dir",
    ),
    "a set name with a newline": (_config(ja="ja\\n::error::planted"), "sets[0].name"),
    "a javascript: URL prefix": (_config(zh_prefix="javascript:alert(1)//"), "sets.zh.url_prefix"),
    "a URL prefix on another host": (_config(zh_prefix="//evil.example.com/a"), "evil.example.com"),
    "a URL prefix with credentials": (
        _config(zh_prefix="https://user:pass@cdn.example.com/a"),
        "sets.zh.url_prefix",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_config_exits_2_with_one_line_and_writes_nothing(
    project: Project, case: str
) -> None:
    config, said = CASES[case]
    project.gen(
        {
            "tts-assets.toml": config,
            "shared/words.json": [{"word": "ねこ"}],
            "content/ja/vocabulary.json": [{"id": "v1", "word": "みず"}],
            "content/zh/vocabulary.json": [{"id": "v1", "word": "水"}],
            "public/audio/zh/manifest.json": {"format": "not the tool's"},
        }
    )
    before = project.tree(folders=True)
    done = subprocess.run(
        [sys.executable, "-m", "tts_assets", "generate"],
        cwd=project,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "tts-assets.toml" in lines[0] and said in lines[0], lines[0]
    assert "Traceback" not in done.stderr
    assert project.tree(folders=True) == before
    assert json.loads((project / "shared/words.json").read_text(encoding="utf-8")) == [
        {"word": "ねこ"}
    ]


@needs_espeak_library
@pytest.mark.parametrize(
    ("config", "args", "named"),
    [
        ('provider = "espeak"\n', ("--voice", "zz"), "--voice"),
        ('provider = "espeak"\nvoice = "zz"\n', (), "tts-assets.toml: voice"),
        (
            'provider = "espeak"\n[languages]\nja = "espeak:zz"\n',
            (),
            "tts-assets.toml: [languages] ja",
        ),
    ],
)
def test_an_unknown_voice_is_named_where_it_was_given(
    project: Project, config: str, args: tuple[str, ...], named: str
) -> None:
    """`unknown voice 'zz'` said which voice, not where to change it."""
    project.gen({"tts-assets.toml": config, "data/vocabulary.json": [{"word": "ねこ"}]})
    code, out = project.invoke("generate", "--dry-run", *args)
    assert code == 2 and out.count("\n") == 1, out
    assert out.startswith("error: ") and f"{named}: unknown voice 'zz' for provider 'espeak'" in out


@needs_espeak_library
def test_a_type_is_looked_for_in_every_set(project: Project) -> None:
    """`--type nonexist` listed the first set's types only, and a type
    one set adds failed in the others (the set it runs alone, and the list of every set's
    types, asked where the sets are chosen: tests/unit/settings/test_refused_at_load.py)."""
    project.gen(
        {
            "tts-assets.toml": TWO_SETS,
            "ja/vocabulary.json": [{"word": "ねこ"}],
            "zh/words.json": [{"word": "猫"}],
        }
    )
    code, out = project.invoke("generate", "--dry-run", "--type", "nonexist")
    assert (code, out) == (
        2,
        'error: unknown content type "nonexist"; valid types: all; set "ja": vocabulary, '
        'grammar, kanji, reading, characters, listening; set "zh": vocabulary, grammar, '
        "reading, listening, words\n",
    )
