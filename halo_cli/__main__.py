"""`python -m halo_cli` runs the `halo` command."""

from halo_cli.cli.app import main

main()
