"""`archlib schema`: the JSON Schema editors use to complete and validate model files."""

from __future__ import annotations

import json
import sys


def schema() -> None:
    """Print the model's JSON Schema."""
    from archlib.model import Architecture

    document = Architecture.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=True) + "\n")
