"""The rule language and what is asked of a rule alone: parsing, one fold over a
formula, SAT clauses, and how a rule depends on a regulator."""
