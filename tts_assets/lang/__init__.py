"""Each language's code, one package per language (spaCy's `spacy/lang/<code>/`): its
reader, its numbers class, its listening fold, its accent check, its built-in types; a
language whose code is its numbers alone is one module (`de.py`: `German`).

A language's profile (its row in `tts_assets/languages/`, data at the bottom of the
package) names what of its package the rest of the tool asks for, as strings imported on
first use (`languages.hook`); no module outside a language's package imports it, and no
language's package imports another's (pyproject's `[tool.importlinter]` holds both). So a
run of German texts never loads the Japanese reader, and a language with numbers is its
profile, its module (`lang/<code>.py`) and its voice line.
"""
