"""Both searches against brute force on random networks, and against peers on published models."""
