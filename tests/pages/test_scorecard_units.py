"""The scorecard with communes the province imported without a GSO code (issue #16, item 11): they are listed and
can be picked for their detail, the map colours the communes that have shapes, and nothing crashes."""

import pytest
from sqlalchemy import create_engine, select

from data_access.demo.build import build_demo
from data_access.importing.runner import run_import
from data_access.store.schema import units
from tests.pages.conftest import END, no_problem, signed_in_app


@pytest.fixture
def db_with_codeless_units(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'khong_ma.sqlite3'}"
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=3_000, seed=4)
    path = tmp_path / "don_vi.csv"
    path.write_text("Tên;Loại;Hiệu lực từ\nXã Không Mã;Xã;01/07/2025\nXã Không Mã Hai;Xã;01/07/2025\n",
                    encoding="utf-8")
    run_import(engine, path, "units")
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_units_without_a_code_are_listed_and_picked(db_with_codeless_units):
    engine = create_engine(db_with_codeless_units)
    with engine.connect() as conn:
        codeless = conn.execute(select(units.c.id).where(units.c.name == "Xã Không Mã Hai")).scalar_one()
    engine.dispose()
    at = signed_in_app("lanh_dao")
    at.run()
    at.switch_page("pages/bang_diem.py")
    at.run()
    no_problem(at)
    names = at.dataframe[0].value["Địa bàn"].tolist()
    assert len(names) == 67 and {"Xã Không Mã", "Xã Không Mã Hai"} <= set(names)
    at.selectbox(key="district_pick").set_value(codeless).run()
    no_problem(at)
    assert any("Xã Không Mã Hai" in m.value for m in at.markdown)
