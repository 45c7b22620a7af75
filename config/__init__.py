"""Configuration: the province's settings file (thresholds, weights, groups)."""
