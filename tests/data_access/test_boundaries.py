"""The province's official boundary file: matched by GSO code, stored whole or not at all (SQLite, PostgreSQL)."""

import copy
import json

import pytest
from sqlalchemy import func, select

from cli import main
from data_access.reference.boundaries import BoundaryRefused, import_boundaries, load_boundaries, official_file
from data_access.reference.geo import shipped_boundaries
from data_access.store.migrate import create_schema
from data_access.store.schema import boundaries


def official(tmp_path, name="ranh_gioi.geojson", edit=None):
    """Write the shipped commune shapes as if they were the province's file: code under `ma`, name under `ten`."""
    document = copy.deepcopy(shipped_boundaries("Xã"))
    for feature in document["features"]:
        props = feature["properties"]
        feature["properties"] = {"ma": props["gso_code"], "ten": props["name"]}
    if edit:
        edit(document["features"])
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_official_file_replaces_the_shipped_shapes(engine, tmp_path):
    with engine.connect() as conn:
        assert official_file(conn, "Xã") is None
        assert len(load_boundaries(conn, "Xã")["features"]) == 65  # shipped
    report = import_boundaries(engine, official(tmp_path))
    assert (report.level, report.matched, report.units, report.missing) == ("Xã", 65, 65, [])
    with engine.connect() as conn:
        drawn = load_boundaries(conn, "Xã")
        assert official_file(conn, "Xã") == "ranh_gioi.geojson"
    by_code = {f["properties"]["gso_code"]: f for f in drawn["features"]}
    assert len(by_code) == 65 and by_code["22333"]["properties"]["name"] == "Phường Bắc Nha Trang"


def test_a_file_with_an_unknown_code_changes_nothing(engine, tmp_path):
    import_boundaries(engine, official(tmp_path, edit=lambda f: f.pop()))  # 64 shapes: accepted, one missing
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(boundaries)).scalar()

    def wrong(features):
        features[0]["properties"]["ma"] = "99999"
        features[1]["geometry"] = {"type": "Polygon",  # latitude first
                                   "coordinates": [[[12.2, 109.1], [12.3, 109.1], [12.3, 109.2], [12.2, 109.1]]]}

    with pytest.raises(BoundaryRefused) as refused:
        import_boundaries(engine, official(tmp_path, "sai.geojson", wrong))
    message = str(refused.value)
    assert message.startswith("Tệp sai.geojson bị từ chối, không thay đổi gì: ")
    assert "đối tượng 1: mã 99999 không khớp đơn vị hành chính nào" in message
    assert "đối tượng 2 (mã " in message and "kinh độ 102–118" in message
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(boundaries)).scalar() == before == 64
        assert official_file(conn, "Xã") == "ranh_gioi.geojson"


def test_missing_units_are_reported(engine, tmp_path):
    report = import_boundaries(engine, official(tmp_path, edit=lambda f: f.pop()))
    assert report.matched == 64 and report.missing == ["Xã Cà Ná (22909)"]


def test_boundaries_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'rg.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from sqlalchemy import create_engine

    create_schema(create_engine(url))
    bad = tmp_path / "hong.geojson"
    bad.write_text("{không phải json", encoding="utf-8")
    assert main(["import", "boundaries", str(bad)]) == 1
    assert "TỪ CHỐI: Tệp hong.geojson: không đọc được GeoJSON" in capsys.readouterr().err
    assert main(["import", "boundaries", str(official(tmp_path))]) == 0
    assert "Đã thay ranh giới xã, phường, đặc khu: 65/65 đơn vị khớp mã" in capsys.readouterr().out
