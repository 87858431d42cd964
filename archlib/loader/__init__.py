"""Reading models from files and writing them back."""

from archlib.loader.load import dump_yaml, load, load_text, save

__all__ = ["dump_yaml", "load", "load_text", "save"]
