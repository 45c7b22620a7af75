"""Normalisation of Vietnamese text from source systems (DOMAIN §3: NFC, trim, collapse spaces)."""

import unicodedata
from functools import lru_cache


def normalize_text(value: object) -> str | None:
    """Return value as NFC text with trimmed, collapsed spaces, or None when blank or missing."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():  # ASCII text (codes, numbers) is already NFC
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
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
