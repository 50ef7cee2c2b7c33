"""GoCalendar: a local replica of REAL's Google-Calendar-like site."""
