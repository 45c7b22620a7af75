"""Normalisation of Vietnamese text from source systems (DOMAIN §3: NFC, trim, collapse spaces)."""

import unicodedata

import pandas as pd

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
    if isinstance(value, str):
        text = " ".join(strip_controls(value).split())  # words first: a stray mark between spaces stays a word
        if not text.isascii():
            text = text.translate(_TO_BASE)
        if text.isascii():  # Vietnamese text always is by now: folded in C, with no cache (docs/performance.md)
            return text.casefold()
    return _fold(value)


def fold_each(values: pd.Series) -> pd.Series:
    """Return the matching key of each value, each distinct value folded once (a results table names a few dozen
    provinces over thousands of rows)."""
    keys = {value: fold_key(value) for value in values.dropna().unique()}
    return values.astype(object).map(keys).fillna("")


def _fold(value: object) -> str:
    """Return the matching key the long way (any script): NFC, controls out, NFD, combining marks out, casefold."""
    text = normalize_text(value) or ""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.casefold()


def _base_letters() -> dict[int, str]:
    """Return each accented Latin letter and combining mark that folds to ASCII (or to nothing), with what it folds
    to: Vietnamese's letters (ă â đ ê ô ơ ư and their tones, precomposed or not) among them."""
    ranges = (range(0xC0, 0x250), range(0x300, 0x370), range(0x1E00, 0x1F00))
    table = {}
    for code in (c for r in ranges for c in r):
        text = chr(code).replace("Đ", "D").replace("đ", "d")
        base = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
        if base.isascii() and base != chr(code):
            table[code] = base
    return table


_TO_BASE = _base_letters()  # built once at import from Unicode's tables (≈ 850 letters and marks)


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
