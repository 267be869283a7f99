"""Text to an engine's phonemes: one module per alphabet.

Below the readers and the providers: a reader writes the alphabets it knows through these
modules, and a provider speaks what they write. Nothing here imports a provider or a reader.
"""
