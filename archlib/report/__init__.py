"""Plain-data documents and rich tables built from a model, for the CLI and for docs."""
