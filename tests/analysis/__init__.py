"""What each command answers: scores, readings, families, the gate, the linter, explain, design."""
