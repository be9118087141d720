"""`promolint lsp` end to end: a real client over stdio, as an editor talks to it.

One server per module (starting Python and pygls is most of the cost); each test opens
its own documents. Every wait has a timeout: a hang fails, it does not stall the suite.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from promolint.lsp.server import DEBOUNCE_SECONDS as DEBOUNCE
from tests.lsp.lsp_client import Client

ROOT = Path(__file__).resolve().parents[2]
INVERTED = (ROOT / "examples/broken/inverted-threshold.promo.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the shop example: config, price list, promotions."""
    where = tmp_path_factory.mktemp("lsp") / "shop"
    shutil.copytree(ROOT / "examples/shop", where)
    return where


@pytest.fixture(scope="module")
def client(repo):
    client = Client(cwd=repo)
    client.initialize(repo)
    yield client
    client.close()


def codes(note: dict) -> list[tuple[str, int, int, int, int]]:
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                   d["range"]["end"]["line"], d["range"]["end"]["character"])
                  for d in note["params"]["diagnostics"])


def test_open_edit_and_close(client, repo):
    path = repo / "promotions" / "typo.promo.yaml"
    mark = len(client.notifications)
    sent = time.monotonic()
    uri = client.open(path, INVERTED)
    note = client.wait_diagnostics(uri, mark)
    assert ("inverted-threshold", 14, 10, 14, 13) in codes(note)  # `200` on line 15
    print(f"open -> diagnostics: {(note['received'] - sent) * 1000:.0f} ms")
    mark = len(client.notifications)
    fixed = INVERTED.replace("threshold: 50", "threshold: 250")
    sent = time.monotonic()
    client.change(uri, 2, fixed)
    note = client.wait_diagnostics(uri, mark, version=2)
    assert "inverted-threshold" not in [c[0] for c in codes(note)]
    print(f"change -> diagnostics: {(note['received'] - sent) * 1000:.0f} ms")
    mark = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.wait_diagnostics(uri, mark)["params"]["diagnostics"] == []


def test_unsaved_text_is_linted_and_nothing_is_written(client, repo):
    path = repo / "promotions" / "draft.promo.yaml"
    before = sorted(p.name for p in repo.rglob("*"))
    mark = len(client.notifications)
    uri = client.open(path, INVERTED)
    assert "inverted-threshold" in [c[0] for c in codes(client.wait_diagnostics(uri, mark))]
    assert not path.exists() and sorted(p.name for p in repo.rglob("*")) == before


def test_other_promotions_are_context(client, repo):
    """A buffer reusing an id of a file on disk is a duplicate-id (a cross-file rule)."""
    on_disk = (repo / "promotions" / "double11.promo.yaml").read_text("utf-8")
    mark = len(client.notifications)
    uri = client.open(repo / "promotions" / "copy.promo.yaml", on_disk)
    assert "duplicate-id" in [c[0] for c in codes(client.wait_diagnostics(uri, mark))]


def test_clean_shutdown(repo):
    client = Client(cwd=repo)
    client.initialize(repo)
    assert client.shutdown() == 0


def at(text: str, needle: str, offset: int = 0) -> dict:
    """The protocol position of `needle` (plus `offset` characters) in `text`."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return {"line": line, "character": index - (text.rfind("\n", 0, index) + 1)}


def opened(client, path: Path, text: str) -> str:
    mark = len(client.notifications)
    uri = client.open(path, text)
    client.wait_diagnostics(uri, mark)
    return uri


def hover(client, uri, position) -> str:
    answer = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    return answer["contents"]["value"] if answer else ""


def test_hover(client, repo):
    text = INVERTED.replace("scope:\n  categories: [apparel]",
                            'audience: "user.tier == \'gold\'"\nscope:\n  skus: [TEE-001]')
    text = "# promolint: ignore below-market reason=\"x\"\n" + text
    uri = opened(client, repo / "promotions" / "hover.promo.yaml", text)
    assert "PL103" in hover(client, uri, at(text, "below-market", 3))            # a rule name
    assert "membership tier" in hover(client, uri, at(text, "user.tier", 6))    # a field
    assert "99.00 CNY" in hover(client, uri, at(text, "TEE-001", 2))            # a SKU's price
    assert "Spend at least" in hover(client, uri, at(text, "threshold:", 2))    # a benefit key
    assert "PL101" in hover(client, uri, at(text, "amount: 200", 9))             # a finding


def labels(client, uri, position) -> list[str]:
    answer = client.request("textDocument/completion",
                            {"textDocument": {"uri": uri}, "position": position})
    return [item["label"] for item in answer["items"]]


def test_completion(client, repo):
    text = INVERTED.replace("  type: threshold_off", "  type: thr").replace(
        "categories: [apparel]", "categories: [ap]\n  skus: [TE]").replace(
        "currency: CNY", "currency: CNY\ncampaign: \naudience: \"user.\"")
    uri = opened(client, repo / "promotions" / "complete.promo.yaml", text)
    assert "threshold_off" in labels(client, uri, at(text, "type: thr", 9))
    assert "first_order" in labels(client, uri, at(text, "campaign: ", 10))
    assert "user.tier" in labels(client, uri, at(text, "user.", 5))
    assert "TEE-001" in labels(client, uri, at(text, "[TE]", 3))
    assert "apparel" in labels(client, uri, at(text, "[ap]", 3))
    keys = labels(client, uri, at(text, "  threshold", 2))
    assert {"threshold", "max_repeats", "percent"} <= set(keys) and "amount" not in keys
    blank = INVERTED.replace("  amount: 200\n", "  amount: 200\n  \n")
    uri = opened(client, repo / "promotions" / "complete2.promo.yaml", blank)
    keys = labels(client, uri, at(blank, "  \n", 2))  # a new line in the benefit mapping
    assert "repeat" in keys and "amount" not in keys and "percent" not in keys


def actions(client, uri, text, needle) -> list[dict]:
    start = at(text, needle)
    return client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": start, "end": start},
        "context": {"diagnostics": []}})


def test_code_actions_offer_never_apply(client, repo):
    path = repo / "promotions" / "actions.promo.yaml"
    uri = opened(client, path, INVERTED)
    found = {a["title"]: a for a in actions(client, uri, INVERTED, "200\n")}
    swap = next(a for t, a in found.items() if t.startswith("Swap"))
    edits = swap["edit"]["changes"][uri]
    assert sorted(e["newText"] for e in edits) == ["200", "50"] and not swap.get("isPreferred")
    hold = next(a for t, a in found.items() if t.startswith("Suppress"))
    assert "promolint: ignore inverted-threshold reason=" in hold["edit"]["changes"][uri][0]["newText"]
    text = INVERTED.replace("currency: CNY", "currency: CNY\ncampaign: flash-sale")
    uri = opened(client, repo / "promotions" / "typo.promo.yaml", text)
    typo = actions(client, uri, text, "flash-sale")
    assert any(a["title"] == "Replace 'flash-sale' with 'flash_sale'" and a.get("isPreferred")
               for a in typo)
    assert not path.exists()  # offered, not applied: the server never writes


def test_diagnostics_link_to_their_rule_page(client, repo):
    from promolint.report.catalog import doc_url
    mark = len(client.notifications)
    uri = client.open(repo / "promotions" / "linked.promo.yaml", INVERTED)
    shown = client.wait_diagnostics(uri, mark)["params"]["diagnostics"]
    assert shown and all(d["codeDescription"]["href"] == doc_url(d["code"]) for d in shown)


def test_code_actions_for_the_guards_and_the_full_width_colon(client, repo):
    first = (ROOT / "examples/broken/first-order-no-check.promo.yaml").read_text("utf-8")
    uri = opened(client, repo / "promotions" / "guard1.promo.yaml", first)
    found = actions(client, uri, first, "user.order_count >= 0")
    guard = next(a for a in found if "user.order_count == 0" in a["title"])
    [edit] = guard["edit"]["changes"][uri]
    assert edit["newText"] == " and user.order_count == 0" and not guard.get("isPreferred")
    group = (ROOT / "examples/broken/group-buy-no-size.promo.yaml").read_text("utf-8")
    uri = opened(client, repo / "promotions" / "guard2.promo.yaml", group)
    found = actions(client, uri, group, "campaign: group_buy")
    guard = next(a for a in found if "group.size >= 3" in a["title"])
    assert guard["edit"]["changes"][uri][0]["newText"] == 'audience: "group.size >= 3"\n'
    typed = INVERTED.replace("currency: CNY", "currency：CNY")
    uri = opened(client, repo / "promotions" / "colon.promo.yaml", typed)
    found = actions(client, uri, typed, "：")
    colon = next(a for a in found if a["edit"]["changes"][uri][0]["newText"] == ": ")
    assert colon["kind"] == "quickfix" and colon.get("isPreferred")  # it keeps the meaning


def test_malformed_documents_never_crash(client, repo):
    for number, text in enumerate(["{{{{ [", "\x00\x01 binary", "a: b\n  - c: [", "---\n" * 50,
                                   "benefit:\n  type: threshold_off\n  threshold: 1e99999\n",
                                   "\ud800 lone surrogate"]):
        mark = len(client.notifications)
        uri = client.open(repo / "promotions" / f"bad{number}.promo.yaml", text)
        client.wait_diagnostics(uri, mark, timeout=10)
        hover(client, uri, {"line": 0, "character": 1})
        labels(client, uri, {"line": 0, "character": 1})
    assert client.proc.poll() is None


def test_a_huge_document_is_refused_not_parsed(client, repo):
    text = INVERTED + "# padding\n" * 500_000  # ~5 MiB, over max_file_bytes
    mark = len(client.notifications)
    sent = time.monotonic()
    uri = client.open(repo / "promotions" / "huge.promo.yaml", text)
    note = client.wait_diagnostics(uri, mark, timeout=20)
    assert "syntax" in [c[0] for c in codes(note)]
    assert hover(client, uri, at(INVERTED, "threshold:", 2))  # still answering
    print(f"5 MiB open -> diagnostics: {(note['received'] - sent) * 1000:.0f} ms")


def test_a_burst_of_edits_ends_in_the_last_text(client, repo):
    uri = opened(client, repo / "promotions" / "burst.promo.yaml", INVERTED)
    mark = len(client.notifications)
    for version in range(2, 102):
        client.change(uri, version, INVERTED.replace("threshold: 50", f"threshold: {version * 10}"))
    note = client.wait_diagnostics(uri, mark, version=101, timeout=20)
    assert "inverted-threshold" not in [c[0] for c in codes(note)]  # 1010 > 200
    published = [n for n in client.notifications[mark:]
                 if n.get("params", {}).get("uri") == uri]
    assert len(published) < 10  # debounced: not one lint per keystroke


def test_chinese_locale(repo):
    client = Client(cwd=repo)
    try:
        client.initialize(repo, locale="zh-CN")
        mark = len(client.notifications)
        uri = client.open(repo / "promotions" / "zh.promo.yaml", INVERTED)
        note = client.wait_diagnostics(uri, mark)
        message = next(d["message"] for d in note["params"]["diagnostics"]
                       if d["code"] == "inverted-threshold")
        assert "满 50.00 CNY 减 200.00 CNY" in message
        assert "如何修复" in hover(client, uri, at(INVERTED, "amount: 200", 9))  # the catalog in zh
        assert "至少消费" in hover(client, uri, at(INVERTED, "threshold:", 2))  # fielddocs in zh
        assert client.shutdown() == 0
    finally:
        client.close()


def test_dsl_buffer(client, repo):
    text = (repo / "promotions" / "member-week.promo").read_text("utf-8").replace(
        "benefit buy 2 get 1 percent 50", "benefit spend 50 save 200")
    text = text.replace("promotion member-week", "promotion copy-week")
    mark = len(client.notifications)
    uri = client.open(repo / "promotions" / "copy.promo", text, language="promo")
    note = client.wait_diagnostics(uri, mark)
    found = [d for d in note["params"]["diagnostics"] if d["code"] == "inverted-threshold"]
    assert found and found[0]["range"]["start"] == at(text, "200")
    titles = [a["title"] for a in actions(client, uri, text, "200")]
    assert any(t.startswith("Swap") for t in titles)
    assert "percent_off" in labels(client, uri, at(text, "benefit ", 8))


def test_edits_during_a_slow_lint_do_not_pile_up(client, repo):
    """Lints overtaken while they wait are skipped: the last text's findings arrive within
    a few lints' time, not one lint per edit."""
    one = INVERTED.replace("id: d11-typo", "id: slow-{}")
    text = "---\n".join(one.format(i) for i in range(300))
    uri = opened(client, repo / "promotions" / "slow.promo.yaml", text)
    mark = len(client.notifications)
    sent = time.monotonic()
    client.change(uri, 2, text + "\n")
    client.wait_diagnostics(uri, mark, version=2, timeout=60)
    single = time.monotonic() - sent - DEBOUNCE
    mark = len(client.notifications)
    for version in range(3, 23):  # each pause is past the debounce: each edit starts a lint
        client.change(uri, version, text.replace("slow-0\n", f"slow-0-{version}\n"))
        time.sleep(DEBOUNCE + 0.02)
    last = time.monotonic()
    client.wait_diagnostics(uri, mark, version=22, timeout=60)
    waited = time.monotonic() - last
    print(f"300 promotions: a lint {single:.2f} s, the last of 20 edits {waited:.2f} s")
    assert waited < 3 * single + 1.5  # without the skip: ~20 lints minus the 4.4 s of typing


def test_a_plain_yaml_file_is_linted_when_it_declares_the_format(client, repo):
    mark = len(client.notifications)
    other = client.open(repo / "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    uri = client.open(repo / "promotions" / "plain.yaml", INVERTED)
    note = client.wait_diagnostics(uri, mark)
    assert "inverted-threshold" in [c[0] for c in codes(note)]
    assert not [n for n in client.notifications[mark:] if n["params"].get("uri") == other]
    mark = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.wait_diagnostics(uri, mark)["params"]["diagnostics"] == []


def test_ranges_count_utf16_units(client, repo):
    """An emoji before a finding is two UTF-16 units (the protocol's default), one code
    point (promolint's columns)."""
    text = INVERTED.replace("limits:\n  budget: 500000", 'limits: {"🎉": 1, budgte: 5}')
    uri = opened(client, repo / "promotions" / "emoji.promo.yaml", text)
    mark = len(client.notifications)
    client.change(uri, 2, text)
    found = [d["range"] for d in client.wait_diagnostics(uri, mark, version=2)["params"]["diagnostics"]
             if d["code"] == "schema" and "budgte" in d["message"]]
    row = text.split("\n").index('limits: {"🎉": 1, budgte: 5}')
    start = len('limits: {"🎉": 1, '.encode("utf-16-le")) // 2
    assert found == [{"start": {"line": row, "character": start},
                      "end": {"line": row, "character": start + len("budgte")}}]


def test_code_actions_over_a_whole_big_buffer_stay_bounded(client, repo):
    one = INVERTED.replace("id: d11-typo", "id: many-{}")
    text = "---\n".join(one.format(i) for i in range(200))
    uri = opened(client, repo / "promotions" / "many.promo.yaml", text)
    sent = time.monotonic()
    found = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "context": {"diagnostics": []},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": text.count("\n"), "character": 0}}},
        timeout=30)
    assert 0 < len(found) <= 2 * 10  # a fix and a suppression for each of the first 10
    print(f"code actions over 200 promotions: {time.monotonic() - sent:.2f} s")


def test_a_file_changed_on_disk_relints_the_open_buffers(repo):
    """With watchers registered (the client supports it), a promotion written on disk
    by something else (a git checkout) changes an open buffer's findings at once."""
    client = Client(cwd=repo)
    try:
        client.initialize(repo, workspace={"didChangeWatchedFiles": {"dynamicRegistration": True}})
        with client.lock:
            assert client.lock.wait_for(lambda: any(
                r["method"] == "client/registerCapability" for r in client.server_requests), 10)
        [registration] = [r for r in client.server_requests
                          if r["method"] == "client/registerCapability"]
        watchers = registration["params"]["registrations"][0]["registerOptions"]["watchers"]
        assert {"globPattern": "**/promolint.toml"} in watchers
        text = INVERTED.replace("id: ", "id: watched-", 1)
        mark = len(client.notifications)
        uri = client.open(repo / "promotions" / "watched.promo.yaml", text)
        assert "duplicate-id" not in [c[0] for c in codes(client.wait_diagnostics(uri, mark))]
        other = repo / "promotions" / "checked-out.promo.yaml"
        other.write_text(text, "utf-8")  # the same id, on disk
        try:
            mark = len(client.notifications)
            client.notify("workspace/didChangeWatchedFiles",
                          {"changes": [{"uri": other.as_uri(), "type": 1}]})
            assert "duplicate-id" in [c[0] for c in codes(client.wait_diagnostics(uri, mark))]
        finally:
            other.unlink()
    finally:
        client.close()


def test_no_watchers_asked_of_a_client_that_cannot_register_them(client, repo):
    client.open(repo / "promotions" / "idle.promo.yaml", INVERTED)  # a round trip first
    time.sleep(0.5)
    assert not [r for r in client.server_requests if r["method"] == "client/registerCapability"]


def test_hover_shows_price_list_text_as_text(tmp_path):
    """A price list's category is the repository's text, not Markdown: an image in it would
    be fetched by the editor on hover (issue 21)."""
    shutil.copytree(ROOT / "examples/shop", tmp_path / "shop")
    category = "apparel ![x](https://evil.example/pixel.png) <img src=https://evil.example/p.png>"
    with open(tmp_path / "shop" / "market_prices.csv", "a", encoding="utf-8") as prices:
        prices.write(f'EVIL-1,CNY,10.00,"{category}"\n')
    text = INVERTED.replace("categories: [apparel]", "skus: [EVIL-1]")
    client = Client(cwd=tmp_path / "shop")
    try:
        client.initialize(tmp_path / "shop")
        uri = opened(client, tmp_path / "shop" / "promotions" / "evil.promo.yaml", text)
        shown = hover(client, uri, at(text, "EVIL-1", 2))
    finally:
        client.close()
    assert "10.00 CNY" in shown
    assert re.search(r"(?<!\\)[!\[\]()<>]", shown) is None, shown  # no image, link or HTML
    assert category in re.sub(r"\\(.)", r"\1", shown)                # yet all of it shown


def test_a_malformed_list_item_is_marked_and_hides_nothing(client, repo):
    """Issue 20: the editor gets the schema finding at the item and the rule it used to hide."""
    text = INVERTED.replace("categories: [apparel]", "categories: [apparel, 7]")
    mark = len(client.notifications)
    uri = client.open(repo / "promotions" / "item.promo.yaml", text)
    found = codes(client.wait_diagnostics(uri, mark))
    assert ("schema", 10, 24, 10, 25) in found  # the 7 on line 11
    assert ("inverted-threshold", 14, 10, 14, 13) in found
