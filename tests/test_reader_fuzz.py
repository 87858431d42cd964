"""Every file archlib reads, fed the same hostile text: the answer is a value or an
InputError, never another exception (ARCHLIB_FUZZ_EXAMPLES raises the count)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.capacity import load_assumptions
from archlib.cost import estimate
from archlib.cost.pricelist import PriceBook
from archlib.cost.usage import read_file as read_usage
from archlib.errors import InputError
from archlib.loader import load
from tests.conftest import STAGE_FILES

EXAMPLES = int(os.environ.get("ARCHLIB_FUZZ_EXAMPLES", "150"))
STAGE = load(STAGE_FILES[2])

SCALARS = st.sampled_from(
    [
        "0", "-1", "1e400", "-1e400", ".nan", ".inf", "-.inf", "9" * 400, "true", "perhaps",
        "!!bool perhaps", "!!int four", "!!float x", "!!python/object:os.system {}", "null",
        "~", "''", "'x'", "2026-02-30", "!Ref Web", "!GetAtt A.B", "!Rain::Embed f.txt",
        "!Rain::Bogus x", "!Sub '${AWS::Region}'", "*a", "&a 1", "[1, 2]", "{}", "{a: 1}",
    ]
)  # fmt: skip
KEYS = st.sampled_from(
    [
        "name", "title", "traffic", "components", "links", "network", "Resources", "Type",
        "AWS::SQS::Queue", "Properties", "web", "lcu", "instances", "instance_families",
        "m6i", "value", "basis", "priceList", "formatVersion", "region", "Fn::ForEach::X",
        "<<", "AWSTemplateFormatVersion", "kind", "id",
    ]
)  # fmt: skip


def _lines(depth: int) -> st.SearchStrategy[list[str]]:
    leaf = st.builds(lambda k, v: [f"{k}: {v}"], KEYS, SCALARS)
    if depth == 0:
        return leaf
    nested = st.builds(
        lambda k, inner: [f"{k}:", *(f"  {line}" for line in inner)], KEYS, _lines(depth - 1)
    )
    listed = st.builds(
        lambda k, inner: [f"{k}:", *(f"  - {line}" for line in inner[:1])], KEYS, _lines(0)
    )
    return st.lists(st.one_of(leaf, nested, listed), min_size=1, max_size=5).map(
        lambda groups: [line for group in groups for line in group]
    )


DOCUMENTS = st.one_of(
    _lines(3).map(lambda lines: "\n".join(lines) + "\n"),
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


def _read_price(path: Path) -> Any:
    return estimate(STAGE, PriceBook.from_path(path))


READERS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "model or template": (".yaml", load),
    "usage file": (".yaml", lambda p: read_usage(p, [STAGE])),
    "assumptions": (".yaml", load_assumptions),
    "price snapshot": (".json", _read_price),
}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(DOCUMENTS, st.sampled_from(sorted(READERS)))
def test_no_reader_lets_anything_but_an_input_error_out(text: str, reader: str) -> None:
    suffix, read = READERS[reader]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            read(path)
        except InputError as error:
            assert "\n" not in error.message
