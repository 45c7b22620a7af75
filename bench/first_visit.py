"""A new visitor's first page (issue #14, item 3), measured in Debian's Chromium (prints figures, not a test).

    LOAD_PASSWORD=… python bench/first_visit.py --url http://127.0.0.1:8501 [--user NAME] [--runs 5]

Each run opens a fresh browser context (empty cache, no session) on the overview and times, from the navigation:
the HTML and the script bundle (DOMContentLoaded, load), the sign-in form drawn (websocket open and app.py's first
run), and after the form is sent the overview complete (its eight cards drawn and the script finished). It prints
each run, the medians, and on its last line one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from texts import labels as L  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FINISHED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def visit(browser, url: str, user: str, password: str) -> dict[str, float]:
    """Return the seconds of each stage of one first visit."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    started = time.perf_counter()
    page.goto(f"{url}/tong-quan", wait_until="load")
    loaded = time.perf_counter()
    timing = page.evaluate("() => { const t = performance.timing; return "
                           "[t.domContentLoadedEventEnd - t.navigationStart, t.loadEventEnd - t.navigationStart]; }")
    page.get_by_label(L.SIGN_IN_USER, exact=True).wait_for(timeout=60_000)
    form = time.perf_counter()
    page.get_by_label(L.SIGN_IN_USER, exact=True).fill(user)
    page.get_by_label(L.SIGN_IN_PASSWORD, exact=True).fill(password)
    sent = time.perf_counter()
    page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True).click()
    page.locator('[data-testid="stMetric"]').nth(7).wait_for(timeout=60_000)
    cards = time.perf_counter()
    page.wait_for_function(FINISHED, timeout=60_000)
    done = time.perf_counter()
    context.close()
    return {"dom_content_loaded_s": timing[0] / 1000, "load_s": timing[1] / 1000, "page_load_s": loaded - started,
            "sign_in_form_s": form - started, "overview_cards_after_sign_in_s": cards - sent,
            "overview_finished_after_sign_in_s": done - sent,
            "first_page_without_typing_s": (form - started) + (done - sent)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", default="quantri")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    password = os.environ.get("LOAD_PASSWORD", "")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        runs = [visit(browser, args.url, args.user, password) for _ in range(args.runs)]
        browser.close()
    for number, run in enumerate(runs, start=1):
        print(number, "  ".join(f"{key} {value:.2f}" for key, value in run.items()))
    medians = {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}
    print(json.dumps({"runs": len(runs), **medians}))


if __name__ == "__main__":
    main()
