"""Text normalisation and the settings file."""

import random
import tomllib
import unicodedata

import pandas as pd
import pytest

from config.settings import SETTINGS_PATH, load_settings, parse_settings
from metrics.errors import DomainError
from metrics.text import _fold, fold_each, fold_key, normalize_text


def test_normalize_text():
    nfd = unicodedata.normalize("NFD", "  Thành   phố\tNha Trang ")
    assert normalize_text(nfd) == "Thành phố Nha Trang"
    assert normalize_text("   ") is None and normalize_text(None) is None and normalize_text(float("nan")) is None


def test_fold_key():
    assert fold_key("ĐẤT  ĐAI") == fold_key(unicodedata.normalize("NFD", "đất đai")) == "dat dai"


def test_fold_each_folds_a_column_as_fold_key_does_and_leaves_it_unchanged():
    names = pd.Series(["Khánh Hòa", None, "KHANH  HOA", float("nan"), "Ninh Thuận"], index=[5, 4, 3, 2, 1])
    before = names.copy()
    assert fold_each(names).to_dict() == {5: "khanh hoa", 4: "", 3: "khanh hoa", 2: "", 1: "ninh thuan"}
    pd.testing.assert_series_equal(names, before)
    assert fold_each(names.astype("category")).tolist() == ["khanh hoa", "", "khanh hoa", "", "ninh thuan"]


def test_fold_key_folds_every_text_as_the_long_way_does():
    # Keys are stored (agencies.name_key, fields.name_key): the quick path (a table of accented Latin letters, no
    # cache) must give the key the long way (NFC, NFD, marks out) gives, for Vietnamese and for anything else.
    assert fold_key("Ủy ban nhân dân xã Ơn Ứng") == "uy ban nhan dan xa on ung"
    assert fold_key("\u0301 \tẦ\u00a0Ọ\x85ß İ") == " a o ss i"  # a stray mark is a (blank) word; ß the long way
    assert fold_key("Straße Ελλάδα") == "strasse ελλαδα" and fold_key(12) == "12" and fold_key(None) == ""
    rng = random.Random(31)
    pool = [chr(c) for c in (*range(0x00, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), 0x2000, 0x2003,
                             0x3000, 0x3AC, 0x439, 0xFB01, 0xAC00, 0x1100, 0x1161, 0x0F71, 0x0F72)]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        for form in (text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)):
            assert fold_key(form) == _fold(form), repr(form)


def test_shipped_settings_load():
    settings = load_settings()
    assert settings.province == "Khánh Hòa"
    assert settings.land_env_fields == ("Đất đai", "Môi trường")
    assert [s.key for s in settings.scorecard_specs][0] == "on_time_rate"
    assert sum(s.weight for s in settings.scorecard_specs) == 100


def test_bad_settings_name_the_problem():
    with open(SETTINGS_PATH, "rb") as handle:
        raw = tomllib.load(handle)
    raw["periods"]["default"] = "decade"
    with pytest.raises(DomainError, match="decade"):
        parse_settings(raw)
    del raw["land_env"]
    with pytest.raises(DomainError, match="land_env"):
        parse_settings(raw)


def test_unit_names_match_with_or_without_prefix():
    from metrics.text import unit_key, unit_short_name

    assert unit_key("TP Nha Trang") == unit_key("Thành phố Nha Trang") == unit_key("nha trang") == "nha trang"
    assert unit_key("TX. Ninh Hòa") == unit_key("Thị xã  Ninh Hoà".replace("Hoà", "Hòa")) == "ninh hoa"
    assert unit_key("Huyện Cam Lâm") == "cam lam"
    assert unit_short_name("Huyện Cam Lâm") == "Cam Lâm" and unit_short_name("Thị xã Ninh Hòa") == "Ninh Hòa"
