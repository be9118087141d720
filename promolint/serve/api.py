"""The page's API: one function per route, each taking the Repo and the request's fields
and returning plain data. Bad input is a Refused with a sentence in both languages."""
from __future__ import annotations

import os

from promolint.serve import money, views
from promolint.serve.repo import Refused, Repo

ERRORS = {
    "bad-host": ("this server answers only its own address (127.0.0.1)",
                 "此服务只响应它自己的地址(127.0.0.1)"),
    "bad-origin": ("requests from other pages are refused", "拒绝来自其他网页的请求"),
    "bad-token": ("not signed in: open the address promolint serve printed (each address opens the "
                  "page once; start promolint serve again for a new one)",
                  "未登录:请打开 promolint serve 打印的地址(每个地址只能打开一次页面;"
                  "需要新地址时请重新启动 promolint serve)"),
    "not-found": ("no such page", "没有这个页面"),
    "length-required": ("a request body needs a Content-Length", "请求正文需要 Content-Length"),
    "too-large": ("too large", "内容过大"),
    "bad-json": ("the request must be a JSON object", "请求必须是 JSON 对象"),
    "bad-path": ("give a file name inside the repository, such as drafts/d11.promo.yaml",
                 "请给出仓库内的文件名,例如 drafts/d11.promo.yaml"),
    "outside-repo": ("that path is outside the repository", "该路径在仓库之外"),
    "hidden-path": ("hidden files and folders (.git, ...) are not opened or written",
                    "不打开也不写入隐藏文件和文件夹(.git 等)"),
    "not-promotion-file": ("only promotion files (*.promo.yaml, *.promo.yml, *.promo) are opened or saved",
                           "只打开或保存促销文件(*.promo.yaml、*.promo.yml、*.promo)"),
    "no-such-file": ("no such file in the repository", "仓库中没有这个文件"),
    "unreadable": ("the file cannot be read as promotion text ({problem})",
                   "无法把该文件读成促销文本({problem})"),
    "is-link": ("that name is a symbolic link: save under another name",
                "该文件名是符号链接:请另存为其他名字"),
    "not-a-file": ("that name is a folder", "该名字是一个文件夹"),
    "exists": ("{path} already exists with other content: compare the two versions below",
               "{path} 已存在且内容不同:请对比下面的两个版本"),
    "changed": ("{path} changed since you opened it (another tab or program): compare the two versions below",
                "{path} 在你打开之后被改过(其他标签页或程序):请对比下面的两个版本"),
    "config": ("the configuration has a mistake: {problem}. Fix it and reload the page",
               "配置有误:{problem}。请改正后刷新页面"),
    "bad-text": ("the draft must be text", "草稿必须是文本"),
    "bad-cart": ("{problem}", "{problem}"),
    "internal": ("internal error: {problem} (this is a bug; please report it)",
                 "内部错误:{problem}(这是缺陷,请报告)"),
}


def error_text(key: str, **args) -> dict:
    """The sentence in both languages; an argument may itself be {"en": ..., "zh": ...}."""
    en, zh = ERRORS.get(key, ERRORS["internal"])
    args.setdefault("problem", key)
    pick = lambda lang: {k: v[lang] if isinstance(v, dict) else v for k, v in args.items()}  # noqa: E731
    return {"en": en.format(**pick("en")), "zh": zh.format(**pick("zh"))}


def config_text(err, repo: Repo | None = None) -> dict:
    """A config the user wrote wrong (a price list that is not there): their mistake, with
    the fix, in both languages; paths inside the repo said relative to it."""
    from promolint.report.messages import config_error
    inside = f"{repo.root}{os.sep}" if repo is not None else None
    said = {lang: config_error(err, lang) for lang in views.LANGS}
    if inside:
        said = {lang: text.replace(inside, "") for lang, text in said.items()}
    return error_text("config", problem=said)


def _text(args: dict, key: str = "text") -> str:
    text = args.get(key, "")
    if not isinstance(text, str):
        raise Refused("bad-text")
    return text.replace("\r\n", "\n")


def repo(repo: Repo, args: dict) -> dict:
    """Every promotion of the repo with its findings."""
    report = repo.lint_all()
    data = views.repo_view(report, repo.rel, str(repo.root))
    data["root"] = repo.root.name
    if not report.files:  # as `check` says (exit 2 there): nothing checked is not "0 errors"
        from promolint.report.messages import ui
        data["empty"] = {lang: ui("no-files", lang, paths=repo.root.name) for lang in views.LANGS}
    data["line_percent"] = f"{(repo.settings.max_below_market * 100).normalize():f}"
    data["sample_cart"] = _sample_cart(repo.context().prices)
    return data


def _sample_cart(prices) -> str:
    """A cart of the first two priced SKUs, to start the evaluator from."""
    if not prices:
        return "lines:\n  - {sku: SKU-1, quantity: 2, unit_price: 99.00}\n"
    return "lines:\n" + "".join(f"  - {{sku: {s}, quantity: 2}}\n" for s in sorted(prices)[:2])


def read(repo: Repo, args: dict) -> dict:
    path = args.get("path")
    text, version = repo.read(path)
    return {"path": repo.rel(str(repo.resolve(path, must_exist=True))), "text": text, "version": version}


def lint(repo: Repo, args: dict) -> dict:
    """A draft's findings with the repo as context, and its money curves."""
    path, text = args.get("path"), _text(args)
    report = repo.lint_draft(path, text)
    draft = str(repo.resolve(path, must_exist=False))
    findings = views.worst_first([views.finding(d, repo.rel, text if d.path == draft else None,
                                                str(repo.root))
                                  for d in report.findings])
    ctx = repo.context()
    curves = [c for p in report.promotions if not p.broken for c in money.curves(p, ctx)]
    rules = {f["rule"] for f in findings}
    return {"path": repo.rel(draft), "findings": findings, "curves": curves,
            "promotions": [views.promotion(p, repo.rel) for p in report.promotions],
            "rules": {name: views.rule_doc(name) for name in sorted(rules)
                      if views.rule_doc(name) is not None}}


def save(repo: Repo, args: dict) -> dict:
    return repo.save(args.get("path"), _text(args), base=args.get("base"))


def evaluate(repo: Repo, args: dict) -> dict:
    """Price a cart for a user under the repo's promotions (the draft replacing its file).
    A bad cart, user or time is refused with its first problem (engine.cart: at the
    cart's line:column) in both languages."""
    from promolint.engine.cart import (CartError, cart_from_data, in_document,
                                       user_from_data)
    from promolint.engine.evaluator import price_checked
    from promolint.report.eval_text import evaluation
    ctx = repo.context()
    promos = list(repo.lint_all().promotions)
    draft_path = args.get("path")
    if isinstance(draft_path, str) and draft_path and isinstance(args.get("text"), str):
        full = str(repo.resolve(draft_path, must_exist=False))
        promos = [p for p in promos if p.path != full] + repo.draft_promotions(draft_path, _text(args))
    # Only whole promotions are priced: one with a broken field would be priced with the
    # neutral defaults the checks get (an audience that lets everyone in). Say so instead.
    whole = [p for p in promos if not p.broken]
    try:
        cart_doc = _yaml(_text(args, "cart"), "cart")
        where = in_document(cart_doc, "cart")
        cart = cart_from_data(cart_doc.data if cart_doc else None, ctx.prices, "cart", where)
        user_text = _text(args, "user")
        user_doc = _yaml(user_text, "user") if user_text.strip() else None
        user = user_from_data(user_doc.data, "user", in_document(user_doc, "user")) if user_doc else {}
        at = _at(args.get("at"), repo)
        result = price_checked(cart_doc.data if cart_doc else None, cart, user, at, whole,
                               where, known=promos)  # a coupon may name a broken one
    except CartError as err:
        from promolint.report.messages import config_error
        raise Refused("bad-cart", 422, problem={lang: config_error(err, lang)
                                                for lang in views.LANGS}) from None
    data = evaluation(whole, cart, user, result, at)
    data["not_applied"] += [{"id": p.id, "reason": dict(views.HAS_ERRORS)}
                            for p in sorted(promos, key=lambda p: p.id) if p.broken]
    return data


def _yaml(text: str, what: str):
    """The Document of a cart or user typed on the page (None: empty)."""
    from promolint.engine.cart import CartError
    from promolint.report.messages import render
    from promolint.source.yaml.load import load_yaml
    docs, findings = load_yaml(text, what)
    errors = [f for f in findings if f.rule in ("syntax", "duplicate-key")]
    if errors:
        first = errors[0]
        raise CartError(f"{what}:{first.line}:{first.column}: {render(first)}", "file-finding",
                        path=what, line=first.line, column=first.column, finding=first)
    return docs[0] if docs else None


def _at(text, repo: Repo | None = None):
    from datetime import datetime, timezone
    from promolint.model.build import parse_timestamp
    from promolint.engine.cart import CartError
    if not text:  # now, whole seconds, in the zone the repo's promotions are written in
        return datetime.now(_zone(repo) if repo is not None else timezone.utc).replace(microsecond=0)
    stamp = parse_timestamp(text) if isinstance(text, str) else None
    if stamp is None or stamp.tzinfo is None:
        raise CartError(f"time {text!r}: expected an RFC 3339 time with an offset, "
                        "such as 2026-11-11T20:00:00+08:00", "eval-time", text=repr(text))
    return stamp


def _zone(repo: Repo):
    """The UTC offset most of the repo's promotion windows start in (the machine's own
    zone when there are none)."""
    from collections import Counter
    from datetime import datetime
    offsets = Counter(p.window.start.tzinfo for p in repo.lint_all().promotions
                      if getattr(getattr(p, "window", None), "start", None) is not None
                      and p.window.start.tzinfo is not None)
    return offsets.most_common(1)[0][0] if offsets else datetime.now().astimezone().tzinfo


ROUTES = {("GET", "repo"): repo, ("GET", "file"): read, ("POST", "lint"): lint,
          ("POST", "save"): save, ("POST", "eval"): evaluate}
