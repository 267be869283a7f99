"""Nothing POSIX-only is imported where Windows would fail: every module of the package
imports, and the CLI answers `--help`, with the POSIX-only modules missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.fault_provider import driver_env

POSIX_ONLY = ("fcntl", "pwd", "grp", "termios", "resource", "syslog")

CHECK = f"""
import importlib, pkgutil, sys
for name in {POSIX_ONLY!r}:
    sys.modules[name] = None  # `import name` now raises ImportError, as on Windows
import tts_assets
for info in pkgutil.walk_packages(tts_assets.__path__, "tts_assets."):
    if info.name != "tts_assets.__main__":
        importlib.import_module(info.name)
from tts_assets.cli.app import main
sys.argv = ["tts-assets", "--help"]
main()
"""


@pytest.mark.slow  # starts a process
def test_every_module_imports_without_the_posix_only_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=driver_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "generate" in done.stdout
