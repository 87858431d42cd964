"""One module per rule; `archlib.checks.registry` lists them."""
