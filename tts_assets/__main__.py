"""`python -m tts_assets` runs the command line."""

from .cli import main

main()
