"""The repository's sample content (data/) as the clone holds it, whatever a run left there.

The README's first command runs `tts-assets generate` on data/: it writes each clip's URL
into the sample files and makes public/audio/. A test that read data/ as it is would then
see another sample (five tests failed after the main job). So tests take
the sample as git has it staged (`git show :data/NAME`: the index, where a change to the
sample is `git add`ed), in a folder of their own; outside a git checkout (an unpacked
source archive, where no run wrote URLs yet) the files as they are.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from tests.support import REPO

NAMES = ("grammar.json", "kanji.json", "readings.json", "vocabulary.json")
"""The sample's content files, one per built-in type."""


@functools.cache
def sample_bytes(name: str) -> bytes:
    """The bytes of the sample file `name` (one of `NAMES`) as the clone holds it."""
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), "show", f":data/{name}"],
            capture_output=True,
            check=False,
        )
    except OSError:  # no git program
        return (REPO / "data" / name).read_bytes()
    if done.returncode != 0:  # not a git checkout
        return (REPO / "data" / name).read_bytes()
    return done.stdout


def sample_text(name: str) -> str:
    """The sample file `name` as text."""
    return sample_bytes(name).decode("utf-8")


def copy_sample(folder: Path, names: tuple[str, ...] = NAMES) -> Path:
    """The sample files `names` written into `folder` (made if needed); `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(sample_bytes(name))
    return folder
