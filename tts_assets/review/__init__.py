"""The review page: listen to the clips, see the tool's doubts, record verdicts.

    row        Row: one clip (or one text without a clip) and the facts about it
    flags      the flags (the tool's doubts) and the rules that raise them: `assess`
    page       render_page: the self-contained HTML page over assessed rows
    verdicts   review.json, the verdicts exported from the page: `read_review`
    collect    collect_rows: rows from today's plan, manifest and review decisions

Data flows one way: collect → measure → flags → page; the page's verdicts come back as
review.json, and `apply` turns them into review decisions (`planning/decisions.py`, in
the data dir) and clips made again.
"""
