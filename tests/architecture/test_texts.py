"""Every user-visible Vietnamese string lives in a text module of texts/ (labels of the pages, the command line, the
pack, the lower layers' messages); every text there is used. Data written in Vietnamese (unit levels, field names,
the headers of the files provinces export, demo names) is allowed where it is data, by an explicit list."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT_MODULES = ("texts/labels.py", "texts/command_line.py", "texts/pack.py", "texts/messages.py", "texts/notice.py")
CODE = ("app.py", "asgi.py", "cli.py", "serve.py",
        "pages", "ui", "reports", "views", "texts", "data_access", "metrics", "config", "deploy")
VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE)

DATA_MODULES = {  # modules whose Vietnamese is data, not interface text
    "data_access/importing/columns.py": "the headers and aliases of the import contracts (docs/data_contracts.md)",
    "data_access/importing/values.py": "the cell values provinces export (statuses, levels, channels, yes/no)",
    "data_access/reference/territory.py": "the headers and unit kinds of the shipped reference files",
    "data_access/figures/index_queries.py": "the headers of the index results file",
    "data_access/demo/catalog.py": "demo names of procedures, fields and agencies",
    "data_access/demo/build.py": "demo names and the levels it writes",
    "data_access/demo/dossiers.py": "demo statuses and channels",
    "data_access/demo/indexes.py": "demo index components",
    "data_access/demo/tasks.py": "demo task texts",
    "data_access/demo/steps.py": "demo step names",
    "metrics/text.py": "the letter đ, folded for matching names",
}
# levels as stored, the province, the land/environment fields, the shipped agency the demo's so_nganh account holds
DATA_VALUES = {"Tỉnh", "Huyện", "Xã", "Khánh Hòa", "Đất đai", "Môi trường", "Sở Nông nghiệp và Môi trường"}


def code_files() -> list[Path]:
    """Return every Python file of the product."""
    return [p for s in CODE for p in ([ROOT / s] if s.endswith(".py") else sorted((ROOT / s).rglob("*.py")))]


def vietnamese_literals(path: Path) -> list[tuple[int, str]]:
    """Return (line, text) of each string constant with Vietnamese letters, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and VIETNAMESE.search(node.value)]


def test_no_vietnamese_literal_outside_the_text_modules():
    allowed = set(TEXT_MODULES) | set(DATA_MODULES)
    found = {}
    for path in code_files():
        name = path.relative_to(ROOT).as_posix()
        if name not in allowed:
            stray = [f"{line}: {text[:40]}" for line, text in vietnamese_literals(path) if text not in DATA_VALUES]
            if stray:
                found[name] = stray
    assert found == {}


def test_the_lists_only_name_files_that_need_them():
    for name in DATA_MODULES:
        assert vietnamese_literals(ROOT / name), f"{name} no longer holds Vietnamese text: take it off the list"


def test_the_detector_finds_a_literal_and_skips_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Mô tả."""\n\ndef f():\n    """Trả về."""\n    return "Đã nhập" + "ok"\n', encoding="utf-8")
    assert vietnamese_literals(sample) == [(5, "Đã nhập")]


def text_names(module: str) -> list[str]:
    """Return the names assigned at the top of a text module."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    return [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
            if isinstance(t, ast.Name)]


def test_every_text_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in code_files()
                     if p.relative_to(ROOT).as_posix() not in TEXT_MODULES)
    unused = {module: [n for n in text_names(module) if not re.search(rf"\.{n}\b|import [^\n]*\b{n}\b", code)]
              for module in TEXT_MODULES}
    assert {m: names for m, names in unused.items() if names} == {}
