"""A language's words are data: a TOML file beside its rules module, read once when its
class is made, each key one of the class's attributes and typed by its annotation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tts_assets.readings.numbers import rules_for, spoken_form
from tts_assets.readings.numbers.latin import Currency
from tts_assets.readings.numbers.units import Unit


def _module(tmp_path: Path, toml: str) -> object:
    """A rules module of a made-up language over the Romance passes, its words `toml`."""
    (tmp_path / "xx.toml").write_text(toml, encoding="utf-8")
    source = tmp_path / "xx_rules.py"
    source.write_text(
        "from tts_assets.readings.numbers.romance import RomanceRules\n\n"
        'class Made(RomanceRules, data="xx.toml"):\n    pass\n',
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("xx_rules", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["xx_rules"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["xx_rules"]
    return module


def test_each_word_is_typed_by_the_attribute_it_names(tmp_path: Path) -> None:
    module = _module(
        tmp_path,
        'code = "xx"\nstop_words = """\nde\nla  y\n"""\nmonths = ["uno", "dos"]\n'
        'degrees = ["grado", "grados"]\n\n[units]\nt = ["tonelada", "toneladas", "f"]\n\n'
        '[currencies]\n"£" = { one = "libra", many = "libras", cents = "peniques", '
        'feminine = true }\n\n[phone_digits]\n6 = "meia"\n',
    )
    made = module.Made  # type: ignore[attr-defined]
    assert made.stop_words == frozenset({"de", "la", "y"})
    assert made.months == ("uno", "dos") and made.degrees == ("grado", "grados")
    assert made.units == {"t": Unit("tonelada", "toneladas", "f")}
    assert made.currencies == {"£": Currency("libra", "libras", "peniques", feminine=True)}
    assert made.phone_digits == {6: "meia"}


def test_a_word_no_attribute_declares_is_refused_with_its_file(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"xx\.toml: stopwords is not a word of Made"):
        _module(tmp_path, 'stopwords = "de la"\n')


def test_a_regional_table_goes_over_the_one_it_inherits() -> None:
    brazil, europe = rules_for("pt-BR"), rules_for("pt")
    assert brazil is not None and europe is not None
    assert brazil.units["km"] == Unit("quilômetro", "quilômetros")  # type: ignore[attr-defined]
    assert europe.units["km"] == Unit("quilómetro", "quilómetros")  # type: ignore[attr-defined]
    assert brazil.units["kg"] == europe.units["kg"]  # type: ignore[attr-defined]
    assert spoken_form("5 kg e 3 km", "pt-BR").text == "cinco quilogramas e três quilômetros"
    assert spoken_form("R$ 2,00 e 2 €", "pt-BR").text == "dois reais e dois euros"
