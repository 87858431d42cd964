"""Reading models from files and writing them back."""

from archlib.loader.load import LoadedModel, dump_yaml, load, load_located, load_text, save

__all__ = ["LoadedModel", "dump_yaml", "load", "load_located", "load_text", "save"]
