"""`python -m tts_assets` runs the command line."""

from .cli.app import main

main()
