"""Features: what each adds to generate, verify, prune and the review page, in one object
(`hooks.py`), and the registry that lists them in order (`registry.py`)."""
