"""The Japanese reader: the analyzer, its readings reconciled with the content's, the accent,
the kana and morae, the counters and units after digits, the homographs decided by their
sentence, and the memo."""
