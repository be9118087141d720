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
    found = re.search(r"http://127\.0\.0\.1:\d+/\?code=\S+", line)
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
    assert page.url == origin  # the one-time code is gone from the address bar
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
    assert "), pays 0.00 CNY" in receipt.inner_text() and "99.00" in receipt.inner_text()

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
    page.click("#save-btn")  # another file under that name: both versions, no reflex "OK"
    expect(page.locator("#save-status")).to_have_text("not saved")
    expect(page.locator("#conflict")).to_be_visible()
    assert page.locator("#conflict-theirs").inner_text().strip() == before.decode().strip()
    assert "threshold: 50" in page.locator("#conflict-yours").inner_text()
    page.click("#conflict-cancel")
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
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("#open-btn")  # the fixed draft is not saved: asked first
    # wait for the file itself: the fixed draft before it already had "No findings"
    wanted = (root / "promotions" / "member-week.promo").read_text(encoding="utf-8")
    page.wait_for_function("text => window.promolintEditor.getValue() === text", arg=wanted)
    expect(page.locator("#draft-summary")).to_have_text("No findings: this draft looks safe.")
    assert asked and "unsaved" in asked[0]
    assert not errors
    page.close()


# -- issue 24, "the page, for a marketer": one browser, an in-process server per repo ----------

@pytest.fixture
def open_page(browser):
    """open_page(root, width=1400) -> (server, page): the page logged in through its code."""
    import threading
    from promolint.serve.repo import Repo
    from promolint.serve.server import PageServer
    opened = []

    def open_(root: Path, width: int = 1400, height: int = 900):
        server = PageServer(Repo(root), 0, "en")
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        page = browser.new_page(viewport={"width": width, "height": height})
        page.set_default_timeout(30_000)
        opened.append((server, page))
        errors = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(server.address())
        page.wait_for_selector("body[data-ready]")
        page.errors = errors
        return server, page

    yield open_
    for server, page in opened:
        assert not page.errors
        page.close()
        server.shutdown()
        server.server_close()


@pytest.fixture
def shop_copy(tmp_path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLES / "shop", root)
    return root


def near(page, a: str, b: str, within: float = 120) -> bool:
    """Whether two elements sit close together (the error beside its button)."""
    one, two = page.locator(a).bounding_box(), page.locator(b).bounding_box()
    return abs(one["y"] - two["y"]) < within and abs(one["x"] - two["x"]) < 900


def type_draft(page, text: str) -> None:
    page.click("#editor .CodeMirror")
    page.keyboard.insert_text(text)
    page.wait_for_function("() => document.getElementById('status').textContent === 'up to date'"
                           " || document.getElementById('status').textContent === '已是最新'")


def test_errors_show_beside_the_button_and_keep_the_last_result(open_page, shop_copy):
    from playwright.sync_api import expect
    _, page = open_page(shop_copy)
    page.fill("#cart-text", "lines:\n  - {sku: TEE-001, quantity: 1}\n")
    page.click("#eval-btn")
    page.wait_for_selector("#eval-total")
    page.fill("#cart-text", "lines: [{sku: NOPE}]\n")
    page.click("#eval-btn")
    expect(page.locator("#eval-error")).to_be_visible()
    assert "NOPE" in page.locator("#eval-error").inner_text() and near(page, "#eval-error", "#eval-btn")
    assert page.locator("#eval-total").count() == 1  # the last result stays (marked stale)
    assert page.locator("#error").is_hidden()
    page.fill("#draft-path", "notes.txt")
    page.click("#save-btn")
    expect(page.locator("#save-error")).to_be_visible()
    assert near(page, "#save-error", "#save-btn") and page.locator("#error").is_hidden()


def test_unsaved_text_is_not_discarded_without_asking(open_page, shop_copy):
    _, page = open_page(shop_copy)
    type_draft(page, "# my work\n")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#new-yaml")
    assert asked and page.evaluate("window.promolintEditor.getValue()") == "# my work\n"
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.select_option("#open-file", "promotions/member-week.promo")
    page.click("#open-btn")
    page.wait_for_timeout(300)
    assert len(asked) == 2 and page.evaluate("window.promolintEditor.getValue()") == "# my work\n"
    page.once("dialog", lambda d: d.accept())
    page.click("#new-dsl")
    page.wait_for_function("() => window.promolintEditor.getValue().startsWith('promotion my-draft')")
    page.click("#new-yaml")  # an untouched template is not "unsaved text": no question
    page.wait_for_function("() => window.promolintEditor.getValue().startsWith('apiVersion')")
    assert len(asked) == 2


def test_the_language_switch_redoes_everything_on_screen(open_page, shop_copy):
    from playwright.sync_api import expect
    _, page = open_page(shop_copy)
    page.click("#new-yaml")
    page.wait_for_function("() => document.getElementById('status').textContent === 'up to date'")
    assert 'name: "Spend 200, save 50"' in page.evaluate("window.promolintEditor.getValue()")
    page.click("#save-btn")
    expect(page.locator("#save-status")).to_have_text(re.compile("^saved"))
    page.fill("#cart-text", "lines: [{sku: NOPE}]\n")
    page.click("#eval-btn")
    expect(page.locator("#eval-error")).to_be_visible()
    page.click('#lang-switch button[data-lang="zh"]')
    assert page.locator("#status").inner_text() == "已是最新"
    assert page.locator("#save-status").inner_text().startswith("已保存")
    assert re.search(r"[\u4e00-\u9fff]", page.locator("#eval-error").inner_text())
    assert "现在" in page.get_attribute("#eval-at", "placeholder")
    assert 'name: "Spend 200, save 50"' in page.evaluate("window.promolintEditor.getValue()")  # saved: kept
    page.click("#new-yaml")
    page.wait_for_function("() => window.promolintEditor.getValue().includes('name: \"满200减50\"')")
    page.click('#lang-switch button[data-lang="en"]')  # the untouched new template follows
    assert 'name: "Spend 200, save 50"' in page.evaluate("window.promolintEditor.getValue()")
    assert page.locator("#status").inner_text() in ("up to date", "checking…")


def test_paths_are_relative_to_the_repository_everywhere(open_page, shop_copy, tmp_path):
    link = tmp_path / "via-link"
    link.symlink_to(shop_copy)  # the repo reached through a link
    _, page = open_page(link)
    text = (shop_copy / "promotions" / "double11.promo.yaml").read_text(encoding="utf-8")
    page.fill("#draft-path", "./drafts/copy.promo.yaml")
    type_draft(page, text)
    page.locator('#draft-findings li[data-rule="duplicate-id"]').first.wait_for()
    shown = page.locator("#draft-findings").inner_text() + page.locator("#repo-list").inner_text()
    assert str(shop_copy) not in shown and str(link) not in shown and "./" not in shown
    mine = page.locator('#draft-findings li[data-rule="duplicate-id"]:not(:has(.hint))')
    assert mine.count() >= 1  # the draft's own finding is the draft's, not "in another file"
    for where in page.locator(".promo-head .where").all_inner_texts():
        assert not where.startswith(("/", ".")) and where.startswith("promotions/")


def test_a_folder_without_promotions_says_so(open_page, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    _, page = open_page(empty)
    notice = page.locator("#repo-empty")
    assert "no promotion file" in notice.inner_text()
    assert "0 errors" not in page.locator("header").inner_text()


def test_a_config_mistake_is_the_users_with_its_fix(open_page, shop_copy):
    _, page = open_page(shop_copy)
    (shop_copy / "promolint.toml").write_text('market_prices = "nope.csv"\n', encoding="utf-8")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    banner = page.locator("#error")
    assert banner.is_visible()
    said = banner.inner_text()
    assert "nope.csv" in said and "internal" not in said and "bug" not in said
    assert str(shop_copy) not in said


def test_now_is_the_repos_time_zone_and_the_time_box_looks_empty(open_page, shop_copy):
    _, page = open_page(shop_copy)
    placeholder = page.get_attribute("#eval-at", "placeholder")
    assert not re.search(r"\d{4}-\d\d-\d\d", placeholder)  # not a value that looks filled in
    page.fill("#cart-text", "lines:\n  - {sku: TEE-001, quantity: 1}\n")
    page.click("#eval-btn")
    page.wait_for_selector("#eval-total")
    # examples/shop's windows are written in +08:00: now is said there, to the second
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", page.locator("#eval-at-shown").inner_text())


def test_at_1024_px_open_scrolls_the_findings_into_view(open_page, tmp_path):
    root = tmp_path / "broken"
    shutil.copytree(EXAMPLES / "broken", root)
    shutil.copytree(EXAMPLES / "shop", tmp_path / "shop")  # the broken examples' price list
    _, page = open_page(root, width=1024, height=768)
    last = page.locator(".promo-head button").last
    last.scroll_into_view_if_needed()
    last.click()
    page.wait_for_function("() => window.promolintEditor.getValue().length > 0")
    page.wait_for_function("() => document.getElementById('status').textContent === 'up to date'")
    box = page.locator("#draft-side").bounding_box()
    assert 0 <= box["y"] < 768 - 40  # the findings are on screen


def test_a_file_changed_outside_the_page_is_a_conflict_with_both_versions(open_page, shop_copy):
    from playwright.sync_api import expect
    _, page = open_page(shop_copy)
    target = shop_copy / "promotions" / "vip-tiers.promo.yaml"
    page.select_option("#open-file", "promotions/vip-tiers.promo.yaml")
    page.click("#open-btn")
    page.wait_for_function("() => window.promolintEditor.getValue().length > 0")
    page.evaluate("window.promolintEditor.replaceRange('# from the page\\n', {line: 0, ch: 0})")
    outside = target.read_text(encoding="utf-8") + "# from another program\n"
    target.write_text(outside, encoding="utf-8")
    page.click("#save-btn")
    expect(page.locator("#conflict")).to_be_visible()
    assert "# from another program" in page.locator("#conflict-theirs").inner_text()
    assert "# from the page" in page.locator("#conflict-yours").inner_text()
    assert target.read_text(encoding="utf-8") == outside
    page.click("#keep-mine")  # chosen with both in view
    expect(page.locator("#save-status")).to_have_text(re.compile("^saved"))
    assert target.read_text(encoding="utf-8").startswith("# from the page\n")
    assert page.locator("#conflict").is_hidden()
