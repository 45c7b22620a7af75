"""Every label of texts/labels.py is used somewhere (a dead label is removed, not kept)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "texts" / "labels.py"
SOURCES = ("app.py", "cli.py", "serve.py", "pages", "ui", "reports", "texts", "data_access", "metrics", "config")


def label_names() -> list[str]:
    """Return the names assigned at the top of texts/labels.py."""
    tree = ast.parse(LABELS.read_text(encoding="utf-8"))
    return [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
            if isinstance(t, ast.Name)]


def test_every_label_is_used():
    files = [ROOT / s for s in SOURCES if s.endswith(".py")]
    files += [p for s in SOURCES if not s.endswith(".py") for p in (ROOT / s).rglob("*.py")]
    code = "\n".join(p.read_text(encoding="utf-8") for p in files if p != LABELS)
    unused = [n for n in label_names() if not re.search(rf"\b(?:L|labels)\.{n}\b|import [^\n]*\b{n}\b", code)]
    assert unused == []
