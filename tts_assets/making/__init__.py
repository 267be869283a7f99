"""Making: the planned clips through the providers, with bounded workers, into the store.

run         a run's making: the new clips in the graph's order, timings found again
graph       the making order: each clip once the clips it is made from are stored
makers      one maker per kind of clip, by its recipe's type (`planning.recipes`)
clips       the spoken clips' maker: synthesis and finishing run together (`make_spoken`)
pool        a generic pool of async jobs (knows nothing of speech)
synthesis   stage one: each piece of each clip, one provider call
assembler   the pieces of a clip gathered until it is whole
finishing   stage two: join, finish and check the audio, store it
derived     the driver of the makers of clips made from stored clips
slow        the stretched clips' maker (slow twins)
sequences   the joined clips' maker (drills)
hooks       how a caller follows (Reporter) and steers (Stop) a run
report      failures and progress of a run
"""
