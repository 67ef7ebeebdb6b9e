"""The rule language, its SAT encoding and dependence, against truth tables."""
