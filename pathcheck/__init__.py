"""pathcheck: compare mechanistic hypotheses, written as Boolean causal graphs, with experiments."""

__version__ = "0.1.0"
