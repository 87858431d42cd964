"""How a model shows itself in Jupyter: its SVG diagram, or Mermaid when Graphviz is missing."""

from __future__ import annotations

from archlib.drawing import GraphvizNotFound, render
from archlib.model import Architecture


def svg_or_none(model: Architecture) -> str | None:
    try:
        return render(model, ("svg",))["svg"].decode("utf-8")
    except GraphvizNotFound:
        return None


def mimebundle(model: Architecture) -> dict[str, str]:
    bundle = {"text/plain": f"<Architecture {model.name}: {model.title}>"}
    svg = svg_or_none(model)
    if svg is not None:
        bundle["image/svg+xml"] = svg
    else:
        mermaid = render(model, ("mermaid",))["mermaid"].decode("utf-8")
        bundle["text/markdown"] = f"```mermaid\n{mermaid}```\n"
    return bundle
