"""`analyzer serve` in a real browser: Debian's headless chromium driven by playwright (pointed at the system
browser, never downloading one). The server runs as `python cli.py serve` on a free port over a store of the
corpus; each test opens a page a researcher would, asserts what they would see, and saves a screenshot
(to $ANALYZER_SCREENSHOTS, else a temporary folder; the folder is printed at the end)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    pytest.skip("the browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="the browser tests need playwright: pip install -e \".[dev]\"")
pytest.importorskip("datasette", reason="serve needs datasette: pip install -e \".[serve]\"")

from analyzer.analysis.timeline import metric_timeline  # noqa: E402
from analyzer.analysis.trends import mention_trends  # noqa: E402
from analyzer.cli import main  # noqa: E402
from analyzer.store import open_store  # noqa: E402

from test_store import ROOT  # noqa: E402

# Flags that work as root, without a GPU, a network or a desktop session.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
SEED_DOC = "b-2025-05-26-jjrb-sme-finance"
METRIC = "普惠小微贷款余额"


@pytest.fixture(scope="module")
def store_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "corpus.db")
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "corpus"), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"analyzer serve exited with {server.returncode}: {server.stderr.read()}")
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("analyzer serve did not answer within 120 s")


@pytest.fixture(scope="module")
def base_url(store_db):
    port = free_port()
    server = subprocess.Popen([sys.executable, "cli.py", "serve", "--db", store_db, "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def screenshots(request, tmp_path_factory) -> Path:
    folder = Path(os.environ.get("ANALYZER_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nweb view screenshots: {', '.join(str(p) for p in sorted(folder.glob('*.png')))}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
            headless=True, viewport={"width": 1100, "height": 760}, locale="zh-CN")
        yield context
        context.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh tab that records every request and script error; after the test, none may have left the server
    (the test machine is offline: no CDN) and no script may have failed."""
    tab = browser.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert [url for url in requests if not url.startswith(base_url) and not url.startswith("data:")] == []
    assert errors == []


def open_page(page, base_url: str, path: str, **params) -> None:
    response = page.goto(base_url + path + ("?" + urllib.parse.urlencode(params) if params else ""))
    assert response.ok, f"{path}: HTTP {response.status}"


def hover_center(page, locator) -> None:
    box = locator.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def svg_texts(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("elements => elements.map(e => e.textContent)")


def test_home_page_leads_to_queries_charts_and_documents(page, base_url, screenshots):
    open_page(page, base_url, "/")
    assert page.title().startswith("policy-analyzer store")
    for link in ("A metric's series across sources", "Conflicts between sources", "Chart of a metric's series",
                 "Chart of mention trends", "A document with its figures and mentions highlighted"):
        assert page.get_by_role("link", name=link).count() == 1, link
    assert page.get_by_role("link", name="figures").count() >= 1
    page.screenshot(path=screenshots / "home.png", full_page=True)


def test_timeline_query_shows_the_series(page, base_url, store_db, screenshots):
    expected = metric_timeline(open_store(store_db), METRIC)
    open_page(page, base_url, "/analyzer/timeline", metric=METRIC, _hide_sql="1")
    values = page.locator("td.col-value").all_inner_texts()
    assert [Decimal(v) for v in values] == [Decimal(v) for v in expected.value]
    assert page.locator("td.col-period_end").all_inner_texts() == list(expected.period_end)
    reads = page.locator("td.col-reads").all_inner_texts()
    assert reads[-1] == "35.3万亿元" and "32.93万亿元" in reads
    page.screenshot(path=screenshots / "timeline.png", full_page=True)


def test_series_chart_plots_every_period(page, base_url, store_db, screenshots):
    expected = metric_timeline(open_store(store_db), METRIC)
    open_page(page, base_url, "/-/dashboards/metric-series", metric=METRIC)
    points = page.locator("#chart-series svg g.layer_1_marks path")
    points.first.wait_for()
    assert points.count() == len(expected)
    hover_center(page, points.last)  # the latest period
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert "35.3万亿元" in tooltip.inner_text() and "2025-03-31" in tooltip.inner_text()
    assert SEED_DOC in tooltip.inner_text()
    page.screenshot(path=screenshots / "chart-series.png", full_page=True)


def test_series_chart_draws_a_range_from_end_to_end(page, base_url, store_db, screenshots):
    """A range (科技型企业贷款增速15%至20%) was drawn as a point at its low end; now the point sits in its middle
    and a bar runs from 15 to 20 (the same as `timeline --plot`)."""
    store = open_store(store_db)
    _, keys = store.sql("SELECT metric_key FROM figures WHERE value_high IS NOT NULL AND period_end IS NOT NULL "
                        "AND measure = 'rate' AND metric_key IS NOT NULL ORDER BY metric_key")
    metric = next(key for (key,) in keys if metric_timeline(store, key).value_high.notna().any())
    expected = metric_timeline(store, metric)
    open_page(page, base_url, "/-/dashboards/metric-series", metric=metric)
    page.locator("#chart-series svg g.layer_1_marks path").first.wait_for()
    bars = page.locator("#chart-series svg g.layer_2_marks line")
    assert bars.count() == int(expected.value_high.notna().sum()) > 0
    page.screenshot(path=screenshots / "chart-range.png", full_page=True)


def a_series_with_disagreements(store_db: str) -> tuple[str, int, int]:
    """A metric whose default series has points on which sources disagree: (key, points, disagreements)."""
    store = open_store(store_db)
    _, keys = store.sql("SELECT metric_key FROM figures WHERE period_end IS NOT NULL AND metric_key IS NOT NULL "
                        "GROUP BY metric_key HAVING count(DISTINCT period_end) > 2 ORDER BY count(*) DESC, metric_key")
    for (key,) in keys:
        timeline = metric_timeline(store, key)
        if timeline.disagree.any():
            return key, len(timeline), int(timeline.disagree.sum())
    pytest.fail("the corpus has no series on which sources disagree")


def test_series_chart_marks_disagreements_red(page, base_url, store_db, screenshots):
    metric, points, disagreements = a_series_with_disagreements(store_db)
    open_page(page, base_url, "/-/dashboards/metric-series", metric=metric)
    marks = page.locator("#chart-series svg g.layer_1_marks path")
    marks.first.wait_for()
    assert marks.count() == points
    red = page.locator('#chart-series svg g.layer_1_marks path[fill="#d62728"]')
    assert red.count() == disagreements
    hover_center(page, red.first)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert " | " in tooltip.inner_text()  # each value with who gave it
    page.screenshot(path=screenshots / "chart-disagreement.png", full_page=True)


def test_mention_trends_chart_names_the_most_mentioned_tools(page, base_url, store_db, screenshots):
    expected = mention_trends(open_store(store_db), "tool", "year")
    top = expected.groupby("name").mentions.sum().sort_values(ascending=False)
    clear_top = top[top > top.iloc[6]].index[:5]  # the names surely in a top 6 (no tie at the edge)
    open_page(page, base_url, "/-/dashboards/mention-trends", kind="policy_tool", freq="year", top="6")
    page.locator("#chart-trends svg g.mark-line").first.wait_for()
    legend = svg_texts(page, "#chart-trends svg g.role-legend text")
    assert set(clear_top) <= set(legend)
    years = svg_texts(page, "#chart-trends svg g.role-axis text")
    assert set(expected.period) <= set(years)
    page.screenshot(path=screenshots / "chart-trends.png", full_page=True)


def test_document_page_highlights_the_figure_with_its_metric(page, base_url, store_db, screenshots):
    open_page(page, base_url, f"/-/document/{SEED_DOC}")
    stored = open_store(store_db).documents()
    assert page.locator("h1").inner_text() == stored.set_index("doc_id").loc[SEED_DOC, "title"]
    figure = page.locator("#doc-text mark.figure", has_text="35.3万亿元").first
    assert figure.inner_text() == "35.3万亿元"
    assert figure.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    figure.hover()
    card = page.locator("#hover-card")
    card.wait_for(state="visible")
    shown = card.inner_text()
    for attribute in ("普惠小微贷款余额", "35300000000000", "CNY", "level", "2025-03-31"):
        assert attribute in shown, attribute
    assert page.locator("#doc-text mark.sector", has_text="小微企业").count() >= 1
    page.screenshot(path=screenshots / "document.png")
