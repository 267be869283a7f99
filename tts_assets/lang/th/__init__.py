"""Thai's code: its numbers, dates and times in words (`numbers.py`), named by its
profile (`tts_assets/languages/th.py`) and imported on first use."""
