"""The documentation inside the project: links resolve inside it, and the data contracts page matches the code."""

import re
from pathlib import Path

from data_access.importing.columns import CONTRACTS

ROOT = Path(__file__).resolve().parents[2]


def test_readme_and_docs_link_only_to_files_in_the_project():
    for page in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+)\)", page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://")):
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{page.name}: {target}"
        assert "../shared" not in page.read_text(encoding="utf-8"), page.name


def test_the_data_contracts_page_lists_every_column_of_every_import():
    text = (ROOT / "docs" / "data_contracts.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `([^`]+)`\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S))
    assert set(CONTRACTS) <= set(sections)
    for kind, columns in CONTRACTS.items():
        rows = [line for line in sections[kind].splitlines() if line.startswith("| `")]
        expected = [f"| `{c.header}` | {', '.join('`' + a + '`' for a in c.aliases) or '—'} | "
                    f"{'yes' if c.required else ''} |" for c in columns]
        assert rows == expected, kind


def test_the_command_reference_is_the_one_the_parser_writes():
    """docs/cli.md is generated (`python cli.py reference > docs/cli.md`); a command or option added without it fails
    here."""
    from cli import reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference()


def test_the_readme_is_one_screen_that_points_to_the_rest():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 120
    assert "make run" in text and "make test" in text
    for page in ("docs/guide.md", "docs/operations.md", "docs/cli.md", "docs/architecture.md", "docs/performance.md"):
        assert f"]({page})" in text, page
