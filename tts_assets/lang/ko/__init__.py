"""Korean's code: its numbers, dates and times in words (`numbers.py`) and its Hangul
chart (`types.py`), named by its profile (`tts_assets/languages/`) and imported on
first use."""
