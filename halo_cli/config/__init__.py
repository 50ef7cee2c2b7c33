"""Typed configuration: settings from the environment, agent modes, experiment files."""
