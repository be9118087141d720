"""`promolint eval`: price a cart under the promotions in PATHS, or show their exposure.

The command only gathers options and prints; the engine (promolint.engine) does the work.
A bad cart or user file is one line on stderr and exit 2.
"""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import click

EXIT_ERROR = 2


@click.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--cart", "cart_path", type=click.Path(path_type=Path),
              help="Cart YAML: lines of sku, quantity[, unit_price, category]; coupons; channel.")
@click.option("--user", "user_path", type=click.Path(path_type=Path),
              help="User YAML: facts such as user: {tier: gold}, group: {size: 3}.")
@click.option("--at", "at_text", help="Time to evaluate at (RFC 3339 with offset; default now).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--exposure", is_flag=True, help="Show each promotion's worst-case cost.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: searched upward from the first path).")
@click.option("--save-case", "case_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write this result as a test case (*.cases.yaml) for 'promolint test'.")
@click.option("--case-name", help="The saved case's name (default: from the cart file's name).")
@click.option("--force", is_flag=True, help="With --save-case: overwrite an existing file.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of the text output (default from LC_ALL / LC_MESSAGES / LANG).")
def eval_cmd(paths, cart_path, user_path, at_text, fmt, exposure, config_path, case_path,
             case_name, force, lang) -> None:
    """Price a cart under the promotions in PATHS (files or folders)."""
    from promolint.cli.main import run_lang
    from promolint.engine.cart import CartError
    lang = run_lang(lang)
    try:
        promos, prices, loading = load_promotions(list(paths), config_path)
        if case_path is not None:
            at_text = at_text or parse_at(None).isoformat(timespec="seconds")
        data = run(promos, prices, cart_path, user_path, at_text, exposure)
        if case_path is not None:
            save_case(promos, prices, cart_path, user_path, parse_at(at_text), case_path,
                      case_name, force, lang)
    except CartError as err:
        from promolint.core.diagnostics import printable
        from promolint.report.messages import config_error
        click.echo(f"promolint: {printable(config_error(err, lang))}", err=True)
        sys.exit(EXIT_ERROR)
    if loading:
        from promolint.report.messages import ui
        click.echo(ui("eval-loading", lang, count=loading), err=True)
    from promolint.core.diagnostics import json_text, printable_lines
    text = json_text(data) if fmt == "json" else render_text(data, lang)
    click.echo(printable_lines(text))  # promotion text escaped


def load_promotions(paths: list[str], config_path: Path | None):
    """Promotions from PATHS, the price list of the nearest config, and the load-finding count."""
    from promolint.core.config import load_settings
    from promolint.run.lint import make_context
    from promolint.run.load import load_whole
    from promolint.source import discover
    start = Path(paths[0]).resolve()
    settings = load_settings(start if start.is_dir() else start.parent, config_path)
    promos, loading = [], 0
    for name in discover.find_files(paths, settings):
        built, findings = load_whole(name, settings)
        promos += built
        loading += len(findings)
    return promos, make_context(settings).prices, loading


def run(promos, prices, cart_path, user_path, at_text, exposure: bool) -> dict:
    """The evaluation (when a cart is given) and the exposure table, as plain data."""
    from promolint.engine.cart import CartError
    if cart_path is None and not exposure:
        raise CartError("give --cart (and usually --user), or --exposure", "eval-what")
    data: dict = {}
    if cart_path is not None:
        data = evaluation(promos, prices, cart_path, user_path, parse_at(at_text))
    if exposure:
        data["exposure"] = exposure_table(promos, prices)
    return data


def parse_at(text: str | None) -> datetime:
    from promolint.engine.cart import CartError
    from promolint.model.build import parse_timestamp
    if text is None:
        return datetime.now(timezone.utc)
    stamp = parse_timestamp(text)
    if stamp is None or stamp.tzinfo is None:
        raise CartError(f"--at {text!r}: expected an RFC 3339 time with an offset, "
                        "such as 2026-11-11T20:00:00+08:00", "eval-at", text=repr(text))
    return stamp


def read_document(path: Path, what: str):
    """The one-document YAML file's Document (numbers as Decimals; None: empty). Read as
    promotion files are (source.files.read_text): at most max_file_bytes, and only a
    regular file (a symlink to /dev/zero once took 6.3 GB)."""
    from promolint.core.config import Settings
    from promolint.engine.cart import CartError
    from promolint.source.files import read_text
    from promolint.source.yaml.load import load_yaml
    text, problem = read_text(str(path), Settings())
    if problem is not None and problem.message_id == "file-not-utf8":
        raise CartError(f"{path}: the {what} file is not UTF-8 text", f"{what}-not-utf8",
                        path=str(path))
    if problem is not None and problem.message_id == "file-unreadable":
        said = dict(problem.args)["problem"]
        raise CartError(f"{path}: cannot read the {what} file: {said}", f"{what}-unreadable",
                        path=str(path), problem=said)
    if problem is not None:
        raise _finding(path, problem)
    docs, findings = load_yaml(text, str(path))
    errors = [f for f in findings if f.rule in ("syntax", "duplicate-key")]
    if errors:
        raise _finding(path, errors[0])
    return docs[0] if docs else None


def _finding(path: Path, first):
    """A CartError saying a finding about the cart or user file at its line and column."""
    from promolint.engine.cart import CartError
    from promolint.report.messages import render
    return CartError(f"{path}:{first.line}:{first.column}: {render(first)}", "file-finding",
                     path=str(path), line=first.line, column=first.column, finding=first)


def price(promos, prices, cart_path: Path, user_path: Path | None, at: datetime):
    """(cart data, user data, cart, user, result): the files read and checked by
    engine.cart (the first problem a CartError at its file:line:column), the cart priced,
    and its currency, when it names one, checked against the promotions priced for it."""
    from promolint.engine.cart import cart_from_data, in_document, user_from_data
    from promolint.engine.evaluator import price_checked
    cart_doc = read_document(cart_path, "cart")
    where = in_document(cart_doc, str(cart_path))
    cart_data = cart_doc.data if cart_doc else None
    cart = cart_from_data(cart_data, prices, str(cart_path), where)
    user_data, user = None, {}
    if user_path:
        user_doc = read_document(user_path, "user")
        user_data = user_doc.data if user_doc else None
        user = user_from_data(user_data, str(user_path), in_document(user_doc, str(user_path)))
    result = price_checked(cart_data, cart, user, at, promos, where)
    return cart_data, user_data, cart, user, result


def evaluation(promos, prices, cart_path: Path, user_path: Path | None, at: datetime) -> dict:
    from promolint.report.eval_text import evaluation as data
    _, _, cart, user, result = price(promos, prices, cart_path, user_path, at)
    return data(promos, cart, user, result, at)


def save_case(promos, prices, cart_path: Path | None, user_path: Path | None, at: datetime,
              case_path: Path, name: str | None, force: bool, lang: str = "en") -> None:
    """Write the cart's current result as a case (the lines, and the facts the audiences
    read: promolint.cases.save); an existing file only with --force."""
    from promolint.cases import SUFFIXES
    from promolint.cases.save import (MAX_CASE_BYTES, CaseExists, CaseTooLarge, case_data,
                                      leaves_repository, needed_cart, needed_user, reaching,
                                      write)
    from promolint.engine.cart import CartError
    if cart_path is None:
        raise CartError("--save-case needs --cart", "save-case-needs-cart")
    if not case_path.name.endswith(SUFFIXES):
        raise CartError(f"{case_path}: name the case file *.cases.yaml, so 'promolint test' finds it",
                        "save-case-suffix", path=str(case_path))
    for source in filter(None, (cart_path, user_path)):
        if leaves_repository(source, case_path):
            raise CartError(f"{source} resolves to {source.resolve()}, outside the repository "
                            "of the case file", "save-case-outside", path=str(source),
                            target=str(source.resolve()))
    cart_data, _, cart, user, result = price(promos, prices, cart_path, user_path, at)
    label = name or cart_path.name.split(".")[0]
    case = case_data(label, needed_cart(cart_data), needed_user(user, promos), at, result,
                     reaching(promos, cart.lines))
    try:
        write(case_path, [case], force)
    except CaseExists:
        raise CartError(f"{case_path} exists; add --force to overwrite it", "save-case-exists",
                        path=str(case_path)) from None
    except CaseTooLarge as big:
        raise CartError(f"{case_path}: the case would be {big.size} bytes, over the "
                        f"{MAX_CASE_BYTES}-byte limit for a saved case", "save-case-too-large",
                        path=str(case_path), size=big.size, limit=MAX_CASE_BYTES) from None
    from promolint.report.messages import ui
    click.echo(ui("save-case-saved", lang, name=label, path=str(case_path)), err=True)


def exposure_table(promos, prices) -> list[dict]:
    from promolint.core.diagnostics import money
    from promolint.engine.exposure import bound
    out = []
    for promo in sorted(promos, key=lambda p: p.id):
        worst, why = bound(promo, prices)
        out.append({"id": promo.id, "currency": promo.currency,
                    "exposure": money(worst) if worst is not None else "unbounded",
                    "bound": why})
    return out


def render_text(data: dict, lang: str = "en") -> str:
    from promolint.report.eval_text import render_text as text
    return text(data, lang)
