"""Configuration no run can use safely is refused by `load_settings`, before anything is
read or written: two sets sharing one content file, a type reading
an out dir, control characters in set names and folders, a URL prefix that is neither a
path nor an http(s) URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.markers import needs_symlinks
from tests.support.sweep import check_each, check_each_one
from tts_assets.errors import ConfigError, InputError
from tts_assets.settings.load import content_sets, load_settings

WORDS_FIELDS = '[[{table}.fields]]\ntext = "word"\nurl = "audioUrl"\n'


def _project(root: Path, config: str) -> Path:
    for name in ("content/ja", "content/zh"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "shared").mkdir(exist_ok=True)
    (root / "shared/words.json").write_text(json.dumps([{"word": "ねこ"}]), encoding="utf-8")
    (root / "tts-assets.toml").write_text(config, encoding="utf-8")
    return root


def _set(name: str, extra: str = "") -> str:
    return (
        f'[[sets]]\nname = "{name}"\ndata_dir = "content/{name}"\n'
        f'out_dir = "public/audio/{name}"\nurl_prefix = "/audio/{name}"\n{extra}'
    )


def _set_type(path: str) -> str:
    return f'[sets.types.words]\npath = "{path}"\n' + WORDS_FIELDS.format(table="sets.types.words")


def _refused(root: Path, *said: str, **overrides: object) -> str:
    with pytest.raises(ConfigError) as e:
        load_settings(root, **overrides)
    message = str(e.value)
    assert "\n" not in message and "\r" not in message, message
    for words in said:
        assert words in message, message
    return message


# --- 9: one content file, one set; the out dir is never content ---------------------


def test_two_sets_sharing_one_content_file_are_refused(tmp_path: Path) -> None:
    config = _set("ja", _set_type("shared/words.json")) + _set("zh", _set_type("shared/words.json"))
    _refused(_project(tmp_path, config), 'the sets "ja" and "zh" both read', "words.json")


@needs_symlinks
def test_two_sets_sharing_a_file_through_a_link_are_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    (root / "shared/alias.json").symlink_to("words.json")
    config = _set("ja", _set_type("shared/words.json")) + _set("zh", _set_type("shared/alias.json"))
    (root / "tts-assets.toml").write_text(config, encoding="utf-8")
    _refused(root, 'the sets "ja" and "zh" both read')


def test_a_top_level_type_path_every_set_reads_is_refused_with_two_sets(tmp_path: Path) -> None:
    config = (
        '[types.words]\npath = "shared/words.json"\n'
        + WORDS_FIELDS.format(table="types.words")
        + _set("ja")
        + _set("zh")
    )
    _refused(_project(tmp_path, config), "both read", "give the file to one set")


def test_sets_with_their_own_files_are_kept(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    (root / "shared/zh.json").write_text("[]", encoding="utf-8")
    config = _set("ja", _set_type("shared/words.json")) + _set("zh", _set_type("shared/zh.json"))
    (root / "tts-assets.toml").write_text(config, encoding="utf-8")
    settings = load_settings(root)
    assert [s.set_name for s in content_sets(settings)] == ["ja", "zh"]


def test_a_type_reading_the_out_dirs_manifest_is_refused(tmp_path: Path) -> None:
    config = '[types.words]\npath = "public/audio/manifest.json"\n' + WORDS_FIELDS.format(
        table="types.words"
    )
    _refused(
        _project(tmp_path, config),
        "the words type reads",
        f"{Path('public/audio')}; the out dir holds",
    )


def test_a_type_reading_a_file_in_an_out_dir_inside_the_data_dir_is_refused(
    tmp_path: Path,
) -> None:
    config = (
        'data_dir = "data"\nout_dir = "data/audio"\n[types.words]\nfile = "audio/manifest.json"\n'
        + WORDS_FIELDS.format(table="types.words")
    )
    _refused(_project(tmp_path, config), "inside the out dir", "never content")


def test_a_set_type_reading_another_sets_out_dir_is_refused(tmp_path: Path) -> None:
    config = _set("ja", _set_type("public/audio/zh/manifest.json")) + _set("zh")
    _refused(
        _project(tmp_path, config), 'the words type of the set "ja"', str(Path("public/audio/zh"))
    )


def test_an_out_dir_inside_the_data_dir_is_still_fine(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    settings = load_settings(root, data_dir="content/ja", out_dir="content/ja/audio")
    assert settings.out_dir == root / "content/ja/audio"


# --- 10: control characters in set names and folders --------------------------------


def test_a_set_name_with_a_control_character_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(name: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        escaped = json.dumps(name)[1:-1]
        config = _set("ja").replace('name = "ja"', f'name = "{escaped}"') + _set("zh")
        _refused(_project(tmp_path, config), "sets[0].name", "a control character")

    check_each_one(
        case, ["ja\n::error::planted", "ja\rx", "ja\x1b[31m", "ja\u202eaj", "ja\u2028x", "ja\x00"]
    )


def test_a_set_folder_with_a_newline_is_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    def case(key: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        config = _set("ja").replace(f'{key} = "', f'{key} = "x\\nTTS_ASSETS_EOF\\n') + _set("zh")
        _refused(_project(tmp_path, config), f"sets[0].{key}", "U+000A")

    check_each_one(case, ["data_dir", "out_dir"])


def test_a_folder_with_a_control_character_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(key: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        root = _project(tmp_path, "")
        _refused(root, key, "U+001B", **{key: "folder\x1b]0;x\x07"})

    check_each_one(case, ["data_dir", "out_dir", "temp_dir"])


def test_a_folder_in_the_config_with_a_newline_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, 'out_dir = "public\\naudio"\n')
    _refused(root, "tts-assets.toml: out_dir", "U+000A")


def test_a_type_file_with_a_newline_is_refused(tmp_path: Path) -> None:
    config = '[types.words]\nfile = "words\\n.json"\n' + WORDS_FIELDS.format(table="types.words")
    _refused(_project(tmp_path, config), "types.words.file", "U+000A")


def test_a_type_path_with_an_escape_is_refused(tmp_path: Path) -> None:
    config = '[types.words]\npath = "shared/\\u001b[2Jwords.json"\n' + WORDS_FIELDS.format(
        table="types.words"
    )
    _refused(_project(tmp_path, config), "types.words.file", "U+001B")


def test_names_in_any_script_are_kept(tmp_path: Path) -> None:
    config = _set("ja").replace('name = "ja"', 'name = "日本語 (N5)"') + _set("zh")
    settings = load_settings(_project(tmp_path, config))
    assert settings.sets[0].name == "日本語 (N5)"


# --- 11: a URL prefix is a path or an http(s) URL --------------------------------------


def test_a_url_prefix_that_is_neither_a_path_nor_an_http_url_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    def case(prefix: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        _refused(_project(tmp_path, ""), "url_prefix", url_prefix=prefix)

    check_each_one(
        case,
        [
            "javascript:alert(1)//",
            "JavaScript:alert(1)//",
            "data:text/html,x/",
            "vbscript:x",
            "file:///etc/audio",
            "ftp://files.example.com/audio",
            "https:/cdn.example.com/audio",
            "http:audio",
            "https:///audio",
        ],
    )


def test_a_url_prefix_that_would_serve_clips_from_elsewhere_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Accepted until then, each written into every URL field."""

    def case(prefix: str, said: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        message = _refused(_project(tmp_path, ""), said, url_prefix=prefix)
        shown = prefix.replace("user:pass@", "[user]@").replace("cdn.example.com@", "[user]@")
        assert message.startswith(f"url_prefix {shown!r}: "), message
        assert "user:pass@cdn" not in message  # a password is never shown

    check_each(
        case,
        [
            ("//evil.example.com/a", "loaded from the host it names (evil.example.com)"),
            ("//cdn.example.com/audio", "write its scheme (https://cdn.example.com/audio)"),
            ("https://user:pass@cdn.example.com/audio", "user or password"),
            ("https://cdn.example.com@evil.example.com/audio", "user or password"),
            ("https://cdn.example.com:99999/audio", "not a URL (Port out of range"),
            ("https://cdn.example.com:http/audio", "not a URL"),
            ("https://cdn.example.com:0/audio", "port 0 is no port"),
            ("http://[::1/audio", "not a URL"),
            ("https://:8443/audio", "names its host"),
            ("https://%65vil.example.com/audio", "names its host"),
            ("/audio/%00", "escaped control character"),
            ("/audio%0A::error::x", "escaped control character"),
            ("/audio/%5C..%5Cx", "escaped control character"),
            ("/audio/%zz", "begins no escape"),
            ("/audio/100%", "begins no escape"),
            ("/audio/%2e%2E/x", '".." segments'),
        ],
    )


def test_the_key_is_named_as_the_config_file_gives_it(tmp_path: Path) -> None:
    root = _project(tmp_path, 'url_prefix = "//evil.example.com/a"\n')
    message = _refused(root, "//evil.example.com/a")
    assert "tts-assets.toml: url_prefix '//evil.example.com/a': " in message, message
    root = _project(tmp_path, 'former_url_prefixes = ["/audio", "https://u:p@cdn.example.com"]\n')
    _refused(root, "tts-assets.toml: former_url_prefixes 'https://[user]@cdn.example.com'")
    config = _set("ja", 'former_url_prefixes = ["/audio/%00"]\n') + _set("zh")
    _refused(_project(tmp_path, config), "sets.ja.former_url_prefixes '/audio/%00'")


def test_a_sets_url_prefix_is_held_to_the_same_rule(tmp_path: Path) -> None:
    config = _set("ja").replace('"/audio/ja"', '"javascript:alert(1)//"') + _set("zh")
    _refused(_project(tmp_path, config), "sets.ja.url_prefix", "javascript:")


def test_paths_and_http_urls_are_kept(tmp_path_factory: pytest.TempPathFactory) -> None:
    def case(prefix: str) -> None:
        tmp_path = tmp_path_factory.mktemp("case")  # a folder of its own
        assert load_settings(_project(tmp_path, ""), url_prefix=prefix).url_prefix == prefix

    check_each_one(
        case,
        [
            "/audio",
            "audio",
            "/audio/ja/",
            "https://cdn.example.com/audio",
            "HTTP://cdn.example.com",
            "https://cdn.example.com:8443/a",
            "https://[2001:db8::1]:8443/a",
            "https://例え.jp/音声",
            "/my%20audio/%E9%9F%B3",
        ],
    )


# --- --type over the sets: a type one set adds runs that set alone ------------------

TWO_SETS = """provider = "espeak"
[[sets]]
name = "ja"
data_dir = "ja"
out_dir = "out/ja"
[[sets]]
name = "zh"
data_dir = "zh"
out_dir = "out/zh"
lang = "zh"
[sets.types.words]
file = "words.json"
fields = [{ text = "word", url = "audioUrl" }]
"""


def _two_sets(root: Path) -> Path:
    for name, word in (("ja/vocabulary.json", "ねこ"), ("zh/words.json", "猫")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(json.dumps([{"word": word}]), encoding="utf-8")
    (root / "tts-assets.toml").write_text(TWO_SETS, encoding="utf-8")
    return root


def test_a_type_no_set_has_is_refused_listing_every_sets_types(tmp_path: Path) -> None:
    """`--type nonexist` listed the first set's types only."""
    with pytest.raises(InputError) as e:
        content_sets(load_settings(_two_sets(tmp_path), type="nonexist"))
    assert e.value.exit_code == 2
    assert str(e.value) == (
        'unknown content type "nonexist"; valid types: all; set "ja": vocabulary, '
        'grammar, kanji, reading, characters, listening; set "zh": vocabulary, grammar, '
        "reading, listening, words"
    )


def test_a_type_one_set_adds_runs_that_set_alone(tmp_path: Path) -> None:
    """A type one set adds failed in the others."""
    chosen = content_sets(load_settings(_two_sets(tmp_path), type="words"))
    assert [s.set_name for s in chosen] == ["zh"]
    assert [s.set_name for s in content_sets(load_settings(tmp_path))] == ["ja", "zh"]
