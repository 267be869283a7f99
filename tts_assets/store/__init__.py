"""The store: where clips live, and how every file is written without losing anything."""
