"""Any label text survives DOT and Mermaid unchanged and cannot break out of its string."""

from __future__ import annotations

import re
import subprocess

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archlib.drawing import render
from tests.drawing.conftest import needs_dot, small_model

TRICKY = 'Web "edge" <b>bold</b> & café → 東京 \\ back\\slash; a|b #1 `x`'

label_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "" and "  " not in s)


def _drawn_texts(dot_source: str) -> list[str]:
    """Every line of text Graphviz draws, as it draws it (SVG <text>, XML-decoded)."""
    from xml.etree import ElementTree

    result = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source.encode(), capture_output=True, check=True
    )
    root = ElementTree.fromstring(result.stdout)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def _edge_labels(dot_source: str) -> list[str]:
    """Each edge's label as one string: the lines Graphviz draws for it, joined by a space
    (edge labels are wrapped to short lines at spaces)."""
    from xml.etree import ElementTree

    svg = "{http://www.w3.org/2000/svg}"
    result = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source.encode(), capture_output=True, check=True
    )
    root = ElementTree.fromstring(result.stdout)
    return [
        " ".join(t.text or "" for t in group.iter(f"{svg}text"))
        for group in root.iter(f"{svg}g")
        if group.get("class") == "edge" and any(True for _ in group.iter(f"{svg}text"))
    ]


def _mermaid_unescape(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text.replace("<br/>", "\n"))


def _mermaid_web_label(mermaid: str) -> str:
    line = next(line for line in mermaid.splitlines() if line.strip().startswith("n_web["))
    match = re.fullmatch(r'\s*n_web\["(.*)"\]', line)
    assert match, line
    inner = match.group(1)
    assert not set('"<>`|') & set(inner.replace("<br/>", "")), inner
    return _mermaid_unescape(inner).split("\n")[0]


@needs_dot
def test_tricky_label_round_trips_through_graphviz() -> None:
    dot = render(small_model(TRICKY, TRICKY), ("dot",))["dot"].decode()
    texts = _drawn_texts(dot)
    assert texts.count(TRICKY) == 1  # the title, drawn verbatim
    assert TRICKY in _edge_labels(dot)  # the edge label, wrapped at spaces
    node_lines = ['Web "edge"', "<b>bold</b> & café →", "東京 \\ back\\slash; a|b", "#1 `x`"]
    assert " ".join(node_lines) == TRICKY
    assert all(line in texts for line in node_lines)  # the node title, wrapped


def test_tricky_label_round_trips_through_mermaid() -> None:
    mermaid = render(small_model(TRICKY, TRICKY), ("mermaid",))["mermaid"].decode()
    assert _mermaid_web_label(mermaid) == TRICKY
    edge = next(line for line in mermaid.splitlines() if "n_users -->" in line and "n_web" in line)
    match = re.fullmatch(r'\s*n_users -->\|"(.*)"\| n_web', edge)
    assert match and _mermaid_unescape(match.group(1)) == TRICKY


@needs_dot
@settings(max_examples=25, deadline=None)
@given(label_text)
@example("]")  # Graphviz's HTML-label lexer refuses a cell that starts with one, unescaped
def test_any_label_round_trips_through_graphviz(label: str) -> None:
    dot = render(small_model(link_purpose=label), ("dot",))["dot"].decode()
    assert label in _edge_labels(dot)


@settings(max_examples=50, deadline=None)
@given(label_text)
def test_any_label_round_trips_through_mermaid(label: str) -> None:
    mermaid = render(small_model(label), ("mermaid",))["mermaid"].decode()
    assert _mermaid_web_label(mermaid) == label
