"""Text normalisation and the settings file."""

import tomllib
import unicodedata

import pytest

from config.settings import SETTINGS_PATH, load_settings, parse_settings
from metrics.errors import DomainError
from metrics.text import fold_key, normalize_text


def test_normalize_text():
    nfd = unicodedata.normalize("NFD", "  Thành   phố\tNha Trang ")
    assert normalize_text(nfd) == "Thành phố Nha Trang"
    assert normalize_text("   ") is None and normalize_text(None) is None and normalize_text(float("nan")) is None


def test_fold_key():
    assert fold_key("ĐẤT  ĐAI") == fold_key(unicodedata.normalize("NFD", "đất đai")) == "dat dai"


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
