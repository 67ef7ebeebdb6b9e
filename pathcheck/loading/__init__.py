"""Loading user files (YAML, bounded and located) into the typed objects of the model."""
