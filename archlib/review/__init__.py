"""The design review: one self-contained HTML page per model and an index for the set.

Each page shows the diagram with the findings marked, the findings, the monthly cost, capacity
at peak and the AZ-loss test; for a series of stages the index plots them stage by stage.
"""

from archlib.review.facts import ModelReview, ReviewSet, review_set
from archlib.review.pages import INDEX, review_pages, write_pages

__all__ = ["INDEX", "ModelReview", "ReviewSet", "review_pages", "review_set", "write_pages"]
