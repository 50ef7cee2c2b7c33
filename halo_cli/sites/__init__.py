"""Local replicas of REAL sites that speak REAL's /config, /finish and /submit contract."""
