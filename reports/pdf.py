"""The meeting pack as an A4 landscape PDF: a cover, a summary page of the headline cards (status by colour, symbol
and word, change since the previous meeting), then one section per agenda item (overview, tasks, bottlenecks,
districts, ranking). Tables repeat their header and break between rows, never inside one; the chart is vector; text
uses the bundled DejaVu Sans, so Vietnamese diacritics are embedded."""

from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from metrics.text import strip_controls
from reports.pack_data import PackData
from texts import labels as L
from texts import pack as P
from texts.figures import figures_table
from texts.fmt import fmt_date, fmt_datetime, fmt_index_period, fmt_int, fmt_number, fmt_pct, fmt_window
from views.cards import KpiCard
from views.palette import CARD_BACKGROUNDS, CARD_COLOURS

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
PAGE = landscape(A4)
TITLE = P.TITLE
VIETNAM = timezone(timedelta(hours=7))  # load times are stored in UTC


def _fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "cover": ParagraphStyle("cover", fontName="DejaVu-Bold", fontSize=24, leading=30, spaceAfter=12),
        "h1": ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=16, leading=20, spaceAfter=8),
        "body": ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15),
        "cell": ParagraphStyle("cell", fontName="DejaVu", fontSize=9, leading=11),
    }


def _text(value: object) -> str:
    """Escape imported text for reportlab's mini-markup (it is never interpreted)."""
    return strip_controls(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(header: list[str], rows: list[list[object]], widths: list[float], styles) -> Table:
    head = ParagraphStyle("head", parent=styles["cell"], fontName="DejaVu-Bold", textColor=colors.white)
    cells = [[Paragraph(_text(h), head) for h in header]]
    cells += [[Paragraph(_text(v), styles["cell"]) for v in row] for row in rows]
    table = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3b63")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef2f6")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _bar_chart(frame: pd.DataFrame, label: str, value: str) -> Drawing:
    drawing = Drawing(250 * mm, max(40, 9 * len(frame)) * mm / 1.6)
    chart = HorizontalBarChart()
    chart.x, chart.y = 70 * mm, 5 * mm
    chart.width, chart.height = 165 * mm, drawing.height - 10 * mm
    chart.data = [list(frame[value].astype(float))[::-1]]
    chart.categoryAxis.categoryNames = [str(n)[:45] for n in frame[label]][::-1]
    chart.categoryAxis.labels.fontName = "DejaVu"
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = "DejaVu"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = fmt_int
    chart.valueAxis.valueStep = max(1, int(frame[value].max() // 5) or 1)
    chart.bars[0].fillColor = colors.HexColor("#b45309")
    drawing.add(chart)
    return drawing


def _tile(card: KpiCard, styles) -> list[Paragraph]:
    colour = colors.HexColor(CARD_COLOURS.get(card.status, CARD_COLOURS["none"]))
    small = ParagraphStyle("tile", parent=styles["cell"], fontSize=9, leading=11)
    value = ParagraphStyle("value", parent=styles["cell"], fontName="DejaVu-Bold", fontSize=22, leading=28,
                           textColor=colour)
    status = ParagraphStyle("status", parent=small, fontName="DejaVu-Bold", textColor=colour)
    lines = [Paragraph(_text(card.label), small), Paragraph(_text(card.value), value)]
    if card.status in L.STATUS_WORDS:
        lines.append(Paragraph(_text(f"{L.STATUS_SYMBOLS[card.status]} {L.STATUS_WORDS[card.status]}"), status))
    for extra in (card.note, card.delta, card.concerns):
        if extra:
            lines.append(Paragraph(_text(extra), small))
    return lines


def _tiles(cards: list[KpiCard], styles, per_row: int = 4) -> Table:
    """Return the headline cards as tiles: status by background, a coloured bar, the symbol and the word."""
    rows = [[_tile(card, styles) for card in cards[i:i + per_row]] for i in range(0, len(cards), per_row)]
    rows = [row + [""] * (per_row - len(row)) for row in rows]
    table = Table(rows, colWidths=[(PAGE[0] - 30 * mm) / per_row] * per_row)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 8), ("LEFTPADDING", (0, 0), (-1, -1), 10),
             ("GRID", (0, 0), (-1, -1), 3, colors.white)]
    for i, card in enumerate(cards):
        cell = (i % per_row, i // per_row)
        style += [("BACKGROUND", cell, cell, colors.HexColor(CARD_BACKGROUNDS.get(card.status, "#ffffff"))),
                  ("LINEBEFORE", cell, cell, 6, colors.HexColor(CARD_COLOURS.get(card.status, "#616161")))]
    table.setStyle(TableStyle(style))
    return table


def _loaded(iso: str) -> str:
    try:
        return fmt_datetime(datetime.fromisoformat(iso).astimezone(VIETNAM).replace(tzinfo=None))
    except ValueError:
        return P.NOT_KNOWN


def render(pack: PackData) -> bytes:
    """Return the PDF bytes of a meeting pack."""
    _fonts()
    styles = _styles()
    buffer = BytesIO()
    cutoff = fmt_date(pack.cutoff.date())  # the figures count the whole day: "hết ngày 20/11/2026"

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        canvas.drawString(15 * mm, 8 * mm, P.FOOTER.format(province=pack.province, title=pack.title, cutoff=cutoff))
        canvas.drawRightString(PAGE[0] - 15 * mm, 8 * mm, P.FOOTER_PAGE.format(n=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=TITLE, author=P.AUTHOR.format(province=pack.province))
    story = [
        Spacer(1, 30 * mm), Paragraph(TITLE, styles["cover"]),
        Paragraph(P.COVER_PROVINCE.format(province=_text(pack.province)), styles["h1"]),
        Paragraph(P.COVER_MEETING.format(title=_text(pack.title)), styles["body"]),
        Paragraph(P.COVER_CUTOFF.format(cutoff=cutoff), styles["body"]),
        Paragraph(P.COVER_PERIOD.format(start=fmt_date(pack.period.start), end=fmt_date(pack.period.end)),
                  styles["body"]),
        Paragraph(P.COVER_LOADED.format(loaded=_loaded(pack.loaded_at)), styles["body"]),
        Paragraph(P.COVER_SCOPE, styles["body"]),
        PageBreak(),
        Paragraph(P.SUMMARY.format(period=P.SUMMARY_PERIOD.format(end=fmt_date(pack.period.end)),
                                   compare=pack.compare), styles["h1"]),
        _tiles(pack.cards, styles),
        PageBreak(),
        Paragraph(P.SECTION_OVERVIEW.format(page=L.PAGE_OVERVIEW, what=L.MEETING_FIGURES.lower()), styles["h1"]),
        _table(pack.figure_headers, figures_table(pack.figures).values.tolist(),
               [120, 45, 45, 45], styles),
        PageBreak(),
        Paragraph(P.SECTION_TASKS.format(page=L.PAGE_TASKS, n=fmt_int(len(pack.overdue_tasks))), styles["h1"]),
        _table(P.TASK_HEADER,
               [[t["content"], t["lead_agency_shown"], fmt_int(t["days_overdue"]), fmt_date(t["deadline"]),
                 t["doc_number"]] for t in pack.overdue_tasks.to_dict("records")] or [[P.NOT_KNOWN] * 5],
               [105, 60, 25, 25, 50], styles),
        PageBreak(),
        Paragraph(P.SECTION_BOTTLENECKS.format(page=L.PAGE_BOTTLENECKS), styles["h1"]),
    ]
    land = pack.land_env_by_agency
    if not land.empty:
        story += [_bar_chart(land, "name", "overdue_total"), Spacer(1, 4 * mm)]
    story += [
        _table(P.LAND_HEADER,
               [[r["name"], fmt_int(r["overdue_total"]), fmt_int(r["in_progress_overdue"]),
                 fmt_int(r["late_with_apology"]), fmt_pct(r["apology_compliance"])]
                for r in land.to_dict("records")] or [[P.NOT_KNOWN] * 5], [110, 35, 45, 35, 35], styles),
        PageBreak(),
        Paragraph(P.SECTION_SCORECARD.format(page=L.PAGE_SCORECARD), styles["h1"]),
        Paragraph(_text(L.SCORECARD_WINDOW.format(window=fmt_window(pack.scorecard_window.start,
                                                                     pack.scorecard_window.end))), styles["body"]),
        _table(P.SCORECARD_HEADER,
               [[L.SCORECARD_INSUFFICIENT if pd.isna(r["rank"]) else fmt_int(r["rank"]), r["name"],
                 fmt_pct(r.get("on_time_rate")), fmt_int(r.get("overdue_total")),
                 fmt_int(r.get("overdue_tasks")), fmt_number(r.get("composite"), 1)]
                for r in pack.scorecard.to_dict("records")], [20, 80, 35, 35, 35, 35], styles),
        PageBreak(),
        Paragraph(P.SECTION_RANKING.format(page=L.PAGE_RANKING), styles["h1"]),
        _table(P.RANKING_HEADER,
               [[L.INDEX_NAMES.get(r["index"], r["index"]), fmt_index_period(r["period"]),
                 f"{r['rank']}/{r['n_ranked']}", fmt_number(r["score"], 2), r["source"] or P.NOT_KNOWN]
                for r in pack.ranks.to_dict("records")]
               or [[P.NOT_KNOWN] * 5], [40, 30, 30, 30, 120], styles),
    ]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
