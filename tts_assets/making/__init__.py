"""Making: the planned clips through the providers, with bounded workers, into the store.

pool        a generic pool of async jobs (knows nothing of speech)
synthesis   stage one: each piece of each clip, one provider call
assembler   the pieces of a clip gathered until it is whole
finishing   stage two: join, finish and check the audio, store it
clips       the two stages run together: `make_clips`
hooks       how a caller follows (Reporter) and steers (Stop) a run
results     failures and progress of a run
"""
