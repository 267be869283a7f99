"""The Japanese reader: the analyzer, its readings reconciled with the content's, the accent,
the kana and morae, the counters and homographs decided by their sentence, and the memo."""
