"""What pathcheck answers, one question per module: predict, compare (score), readings,
family, explain, design, drawing, check and validate, over the model and the engine."""
