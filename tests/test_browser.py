"""The built book in a real browser (Debian's Chromium driven by Playwright), served from 127.0.0.1.

For every page: no request leaves localhost, no console error, every image loads, every figure image has alt
text, and every internal link and anchor resolves. A missing browser is a failure, not a skip.
"""

import re
import shutil
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from bookserver import HTML, pages, serve

pytestmark = pytest.mark.built

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        # the browser itself may resolve no host but 127.0.0.1, so nothing can leak even if a page asked
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def site():
    from playwright.sync_api import sync_playwright

    base, stop = serve()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield base, browser
        browser.close()
    stop()


def visit(browser, url):
    """Load a page; return what a reader's browser saw: requests, console errors, failed loads, the page."""
    context = browser.new_context()
    page = context.new_page()
    seen = {"requests": [], "errors": [], "failed": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("requestfailed", lambda r: seen["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    # A redirect page (the site's index.html, a zero-second meta refresh) navigates on after "load"; evaluating it
    # before the next page has loaded races that navigation, so follow it first (decided from the built file: the
    # page's own context may already have been replaced, and its response body with it).
    built = HTML / urlparse(url).path.lstrip("/")
    target = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', built.read_text(encoding="utf-8")) if built.is_file() else None
    page.goto(url, wait_until="load")
    if target:
        page.wait_for_url(urljoin(url, target.group(1)), wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, seen


@pytest.mark.parametrize("path", pages())
def test_page_is_offline_private_and_whole(site, path):
    base, browser = site
    context, page, seen = visit(browser, f"{base}/{path}")
    try:
        outside = [u for u in seen["requests"] if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
        assert outside == [], f"requests leaving localhost: {outside}"
        assert seen["errors"] == [], f"console errors: {seen['errors']}"
        assert seen["failed"] == [], f"failed loads: {seen['failed']}"
        broken = page.eval_on_selector_all("img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)")
        assert broken == [], f"images that did not load: {broken}"
        no_alt = page.eval_on_selector_all("figure img", "els => els.filter(e => !e.alt || e.alt.endsWith('.svg') || e.alt.endsWith('.png')).map(e => e.src)")
        assert no_alt == [], f"figure images without alt text: {no_alt}"
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    finally:
        context.close()
    check_links(site, path, links)


_anchors: dict[str, set[str]] = {}


def check_links(site, path, links):
    """Every link to this book must reach an existing page (HTTP 200) and, with a #fragment, an existing id."""
    base, browser = site
    import urllib.request

    for link in sorted(set(links)):
        if not link.startswith(base):
            continue  # links to other sites are citations a reader may follow; they are not loaded here
        target, fragment = urldefrag(link)
        with urllib.request.urlopen(target) as response:  # raises on 404
            assert response.status == 200, f"{path}: {link}"
        if fragment and target.endswith(".html"):
            if target not in _anchors:
                context = browser.new_context()
                page = context.new_page()
                page.goto(target)
                _anchors[target] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
                context.close()
            assert fragment in _anchors[target], f"{path}: anchor #{fragment} missing in {target}"


CHAPTERS = ["book/overview.html", "book/moldova.html", "book/central_asia.html", "book/south_caucasus.html",
            "book/belarus.html", "book/claims.html", "book/data.html", "book/profiles/index.html",
            *[f"book/profiles/{c}.html" for c in ("kaz", "kgz", "tjk", "tkm", "uzb", "arm", "aze", "geo", "mda", "blr")]]


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p in pages()])
def test_page_weight_within_budget(site, path):
    """A chapter's own bytes (HTML + figures) <= 400 KB; a cold load <= 1 MB gzip-equivalent."""
    from nearabroad.bench import page_weight

    base, browser = site
    w = page_weight(base, path, browser)
    assert w["own_raw"] <= 400 * 1024, f"{path}: own bytes {w['own_raw'] / 1024:.0f} KB"
    assert w["total_gzip"] <= 1024 * 1024, f"{path}: cold load {w['total_gzip'] / 1024:.0f} KB gzip-equivalent"


@pytest.mark.parametrize("path", pages())
def test_no_serious_or_critical_accessibility_violation(site, path):
    """axe-core (bundled with axe-playwright-python, injected locally) finds nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    base, browser = site
    context, page, _ = visit(browser, f"{base}/{path}")
    try:
        results = Axe().run(page)
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{path}: {bad}"
    finally:
        context.close()


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p in pages()])
def test_phone_no_horizontal_scroll_and_figures_open_full_size(site, path):
    """At 390 px the page does not scroll sideways (tables scroll inside their own box), and every figure image is a
    link to its full-size SVG, so one tap opens it."""
    base, browser = site
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{base}/{path}", wait_until="load")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path}: page is {overflow}px wider than the phone"
        unlinked = page.eval_on_selector_all(
            "figure img", "els => els.filter(e => !(e.closest('a') && e.closest('a').href.endsWith('.svg'))).map(e => e.src)")
        assert unlinked == [], f"{path}: figures that do not open full size: {unlinked}"
        narrow = page.eval_on_selector_all(
            "figure a.figure-full img", "els => els.filter(e => e.getBoundingClientRect().width < 540).map(e => e.src)")
        assert narrow == [], f"{path}: charts shrunk below a legible width on a phone: {narrow}"
    finally:
        context.close()


def test_hovering_or_tabbing_to_a_chart_mark_shows_its_value_year_and_source(site):
    """Point at a mark: its value, year and publisher show beside it and in the line under the chart; the arrow keys
    move to the next mark. The figure files readers download are the committed ones, untouched by the marks."""
    import hashlib
    import json
    from pathlib import Path

    import pandas as pd

    base, browser = site
    context, page, seen = visit(browser, f"{base}/book/overview.html")
    try:
        figure = page.locator("#fig-overview-remittances")
        figure.scroll_into_view_if_needed()
        readout = page.locator("#fig-overview-remittances .figure-readout")
        marks = figure.locator(".figure-mark")
        assert marks.count() == 18  # nine countries, two years each: one mark per plotted value
        mark = figure.locator('.figure-mark[data-tip^="Tajikistan"][data-tip*="2024"]')
        mark.hover()
        text = readout.inner_text()
        tip = mark.get_attribute("data-tip")
        assert text == tip and " · World Bank" in text
        # the value shown is the value in the figure's data, for the year shown
        rows = pd.read_csv(Path(__file__).resolve().parents[1] / "book/_extra/figures/fig-overview-remittances.csv")
        shown = {(r.country, str(r.year), repr(r.value)) for r in rows.itertuples()}
        who, _, when_value = text.partition(" · Personal remittances received, % of GDP · ")
        when, value = when_value.split(" · ")[0].split(": ")
        assert value.endswith(" % of GDP")  # the unit from the indicator catalogue
        assert (who, when, value.removesuffix(" % of GDP")) in shown
        marks.first.focus()
        assert readout.inner_text() == marks.first.get_attribute("data-tip")
        page.keyboard.press("ArrowRight")
        assert readout.inner_text() == marks.nth(1).get_attribute("data-tip") != marks.first.get_attribute("data-tip")
        assert seen["errors"] == []
    finally:
        context.close()
    root = Path(__file__).resolve().parents[1]
    for name in ("svg", "png", "pdf"):
        built = (root / "_build/html/figures" / f"fig-overview-remittances.{name}").read_bytes()
        committed = (root / "book/_extra/figures" / f"fig-overview-remittances.{name}").read_bytes()
        assert hashlib.sha256(built).digest() == hashlib.sha256(committed).digest()
        assert b"figure-mark" not in built
    assert json.loads((root / "book/_extra/figures/fig-overview-remittances.json").read_text())["marks"]


def test_profile_events_filter_and_a_profile_chart_reads_its_values(site):
    """On a country profile, typing in the events box keeps the matching rows; a small-multiples chart's mark shows
    its value; a country on the overview's tile map opens its profile."""
    base, browser = site
    context, page, seen = visit(browser, f"{base}/book/profiles/kaz.html")
    try:
        rows = page.locator("#events-kaz tbody tr")
        total = rows.count()
        assert total > 10
        page.fill("input.list-filter", "2022")
        shown = page.locator("#events-kaz tbody tr:not([hidden])")
        assert 0 < shown.count() < total
        assert all("2022" in shown.nth(i).inner_text() for i in range(shown.count()))
        mark = page.locator("#fig-profile-kaz-trade .figure-mark").first
        mark.focus()
        assert page.locator("#fig-profile-kaz-trade .figure-readout").inner_text().startswith("Kazakhstan · ")
        assert seen["errors"] == []
    finally:
        context.close()
    context, page, seen = visit(browser, f"{base}/book/overview.html")
    try:
        page.locator('#fig-overview-verdicts a.figure-mark[href$="profiles/tjk.html"]').click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/book/profiles/tjk.html")
        assert page.locator("h1").first.inner_text().startswith("Tajikistan")
    finally:
        context.close()
