"""Scoped accounts use meetings, slides and the pack (issue #30, item 7): a commune account at a meeting's view sees
every agenda page without an error, its detail narrowed to its commune and said to be read as of the cut-off, the
slides and the pack; a department account too. (Before: "Số liệu chốt … không có bộ lọc này", a NameError on the
overview, five errors on the bottleneck page and a refused pack.)"""

import pytest

from tests.pages.conftest import no_problem, signed_in_app
from texts import labels as L

SCOPES = [("xa", {"commune": "22333"}), ("so_nganh", {"agency": "Sở Nông nghiệp và Môi trường"})]
PAGES = [None, "pages/nhiem_vu.py", "pages/diem_nghen.py", "pages/bang_diem.py", "pages/xep_hang.py",
         "pages/chi_so_766.py", "pages/cuoc_hop.py"]


def _open(role: str, scope: dict, meeting: int, page: str | None, present: bool = False):
    at = signed_in_app(role, **scope)
    at.query_params["hop"] = str(meeting)
    if present:
        at.query_params["trinh_chieu"] = "1"
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize(("role", "scope"), SCOPES, ids=[r for r, _ in SCOPES])
@pytest.mark.parametrize("page", PAGES)
def test_every_meeting_page_opens_for_a_scoped_account(meetings_db, role, scope, page):
    _, second, _ = meetings_db
    at = _open(role, scope, second, page)
    no_problem(at)
    said = [c.value for c in at.sidebar.caption]
    assert not any(L.MEETING_FILTERS_OFF in c for c in said)  # issue #31: a meeting keeps its figures per unit
    assert any(c.startswith("Số liệu chốt của cuộc họp có cả chi tiết") for c in said) == (role == "xa")


@pytest.mark.parametrize("page", ["pages/tong_quan.py", "pages/diem_nghen.py", "pages/bang_diem.py"])
def test_the_slides_open_for_a_commune_account(meetings_db, page):
    _, second, _ = meetings_db
    no_problem(_open("xa", {"commune": "22333"}, second, page, present=True))


def test_a_commune_account_makes_the_meeting_pack(meetings_db):
    _, second, _ = meetings_db
    at = _open("xa", {"commune": "22333"}, second, "pages/cuoc_hop.py")
    at.button(key="meeting_pack").click().run()
    no_problem(at)
    assert [b for b in at.get("download_button") if b.proto.label == L.MEETING_PACK_DOWNLOAD]
