"""Planning: from loaded content to the clips a run must make, deciding, writing nothing."""
