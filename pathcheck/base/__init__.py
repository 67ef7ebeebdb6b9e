"""The foundation every layer may use: the numbers a user may set, located problems,
and the user's files read and written safely. It imports nothing else of pathcheck."""
