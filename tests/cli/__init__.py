"""The command line through CliRunner, as a console script, and under hostile input."""
