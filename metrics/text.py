"""Normalisation of Vietnamese text from source systems (DOMAIN §3: NFC, trim, collapse spaces)."""

import unicodedata
from functools import lru_cache

# C0 and C1 control characters and DEL: a pasted vertical tab or form feed would be stored, and XML (the .docx
# notice, the .xlsx downloads) cannot hold them. Tab and newline are kept only where a text may have lines.
_CONTROLS = {code: " " for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROLS_BUT_LINES = {code: text for code, text in _CONTROLS.items() if code not in (0x09, 0x0A)}


def strip_controls(text: str, keep_lines: bool = False) -> str:
    """Return text with every control character (but tab and newline when keep_lines) turned into a space."""
    if text.isprintable():  # the usual case, checked in C
        return text
    return text.replace("\r\n", "\n").translate(_CONTROLS_BUT_LINES if keep_lines else _CONTROLS)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would read as the start of a formula


def spreadsheet_text(value: object) -> object:
    """Return a cell for a CSV a clerk opens in Excel: text that would start a formula gets a leading apostrophe
    (shown as typed, never run: "=HYPERLINK(…)" stays text); anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def normalize_text(value: object) -> str | None:
    """Return value as NFC text with trimmed, collapsed spaces and no control character, or None when blank."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():  # ASCII text (codes, numbers) is already NFC
        text = unicodedata.normalize("NFC", text)
    text = " ".join(strip_controls(text).split())
    return text or None


def fold_key(value: object) -> str:
    """Return an accent- and case-insensitive matching key ('Đất  đai' and 'DAT DAI' give 'dat dai')."""
    return _fold_text(value) if isinstance(value, str) else _fold(value)


@lru_cache(maxsize=65536)  # the same few thousand names (units, agencies, provinces) are folded on every page run
def _fold_text(value: str) -> str:
    return _fold(value)


def _fold(value: object) -> str:
    text = normalize_text(value) or ""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.casefold()


_UNIT_PREFIXES = ("thanh pho ", "thi xa ", "thi tran ", "huyen ", "quan ", "phuong ", "xa ", "dac khu ",
                  "tp. ", "tp ", "tx. ", "tx ", "h. ", "tt. ", "tt ")


def unit_key(name: object) -> str:
    """Return the matching key of a territorial unit name without its prefix ('TP Nha Trang' → 'nha trang')."""
    key = fold_key(name)
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):].strip()
    return key


def unit_short_name(name: str) -> str:
    """Return a unit's name without its administrative prefix, keeping diacritics ('Huyện Cam Lâm' → 'Cam Lâm')."""
    text = normalize_text(name) or ""
    key = fold_key(text)
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return text[len(prefix):].strip()
    return text
