"""Normalisation of Vietnamese text from source systems (DOMAIN §3: NFC, trim, collapse spaces)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_text(value: object) -> str | None:
    """Return value as NFC text with trimmed, collapsed spaces, or None when blank or missing."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()
    return text or None


def fold_key(value: object) -> str:
    """Return an accent- and case-insensitive matching key ('Đất  đai' and 'DAT DAI' give 'dat dai')."""
    text = normalize_text(value) or ""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.casefold()
