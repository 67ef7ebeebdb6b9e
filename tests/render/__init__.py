"""Output formats: pictures, the report, the terminal at 80 and 120 columns."""
