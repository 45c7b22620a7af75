"""Cache sites in product code (issue #31): every `st.cache_data`, `st.cache_resource` and `lru_cache`, read from the
source, is one of those docs/architecture.md lists with its reason ("Caches, and why each stays"); a new one fails
here until it is justified there, and one that goes must leave the table too."""

import ast
import re

from tests.architecture.test_imports import PACKAGES, ROOT, _module

CACHES = ("cache_data", "cache_resource", "lru_cache")
EXPECTED = {  # issue #31 found 33 sites (decorators and hand-kept dicts of results); these are the decorators left
    "ui.data._state", "ui.data._source", "ui.data.read", "ui.sso.provider_answers",
    "config.settings.load_settings", "data_access.store.engine._secrets_url",
}


def _named(node: ast.AST) -> str | None:
    """Return the cache a decorator or a call names (st.cache_data(...), lru_cache(maxsize=…), …), else None."""
    target = node.func if isinstance(node, ast.Call) else node
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
    return name if name in CACHES else None


def cached(function: ast.FunctionDef) -> bool:
    """Return True when a function is cached, or wraps another in a cache."""
    wrapped = any(_named(c) for c in ast.walk(function) if isinstance(c, ast.Call))
    return wrapped or any(_named(d) for d in function.decorator_list)


def cache_sites() -> set[str]:
    """Return module.function of every function that is cached, or that wraps another in a cache."""
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")] + [ROOT / "cli.py", ROOT / "app.py"]
    files += list((ROOT / "pages").glob("*.py"))
    sites = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and cached(node):
                sites.add(f"{_module(path)}.{node.name}")
    return sites


def test_every_cache_site_is_one_the_architecture_names_with_its_reason():
    assert cache_sites() == EXPECTED
    table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").split("## Caches, and why each stays")[1]
    named = set(re.findall(r"`([\w.]+)`", table.split("\n## ")[0]))
    for site in EXPECTED:
        module, function = site.rsplit(".", 1)
        assert site in named or (function in table and module in table), site


def test_the_scan_finds_a_cache_it_is_shown():
    source = ("import streamlit as st\n@st.cache_data(ttl=1)\ndef f():\n    pass\n"
              "def g(h):\n    return lru_cache(4)(h)\ndef k():\n    return 1\n")
    found = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and cached(n)}
    assert found == {"f", "g"}
