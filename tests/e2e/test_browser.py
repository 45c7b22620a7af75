"""Every page in a real browser at projector and laptop sizes: renders, no error, the right numbers, an offline
map with district shapes, and no request leaving 127.0.0.1."""

import time
from datetime import date
from io import BytesIO
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image

from metrics.explainer import standing
from metrics.indexes import latest_rank, published_by
from metrics.periods import Period
from metrics.tasks import status_counts
from tests.e2e.conftest import ARTIFACTS, END, RENDER_TIMES, open_signed_in
from tests.pages.reference import Reference
from texts import labels as L
from texts.fmt import fmt_index_period, fmt_int, fmt_number, fmt_pct

SIZES = [(1920, 1080), (1366, 768)]
MONTH = Period(END.replace(day=1), END)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def ref(e2e_db) -> Reference:
    return Reference(e2e_db)


def expected_kpis(ref: Reference) -> dict[str, dict[str, str]]:
    """Return, per page path, KPI label → the value metrics computes from the same database."""
    month = ref.totals(MONTH)
    tasks = status_counts(ref.classified_tasks(END)).iloc[0]
    scored = ref.scorecard(Period(date(2026, 3, 31), END))  # the scorecard counts three months back (settings.toml)
    worst = scored.loc[scored["rank"].notna()].iloc[-1]  # the page opens on the lowest-ranked commune
    par = latest_rank(published_by(ref.indexes, END), "Khánh Hòa", "PAR INDEX")
    found = standing(published_by(ref.indexes, END), "Khánh Hòa")
    return {
        "": {"Tỷ lệ giải quyết đúng hạn": fmt_pct(month["on_time_rate"]),
             "Hồ sơ quá hạn đang xử lý": fmt_int(month["in_progress_overdue"])},
        "nhiem-vu": {"Quá hạn chưa hoàn thành": fmt_int(tasks["open_overdue"])},
        "diem-nghen": {"Tỷ lệ quá hạn thuộc đất đai – môi trường": fmt_pct(month["land_env_share"])},
        "bang-diem": {"caption": f"Điểm tổng hợp: {fmt_number(worst['composite'], 1)} · Hạng: "
                                 f"{fmt_int(worst['rank'])}"},
        "xep-hang": {"Xếp hạng PAR INDEX gần nhất": f"{par['rank']}/{par['n_ranked']}"},
        "chi-so-766": {"caption": L.EXPLAIN_HEADLINE.format(
            province="Khánh Hòa", rank=found.rank, n=found.n_ranked, period=fmt_index_period(found.period),
            score=fmt_number(found.score, 2), demo=L.DEMO_TAG)},
        "cuoc-hop": {},
        "nhap-du-lieu": {},
    }


TITLES = {"": "Tổng quan", "nhiem-vu": "Nhiệm vụ được giao", "diem-nghen": "Điểm nghẽn đất đai – môi trường",
          "bang-diem": "Bảng điểm địa bàn", "xep-hang": "Xếp hạng chỉ số", "cuoc-hop": "Cuộc họp và kết luận",
          "chi-so-766": L.PAGE_766, "nhap-du-lieu": "Nhập dữ liệu"}


def wait_rendered(page) -> float:
    """Wait until the script has finished and every element is drawn; return when the script finished."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
                           timeout=60_000)
    finished = time.perf_counter()
    page.wait_for_timeout(1200)  # charts and the map draw after the script finishes
    return finished


def save_full_screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height))})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


SEA = np.array([0xDF, 0xE8, 0xF0])  # the background of static/map-style.json


def shaded_share(png: bytes) -> float:
    """Return the share of pixels in clearly coloured fills (scored units), not the grey-blue sea."""
    pixels = np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=np.int16)
    spread = pixels.max(axis=2) - pixels.min(axis=2)
    return float((spread > 60).mean())


def drawn_share(png: bytes) -> float:
    """Return the share of pixels that are not the sea: unit shapes (scored or grey), borders and labels."""
    pixels = np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=np.int16)
    return float((np.abs(pixels - SEA).max(axis=2) > 12).mean())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("path", list(TITLES), ids=[p or "tong-quan" for p in TITLES])
def test_page_in_a_real_browser(browser, server, ref, path, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="vi-VN")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    started = time.perf_counter()
    open_signed_in(page, f"{server}/{path}")
    seconds = wait_rendered(page) - started
    RENDER_TIMES.append((f"{path or 'tong-quan'} {size[0]}x{size[1]}", seconds))

    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == TITLES[path]
    assert TITLES[path] in page.title()
    assert page.locator('[data-testid="stException"]').count() == 0
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.all_inner_texts()

    shown = {}
    if any(label != "caption" for label in expected_kpis(ref)[path]):  # on a loaded machine cards may come later
        page.locator('[data-testid="stMetric"]').first.wait_for(state="visible", timeout=30_000)
    for metric in page.locator('[data-testid="stMetric"]').all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        shown[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    for label, value in expected_kpis(ref)[path].items():
        if label == "caption":  # drawn after the map: on a loaded machine it may come a little later
            page.get_by_text(value, exact=True).wait_for(state="visible", timeout=30_000)
        else:
            assert shown.get(label) == value, (label, shown)
            assert page.get_by_text(value, exact=True).first.is_visible()

    if path == "bang-diem":
        deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
        deck.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        assert deck.locator("canvas").count() >= 1
        shot = deck.screenshot()
        drawn, scored = drawn_share(shot), shaded_share(shot)
        assert drawn > 0.10, f"commune shapes cover only {drawn:.0%} of the map"
        assert scored > 0.002, f"scored communes cover only {scored:.1%} of the map"
        assert any(r.endswith("/app/static/map-style.json") for r in requests)  # our own blank style

    if path == "diem-nghen":  # the stage analysis: its tables and one overdue dossier's journey
        heading = page.get_by_text(L.STAGES_TITLE, exact=True)
        heading.scroll_into_view_if_needed()
        journey = page.get_by_text(L.STAGES_JOURNEY, exact=True)
        journey.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        assert heading.is_visible() and journey.is_visible()
        assert page.get_by_text(L.STAGES_JOURNEY_LEGEND, exact=True).is_visible()
        assert page.locator('[data-testid="stVegaLiteChart"]').last.is_visible()

    save_full_screenshot(page, f"{path or 'tong-quan'}_{size[0]}x{size[1]}")
    outside = [r for r in requests if urlparse(r).scheme in ("http", "https", "ws", "wss")
               and urlparse(r).hostname not in LOCAL_HOSTS]
    assert outside == [], outside
    context.close()
