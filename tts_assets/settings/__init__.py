"""Settings: what a run is told, from defaults, the config file, the environment and flags.

config           Settings, load_settings: every key, merged and checked
sets             the content sets of `[[sets]]`, one run each
pronunciations   the project's pronunciation overrides and their file
"""
