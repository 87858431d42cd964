"""`python -m benchmarks`: run every benchmark module in turn."""

from benchmarks import checks

checks.main()
