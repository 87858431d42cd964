"""Performance benchmarks: scaling curves and ratios, printed, never asserted as timed tests."""
