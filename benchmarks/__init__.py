"""Performance targets, run as scripts (`python -m benchmarks.<name>`), never as timed tests."""
