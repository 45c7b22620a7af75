"""Exports of both eras imported into the shipped units: exact figures by the units in force (SQLite, PostgreSQL)."""

import json
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select

from cli import main
from data_access.figures.assemble import summary_by_unit
from data_access.figures.source import open_source
from data_access.figures.summary import DOSSIER_KEYS
from data_access.importing.report import ImportRefused
from data_access.importing.runner import run_import
from data_access.reference.lookup import list_units
from data_access.reference.territory import list_unit_lineage
from data_access.store.migrate import create_schema
from data_access.store.schema import agencies as agencies_table
from data_access.store.schema import agency_lineage, dossiers, unit_lineage, units
from metrics.dossiers import RATE_COLUMNS
from tests.data_access.import_files import write_csv

HEADERS = ["Mã hồ sơ", "Lĩnh vực", "Cơ quan giải quyết", "Cấp", "Địa bàn", "Huyện", "Mã ĐVHC", "Ngày tiếp nhận",
           "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]
OLD_ERA = [  # June 2025: old district, old communes (one split), a province-level department, a GSO code only
    ["K1", "Đất đai", "UBND huyện Cam Lâm", "Huyện", "Huyện Cam Lâm", "", "", "02/06/2025", "10/06/2025",
     "05/06/2025", "Đã trả kết quả"],
    ["K2", "Hộ tịch", "UBND xã Cam Hải Tây", "Xã", "Xã Cam Hải Tây", "Huyện Cam Lâm", "", "03/06/2025", "04/06/2025",
     "06/06/2025", "Đã trả kết quả"],
    ["K3", "Hộ tịch", "UBND xã Cam Tân", "Xã", "Xã Cam Tân", "Cam Lâm", "", "04/06/2025", "05/06/2025", "",
     "Đang xử lý"],
    ["K4", "Đất đai", "Sở Tài nguyên và Môi trường", "Tỉnh", "", "", "", "05/06/2025", "20/06/2025", "",
     "Đang xử lý"],
    ["K5", "Hộ tịch", "UBND phường Vĩnh Phước", "Xã", "", "", "22333", "06/06/2025", "07/06/2025", "07/06/2025",
     "Đã trả kết quả"],
]
NEW_ERA = [  # from 1 July 2025: new communes by name and by (reused) code, a merged department
    ["M1", "Hộ tịch", "UBND phường Bắc Nha Trang", "Xã", "Phường Bắc Nha Trang", "", "", "10/07/2025", "11/07/2025",
     "11/07/2025", "Đã trả kết quả"],
    ["M2", "Đất đai", "UBND xã Cam Lâm", "Xã", "", "", "22453", "15/07/2025", "25/07/2025", "", "Đang xử lý"],
    ["M3", "Đất đai", "Sở Nông nghiệp và Môi trường", "Tỉnh", "", "", "", "01/08/2025", "05/08/2025", "04/08/2025",
     "Đã trả kết quả"],
]
ADDITIVE = [k for k in DOSSIER_KEYS if k not in RATE_COLUMNS and k != "land_env_share_of_overdue"]


@pytest.fixture
def db(engine, tmp_path):
    run_import(engine, write_csv(tmp_path / "cu.csv", "utf-8", ",", rows=OLD_ERA, headers=HEADERS), "dossiers")
    run_import(engine, write_csv(tmp_path / "moi.csv", "utf-8", ";", rows=NEW_ERA, headers=HEADERS), "dossiers")
    return engine


def test_shipped_units_and_lineage_seed_an_empty_database(db):
    with db.connect() as conn:
        shown = list_units(conn)
        lineage = list_unit_lineage(conn)
        n_agency_lineage = conn.execute(select(func.count()).select_from(agency_lineage)).scalar()
    new = shown.loc[shown["valid_from"] == date(2025, 7, 1)]
    assert len(new) == 65 and (new["level"] == "Xã").all()
    assert new["kind"].value_counts().to_dict() == {"xã": 48, "phường": 16, "đặc khu": 1}
    assert (shown["level"] == "Huyện").sum() == 16
    assert (shown.loc[shown["level"] == "Huyện", "province"].value_counts().to_dict()
            == {"Khánh Hòa": 9, "Ninh Thuận": 7})
    old_communes = shown.loc[(shown["level"] == "Xã") & (shown["valid_to"] == date(2025, 6, 30))]
    assert len(old_communes) == 194 and old_communes["parent_id"].notna().all()
    assert len(lineage) == 205 and lineage["merge"].value_counts().to_dict() == {"whole": 186, "part": 19}
    assert lineage.groupby("old_unit_id")["new_unit_id"].count().gt(1).sum() == 8  # split old communes
    assert n_agency_lineage == 26


def test_both_eras_are_matched_to_the_unit_valid_on_the_received_date(db):
    with db.connect() as conn:
        rows = dict(conn.execute(select(dossiers.c.code, units.c.name).select_from(
            dossiers.outerjoin(units, units.c.id == dossiers.c.unit_id))).all())
    assert rows == {"K1": "Huyện Cam Lâm", "K2": "Xã Cam Hải Tây", "K3": "Xã Cam Tân", "K4": None,
                    "K5": "Phường Vĩnh Phước", "M1": "Phường Bắc Nha Trang", "M2": "Xã Cam Lâm", "M3": None}


def test_summary_by_unit_before_the_change_uses_the_16_districts(db):
    out = summary_by_unit(open_source(db), date(2025, 6, 30), date(2025, 6, 1))
    assert list(out) == ["as_of", "from", "units", "other", "province"]
    assert len(out["units"]) == 16
    cam_lam, nha_trang = out["units"]["570"], out["units"]["568"]
    assert (cam_lam["received"], cam_lam["resolved"], cam_lam["resolved_late"], cam_lam["in_progress_overdue"]) == (
        3, 2, 1, 1)
    assert cam_lam["on_time_rate"] == 0.5
    assert (nha_trang["received"], nha_trang["resolved_on_day"]) == (1, 1)
    assert out["other"]["provincial_level"]["received"] == 1
    assert out["other"]["provincial_level"]["in_progress_overdue"] == 1
    assert out["other"]["district_level_before_2025_07_01"]["received"] == 0
    assert out["other"]["split_communes"]["received"] == 0
    assert out["province"]["received"] == 5


def test_summary_by_unit_across_the_change_uses_the_65_communes_and_shows_what_cannot_be_attributed(db):
    out = summary_by_unit(open_source(db), date(2025, 8, 31), date(2025, 6, 1))
    assert len(out["units"]) == 65
    bac_nha_trang, cam_lam = out["units"]["22333"], out["units"]["22453"]
    assert (bac_nha_trang["received"], bac_nha_trang["resolved_on_day"]) == (2, 2)  # K5 (old code 22333) and M1
    assert (cam_lam["received"], cam_lam["resolved_late"], cam_lam["in_progress_overdue"]) == (2, 1, 1)  # K2, M2
    assert (out["other"]["district_level_before_2025_07_01"]["received"],
            out["other"]["district_level_before_2025_07_01"]["resolved_early"]) == (1, 1)  # K1
    assert (out["other"]["split_communes"]["received"],
            out["other"]["split_communes"]["in_progress_overdue"]) == (1, 1)  # K3
    assert (out["other"]["provincial_level"]["received"], out["other"]["provincial_level"]["resolved_early"]) == (2, 1)
    assert out["province"]["received"] == 8
    for key in ADDITIVE:
        total = sum(u[key] for u in out["units"].values()) + sum(o[key] for o in out["other"].values())
        assert total == out["province"][key], key


def test_an_old_name_after_the_change_is_refused_with_its_row(db, tmp_path):
    rows = [["M9", "Hộ tịch", "UBND phường Vĩnh Hòa", "Xã", "Phường Vĩnh Hòa", "", "", "01/08/2025", "02/08/2025",
             "", "Đang xử lý"]]
    with pytest.raises(ImportRefused) as refused:
        run_import(db, write_csv(tmp_path / "sai.csv", "utf-8", ",", rows=rows, headers=HEADERS), "dossiers")
    problem = refused.value.report.problems[0]
    assert (problem.row, problem.column) == (4, "Địa bàn")
    assert problem.reason == ("địa bàn «Phường Vĩnh Hòa» không có hiệu lực ngày 01/08/2025: Phường Vĩnh Hòa "
                              "(đến 30/06/2025)")
    with db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 8


def test_lineage_matches_the_shipped_district_to_commune_table(db):
    import csv

    from data_access.reference.territory import REFERENCE

    with db.connect() as conn:
        pairs = set(conn.execute(select(units.c.code, func.min(unit_lineage.c.new_unit_id)).select_from(
            unit_lineage.join(units, units.c.id == unit_lineage.c.old_unit_id)).group_by(units.c.code)).all())
        parent = units.alias("parent")
        new = units.alias("new")
        derived = set(conn.execute(select(parent.c.code, new.c.code).distinct().select_from(
            unit_lineage.join(units, units.c.id == unit_lineage.c.old_unit_id)
            .join(parent, parent.c.id == units.c.parent_id).join(new, new.c.id == unit_lineage.c.new_unit_id))).all())
    with open(REFERENCE / "khanh_hoa_district_to_commune_2025.csv", encoding="utf-8") as handle:
        shipped = {(r["old_district_gso_code"], r["new_gso_code"]) for r in csv.DictReader(handle)}
    assert len(pairs) == 194
    assert derived == shipped


def test_summary_by_unit_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    run_import(engine, write_csv(tmp_path / "cu.csv", "utf-8", ",", rows=OLD_ERA, headers=HEADERS), "dossiers")
    capsys.readouterr()
    assert main(["summary", "--as-of", "2025-08-31", "--from", "2025-06-01", "--by", "unit"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["as_of", "from", "units", "other", "province"]
    assert (out["as_of"], out["from"]) == ("2025-08-31", "2025-06-01")
    assert list(out["other"]) == ["provincial_level", "district_level_before_2025_07_01", "split_communes"]
    assert list(out["units"]["22453"]) == list(DOSSIER_KEYS)
    assert out["units"]["22453"]["received"] == 1 and out["province"]["received"] == 5


def test_unit_lineage_file_import_updates_the_attribution(db, tmp_path):
    from data_access.reference.territory import UNIT_LINEAGE_CSV

    text = UNIT_LINEAGE_CSV.read_text(encoding="utf-8")
    same = run_import(db, _write(tmp_path / "lineage.csv", text), "unit-lineage")
    assert (same.rows_read, same.inserted, same.updated, same.unchanged) == (205, 0, 0, 205)  # shipped = seeded
    # the province corrects one row: Xã Cam Hải Tây went only partly into Xã Cam Lâm
    fixed = text.replace("22444,Xã Cam Hải Tây,570,Huyện Cam Lâm,Khánh Hòa,22453,Xã Cam Lâm,whole",
                         "22444,Xã Cam Hải Tây,570,Huyện Cam Lâm,Khánh Hòa,22453,Xã Cam Lâm,part")
    report = run_import(db, _write(tmp_path / "lineage2.csv", fixed), "unit-lineage")
    assert (report.updated, report.unchanged) == (1, 204)
    out = summary_by_unit(open_source(db), date(2025, 8, 31), date(2025, 6, 1))
    assert out["units"]["22453"]["received"] == 1  # only M2 now; K2 moved to the split line
    assert out["other"]["split_communes"]["received"] == 2
    assert out["province"]["received"] == 8


def test_unit_lineage_with_an_unknown_new_code_is_refused(db, tmp_path):
    rows = ("Mã cũ,Tên cũ,Mã huyện cũ,Mã mới,Hình thức,Hiệu lực\n"
            "22444,Xã Cam Hải Tây,570,99999,Nhập toàn bộ,01/07/2025\n")
    with pytest.raises(ImportRefused) as refused:
        run_import(db, _write(tmp_path / "sai.csv", rows), "unit-lineage")
    problem = refused.value.report.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "Mã mới", "99999")
    assert problem.reason.startswith("không có đơn vị hành chính mã này hiệu lực ngày 01/07/2025")


def test_agencies_and_agency_lineage_import(db, tmp_path):
    agencies_file = _write(tmp_path / "co_quan.csv", "Tên,Loại,Cấp,Hiệu lực từ,Hiệu lực đến\n"
                                                   "Sở Du lịch,so,Tỉnh,,28/02/2025\n"
                                                   "Sở Văn hóa Thể thao và Du lịch,so,Tỉnh,01/03/2025,\n")
    report = run_import(db, agencies_file, "agencies")
    assert (report.inserted, report.updated) == (1, 1)
    lineage_file = _write(tmp_path / "ke_thua.csv", "Cơ quan cũ;Cơ quan mới;Hiệu lực\n"
                                                   "Sở Du lịch;Sở Văn hóa Thể thao và Du lịch;01/03/2025\n"
                                                   "Sở Văn hóa và Thể thao;Sở Văn hóa Thể thao và Du lịch;01/03/2025\n")
    assert run_import(db, lineage_file, "agency-lineage").inserted == 2
    with db.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(agency_lineage)).scalar()
        valid = dict(conn.execute(select(agencies_table.c.name, agencies_table.c.valid_to)).all())
    assert rows == 26 + 2 and valid["Sở Du lịch"] == date(2025, 2, 28)


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_merged_department_counts_from_the_rollups_equal_its_predecessors(db):
    from data_access.figures.dossier_queries import dossier_counts
    from data_access.figures.rollup_queries import dimension_names, period_sums
    from data_access.reference.lookup import list_agencies
    from data_access.reference.territory import list_agency_lineage
    from metrics.agencies import agency_successors
    from metrics.periods import Period
    from metrics.rollup import detail_months, last_month, period_counts, remap_keys

    period = Period(date(2025, 6, 1), date(2025, 8, 31))
    with db.connect() as conn:
        successors = agency_successors(list_agencies(conn), list_agency_lineage(conn), period.end)
        sums = period_sums(conn, by="agency", months=detail_months([period]), until=last_month([period]))
        merged = period_counts(remap_keys(sums, "agency", successors), period, "agency",
                               dimension_names(conn, "agency")).set_index("name")
        direct = dossier_counts(conn, period, by="agency").set_index("name")
    # K4 went to Sở Tài nguyên và Môi trường in June, M3 to Sở Nông nghiệp và Môi trường in August
    assert "Sở Tài nguyên và Môi trường" not in merged.index
    for column in ("received", "resolved", "resolved_early", "in_progress_overdue", "overdue_total"):
        assert merged.loc["Sở Nông nghiệp và Môi trường", column] == (
            direct.loc["Sở Tài nguyên và Môi trường", column] + direct.loc["Sở Nông nghiệp và Môi trường", column])
    assert merged.loc["Sở Nông nghiệp và Môi trường", "received"] == 2
    assert merged["received"].sum() == direct["received"].sum() == 8
