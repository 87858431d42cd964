"""The `archlib` command line."""
