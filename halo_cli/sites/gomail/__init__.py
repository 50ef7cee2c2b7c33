"""GoMail: offline replica of REAL's Gmail-like site (see site.py)."""
