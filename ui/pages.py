"""The one list of the app's pages: the navigation (app.py), the slides' agenda (ui/present.py) and the sidebar
filters each page uses (ui/sidebar.py) all read it."""

from dataclasses import dataclass

from texts import labels as L


@dataclass(frozen=True)
class PageSpec:
    """A page: its script, title, address, navigation section, place on the meeting agenda and sidebar filters."""

    path: str
    title: str
    url_path: str
    section: str
    agenda: bool = False  # one slide per agenda page in presentation mode, in this order
    filters: tuple[str, ...] = ()  # the dossier filters of the sidebar it uses: agency, level, unit
    needs: str | None = None  # what the account's role must be allowed to do to see it (data_access.accounts.store)


PAGES = (
    PageSpec("pages/tong_quan.py", L.PAGE_OVERVIEW, "tong-quan", L.SECTION_MEETING, True, ("agency", "level", "unit")),
    PageSpec("pages/nhiem_vu.py", L.PAGE_TASKS, "nhiem-vu", L.SECTION_MEETING, True),
    PageSpec("pages/diem_nghen.py", L.PAGE_BOTTLENECKS, "diem-nghen", L.SECTION_MEETING, True,
             ("agency", "level", "unit")),
    PageSpec("pages/bang_diem.py", L.PAGE_SCORECARD, "bang-diem", L.SECTION_MEETING, True, ("level",)),
    PageSpec("pages/xep_hang.py", L.PAGE_RANKING, "xep-hang", L.SECTION_MEETING, True),
    PageSpec("pages/chi_so_766.py", L.PAGE_766, "chi-so-766", L.SECTION_MEETING, True),
    PageSpec("pages/cuoc_hop.py", L.PAGE_MEETINGS, "cuoc-hop", L.SECTION_MEETING),
    PageSpec("pages/nhap_du_lieu.py", L.PAGE_IMPORT, "nhap-du-lieu", L.SECTION_ADMIN, needs="import"),
    PageSpec("pages/quan_tri.py", L.PAGE_ADMIN, "quan-tri", L.SECTION_ADMIN, needs="accounts"),
)
DEFAULT = PAGES[0]
AGENDA = tuple((p.path, p.title) for p in PAGES if p.agenda)
PAGE_FILTERS = {p.title: p.filters for p in PAGES}
