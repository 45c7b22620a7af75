"""Cache sites in product code (issue #31): every `st.cache_data`, `st.cache_resource` and `lru_cache`, and every
module-level table a process fills as it runs, read from the source, is one of those listed: a cache (it keeps
results to serve them again) in docs/architecture.md's table with its reason ("Caches, and why each stays"), any
other table here with why it is state, not a cache. A new one fails here until it is justified, and one that goes
must leave the lists too."""

import ast
import re

from tests.architecture.test_imports import PACKAGES, ROOT, _module

CACHES = ("cache_data", "cache_resource", "lru_cache")
EXPECTED = {  # issue #31 found 33 sites (decorators and hand-kept dicts of results); these are the decorators left
    "ui.data._state", "ui.data._source", "ui.data.read", "ui.sso.provider_answers",
    "config.settings.load_settings", "data_access.store.engine._secrets_url",
}
KEPT_RESULTS = {  # module-level tables of results kept to serve again: each in docs/architecture.md's table
    "ui.shared._kept", "ui.recount._done", "ui.streamlit_speed._frame_bytes", "data_access.store.engine._engines",
    "data_access.store.context._contexts",
}
STATE = {  # module-level tables that keep no result: what is going on now, which no cache could hold
    "ui.recount._running": "the counts running in the background, so that a second viewer waits on the same one",
    "ui.import_jobs._jobs": "the imports running or just finished, followed by their page",
    "ui.loads._slots": "which load each page shows while a new one is counted",
    "ui.sso._returns": "the page each browser asked for before it left for the identity provider",
    "data_access.accounts.sign_in_guard._address_failures": "failed sign-ins per address (the lockout)",
    "data_access.accounts.sign_in_guard._kept": "a read-only database's failed sign-ins, counted in this process",
    "data_access.accounts.sign_in_guard._lines": "repeated failures written as one log line",
    "app.sections": "the navigation's sections, built at each run of the router",
}
TABLES = {"dict", "OrderedDict", "defaultdict", "WeakKeyDictionary", "WeakValueDictionary", "deque"}


def _named(node: ast.AST) -> str | None:
    """Return the cache a decorator or a call names (st.cache_data(...), lru_cache(maxsize=…), …), else None."""
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
    return name if name in CACHES else None


def cached(function: ast.FunctionDef) -> bool:
    """Return True when a function is cached, or wraps another in a cache."""
    wrapped = any(_named(c) for c in ast.walk(function) if isinstance(c, ast.Call))
    return wrapped or any(_named(d) for d in function.decorator_list)


def _files() -> list:
    """Return every product module: the layers' packages, the command line, the router, the server and the pages."""
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    return files + [ROOT / n for n in ("cli.py", "app.py", "serve.py", "asgi.py")] + list((ROOT / "pages").glob("*.py"))


def cache_sites() -> set[str]:
    """Return module.function of every function that is cached, or that wraps another in a cache."""
    sites = set()
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and cached(node):
                sites.add(f"{_module(path)}.{node.name}")
    return sites


def _empty_table(value: ast.expr | None) -> bool:
    """Return True for an empty dict literal or an empty dict-like call (OrderedDict(), deque(maxlen=…) …)."""
    if isinstance(value, ast.Dict):
        return not value.keys
    if not isinstance(value, ast.Call):
        return False
    name = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", None)
    factory = name == "defaultdict" and len(value.args) == 1 and isinstance(value.args[0], ast.Name | ast.Attribute)
    return name in TABLES and (not value.args or factory) and all(k.arg == "maxlen" for k in value.keywords)


def module_tables() -> set[str]:
    """Return module.name of every module-level name bound to an empty table that the process fills as it runs."""
    found = set()
    for path in _files():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and _empty_table(node.value):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found |= {f"{_module(path)}.{t.id}" for t in targets if isinstance(t, ast.Name)}
    return found


def _architecture_table() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return text.split("## Caches, and why each stays")[1].split("\n## ")[0]


def test_every_cache_site_is_one_the_architecture_names_with_its_reason():
    assert cache_sites() == EXPECTED
    table = _architecture_table()
    named = set(re.findall(r"`([\w.]+)`", table))
    for site in EXPECTED | KEPT_RESULTS:
        module, function = site.rsplit(".", 1)
        assert site in named or (function in table and module in table), site


def test_every_table_a_process_fills_is_a_named_cache_or_state():
    assert module_tables() == KEPT_RESULTS | set(STATE)


def test_the_table_scan_finds_an_empty_table_it_is_shown():
    source = ("a = {}\nb: dict[str, int] = {}\nc = OrderedDict()\nd = {'x': 1}\ne = dict(zip(x, y))\n"
              "f = deque(maxlen=3)\ng = defaultdict(list)\nh = dict(a=1)\n")
    found = {t.id for n in ast.parse(source).body for t in ([n.target] if isinstance(n, ast.AnnAssign) else n.targets)
             if _empty_table(n.value)}
    assert found == {"a", "b", "c", "f", "g"}


def test_the_scan_finds_a_cache_it_is_shown():
    source = ("import streamlit as st\n@st.cache_data(ttl=1)\ndef f():\n    pass\n"
              "def g(h):\n    return lru_cache(4)(h)\ndef k():\n    return 1\n")
    found = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and cached(n)}
    assert found == {"f", "g"}
