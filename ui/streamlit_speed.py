"""Two cuts in Streamlit's own per-run work, for thirty viewers on two cores (issue #14, docs/history/scaling.md §0h).
serve.py applies them before the server starts; what a browser receives stays byte for byte the same.

1. `config.get_option` takes a process-wide lock for every read, and Streamlit reads an option for every message
   it sends (`global.minCachedMessageSize`, to decide whether the browser may cache it). Under thirty sessions the
   threads queued on that lock: 12 % of all script time (py-spy). The options are parsed once and never reparsed
   here (no file watcher), so a read can take the parsed value without the lock; anything else (not parsed yet,
   an unknown key) goes through the original.
2. A table kept by ui.tables.rendered is the same object for every viewer, but `st.dataframe` turned its Styler
   into cells and rules and both frames into Arrow bytes again on every run: 22 % of all script time. Such a
   Styler now carries a store (`MARSHALLED`): its marshalled styler message per element identifier, and the Arrow
   bytes of its data. Any other Styler or frame goes the usual way.
"""

import threading
import weakref
from typing import Any

from streamlit import config, dataframe_util
from streamlit.elements import arrow

from ui.versions import streamlit_is_pinned

MARSHALLED = "_marshalled_once"  # the attribute ui.tables.rendered sets on a shared Styler: {uuid: bytes}
_original = {"get_option": config.get_option, "marshall_styler": arrow.marshall_styler,
             "arrow_bytes": dataframe_util.convert_pandas_df_to_arrow_bytes}
_frame_bytes: dict[int, tuple[weakref.ref, bytes | None]] = {}  # id(shared Styler's data) -> (the frame, its bytes)
_lock = threading.Lock()


def get_option(key: str) -> Any:
    """Return a configuration option's value, read without the lock once the options are parsed."""
    options = config._config_options  # noqa: SLF001 - the dict get_option reads under its lock
    option = None if options is None else options.get(key)
    return _original["get_option"](key) if option is None else option.value


def marshall_styler(proto: Any, styler: Any, default_uuid: str) -> None:
    """Fill `proto.styler` as Streamlit does; for a shared Styler, once per element identifier."""
    memo = getattr(styler, MARSHALLED, None)
    if memo is None:
        _original["marshall_styler"](proto, styler, default_uuid)
        return
    done = memo.get(default_uuid)
    if done is not None:
        proto.styler.MergeFromString(done)
        return
    _original["marshall_styler"](proto, styler, default_uuid)
    memo[default_uuid] = proto.styler.SerializeToString()
    frame, key = styler.data, id(styler.data)
    with _lock:
        if key not in _frame_bytes:
            _frame_bytes[key] = (weakref.ref(frame, lambda _ref: _frame_bytes.pop(key, None)), None)


def convert_pandas_df_to_arrow_bytes(df: Any, **kwargs: Any) -> bytes:
    """Return a frame's Arrow bytes as Streamlit does; a shared Styler's data is converted once."""
    entry = _frame_bytes.get(id(df))
    if entry is None or kwargs or entry[0]() is not df:
        return _original["arrow_bytes"](df, **kwargs)
    if entry[1] is None:
        entry = (entry[0], _original["arrow_bytes"](df))
        _frame_bytes[id(df)] = entry
    return entry[1]


def apply() -> bool:
    """Put both cuts in place (idempotent; serve.py calls it before the server starts); on a Streamlit other than
    the one they were read in (ui.versions), apply none and return False."""
    if not streamlit_is_pinned("ui/streamlit_speed.py"):
        return False
    config.get_option = get_option
    arrow.marshall_styler = marshall_styler
    dataframe_util.convert_pandas_df_to_arrow_bytes = convert_pandas_df_to_arrow_bytes
    return True


def undo() -> None:
    """Put Streamlit's own functions back (tests compare both)."""
    config.get_option = _original["get_option"]
    arrow.marshall_styler = _original["marshall_styler"]
    dataframe_util.convert_pandas_df_to_arrow_bytes = _original["arrow_bytes"]
