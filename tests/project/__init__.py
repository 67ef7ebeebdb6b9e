"""A user's project: pathcheck init."""
