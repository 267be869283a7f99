"""Instances of a frozen dataclass with slots made without its generated `__init__`.

Planning makes a few values a text (an `Item`, its `Form`s, what a reader keeps of them),
for a million texts. A frozen class's `__init__` sets each field through
`object.__setattr__`, and a loop over the slots' setters pays a lookup and a call a
field; `maker` and `changer` write the same steps out once, for one class:

    make = maker(Form)                 # make(pieces, spoken, material=None, ...) is Form(...)
    changed = changer(Form)            # changed(form, material="x") is replace(form, ...)

Only for a class whose `__init__` does nothing but set its fields (no `__post_init__`, no
`InitVar`, no `default_factory`): anything else is refused when the function is made.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_KEEP = object()
"""A field `changer` is not asked to change."""


def _checked(cls: type[Any]) -> list[dataclasses.Field[Any]]:
    """The fields of `cls`, a frozen dataclass with slots whose `__init__` only sets them;
    TypeError for any other class."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__}: not a dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: its __post_init__ would be skipped")
    fields = list(dataclasses.fields(cls))
    for f in fields:
        if not f.init or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: not a plain field")
        if f.name.startswith("_"):
            raise TypeError(f"{cls.__name__}.{f.name}: a private name")
    return fields


def _setters(cls: type[Any], fields: list[dataclasses.Field[Any]]) -> dict[str, Any]:
    """The names the generated code reads: the class, `object.__new__`, each slot's setter."""
    found: dict[str, Any] = {"_cls": cls, "_new": object.__new__, "_KEEP": _KEEP}
    for f in fields:
        found[f"_set_{f.name}"] = vars(cls)[f.name].__set__
        if f.default is not dataclasses.MISSING:
            found[f"_default_{f.name}"] = f.default
    return found


def _made(source: str, names: dict[str, Any], called: str) -> Callable[..., Any]:
    # The names written are a dataclass's fields, checked to be identifiers (`_checked`).
    exec(compile(source, f"<slotted {called}>", "exec"), names)
    made: Callable[..., Any] = names[called]
    return made


def maker(cls: type[T]) -> Callable[..., T]:
    """`cls(...)`, its fields given by place or by name with the class's defaults: the same
    instance, made by setting each slot in turn."""
    fields = _checked(cls)
    params = [
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}"
        for f in fields
    ]
    lines = [f"def make({', '.join(params)}):", "    made = _new(_cls)"]
    lines += [f"    _set_{f.name}(made, {f.name})" for f in fields]
    lines.append("    return made")
    return _made("\n".join(lines) + "\n", _setters(cls, fields), "make")


def changer(cls: type[T]) -> Callable[..., T]:
    """`dataclasses.replace(value, **changes)` for an instance of `cls`: a new instance with
    `changes` (fields by name; TypeError for another name) and the other fields as they
    are."""
    fields = _checked(cls)
    params = ", ".join(f"{f.name}=_KEEP" for f in fields)
    lines = [f"def change(_of, /, *, {params}):", "    made = _new(_cls)"]
    lines += [
        f"    _set_{f.name}(made, _of.{f.name} if {f.name} is _KEEP else {f.name})" for f in fields
    ]
    lines.append("    return made")
    return _made("\n".join(lines) + "\n", _setters(cls, fields), "change")
