"""Harness: agisdk envs on hosted or local sites, browsers, reference-solution replay."""
