"""`promolint serve` in a real browser: Debian's headless chromium driven by playwright.

The marketer's path: open the page, type a 满50减200 draft, see the finding at its line
and column, the price past the line on the chart with its receipt, switch to Chinese,
save (exactly the draft; another file is never overwritten without asking), price a cart.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROMOLINT = Path(sys.executable).with_name("promolint")

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="needs Debian's chromium (.ci/run installs it)")

HEAD = """apiVersion: promolint/v1
kind: Promotion
id: d11-draft
name: "Double 11: spend 200, save 50"
currency: CNY
window:
  start: 2026-11-11T00:00:00+08:00
  end: 2026-11-12T00:00:00+08:00
scope:
  categories: [apparel]
limits:
  per_user: 1
  budget: 500000
benefit:
  type: threshold_off
  threshold: 50
  amount: 20"""
DRAFT = HEAD + "0\n"  # the last "0" (20 -> 200) and the newline are typed key by key
AMOUNT_LINE = HEAD.count("\n") + 1


def start(root: Path, lang: str = "en"):
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
    proc = subprocess.Popen([str(PROMOLINT), "serve", "--no-browser", "--lang", lang, str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
    if not found:
        proc.kill()
        pytest.fail(f"serve printed no address: {line!r} {proc.stderr.read()}")
    return proc, found[0]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chrome
        chrome.close()


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLES / "shop", root)
    proc, url = start(root)
    yield root, url
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
    assert "Traceback" not in proc.stderr.read()


def test_marketer_types_a_bad_draft_sees_the_money_and_saves_it(browser, shop):
    from playwright.sync_api import expect
    root, url = shop
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # generous waits: on a loaded machine expect()'s 5 s default made the test flaky
    page.set_default_timeout(60_000)
    expect.set_options(timeout=30_000)
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("requestfailed", lambda req: errors.append(req.url))
    origin = url.split("/?")[0] + "/"
    page.on("request", lambda req: None if req.url.startswith((origin, "data:"))
            else errors.append(f"fetched from elsewhere: {req.url}"))  # works offline
    began = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready]")
    print(f"page ready in {time.perf_counter() - began:.2f} s")
    assert page.locator(".promo").count() == 7  # every promotion of examples/shop

    page.click("#editor .CodeMirror")
    page.keyboard.insert_text(HEAD)  # a paste
    page.keyboard.type("0")
    page.keyboard.insert_text("\n")

    finding = page.locator('#draft-findings li[data-rule="inverted-threshold"]')
    finding.wait_for()
    assert finding.get_attribute("data-line") == str(AMOUNT_LINE)
    assert finding.get_attribute("data-column") == "11"
    assert "spend 50.00 CNY, save 200.00 CNY" in finding.inner_text()
    mark = page.locator("#editor .pl-mark-error")
    assert mark.inner_text() == "200"  # the offending value, marked in the editor
    assert page.locator("#editor .pl-dot.error").count() == 1

    chart = page.locator('.chart[data-sku="TEE-001"]')
    past = chart.locator('circle.point[data-past="true"]')
    assert past.count() >= 1
    floor = float(chart.locator("svg").get_attribute("data-line"))
    assert float(past.first.get_attribute("data-unit")) < floor  # the price past the line
    receipt = chart.locator(".receipt")
    assert "pays 0.00 CNY" in receipt.inner_text() and "99.00" in receipt.inner_text()

    page.click('#lang-switch button[data-lang="zh"]')
    assert "满 50.00 CNY 减 200.00 CNY" in finding.inner_text()
    assert page.locator("#draft-panel h2").inner_text() == "草稿"
    assert "只付 0.00 CNY" in receipt.inner_text()
    page.click('#lang-switch button[data-lang="en"]')
    assert page.locator("#draft-panel h2").inner_text() == "Draft"

    page.click("#save-btn")
    expect(page.locator("#save-status")).to_have_text(re.compile("^saved"))  # the page's CSP forbids eval
    assert (root / "drafts" / "draft.promo.yaml").read_bytes() == DRAFT.encode("utf-8")

    other = root / "promotions" / "double11.promo.yaml"
    before = other.read_bytes()
    page.fill("#draft-path", "promotions/double11.promo.yaml")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#save-btn")
    expect(page.locator("#save-status")).to_have_text("not saved")
    assert asked and "already exists" in asked[0]
    assert other.read_bytes() == before

    page.fill("#draft-path", "drafts/draft.promo.yaml")
    page.fill("#cart-text", "lines:\n  - {sku: TEE-001, quantity: 1}\n")
    page.fill("#eval-at", "2026-11-11T10:00:00+08:00")
    page.click("#eval-btn")
    page.wait_for_selector("#eval-total")
    assert page.locator("#eval-total").inner_text() == "0.00"  # the draft gives the tee away
    assert page.locator('#eval-applied li[data-id="d11-draft"]').count() == 1
    assert "outside its window" in page.locator('#eval-skipped li[data-id="first-order-15"]').inner_text() \
        or page.locator('#eval-skipped li[data-id="first-order-15"]').count() == 1

    page.click("#draft-findings button.fix")  # the suggested fix: 满50减200 -> 满200减50
    page.locator('#draft-findings li[data-rule="inverted-threshold"]').wait_for(state="detached")
    text = page.evaluate("window.promolintEditor.getValue()")
    assert "threshold: 200" in text and "amount: 50" in text

    page.select_option("#open-file", "promotions/member-week.promo")  # open a repo file
    page.click("#open-btn")
    # wait for the file itself: the fixed draft before it already had "No findings"
    wanted = (root / "promotions" / "member-week.promo").read_text(encoding="utf-8")
    page.wait_for_function("text => window.promolintEditor.getValue() === text", arg=wanted)
    expect(page.locator("#draft-summary")).to_have_text("No findings: this draft looks safe.")
    assert not errors
    page.close()
