"""Hypotheses written for other tools and as YAML: the way out of pathcheck."""
