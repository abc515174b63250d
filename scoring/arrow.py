"""Answers from an Arrow table with dictionary columns: the fast path for large files.

A CSV read by pyarrow with dictionary types arrives already coded: the per-row work is done
in C, and what remains here is per distinct text, not per row.
"""

from typing import cast

import numpy as np
import pyarrow as pa

from scoring.engine import Coded
from scoring.plan import Plan


def dictionary_codes(
    column: pa.ChunkedArray | pa.Array, *, first_seen: bool = False
) -> tuple[np.ndarray, list[str]]:
    """Codes (-1 for an empty cell) into distinct stripped texts; with `first_seen`, the texts
    are in order of first appearance (the order visits are reported in)."""
    if not isinstance(column, pa.ChunkedArray):
        column = pa.chunked_array([column])
    if not pa.types.is_dictionary(column.type):
        column = column.dictionary_encode()
    column = column.unify_dictionaries()
    if not column.num_chunks:
        return np.zeros(0, dtype=np.int32), []
    indices = np.concatenate([_indices(chunk) for chunk in column.chunks])
    dictionary = column.chunks[0].dictionary
    texts = [(text or "").strip() for text in dictionary.to_pylist()]
    # Entries that differ only by surrounding spaces, or are empty, are merged first.
    merged: dict[str, int] = {}
    remap = np.array([*(merged.setdefault(t, len(merged)) for t in texts), -1], dtype=np.int32)
    distinct = list(merged)
    empty = merged.get("")
    if empty is not None:
        remap[remap == empty] = -1
        remap[remap > empty] -= 1
        distinct.pop(empty)
    identity = len(distinct) == len(texts) and empty is None
    codes = indices if identity else remap[indices]
    return _first_seen(codes, distinct) if first_seen else (codes, distinct)


def _indices(chunk: pa.DictionaryArray) -> np.ndarray:
    # pyarrow is read untyped here; a dictionary's indices always convert to an integer array.
    if chunk.null_count:
        return cast(np.ndarray, chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False))
    return cast(np.ndarray, chunk.indices.to_numpy())


def _first_seen(codes: np.ndarray, distinct: list[str]) -> tuple[np.ndarray, list[str]]:
    present = codes if not len(codes) or codes.min() >= 0 else codes[codes >= 0]
    if len(present):
        # In first-seen order each new code is one above the highest code so far.
        running = np.maximum.accumulate(present)
        ordered = present[0] == 0 and int(np.diff(running).max(initial=0)) <= 1
        if ordered and running[-1] == len(distinct) - 1:
            return codes, distinct
    used, first = np.unique(present, return_index=True)
    order = used[np.argsort(first)]
    remap = np.full(len(distinct) + 1, -1, dtype=codes.dtype)
    remap[order] = np.arange(len(order))
    return remap[codes], [distinct[code] for code in order.tolist()]


def code_table(plan: Plan, table: pa.Table) -> tuple[Coded, np.ndarray]:
    """The answers of `table` (visit_id, item_id, value) as codes, and the positions of rows
    without a visit id (the caller reports those)."""
    visit, visit_ids = dictionary_codes(table.column("visit_id"), first_seen=True)
    item_codes, item_names = dictionary_codes(table.column("item_id"))
    to_plan = np.array([plan.index.get(name, -1) for name in item_names] + [-1])
    item = to_plan[item_codes]
    unknown = [
        (int(at), item_names[item_codes[at]] if item_codes[at] >= 0 else "")
        for at in np.flatnonzero(item < 0).tolist()
    ]
    value, values = dictionary_codes(table.column("value"))
    coded = Coded(
        visit=visit,
        visit_ids=visit_ids,
        item=item,
        unknown=unknown,
        value=value,
        values=values,
    )
    return coded, np.flatnonzero(visit < 0)
