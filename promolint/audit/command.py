"""What `promolint audit` does, without click: read the source, audit, report."""
from __future__ import annotations

from pathlib import Path

from promolint.audit import formats
from promolint.core.config import ConfigError


def need(module: str, package: str):
    """Import an extra's module, or one clear line (exit 2) saying how to install it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ConfigError(f"promolint audit needs {package}, which is not installed: "
                          "install promolint with its audit extra (in promolint's clone: "
                          "pip install '.[audit]'; README: Installing)", "audit-extra-missing",
                          package=package) from None


def gather(source: str, prices_path: str | None, shop: str | None, settings):
    """(the AuditReport, problems that make the run exit 2, table -> {pointer: column})."""
    from promolint.audit import mysql, tables
    from promolint.audit.local import audit_rows
    if mysql.is_url(source):
        if prices_path:
            raise ConfigError("--prices is for row files; a database's prices come from its "
                              "shop adapter (--shop)", "audit-needs-prices-or-shop")
        need("pymysql", "PyMySQL")
        read = mysql.read(source, shop)
        report = audit_rows(read.rows, read.prices, settings,
                            locator=mysql.parse_url(source).locator + "/")
        return report, read.problems, read.columns
    names = [p.suffix.lower() for p in tables.files_of(source)]
    if prices_path:
        names += [p.suffix.lower() for p in tables.files_of(prices_path)]
    if ".parquet" in names:
        need("pyarrow", "pyarrow")
    prices = tables.price_rows(prices_path) if prices_path else _config_prices(settings)
    return audit_rows(tables.promotion_rows(source), prices, settings), [], {}


def _config_prices(settings) -> list:
    """The config's market_prices CSV as platform-wide price rows (none without one)."""
    if not settings.market_prices:
        return []
    from promolint.audit.rows import PriceRow
    from promolint.source.prices import load_prices
    listed = load_prices(settings.market_prices, settings.root)
    return [PriceRow("", p.sku, p.currency, p.market_price, p.category) for p in listed.values()]


def outputs(specs, output: Path | None):
    from promolint.report.outputs import Output
    outs = []
    for spec in specs or ("text",):
        name, _, file = spec.partition(":")
        if name not in formats.FORMATS:
            raise ConfigError(f"--format: unknown format '{name}'; use one of "
                              f"{', '.join(formats.FORMATS)} (optionally NAME:FILE)",
                              "format-unknown", name=name, formats=", ".join(formats.FORMATS))
        outs.append(Output(name, Path(file) if file else output))
    places = [str(o.file) if o.file else "-" for o in outs]
    if len(places) != len(set(places)):
        raise ConfigError("--format: two formats would write to the same place; give each its "
                          "own file", "format-same-place")
    return outs


def write(targets, report, lang: str, **options) -> None:
    from promolint.report.outputs import _stdout, replace_file, use_colour
    for out in targets:
        text = formats.render(out.format, report, lang, colour=use_colour("auto", out), **options)
        if out.file is None:
            _stdout(text)
        else:
            replace_file(out.file, text)


def fails(report, fail_on: str) -> bool:
    from promolint.core.diagnostics import severity_rank
    return any(not f["_diag"].suppressed and severity_rank(f["severity"]) >= severity_rank(fail_on)
               for f in report.findings)


def apply_baseline(report, path: Path) -> list:
    from promolint.audit import baseline
    return baseline.apply(report, baseline.load(path), path)


def write_baseline(report, path: Path) -> int:
    from promolint.audit import baseline
    return baseline.write(report, path)
