"""The `tts-assets` command line: a thin typer app over `tts_assets.commands`.

app       the commands and their exit codes (`main` is the console script)
flags     the settings flags, defined once
console   everything printed for people (the only module importing rich)
crash     what an unexpected error leaves
"""
