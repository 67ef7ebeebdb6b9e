"""The foundation: the user's files read and written safely."""
