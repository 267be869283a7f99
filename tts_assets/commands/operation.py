"""What every operation does first, in one place (as dvc's `@locked` is): its settings
checked, whoever made them (held to what a config file is held to); what it will need
installed, found before anything is touched; and, with `@operation(locks=...)`, its
folders locked for the whole call (one that locks in stages says so itself).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from ..settings.checks import checked
from ..store import lock

if TYPE_CHECKING:
    from ..settings.config import Settings

P = ParamSpec("P")
R = TypeVar("R")
Operation = Callable[Concatenate["Settings", P], R]

Folders = Callable[["Settings", Mapping[str, Any]], list[Path]]
"""The folders an operation holds, from its checked settings and its keyword arguments."""


def data_folder(settings: Settings) -> list[Path]:
    """The data dir, when it exists (a missing one is reported by the loader, not created
    by the lock)."""
    return [settings.data_dir] if settings.data_dir.is_dir() else []


def content(settings: Settings, options: Mapping[str, Any] | None = None) -> list[Path]:
    """The folders an operation that writes a content set holds, in the order every run
    takes them."""
    return [*data_folder(settings), settings.out_dir]


def course_name(settings: Settings) -> str:
    """What a course is called where nothing names it (a deck, a review page's title)."""
    return course_folder(settings).name or "tts-assets"


def no_content(settings: Settings) -> str:
    """Why a command found nothing to look at: no content file of its types is there."""
    return (
        f"no content file of the selected types is in {settings.data_dir}; point --data-dir "
        "(or --config) at the content, or add its files"
    )


def course_folder(settings: Settings) -> Path:
    """The course's folder: its config file's, else the one the data dir is in (a data dir
    deep in it, `prisma/hsk_vocab_exports`, would name `prisma`)."""
    where = settings.config_file.parent if settings.config_file else settings.data_dir.parent
    return where.resolve()


def ready(settings: Settings, *, listens: bool = False, stretches: bool = False) -> Settings:
    """`settings` checked (ConfigError), and what the operation will need found installed
    (InputError): the listening check, Rubber Band for slow clips."""
    settings = checked(settings)
    if listens and settings.listen:
        from ..features.heard import require_listening

        require_listening(settings.listen_model, settings.models)
    tables = settings.types.values() if isinstance(settings.types, Mapping) else ()
    twins = settings.slow is not None or settings.language_slow
    if stretches and (twins or any(isinstance(t, Mapping) and "slow" in t for t in tables)):
        from ..audio.tempo import stretcher

        stretcher()
    return settings


def ready_or_found(settings: Settings | None) -> Settings:
    """`settings` made `ready`; without any, those of the working directory (its config
    file and environment: `load_settings`)."""
    from ..settings.load import load_settings

    return ready(settings) if settings is not None else load_settings()


def operation(
    *, listens: bool = False, locks: Folders | None = None
) -> Callable[[Operation[P, R]], Operation[P, R]]:
    """Run the decorated operation on its settings made `ready` (module docstring); with
    `locks`, hold the folders it names for the call, waiting `lock_wait` seconds (the
    operation's keyword argument, default 0) for another run that holds one."""

    def decorate(fn: Operation[P, R]) -> Operation[P, R]:
        @functools.wraps(fn)
        def run(settings: Settings, /, *args: P.args, **kwargs: P.kwargs) -> R:
            settings = ready(settings, listens=listens)
            if locks is None:
                return fn(settings, *args, **kwargs)
            wait = float(cast(float, kwargs.get("lock_wait", 0.0)))
            with lock.locked(locks(settings, kwargs), wait=wait):
                return fn(settings, *args, **kwargs)

        return run

    return decorate
