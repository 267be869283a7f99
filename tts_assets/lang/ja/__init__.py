"""The Japanese reader: the analyzer, its readings reconciled with the content's, the accent,
the kana and morae, the counters and units after digits, the homographs decided by their
sentence, and the memo.

`reader.py` is what `readings.saying.Saying` asks of a Japanese text (`JapaneseReader`,
named by the language's profile): the engine's decisions and the accent told."""
