"""A shop's MySQL or MariaDB database, read through its adapter: read-only, streamed.

The session is made read-only before anything is read (SET SESSION TRANSACTION READ
ONLY, then one consistent-snapshot read-only transaction), rows come through an
unbuffered cursor (PyMySQL's SSCursor), and only SELECTs are sent: an account with
SELECT alone is enough. The password comes from the URL, MYSQL_PWD or ~/.my.cnf (as
the mysql client reads them) and is never part of a locator or a message.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from promolint.audit.rows import PromotionRow, RowProblem
from promolint.core.config import ConfigError

SCHEMES = ("mysql", "mariadb")
FETCH = 2000  # rows a streaming fetch takes at once


@dataclass
class Target:
    host: str
    port: int
    user: str
    password: str | None
    database: str

    @property
    def locator(self) -> str:
        """mysql://host:port/db: where rows come from, never with a user or password."""
        return f"mysql://{self.host}:{self.port}/{self.database}"


def is_url(source: str) -> bool:
    return source.split("://", 1)[0].lower() in SCHEMES and "://" in source


def parse_url(url: str) -> Target:
    parts = urlsplit(url)
    database = unquote(parts.path.lstrip("/"))
    try:
        port = parts.port or 0
    except ValueError:
        port = -1
    if not parts.hostname or not database or "/" in database or port < 0:
        shown = f"{parts.scheme}://{parts.hostname or ''}{parts.path}"  # no password
        raise ConfigError(f"{shown}: not a database URL such as mysql://user@host:3306/shop",
                          "audit-url", url=shown)
    password = unquote(parts.password) if parts.password is not None else os.environ.get("MYSQL_PWD")
    return Target(parts.hostname, port, unquote(parts.username or ""), password, database)


@dataclass
class Read:
    """What a database gave: rows, prices, and the problems that make the run exit 2
    (each one located line; every other row is still checked)."""

    rows: list = field(default_factory=list)
    prices: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # ConfigErrors
    shop: str = ""
    columns: dict = field(default_factory=dict)   # table -> {pointer: column}


def connect(target: Target):
    import pymysql
    cnf = os.path.expanduser("~/.my.cnf")
    try:
        conn = pymysql.connect(
            host=target.host, port=target.port or 0, user=target.user or None,
            password=target.password or "", database=target.database, charset="utf8mb4",
            read_default_file=cnf if os.path.isfile(cnf) else None, connect_timeout=10,
            cursorclass=pymysql.cursors.SSDictCursor, autocommit=False)
    except pymysql.err.OperationalError as err:
        raise _failure(err, target) from None
    with conn.cursor() as cursor:
        cursor.execute("SET SESSION TRANSACTION READ ONLY")
        cursor.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
    if target.port == 0:
        target.port = conn.port
    return conn


def _failure(err, target: Target) -> ConfigError:
    code = err.args[0] if err.args else 0
    problem = _problem(err)
    if code in (1044, 1045, 1698):  # access denied (to the database, for the user)
        return ConfigError(f"{target.locator}: the database refused the login: {problem}",
                           "audit-db-login", where=target.locator, problem=problem)
    if code in (2003, 2005, 2006, 2013):
        return ConfigError(f"{target.locator}: cannot reach the database: {problem}",
                           "audit-db-unreachable", where=target.locator, problem=problem)
    return ConfigError(f"{target.locator}: the database answered with an error: {problem}",
                       "audit-db-error", where=target.locator, problem=problem)


def _problem(err) -> str:
    """The server's words, without a password it might echo (it never should)."""
    return str(err.args[1] if len(err.args) > 1 else err)[:200]


def read(url: str, shop_name: str | None) -> Read:
    """Every promotion and price row the shop's adapter maps, read-only."""
    import pymysql
    from promolint.audit import shops
    target = parse_url(url)
    conn = connect(target)
    out = Read()
    try:
        tables = _tables(conn)
        module = shops.pick(shop_name, tables, target.locator)
        out.shop, out.columns = module.NAME, getattr(module, "COLUMNS", {})
        for table, query in module.PROMOTION_QUERIES.items():
            _promotions(conn, target, module, table, query, tables, out)
        _prices(conn, target, module, tables, out)
    except pymysql.err.OperationalError as err:
        raise _failure(err, target) from None
    finally:
        conn.close()  # the read-only transaction ends with it: nothing to commit
    return out


def _tables(conn) -> set[str]:
    with conn.cursor() as cursor:
        cursor.execute("SHOW TABLES")
        return {str(next(iter(row.values()))).lower() for row in cursor.fetchall()}


def _stream(conn, query: str):
    with conn.cursor() as cursor:
        cursor.execute(query)
        while True:
            batch = cursor.fetchmany(FETCH)
            if not batch:
                return
            yield from batch


def _run(conn, target, module, table, query, tables, out, each) -> None:
    """Stream `query`'s rows into `each`; a missing table or column is a problem."""
    import pymysql
    if table.lower() not in tables:
        out.problems.append(ConfigError(
            f"{target.locator}: table {table} is missing: is this a {module.NAME} database?",
            "audit-db-table", where=target.locator, table=table, shop=module.NAME))
        return
    try:
        for row in _stream(conn, query):
            each(row)
    except pymysql.err.OperationalError as err:
        if err.args and err.args[0] == 1054:  # unknown column
            column = str(err.args[1]).split("'")[1] if "'" in str(err.args[1]) else "?"
            out.problems.append(ConfigError(
                f"{target.locator}/{table}: table {table} has no column {column} that the "
                f"{module.NAME} adapter reads", "audit-db-column", where=f"{target.locator}/{table}",
                table=table, column=column, shop=module.NAME))
            return
        raise
    except pymysql.err.ProgrammingError as err:  # a table the account may not SELECT, ...
        out.problems.append(ConfigError(
            f"{target.locator}/{table}: the database answered with an error: {_problem(err)}",
            "audit-db-error", where=f"{target.locator}/{table}", problem=_problem(err)))


def _promotions(conn, target, module, table, query, tables, out) -> None:
    def each(row: dict) -> None:
        try:
            out.rows.extend(module.promotion_rows(table, row))
        except (ValueError, TypeError, ArithmeticError, KeyError, AttributeError) as err:
            key = row.get(getattr(module, "KEY_COLUMN", "id"), "?")
            tenant = row.get(getattr(module, "TENANT_COLUMN", "tenant")) or ""
            out.rows.append(PromotionRow(str(tenant), f"{table}#{key}",
                                         RowProblem(f"{type(err).__name__}: {str(err)[:120]}")))
    _run(conn, target, module, table, query, tables, out, each)


def _prices(conn, target, module, tables, out) -> None:
    table = _from_table(module.PRICE_QUERY)

    def each(row: dict) -> None:
        try:
            out.prices.extend(module.price_rows(row))
        except (ValueError, TypeError, ArithmeticError, KeyError, AttributeError) as err:
            where = f"{target.locator}/{table}#{row.get('id', '?')}"
            problem = f"{type(err).__name__}: {str(err)[:120]}"
            out.problems.append(ConfigError(f"{where}: cannot read this price row: {problem}",
                                            "audit-price-unreadable", where=where, problem=problem))
    _run(conn, target, module, table, module.PRICE_QUERY, tables if table else tables | {""},
         out, each)


def _from_table(query: str) -> str:
    """The first table a SELECT reads (for locating a problem with it)."""
    words = query.replace("`", " ").replace("\n", " ").split()
    lowered = [w.lower() for w in words]
    return words[lowered.index("from") + 1].lower() if "from" in lowered else ""
