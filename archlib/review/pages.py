"""Rendering the pages: one template per page kind, styles and script inlined, nothing fetched.

Each page carries a Content-Security-Policy that allows no network request at all and only its
own script (by hash), so a page opened from an email or a CI artifact cannot reach out.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment

    from archlib.review.facts import ReviewSet

INDEX = "index.html"


def _asset(name: str) -> str:
    return resources.files("archlib.review").joinpath("assets", name).read_text("utf-8")


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("archlib.review", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _render(template: str, context: dict[str, Any]) -> str:
    from archlib import __version__

    script = _asset("page.js")
    if "</script" in script.lower():
        raise ValueError("the page script must not close its own element")
    return (
        _environment()
        .get_template(template)
        .render(
            **context,
            version=__version__,
            style=Markup(_asset("page.css")),
            script=Markup(script),
            policy=_policy(script),
        )
    )


def review_pages(review_set: ReviewSet) -> dict[str, str]:
    """Every page of the review by file name: one per model, then the index."""
    from archlib.review.index_page import index_context
    from archlib.review.model_page import model_context

    pages: dict[str, str] = {}
    index = index_context(review_set)
    for number, review in enumerate(review_set.reviews):
        context = model_context(review)
        context["neighbours"] = {
            "previous": review_set.reviews[number - 1].page if number else None,
            "next": review_set.reviews[number + 1].page
            if number + 1 < len(review_set.reviews)
            else None,
            "index": INDEX,
        }
        pages[review.page] = _render("model.html.j2", context)
    pages[INDEX] = _render("index.html.j2", index)
    return pages


def _earlier_pages(directory: Path) -> set[str]:
    """The model pages the index in the directory links to: what an earlier run wrote."""
    import re

    index = directory / INDEX
    if not index.is_file():
        return set()
    try:
        text = index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return set(re.findall(r'href="([A-Za-z0-9._-]+\.html)"', text)) - {INDEX}


def write_pages(pages: dict[str, str], directory: Path) -> list[Path]:
    """Every page or none; a reader never sees half a page or half a site. Pages an earlier
    run wrote (those its index links to) for models no longer given are removed, so the
    index lists every page in the directory."""
    from archlib.output import check_directory, write_all

    check_directory(directory)
    earlier = _earlier_pages(directory)
    written = write_all({directory / name: text for name, text in pages.items()})
    for stale in sorted(earlier - set(pages)):
        (directory / stale).unlink(missing_ok=True)
    return written
