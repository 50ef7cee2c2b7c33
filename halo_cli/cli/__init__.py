"""The `halo` command: thin Typer commands over the library."""
