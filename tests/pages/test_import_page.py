"""The import page from app.py: preview and check write nothing; commit writes; a bad file is refused."""

from datetime import date

from sqlalchemy import create_engine, func, select
from streamlit.testing.v1 import AppTest

from data_access.demo.build import build_demo
from data_access.store.meta import DATA_KIND, read_meta
from data_access.store.schema import dossiers
from tests.data_access.import_files import records, write_csv, write_xlsx
from tests.pages.conftest import no_problem, signed_in_app
from ui.safe import md_escape

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def open_import_page(url: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = signed_in_app()
    at.run()
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    return at


def dossier_total(url: str) -> tuple[int, str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        result = conn.execute(select(func.count()).select_from(dossiers)).scalar(), read_meta(conn).get(DATA_KIND)
    engine.dispose()
    return result


def test_upload_check_then_commit(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    build_demo(create_engine(url), date(2024, 4, 30), n_dossiers=400, seed=2)
    at = open_import_page(url, monkeypatch)
    no_problem(at)
    assert at.title[0].value == "Nhập dữ liệu"
    content = write_xlsx(tmp_path / "ho_so.xlsx").read_bytes()
    at.file_uploader(key="imp_file").upload("ho_so_tuan_12.xlsx", content, XLSX)
    at.run()
    no_problem(at)
    assert any(m.value == "**Dòng tiêu đề nhận ra: dòng 4**" for m in at.markdown)
    assert any(c.value == "Không đọc các cột dữ liệu cá nhân: Chủ hồ sơ" for c in at.caption)
    mapping = at.dataframe[0].value.set_index("Cột chuẩn")
    assert mapping.loc["Cơ quan giải quyết *", "Cột trong tệp"] == "Đơn vị xử lý"
    assert "Chủ hồ sơ" not in at.dataframe[1].value.columns  # sample rows: mapped columns only
    assert at.info[0].value.startswith("13 dòng dữ liệu (bỏ 1 dòng trống, 1 dòng tổng): sẽ thêm 13, cập nhật 0")
    assert [w.value for w in at.main.warning] == [  # shown literally (escaped Markdown)
        md_escape("Đã xóa dữ liệu minh họa (demo) trước khi nạp dữ liệu thật.")]
    assert dossier_total(url) == (400, "demo")  # the check wrote nothing
    at.button(key="imp_commit").click().run()
    no_problem(at)
    assert at.success[0].value.startswith(
        f"Đã nhập {md_escape('ho_so_tuan_12.xlsx')}: thêm 13, cập nhật 0, không đổi 0, loại 0")
    assert dossier_total(url) == (13, "real")
    history = at.dataframe[-1].value
    assert history.iloc[0]["Tệp"] == "ho_so_tuan_12.xlsx" and history.iloc[0]["Thêm"] == 13
    at.switch_page("pages/tong_quan.py").run()
    no_problem(at)
    assert not any("DEMO" in w.value for w in at.warning)  # the demo banner is gone


def test_bad_file_is_refused_on_the_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    at = open_import_page(url, monkeypatch)
    rows = records()
    rows[2][9] = "31/02/2024"
    content = write_csv(tmp_path / "loi.csv", "utf-8", ";", rows=rows).read_bytes()
    at.file_uploader(key="imp_file").upload("loi.csv", content, "text/csv")
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("Tệp sẽ bị từ chối: 1 lỗi.")
    problems = next(d.value for d in at.dataframe if list(d.value.columns) == ["Dòng", "Cột", "Giá trị", "Lý do"])
    assert problems.iloc[0].tolist() == [6, "Ngày hẹn trả", "31/02/2024", "ngày không tồn tại"]
    assert not at.main.button  # no commit button for a refused file
    assert dossier_total(url)[0] == 0


def _defunct_children() -> list[int]:
    """Return the process ids of this process's children that ended and were never reaped (zombies)."""
    import os
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.append(int(stat.parent.name))
    return found


def test_an_import_left_running_commits_is_reaped_and_is_told_on_the_next_page(tmp_path, monkeypatch):
    """Issue #30, item 11: the account leaves the import page during «Ghi vào cơ sở dữ liệu»: the job ends on its
    own, its process is reaped and its file removed, and the next page the account opens says how it ended (once)."""
    import tempfile

    from data_access.accounts.store import current_account
    from data_access.store.context import app_context
    from data_access.store.schema import accounts
    from texts.fmt import fmt_number
    from ui import import_jobs
    from ui.uploads import PREFIX

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    build_demo(create_engine(url), date(2024, 4, 30), n_dossiers=400, seed=2)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    at = signed_in_app()  # makes the account
    engine = app_context(url).engine
    with engine.connect() as conn:
        actor = current_account(conn, conn.execute(select(accounts.c.id).where(
            accounts.c.username == "kiem_thu_quan_tri")).scalar_one())
    content = write_csv(tmp_path / "tuan.csv", "utf-8", ";").read_bytes()
    job = import_jobs.start(url, {"kind": "dossiers", "file_name": "tuan.csv"}, actor, "tuan.csv", content)
    assert job.done.wait(120)  # nobody followed it: it ran to the end anyway
    assert (job.report.inserted, job.refused, job.failed) == (13, False, False)
    assert dossier_total(url) == (13, "real")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(PREFIX)]  # its file is gone
    assert _defunct_children() == []  # its process was reaped
    at.run()  # the account opens a page
    no_problem(at)
    assert [s.value for s in at.success] == [
        f"Đã nhập {md_escape('tuan.csv')}: thêm 13, cập nhật 0, không đổi 0, loại 0 "
        f"({fmt_number(job.report.seconds, 1)} giây)."]
    at.run()
    assert not at.success  # told once
