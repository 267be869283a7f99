"""Where the suite's processes keep the modules they compile, when PYTHONDONTWRITEBYTECODE
is set (to keep `__pycache__` folders out of the tree).

Each test process would otherwise rewrite every test module's asserts and compile the
package from source at every run: about 3 s of each xdist worker's 4.7 s of collection.
The compiled modules go to pytest's own cache folder instead (.pytest_cache, which pytest
writes anyway; the tree stays clean): a module changed since is compiled again (its
source's hash or time is checked). With a prefix set Python looks for no module's
`__pycache__` but the prefix's, so the installed packages imported after this are compiled
there too, once (a first run warns of what their sources hold, as jieba's escapes).

pytest loads this module first (`-p` in pyproject's addopts), before the plugins installed
with it (xdist, hypothesis's, anyio's...): it rewrites their asserts too, 119 modules, and
each process of each run (xdist's controller and each worker) did it again, about 0.5 s of
its CPU, as none could be written beside its source. Once a run has made the folder, they
are found compiled there. Without the cache plugin (`-p no:cacheprovider`) nothing is
written."""

from __future__ import annotations

import sys

import pytest

from tests.support import REPO

FOLDER = REPO / ".pytest_cache" / "d" / "pycache"
"""The folder the cache plugin makes (`config.cache.mkdir("pycache")`) for a run from the
repository with its default `cache_dir`."""

_WRITES = not sys.dont_write_bytecode
"""Whether Python was left free to write the compiled modules beside their sources."""

if not _WRITES and FOLDER.is_dir():
    sys.pycache_prefix = str(FOLDER)
    sys.dont_write_bytecode = False


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """The cache plugin's folder (its `cache_dir`, made on the first run), or, without the
    plugin, nothing written."""
    if _WRITES:
        return
    cache = getattr(config, "cache", None)
    if cache is None:
        sys.pycache_prefix = None
        sys.dont_write_bytecode = True
        return
    sys.pycache_prefix = str(cache.mkdir("pycache"))
    sys.dont_write_bytecode = False
