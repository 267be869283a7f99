"""Skip markers for tests that need a program, a package or a system feature this machine
may not have; and `fast_first`, which leaves an end-to-end test's other cases to the full
suite."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from tts_assets.providers.espeak_library import packaged_available

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"
)
"""The system's espeak-ng program (`apt install espeak-ng`)."""

needs_espeak_library = pytest.mark.skipif(
    not packaged_available(), reason="espeakng-loader is not installed"
)
"""espeak-ng as a library, from the espeakng-loader package (the default engine)."""

# --- What only some systems have. The fast loop runs on Linux, macOS and Windows
# (.github/workflows/tests.yml); each skip below names what the other systems lack.

needs_symlinks = pytest.mark.skipif(
    sys.platform == "win32",
    reason="symbolic links: on Windows making one needs developer mode or admin rights, "
    "and the tool's refusal to follow one (O_NOFOLLOW) is POSIX's",
)
"""The test makes a symbolic link."""

needs_fifo = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="named pipes (os.mkfifo) are POSIX's"
)
"""The test makes a named pipe."""

needs_dev = pytest.mark.skipif(
    sys.platform == "win32", reason="device files (/dev/zero) are POSIX's"
)
"""The test points the tool at /dev/zero."""

needs_modes = pytest.mark.skipif(
    sys.platform == "win32",
    reason="file modes: Windows keeps only a read-only flag, no rwx bits to carry over",
)
"""The test checks a file's permission bits."""

needs_exchange = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the swap checked after it is made needs renameat2(RENAME_EXCHANGE), Linux's; "
    "elsewhere it is a plain rename after the last check (store/files.py)",
)
"""The test relies on the exchange of store/files.py (catching a save in the last window)."""

needs_xattrs = pytest.mark.skipif(
    not hasattr(os, "setxattr"),
    reason="extended attributes through os.setxattr are Linux's (macOS and Windows have none "
    "in os, and the tool keeps none there)",
)
"""The test sets an extended attribute."""


def fast_first(values: Iterable[Any], *, ids: Sequence[object] | None = None) -> list[Any]:
    """The cases of an end-to-end test whose cases run one path with other data: the first
    in the fast loop, the others marked slow (the full suite, which CI runs, runs them
    all). A value already a `pytest.param` keeps its own id and marks."""
    found = []
    for i, value in enumerate(values):
        marks = () if i == 0 else (pytest.mark.slow,)
        if isinstance(value, type(pytest.param())):
            found.append(pytest.param(*value.values, id=value.id, marks=(*value.marks, *marks)))
        else:
            found.append(pytest.param(value, id=None if ids is None else str(ids[i]), marks=marks))
    return found
