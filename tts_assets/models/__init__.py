"""Models by name: the pinned catalog (`catalog`), where models live and what is
installed (`installed`), and pulling them with resume, digests, mirrors and `--from`
(`pull`). Imports nothing heavy: httpx only when a pull downloads."""
