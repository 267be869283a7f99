"""The built-in content types, written as `[types.NAME]` tables, for content in one language.

Content of this shape looks the same in every language the apps teach: one folder per
language with `vocabulary.json`, `grammar.json`, `readings.json`, `listening.json`. So
the built-in types follow the run's content language: their fields speak it unless they
declare their own `lang` (a vocabulary `meaning` is English), and the grammar sentence
sits under the language's English name (`examples[].chinese` in Chinese content).
A language's own types come from its package, named by its profile (`Language.own_types`):
the kanji type is Japanese content and is built in for Japanese only (a kanji's on'yomi
is Japanese whatever else a team teaches); the character chart (`characters`) is built
in for the languages whose charts are sounds a learner hears one by one: Japanese (a
kana chart, its kanji left to the kanji type) and Korean (a Hangul chart, ㄱ said as 가,
ㅏ as 아: `scripts.hangul.HANGUL_SOUNDS`); a `characters.json` in another language's folder is not
read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..languages import content_language, hook

ORDER = ("vocabulary", "grammar", "kanji", "reading", "characters", "listening")
"""The order the built-in types are read in, a language's own among them (`--type all`);
a type not named here comes after them."""

EXTRAS = ("characters", "listening")
"""Built-in types few content sets have: under --type all a missing file skips them without
a note (the notes of vocabulary, grammar, kanji and reading say why a run found nothing)."""


def builtin_tables(lang: str = "ja") -> dict[str, dict[str, Any]]:
    """The built-in types for content in `lang` (a field's default), as config tables;
    ValueError for an unknown lang."""
    profile = content_language(lang)
    sentence = f"examples[].{profile.name}"  # Japanese content's `examples[].japanese`
    tables: dict[str, dict[str, Any]] = {
        "vocabulary": {
            "file": "vocabulary.json",
            "fields": [
                {
                    "name": "word",
                    "text": "word",
                    "url": "audioUrl",
                    "reading": "reading",
                    "accent": "pitchPattern",
                },
                {"name": "example", "text": "examples[].sentence", "url": "examples[].audioUrl"},
                {
                    "name": "meaning",
                    "text": "meaning",
                    "url": "meaningAudioUrl",
                    "lang": "en",
                    "enabled": False,
                },
            ],
        },
        "grammar": {
            "file": "grammar.json",
            "fields": [
                {"name": "example", "text": sentence, "url": "examples[].audioUrl"},
            ],
        },
    }
    for name, file in (("reading", "readings.json"), ("listening", "listening.json")):
        passage = {"name": "passage", "text": "text", "url": "audioUrl", "split": True}
        tables[name] = {"file": file, "fields": [passage]}
    if profile.own_types:
        tables |= hook(profile.own_types)()
        tables = {name: tables[name] for name in sorted(tables, key=_place)}
    for table in tables.values():
        for f in table["fields"]:
            f.setdefault("lang", lang)
    return tables


def _place(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)


def types_toml(configured: Mapping[str, Mapping[str, Any]], lang: str = "ja") -> str:
    """The types in force for content in `lang` as `[types.NAME]` tables of a config file:
    the built-ins, with the keys `configured` gives over them (and its own types)."""
    tables: dict[str, dict[str, Any]] = {
        name: dict(table) for name, table in builtin_tables(lang).items()
    }
    for name, table in configured.items():
        tables[name] = {**tables.get(name, {}), **table}
        if table.get("enabled") is False:
            del tables[name]  # switched off
    out = [f"# The content types in force for content in {lang}, as tts-assets reads them.\n"]
    for name, table in tables.items():
        out.append(f"\n[types.{_key(name)}]\n")
        for key, value in table.items():
            if key != "fields":
                out.append(f"{_key(key)} = {toml_value(value)}\n")
        for f in table.get("fields", []):
            out.append(f"\n[[types.{_key(name)}.fields]]\n")
            out += [f"{_key(k)} = {toml_value(v)}\n" for k, v in f.items()]
    return "".join(out)


def _key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "").isalnum() and name.isascii()
    return name if bare else json.dumps(name, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A TOML value: strings, booleans, numbers, lists and inline tables of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items())
        return f"{{ {inner} }}"
    if isinstance(value, (list, tuple)):
        return f"[{', '.join(toml_value(v) for v in value)}]"
    raise TypeError(f"no TOML for {value!r}")
