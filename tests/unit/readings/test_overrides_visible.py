"""A pronunciation override reads as it is shown: a written form or a reading holding an
invisible or bidirectional character (U+202E shows ずみ as みず) is refused where it is
loaded, naming the file and the form."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sweep import check_each
from tts_assets.errors import ConfigError, InputError
from tts_assets.readings import Overrides
from tts_assets.settings.pronunciations import overrides, with_entries


def test_an_override_that_reads_otherwise_than_shown_is_refused() -> None:
    def case(table: dict[str, object], code: str) -> None:
        with pytest.raises(InputError) as e:
            Overrides.parse(table, "pronunciations.toml")
        message = str(e.value)
        assert message.startswith("pronunciations.toml") and code in message, message
        assert not any(c in message for c in "\u202e\u200d\u202b\u2067\u200e")

    check_each(
        case,
        [
            ({"みず": "\u202eずみ"}, "U+202E"),
            ({"み\u200dず": "みず"}, "U+200D"),
            ({"\u202bみず": "みず"}, "U+202B"),
            ({"AI": {"reading": "えー\u2067あい"}}, "U+2067"),
            ({"AI": {"phonemes": "eːai\u200e"}}, "U+200E"),
        ],
    )


def test_the_pronunciations_file_is_refused_naming_the_file_and_the_form(tmp_path: Path) -> None:
    path = tmp_path / "pronunciations.toml"
    path.write_text('"一度" = "いちど"\n"みず" = "\u202eずみ"\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        overrides({}, path, "tts-assets.toml")
    message = str(e.value)
    assert str(path) in message and "'みず'" in message and "U+202E" in message, message


def test_review_cannot_write_such_an_override(tmp_path: Path) -> None:
    with pytest.raises((ConfigError, InputError), match="U\\+202E"):
        with_entries(tmp_path / "pronunciations.toml", [("みず", "\u202eずみ")])
    assert not (tmp_path / "pronunciations.toml").exists()


def test_ordinary_overrides_are_kept() -> None:
    found = Overrides.parse({"御雑煮": "おぞうに", "ＡＩ": "えーあい"}, "pronunciations.toml")
    assert [o.reading for o in found] == ["おぞうに", "えーあい"]
