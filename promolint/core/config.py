"""Settings from promolint.toml or [tool.promolint] in pyproject.toml,
found from the working directory upward to the repository root. A bad config is a
ConfigError (exit 2 with one line); another user's config is not used (an
UntrustedConfig warning); one of yours that others can write is a ConfigError: used or
not, it may not say what you meant, and a gate does not guess."""
from __future__ import annotations

import os
import stat
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

FIELD_TYPES = ("string", "int", "bool", "money", "list")

DEFAULT_FIELDS = {
    "user.id": "string", "user.tier": "string", "user.order_count": "int",
    "user.is_first_order": "bool", "user.account_age_days": "int",
    "user.phone_verified": "bool", "user.device_verified": "bool", "user.blocked": "bool",
    "user.tags": "list", "user.region": "string", "cart.subtotal": "money",
    "cart.item_count": "int", "cart.channel": "string", "group.size": "int",
}


class UntrustedConfig(UserWarning):
    """A config the search found and did not use: it is not this user's (nor root's), or
    others can write it. `problem` names a sentence in messages.UI."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"not using the config {path}: {problem}")
        self.path, self.problem = path, problem


class ConfigError(Exception):
    """A configuration problem: reported as one line, exit 2. str() is the English;
    `sentence` and `details`, when given, name the sentence in messages.UI that says it in
    the run's language."""

    def __init__(self, message: str, sentence: str | None = None, **details):
        super().__init__(message)
        self.sentence, self.details = sentence, details

    @classmethod
    def said(cls, sentences: dict, sentence: str, **details) -> "ConfigError":
        """The error of `sentence` in `sentences` (a table of promolint.core.sentences,
        merged into messages.UI): its English is the table's, written once."""
        from promolint.core.sentences import say
        return cls(say(sentences, sentence, "en", **details), sentence, **details)


@dataclass
class Settings:
    root: Path = field(default_factory=Path.cwd)  # folder of the config file
    config_path: Path | None = None
    explicit: bool = False  # --config given: use it for every file
    market_prices: Path | None = None
    max_below_market: Decimal = Decimal("0.5")
    max_window_days: int = 31
    cash_equivalent_categories: tuple[str, ...] = ("gift-cards", "phone-top-up")
    fields: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FIELDS))
    select: tuple[str, ...] = ()   # empty = all rules
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    max_file_bytes: int = 4 * 1024 * 1024
    stack_order: str = "any"  # engine.orders: the shop's order for stacked promotions
    # promolint audit / promolint.spark: a tenant past these is checked row by row and
    # reported as not fully checked (None: one machine unbounded, Spark its own default)
    max_tenant_rows: int | None = None
    max_tenant_prices: int | None = None
    overrides: tuple[dict, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # keys other modules own


KEYS = {"market_prices", "max_below_market", "max_window_days", "cash_equivalent_categories",
        "fields", "select", "ignore", "severity", "exclude", "max_file_bytes", "overrides",
        "diff", "stack_order", "max_tenant_rows", "max_tenant_prices"}

STACK_ORDERS = ("any", "priority", "priority-list")  # engine.orders says what each means


# Whole-number keys: their largest sensible value (a window of 100 years; a 1 GiB file)
# and an example. Larger ones are not meant and would overflow dates and reads.
LIMITS = {"max_window_days": (36_500, 31), "max_file_bytes": (1 << 30, 4 * 1024 * 1024),
          "max_tenant_rows": (1 << 40, 50_000), "max_tenant_prices": (1 << 40, 500_000)}


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest promolint.toml, or pyproject.toml with [tool.promolint], in `start`
    or a parent up to the repository root (`search_folders`); one that someone else
    could have written is skipped with an UntrustedConfig warning."""
    for folder in search_folders(start):
        own = folder / "promolint.toml"
        if own.is_file() and _trusted(own):
            return own, _read_toml(own)
        project = folder / "pyproject.toml"
        if project.is_file() and _trusted(project):
            table = _tool_table(_read_toml(project), project)
            if table is not None:
                return project, table
    return None


def search_folders(start: Path) -> list[Path]:
    """`start` and its parents up to the repository root (`project_root`), else every
    parent. A shared parent such as /tmp is not the repository's, and a config there is
    not its config."""
    folders = [start, *start.parents]
    root = project_root(start)
    return folders if root is None else folders[:folders.index(root) + 1]


def project_root(start: Path) -> Path | None:
    """The repository `start` is in: the git top level (the nearest folder holding
    .git), else the nearest folder holding a pyproject.toml (as black and ruff find a
    project); None when there is neither."""
    folders = [start, *start.parents]
    for marker in (".git", "pyproject.toml"):
        for folder in folders:
            if os.path.lexists(folder / marker):
                return folder
    return None


def _trusted(path: Path) -> bool:
    """Owned by this user or root and writable by no one else (as the cache's folders).
    Another user's config is not this run's: a warning, and the search goes on. Yours,
    writable by others, is meant for this run but may have been changed by someone else,
    and linting without it may drop its price list: a ConfigError (fail closed)."""
    if not hasattr(os, "geteuid"):  # Windows: ACLs, not these bits, say who may write
        return True
    try:
        info = path.stat()
    except OSError:
        return True  # reading it reports the problem
    mine = os.geteuid()
    problem = ("cache-not-yours" if info.st_uid not in (mine, 0) else
               "cache-writable-by-others" if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
               else None)
    _need(problem != "cache-writable-by-others",
          f"{path} is writable by its group or by everyone: promolint neither uses it nor "
          f"lints without it (run chmod go-w {path})", "config-writable", path=str(path))
    if problem is not None:
        warnings.warn(UntrustedConfig(str(path), problem), stacklevel=3)
    return problem is None


def _tool_table(document: dict, path: Path) -> dict | None:
    """[tool.promolint] of a pyproject.toml, None when absent."""
    tool = document.get("tool", {})
    table = tool.get("promolint") if isinstance(tool, dict) else None
    _need(table is None or isinstance(table, dict),
          f"{path}: 'tool.promolint' must be a table ([tool.promolint])", "config-tool-table",
          path=str(path))
    return table


def _read_toml(path: Path) -> dict:
    import tomllib
    try:
        return tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}", "config-unreadable",
                          path=str(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise _bad_toml(path, err) from None
    except ValueError:  # an integer over Python's 4,300-digit limit
        raise ConfigError(f"{path}: invalid TOML: a number has too many digits",
                          "config-toml-digits", path=str(path)) from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError(f"{path}: invalid TOML: values nested too deeply",
                          "config-toml-deep", path=str(path)) from None


def _bad_toml(path: Path, err: Exception) -> ConfigError:
    """tomllib's problem, with its line and column; a full-width character a Chinese input
    method typed on that line (max_below_market：0.5) is named, as in promotion files."""
    import re
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
    line, column = (int(where[1]), int(where[2])) if where else (0, 0)
    typed = ""
    try:
        text = path.read_text("utf-8").split("\n")[line - 1] if line else ""
        typed = next((c for c in text if c in "：，“”‘’［］【】＝\u3000"), "")
    except (OSError, UnicodeDecodeError, IndexError):
        pass
    key = "config-toml-fullwidth" if typed else ("config-toml-at" if line else "config-toml")
    return ConfigError(f"{path}: invalid TOML: {err}", key, path=str(path), line=line,
                       column=column, char=typed)


# `check --select / --extend-select / --ignore` of the running command, applied to every
# config a run reads (each file's nearest one too), as the config's own keys would be
_COMMAND_LINE: dict[str, tuple[str, ...]] = {}


@contextmanager
def command_line(select=(), extend_select=(), ignore=()):
    """Within it, every Settings loaded has the command line's rule selection."""
    _COMMAND_LINE.update(select=tuple(select), extend_select=tuple(extend_select),
                         ignore=tuple(ignore))
    try:
        yield
    finally:
        _COMMAND_LINE.clear()


def _selected(settings: Settings) -> Settings:
    """--select replaces the config's select, --extend-select adds to it (when it
    names rules: empty means all), --ignore adds to ignore."""
    if _COMMAND_LINE.get("select"):
        settings.select = _COMMAND_LINE["select"]
    if settings.select and _COMMAND_LINE.get("extend_select"):
        settings.select = settings.select + _COMMAND_LINE["extend_select"]
    settings.ignore = settings.ignore + _COMMAND_LINE.get("ignore", ())
    return settings


def load_settings(start: Path | None = None, explicit: Path | None = None) -> Settings:
    """Settings for linting from `start` (default: the working directory)."""
    if explicit is not None:
        table = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            table = _tool_table(table, explicit) or {}
        settings = from_table(table, explicit)
        settings.explicit = True
        return settings
    found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return _selected(Settings())
    path, table = found
    return from_table(table, path)


def from_table(table: dict, path: Path) -> Settings:
    settings = Settings(root=path.parent, config_path=path)
    _need(isinstance(table, dict), f"{path}: the promolint settings must be a table",
          "config-not-table", path=str(path))
    for key, value in table.items():
        if key not in KEYS:
            import difflib  # only for a typo in a key
            guess = difflib.get_close_matches(key, sorted(KEYS), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise ConfigError(f"{path}: unknown key '{key}'{hint}",
                              "config-unknown-key-hint" if guess else "config-unknown-key",
                              path=str(path), key=key, hint=guess[0] if guess else "")
        _apply(settings, key, value, path)
    return _selected(settings)


def _apply(settings: Settings, key: str, value: Any, path: Path) -> None:
    where = f"{path}: '{key}'"
    said = {"path": str(path), "key": key}
    if key == "market_prices":
        _need(isinstance(value, str), f"{where} must be a path string", "config-path-string", **said)
        settings.market_prices = (path.parent / value)
    elif key == "max_below_market":
        _need(isinstance(value, (Decimal, int)) and not isinstance(value, bool)
              and Decimal(value).is_finite() and 0 < Decimal(value) < 1,
              f"{where} must be a fraction between 0 and 1, such as 0.5", "config-fraction", **said)
        settings.max_below_market = Decimal(value)
    elif key in LIMITS:
        most, example = LIMITS[key]
        _need(isinstance(value, int) and not isinstance(value, bool) and 0 < value <= most,
              f"{where} must be a whole number from 1 to {most:,} (e.g. {example})",
              "config-whole-number", most=f"{most:,}", example=example, **said)
        setattr(settings, key, value)
    elif key in ("select", "ignore", "exclude", "cash_equivalent_categories"):
        _need(isinstance(value, list) and all(isinstance(v, str) for v in value),
              f"{where} must be a list of strings", "config-list", **said)
        setattr(settings, key, tuple(value))
    elif key == "fields":
        _need(isinstance(value, dict), f"{where} must be a table of field = type",
              "config-fields-table", **said)
        for name, kind in value.items():
            _need(kind in FIELD_TYPES, f"{where}: '{name}' has type {kind!r}; "
                  f"use one of {', '.join(FIELD_TYPES)}", "config-field-type", name=name,
                  kind=repr(kind), types=", ".join(FIELD_TYPES), **said)
            settings.fields[name] = kind
    elif key == "severity":
        _need(isinstance(value, dict) and all(v in ("error", "warning", "info", "off")
                                              for v in value.values()),
              f"{where} must map rule names to error, warning, info or off", "config-severity",
              **said)
        settings.severity.update(value)
    elif key == "overrides":
        _need(isinstance(value, list) and all(isinstance(v, dict) for v in value),
              f"{where} must be a list of tables ([[overrides]])", "config-overrides", **said)
        settings.overrides = tuple(value)
    elif key == "stack_order":
        _need(value in STACK_ORDERS, f"{where} must be one of {', '.join(STACK_ORDERS)}",
              "config-stack-order", orders=", ".join(STACK_ORDERS), **said)
        settings.stack_order = value
    elif key == "diff":  # promolint diff's thresholds: promolint.diff.grade checks them
        _need(isinstance(value, dict), f"{where} must be a table ([diff])", "config-diff", **said)
        settings.extra["diff"] = dict(value)


def _need(ok: bool, message: str, sentence: str | None = None, **details) -> None:
    if not ok:
        raise ConfigError(message, sentence, **details)
