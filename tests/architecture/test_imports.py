"""The layers' imports, read from the source (every import, also inside functions): no circle, no import from a lower
layer to a higher one, and the pack, the command line and data_access never load ui/ or Streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("data_access", "metrics", "ui", "reports", "config", "texts", "views")
NOT_UI = ("cli", "data_access", "metrics", "reports", "config", "texts", "views")  # must not reach Streamlit


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Return module → the project modules it imports (a `from package import name` naming a module counts)."""
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")] + [ROOT / "cli.py"]
    modules = {_module(p): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                targets |= {f"{node.module}.{a.name}" for a in node.names}
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import circles found by depth-first search (each as the modules around it)."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


# What each layer may import, lowest first: texts/ only words and number formats; metrics/ pure rules (its errors
# speak through texts.messages); config/ reads settings.toml and checks it with metrics' allowlists; data_access/
# reads and writes the database; views/ builds what cards and statuses show; reports/ and ui/ draw them.
LOWER = {
    "texts": set(),
    "metrics": {"texts"},
    "config": {"texts", "metrics"},
    "data_access": {"texts", "metrics", "config"},
    "views": {"texts", "metrics", "config"},
    "reports": {"texts", "metrics", "config", "data_access", "views"},
    "ui": {"texts", "metrics", "config", "data_access", "views", "reports"},
    "cli": {"texts", "metrics", "config", "data_access", "views", "reports"},
}


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Return "module → target" for every import of a package its layer does not sit above."""
    found = []
    for module, targets in sorted(graph.items()):
        layer = module.split(".")[0]
        found += [f"{module} → {t}" for t in sorted(targets)
                  if t.split(".")[0] != layer and t.split(".")[0] not in LOWER[layer]]
    return found


def test_no_import_from_a_lower_layer_to_a_higher_one():
    assert upward(import_graph()) == []


def test_the_layer_check_finds_an_upward_import():
    assert upward({"texts.cards": {"metrics.kpis", "texts.fmt"}, "metrics.kpis": {"texts.fmt"}}) == [
        "texts.cards → metrics.kpis"]


def test_no_import_circle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_migrations_do_not_import_live_code():
    for path in (ROOT / "migrations" / "versions").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in imported if m.split(".")[0] in PACKAGES}, path.name


def test_nothing_below_ui_imports_ui():
    graph = import_graph()
    offenders = {m: sorted(t for t in targets if t == "ui" or t.startswith("ui."))
                 for m, targets in graph.items() if m.split(".")[0] in NOT_UI}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_the_pack_and_the_command_line_load_without_streamlit():
    code = ("import sys; sys.modules['streamlit'] = None\n"  # any `import streamlit` now raises ImportError
            "import cli, reports.pdf, reports.pack_data, data_access.reference.boundaries\n"
            "print('loaded', 'streamlit' in {m.split('.')[0] for m in sys.modules if sys.modules[m] is not None})")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "loaded False"


def test_no_frozen_twin_of_a_read():
    """Issue #31: a read's live and frozen answers sit side by side in one class (data_access/figures/reads.py); no
    module keeps a separate `frozen_*` function mirroring a live one."""
    found = [f"{m}.{node.name}" for m, path in _product_files() for node in ast.walk(ast.parse(path.read_text("utf-8")))
             if isinstance(node, ast.FunctionDef) and node.name.startswith("frozen_")]
    assert found == []


def _product_files() -> list[tuple[str, Path]]:
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")] + [ROOT / "cli.py"]
    return [(_module(p), p) for p in files]


def test_data_access_keeps_its_modules_in_folders_by_concept():
    # Issue #31: the database, reference data, figures, meetings, accounts, importers and the demo, each in its folder.
    data_access = ROOT / "data_access"
    assert [p.name for p in data_access.glob("*.py") if p.name != "__init__.py"] == []
    folders = sorted(d.name for d in data_access.iterdir() if (d / "__init__.py").exists())
    assert folders == ["accounts", "demo", "figures", "importing", "meetings", "reference", "store"]
