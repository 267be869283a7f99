"""The benchmarks behind BENCHMARKS.md: one module each, run from the repository's root
as `python -m benchmarks.NAME` (`python -m benchmarks.run --help`); each records its latest
table in `results/`, from which `page` builds BENCHMARKS.md; what they share is in `_support`."""
