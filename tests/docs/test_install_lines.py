"""Every `pip install` line in the README and the docs works: tts-assets is not on PyPI, so
each installs it from a source (a clone's path, or `tts-assets[...] @ git+URL`), never by
its bare name, and each extra it names exists in pyproject.toml."""

from __future__ import annotations

import re
import shlex
import tomllib

import pytest

from tests.support import REPO
from tests.support.sweep import check_each

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EXTRAS = set(
    tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
)
LINE = re.compile(r"pip install\s+(.+?)\s*(?=`|&&|\s#|$)", re.M)
"""What follows `pip install`, to the end of its inline code, command or line (an inline
`pip install` wrapped onto the next line is joined first)."""
REQUIREMENT = re.compile(r"(?P<source>.*?)(?P<name>[\w.-]*)\[(?P<extras>[\w,-]+)\](?P<rest>.*)")


def install_lines() -> list[tuple[str, str]]:
    """(page, arguments) of every `pip install` in the pages."""
    found = []
    for page in PAGES:
        text = re.sub(r"`pip install([^`]*)\n", r"`pip install\1 ", page.read_text("utf-8"))
        found += [(page.name, m) for m in LINE.findall(text)]
    return found


def problems(arguments: str) -> list[str]:
    """What is wrong with one `pip install ARGUMENTS` (nothing: it works as written)."""
    wrong = []
    targets = [a for a in shlex.split(arguments) if not a.startswith("-")]
    if not targets:
        return ["installs nothing"]
    for target in targets:
        req = REQUIREMENT.fullmatch(target)
        if req is None and re.fullmatch(r"[\w.-]+", target) and target != "tts-assets":
            continue  # another project's package from PyPI (onnxruntime-gpu)
        if req is None:
            wrong.append(f"{target}: not tts-assets with an extra")
            continue
        for extra in req["extras"].split(","):
            if extra not in EXTRAS:
                wrong.append(f"{target}: no extra {extra!r} in pyproject.toml")
        path = req["source"] + req["name"]
        from_path = path in (".", "..") or "/" in path
        from_git = req["name"] == "tts-assets" and req["rest"].startswith(" @ git+")
        if not (from_path or from_git):
            wrong.append(f"{target}: a bare name pip looks up on PyPI, where tts-assets is not")
    return wrong


def test_the_pages_have_install_lines() -> None:
    pages = {page for page, _ in install_lines()}
    assert {"README.md", "quickstart.md"} <= pages


INSTALL_LINES = install_lines()


def test_every_install_line_names_a_source_and_existing_extras() -> None:
    check_each(_every_install_line_names_a_source_and_existing_extras, INSTALL_LINES)


def _every_install_line_names_a_source_and_existing_extras(page: str, arguments: str) -> None:
    assert problems(arguments) == [], f"{page}: pip install {arguments}"


@pytest.mark.parametrize(
    ("arguments", "wrong"),
    [
        ("'tts-assets[kokoro]'", "bare name"),
        ("-e '.[kokoro,nope]'", "no extra 'nope'"),
        ("'tts-assets[kokoro] @ git+https://example.org/tts-assets'", None),
        ("-e 'path/to/tts-assets[listen]'", None),
        ("-e '.[dev]'", None),
    ],
)
def test_the_check_refuses_what_fails(arguments: str, wrong: str | None) -> None:
    found = problems(arguments)
    assert (wrong is None and not found) or any(wrong and wrong in f for f in found), found
