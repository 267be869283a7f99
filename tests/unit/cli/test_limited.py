"""Which interpreter command lines name the program a child can run again (`cli/limited.py`):
a script, `-c`, `-m`; not a program read from stdin or typed at a prompt."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.cli.limited import _program_named


def test_a_child_runs_again_only_a_program_named_on_the_command_line() -> None:
    def named(args: str, expected: bool) -> None:
        assert _program_named(args.split()) is expected

    check_each(
        named,
        {
            "console script": ("/venv/bin/tts-assets generate", True),
            "-m": ("-m tts_assets generate", True),
            "-c": ("-c main() generate", True),
            "-c joined": ("-cmain() generate", True),
            "flags then c": ("-IBc main()", True),
            "-X value": ("-X dev -X utf8 -m tts_assets", True),
            "-X joined": ("-Xdev -Wignore script.py", True),
            "-W flag then c": ("-W ignore -c main()", True),
            "long option": ("--check-hash-based-pycs never script.py", True),
            "after --": ("-- script.py", True),
            "stdin": ("- generate", False),
            "stdin after options": ("-I -X dev - generate", False),
            "no program": ("", False),
            "interactive": ("-i", False),
            "-X value only": ("-X dev", False),
            "-- then stdin": ("-- -", False),
        },
    )
