"""Demo index values where nothing is public: monthly 766 scores with components (from 1/7/2025 for all 34
provinces, so that the 766 explainer has a field to rank against), PAR INDEX/SIPAS 2025."""

from datetime import date

import numpy as np

from metrics.text import fold_key

DEMO_SOURCE = "Dữ liệu minh họa (demo) — không phải số liệu công bố"
GROUPS_766 = (  # component, max points
    ("Công khai, minh bạch", 18),
    ("Tiến độ giải quyết", 20),
    ("Dịch vụ công trực tuyến", 22),
    ("Mức độ hài lòng", 18),
    ("Số hóa hồ sơ", 22),
)
PAR_COMPONENTS = (
    ("Công tác chỉ đạo, điều hành CCHC", 9.5),
    ("Xây dựng và tổ chức thực hiện văn bản QPPL", 8.5),
    ("Cải cách thủ tục hành chính", 12.0),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", 8.0),
    ("Cải cách chế độ công vụ", 12.0),
    ("Cải cách tài chính công", 8.0),
    ("Xây dựng, phát triển Chính quyền điện tử, Chính quyền số", 12.0),
    ("Tác động của CCHC đến người dân, tổ chức", 30.0),
)
MERGER_MONTH = date(2025, 7, 1)  # from 1/7/2025 there are 34 provinces
PROVINCES_34 = (  # the provinces and cities from 1/7/2025 (Nghị quyết 202/2025/QH15)
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng",
    "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
    "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)


def _months_before(end: date, count: int) -> list[date]:
    first = date(end.year, end.month, 1)
    months = []
    for back in range(count, 0, -1):
        index = first.year * 12 + first.month - 1 - back
        months.append(date(index // 12, index % 12 + 1, 1))
    return months


def demo_index_rows(rng: np.random.Generator, end: date, province: str) -> list[dict]:
    """Return demo index rows (is_demo=True): 24 monthly 766 results with components, PAR INDEX and SIPAS 2025."""
    rows: list[dict] = []
    months = _months_before(end, 24)
    for i, month in enumerate(months):
        progress = i / max(1, len(months) - 1)
        shares = np.clip(np.array([0.80, 0.86, 0.62, 0.80, 0.58]) + 0.12 * progress
                         + rng.normal(0, 0.025, size=len(GROUPS_766)), 0.3, 1.0)
        parts = [round(float(s) * m, 2) for s, (_, m) in zip(shares, GROUPS_766, strict=True)]
        n_ranked = 63 if month < MERGER_MONTH else 34
        share_rank = float(np.clip(0.45 - 0.25 * progress + rng.normal(0, 0.04), 0.03, 0.95))
        period = f"{month.year}-{month.month:02d}"
        total, rank = round(sum(parts), 2), max(1, round(share_rank * n_ranked))
        rows.append(_row("766", period, province, total, rank, n_ranked, "", 100.0))
        for (name, maximum), score in zip(GROUPS_766, parts, strict=True):
            rows.append(_row("766", period, province, score, None, None, name, float(maximum)))
        if month >= MERGER_MONTH:
            rows += _other_provinces(rng, period, province, total, rank)
    if end.year >= 2026:
        par = [round(m * s, 2) for (_, m), s in zip(
            PAR_COMPONENTS, np.clip(0.9 + rng.normal(0, 0.05, size=len(PAR_COMPONENTS)), 0.6, 1.0), strict=True)]
        rows.append(_row("PAR INDEX", "2025", province, round(sum(par), 2), 9, 34, "", 100.0))
        for (name, maximum), score in zip(PAR_COMPONENTS, par, strict=True):
            rows.append(_row("PAR INDEX", "2025", province, score, None, None, name, maximum))
        rows.append(_row("SIPAS", "2025", province, 85.12, 12, 34, "", 100.0))
    return rows


def _other_provinces(rng: np.random.Generator, period: str, province: str, total: float, rank: int) -> list[dict]:
    """Return the 766 results of the 33 other provinces of a month, consistent with ours: rank − 1 of them score
    above our total and the rest below; each component scores the same share of its maximum as the total."""
    others = [name for name in PROVINCES_34 if fold_key(name) != fold_key(province)]
    order = rng.permutation(len(others))
    above = rank - 1
    room = max(0.2, 99.5 - total)
    up = total + np.cumsum(rng.uniform(0.05, max(0.06, min(1.6, room / max(1, above))), size=above))[::-1]
    down = total - np.cumsum(rng.uniform(0.05, 1.2, size=len(others) - above))
    rows = []
    for place, score in enumerate([*up, *down]):
        name, place_rank = others[order[place]], place + 1 if place < above else place + 2
        score = round(float(max(score, 1.0)), 2)
        rows.append(_row("766", period, name, score, place_rank, len(PROVINCES_34), "", 100.0))
        for component, maximum in GROUPS_766:
            rows.append(_row("766", period, name, round(maximum * score / 100, 2), None, None, component,
                             float(maximum)))
    return rows


def _row(index_name: str, period: str, province: str, score: float | None, rank: int | None,
         n_ranked: int | None, component: str, max_points: float) -> dict:
    return {"index_name": index_name, "period": period, "province": province, "score": score, "rank": rank,
            "n_ranked": n_ranked, "component": component, "max_points": max_points, "source": DEMO_SOURCE,
            "note": None, "is_demo": True}
