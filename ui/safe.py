"""Showing imported text safely: never as HTML, and with Markdown syntax neutralised."""

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def md_escape(text: object) -> str:
    """Return text with every Markdown/HTML-significant character escaped, so it shows literally."""
    return _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
