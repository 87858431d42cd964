"""Consecutive stages side by side: what each adds and removes, and what that buys."""

from archlib.evolve.compare import Stage, Step, evolve

__all__ = ["Stage", "Step", "evolve"]
