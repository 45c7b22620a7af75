"""Built once, shown to every viewer: what a page derives from its data (a chart's Vega-Lite spec, a table's
formatted cells and colours) is kept per process under a key made of the *content* of its inputs, so the thirty
people of a meeting who open the same page with the same filters share one build instead of thirty.

A content key cannot go stale: other data (a new import, another period, a narrower scope) gives other inputs and
so another key, as long as a builder takes every input that varies as an argument: the key covers a function's
code, defaults and captured values, not the module globals it reads (constants and per-process settings only).
What is kept is shared between threads and must never be changed by its users.
"""

import dataclasses
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime
from typing import Any, TypeVar

import pandas as pd

MAX_KEPT = 512  # builds kept per process (a chart spec or a table is a few kB: ≈ 5 MB at most)
T = TypeVar("T")

_kept: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()
_counts = {"hits": 0, "builds": 0}


def _column_bytes(values: object) -> bytes:
    """Return a column's values as bytes: numbers and dates as their memory, anything else by its repr."""
    array = values.to_numpy() if hasattr(values, "to_numpy") else values
    if getattr(array, "dtype", None) is not None and array.dtype.kind in "iufbmM":
        return array.dtype.str.encode() + array.tobytes()
    return repr(list(array)).encode()


def _frame_digest(frame: pd.DataFrame | pd.Series) -> str:
    """Return a digest of a frame's or series' values, index, column names and types (row order included).

    Its pickle, which holds all of that (≈ 0,17 ms for 300 rows of ten columns, a quarter of reading it column by
    column, docs/history/scaling.md §0h; pandas' hash_pandas_object took ≈ 4 ms, §0e). Two frames of equal content built
    differently (another block layout) may digest differently: a second build, never a wrong one. Column by column
    when a cell cannot be pickled."""
    try:
        return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError):
        pass
    digest = hashlib.blake2b(digest_size=16)
    columns = [frame] if isinstance(frame, pd.Series) else [frame.iloc[:, i] for i in range(frame.shape[1])]
    digest.update(repr((type(frame).__name__, getattr(frame, "name", None), list(getattr(frame, "columns", [])),
                        [str(c.dtype) for c in columns], frame.shape)).encode())
    digest.update(_column_bytes(frame.index))
    for column in columns:
        digest.update(_column_bytes(column))
    return digest.hexdigest()


def _callable_key(fn: Callable) -> Hashable:
    """Return what identifies a function's behaviour: its code, defaults and captured values (two lambdas written
    at the same place with the same captured values format alike)."""
    code = getattr(fn, "__code__", None)
    if code is None:  # a builtin or a callable object
        return ("callable", getattr(fn, "__module__", None), getattr(fn, "__qualname__", repr(fn)))
    cells = tuple(content_key(c.cell_contents) for c in (fn.__closure__ or ()))
    return ("fn", fn.__module__, fn.__qualname__, code.co_filename, code.co_firstlineno, code.co_code,
            content_key(fn.__defaults__ or ()), cells)


def content_key(value: object) -> Hashable:
    """Return a hashable key equal for inputs of equal content (frames by their values, Altair objects by their
    spec, functions by their code), so that a build from one can serve the other."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return ("frame", _frame_digest(value))
    digest = getattr(value, "content_digest", None)
    if isinstance(digest, str):  # a build kept here (ui.charts.ChartSpec) names its own content
        return ("digest", type(value).__name__, digest)
    if isinstance(value, str | int | float | bool | date | datetime | type(None)):
        return (type(value).__name__, value)
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(content_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((content_key(k), content_key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # field by field (a Col's formatter)
        return (type(value).__qualname__, tuple(content_key(getattr(value, f.name))
                                                for f in dataclasses.fields(value)))
    if callable(value) and not hasattr(value, "to_dict"):
        return _callable_key(value)
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None and hasattr(value, "_kwds"):  # an Altair object (alt.Tooltip, alt.Axis…): its spec
        return ("altair", type(value).__name__, repr(sorted(to_dict(validate=False).items())))
    try:
        hash(value)
        return ("value", value)  # enums and other hashable values
    except TypeError:
        return ("pickled", hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest())


def kept(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Return fn(*args, **kwargs), built once per process for inputs of the same content and shared afterwards."""
    key = (_callable_key(fn), content_key(args), content_key(sorted(kwargs.items())))
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            _counts["hits"] += 1
            return _kept[key]
    value = fn(*args, **kwargs)  # built outside the lock: two first viewers may both build, neither waits
    with _lock:
        _kept[key] = value
        _counts["builds"] += 1
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return value


def kept_counts() -> dict[str, int]:
    """Return how many builds were served from what was kept (hits) and how many were made (builds)."""
    with _lock:
        return {**_counts, "kept": len(_kept)}


def forget_kept() -> None:
    """Drop everything kept (tests; a new process starts empty anyway)."""
    with _lock:
        _kept.clear()
        _counts.update(hits=0, builds=0)
