"""A new visitor's first page (issue #14, item 3), measured in Debian's Chromium (prints figures, not a test).

    LOAD_PASSWORD=… python bench/first_visit.py --url http://127.0.0.1:8501 [--user NAME] [--runs 5] [--typing S]

Each run opens a fresh browser context (empty cache, no session) on the overview and times, from the navigation:
the HTML and the script bundle (DOMContentLoaded), the sign-in form drawn, and after the form is sent the
overview complete (its eight cards drawn and the script finished). `--typing` waits that long between the form
appearing and sending it, as a person typing does (default 0: sent at once).

The moments are taken in the page itself: a MutationObserver notes when the form's first field and the eighth card
enter the document, at the next animation frame (when they are painted). Playwright's own waiting polls at growing
intervals (up to 500 ms), which made earlier figures (docs/history/scaling.md §0d–0f) late by up to half a second at
random; its times are printed beside them (`*_polled_s`). It prints each run, the medians, and on its last line one JSON
object.
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
from ui.warmup import KEY as WARMUP_KEY  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FINISHED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
OBSERVER = """
window.__marks = {};
const mark = (name) => { if (!(name in window.__marks)) {
  window.__marks[name] = -1; requestAnimationFrame(() => { window.__marks[name] = performance.now(); }); } };
new MutationObserver(() => {
  if (document.querySelector('input[aria-label="@USER@"]')) mark('form');
  if (document.querySelectorAll('[data-testid="stMetric"]:not(.st-key-@WARMUP@ *)').length >= 8) mark('cards');
}).observe(document, {subtree: true, childList: true});
document.addEventListener('click', (e) => {
  if (e.target.closest('button') && !('sent' in window.__marks)) window.__marks.sent = performance.now(); }, true);
""".replace("@USER@", L.SIGN_IN_USER).replace("@WARMUP@", WARMUP_KEY)


def visit(browser, url: str, user: str, password: str, typing: float) -> dict[str, float]:
    """Return the seconds of each stage of one first visit."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    page.add_init_script(OBSERVER)
    started = time.perf_counter()
    page.goto(f"{url}/tong-quan", wait_until="load")
    dcl = page.evaluate("() => performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart")
    page.get_by_label(L.SIGN_IN_USER, exact=True).wait_for(timeout=60_000)
    form = time.perf_counter()
    page.get_by_label(L.SIGN_IN_USER, exact=True).fill(user)
    page.get_by_label(L.SIGN_IN_PASSWORD, exact=True).fill(password)
    time.sleep(typing)
    sent = time.perf_counter()
    page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True).click()
    page.locator('[data-testid="stMetric"]:visible').nth(7).wait_for(timeout=60_000)
    page.wait_for_function(FINISHED, timeout=60_000)
    done = time.perf_counter()
    page.wait_for_function("() => window.__marks.cards > 0", timeout=60_000)
    marks = page.evaluate("() => window.__marks")
    context.close()
    form_s, after_s = marks["form"] / 1000, (marks["cards"] - marks["sent"]) / 1000
    return {"dom_content_loaded_s": dcl / 1000, "sign_in_form_s": form_s, "overview_after_sign_in_s": after_s,
            "first_page_without_typing_s": form_s + after_s, "sign_in_form_polled_s": form - started,
            "overview_after_sign_in_polled_s": done - sent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", default="quantri")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--typing", type=float, default=0.0, help="seconds between the form and sending it")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    password = os.environ.get("LOAD_PASSWORD", "")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        runs = [visit(browser, args.url, args.user, password, args.typing) for _ in range(args.runs)]
        browser.close()
    for number, run in enumerate(runs, start=1):
        print(number, "  ".join(f"{key} {value:.2f}" for key, value in run.items()))
    medians = {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}
    print(json.dumps({"runs": len(runs), **medians}))


if __name__ == "__main__":
    main()
