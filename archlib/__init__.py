"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed."""

from archlib.errors import InputError
from archlib.loader import load, load_text, save
from archlib.model import Architecture

__all__ = ["Architecture", "InputError", "load", "load_text", "save"]
__version__ = "0.1.0"
