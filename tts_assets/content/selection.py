"""Choosing what a run loads: the types `--type` names, with the opt-in fields `--include`
enables (`select_types`, among the types `resolve_types` reads from the config's tables,
as `prepare` loads them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..errors import InputError
from .spec import TypeSpec, builtin_types, resolve_types

__all__ = ["TypeSpec", "resolve_types", "select_types"]


def select_types(
    types: Mapping[str, TypeSpec], name: str, include: Sequence[str] = (), lang: str = "ja"
) -> list[TypeSpec]:
    """The types `--type NAME` ("all", or names separated by commas) selects, with the
    opt-in fields of `include` (`vocabulary.meaning`) enabled. Under "all", a built-in
    type left as built in is optional (a missing file is a note); a type named or
    declared in the config must have its file.
    """
    names = [n.strip() for n in name.split(",") if n.strip()]
    if names == ["all"]:
        builtins = builtin_types(lang)
        selected = [t.optional_as(builtins.get(t.name) == t) for t in types.values()]
    else:
        for n in names:
            if n not in types:
                raise InputError(
                    f'unknown content type "{n}"; valid types: all, {", ".join(types)}'
                )
        if not names:
            raise InputError(f"no content type given; valid types: all, {', '.join(types)}")
        selected = [types[n] for n in dict.fromkeys(names)]
    enable: dict[str, set[str]] = {}
    for ref in include:
        type_name, dot, field_name = ref.partition(".")
        if not dot or not field_name:
            raise InputError(f'--include "{ref}": use TYPE.FIELD, e.g. vocabulary.meaning')
        spec = types.get(type_name)
        if spec is None:
            raise InputError(
                f'--include "{ref}": unknown content type "{type_name}"; '
                f"valid types: {', '.join(types)}"
            )
        if spec.field_named(field_name) is None:
            raise InputError(
                f'--include "{ref}": the {type_name} type has no field "{field_name}"; '
                f"its fields: {', '.join(f.name for f in spec.fields)}"
            )
        enable.setdefault(type_name, set()).add(field_name)
    for at, t in enumerate(selected):
        if on := enable.get(t.name):
            fields = tuple(replace(f, enabled=True) if f.name in on else f for f in t.fields)
            selected[at] = replace(t, fields=fields)
    return selected
