"""The tests, laid out like the package: one folder per layer."""
