"""Features: what each one (word timings, tracks, slow twins, listening, the accent check,
refused texts, failure advice ...) adds to generate, verify, prune and the review page,
declared in one object, and the registry that lists them in order (`hooks.py`,
`registry.py`).
"""
