"""Making: the planned clips through the providers, with bounded workers, into the store."""
