"""A user's project: the project file, where hypotheses and tables are found (else the
bundled ones), and a new project scaffolded."""
