"""The benchmarks behind BENCHMARKS.md: one module each, run from the repository's root
as `python -m benchmarks.NAME` (`python -m benchmarks.run --help`); what they share is in
`_support`."""
