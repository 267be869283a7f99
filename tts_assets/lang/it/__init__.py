"""Italian's code: its numbers, dates and times in words (`numbers.py`), named by its
profile (`tts_assets/languages/it.py`) and imported on first use."""
