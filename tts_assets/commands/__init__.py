"""The commands: one module per command, each a library function that returns a report.

The CLI (`tts_assets.cli.app`) parses flags and prints these reports; a program may call the
same functions (the public ones are re-exported by `tts_assets`).
"""
