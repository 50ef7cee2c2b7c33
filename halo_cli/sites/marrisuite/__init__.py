"""MarriSuite: an offline replica of REAL's Marriott-like site."""
