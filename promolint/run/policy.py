"""Severity, rule selection and suppressions: the engine's decisions, not the checks'.

Order: each raw finding gets its severity (catalog < config `severity` < the last
matching `[[overrides]]` entry) and is dropped when deselected; then suppressions
(inline comments and `suppress:` lists) mark what they cover; then the findings
about the suppressions themselves (invalid, expired, unused) go through the same
severity and selection.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from promolint.core.config import ConfigError
from promolint.core.diagnostics import Diagnostic, make
from promolint.report.catalog import rules
from promolint.report.fingerprint import relative
from promolint.run import suppress

LEVELS = ("error", "warning", "info", "off")
OVERRIDE_KEYS = ("files", "severity", "ignore")


@dataclass(frozen=True)
class Override:
    patterns: tuple[re.Pattern, ...]
    severity: dict
    ignore: tuple[str, ...]


class Policy:
    """The effective severity of each rule for each path, from one Settings."""

    def __init__(self, settings):
        self.settings = settings
        where = str(settings.config_path or "config")
        check_rule_names(settings.select, f"{where}: 'select'")
        check_rule_names(settings.ignore, f"{where}: 'ignore'")
        check_rule_names(settings.severity, f"{where}: 'severity'")
        self.overrides = [compile_override(raw, f"{where}: overrides[{i}]")
                          for i, raw in enumerate(settings.overrides)]
        self._cache: dict[str, list[Override]] = {}

    def severity(self, rule: str, path: str) -> str:
        """error / warning / info, or "off" when the rule does not apply to `path`."""
        s = self.settings
        if (s.select and rule not in s.select) or rule in s.ignore:
            return "off"
        level = s.severity.get(rule) or rules()[rule].severity
        for override in self._matching(path):
            if rule in override.ignore:
                return "off"
            level = override.severity.get(rule, level)
        return level

    def _matching(self, path: str) -> list[Override]:
        if not self.overrides:
            return []  # no paths to relate (relpath per file was most of the policy's time)
        if path not in self._cache:
            rel = relative(path, self.settings.root)
            self._cache[path] = [o for o in self.overrides if any(p.match(rel) for p in o.patterns)]
        return self._cache[path]


def glob_regex(pattern: str) -> re.Pattern:
    """gitignore-like globs: `*` within a folder, `**` across folders, a folder covers
    what is under it, and a pattern without `/` matches in any folder."""
    pattern = pattern.strip()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    anywhere = "/" not in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile(("(?:.*/)?" if anywhere else "") + "".join(out) + "(?:/.*)?$")


def compile_override(raw: dict, where: str) -> Override:
    """Validate one `[[overrides]]` table; any mistake is a ConfigError."""
    unknown = [k for k in raw if k not in OVERRIDE_KEYS]
    if unknown:
        guess = difflib.get_close_matches(unknown[0], OVERRIDE_KEYS, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'{hint}; use {', '.join(OVERRIDE_KEYS)}",
                          "override-unknown-key-guess" if guess else "override-unknown-key", where=where,
                          key=unknown[0], guess=guess[0] if guess else "", keys=", ".join(OVERRIDE_KEYS))
    files = raw.get("files")
    if isinstance(files, str):
        files = [files]
    if not files or not all(isinstance(f, str) and f.strip() for f in files):
        raise ConfigError(f"{where}: 'files' must be a non-empty list of globs, e.g. [\"legacy/**\"]",
                          "override-files", where=where)
    severity = raw.get("severity", {})
    if not isinstance(severity, dict) or not all(v in LEVELS for v in severity.values()):
        raise ConfigError(f"{where}: 'severity' must map rule names to error, warning, info or off",
                          "override-severity", where=where)
    ignore = raw.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(v, str) for v in ignore):
        raise ConfigError(f"{where}: 'ignore' must be a list of rule names", "override-ignore", where=where)
    check_rule_names(severity, f"{where}: 'severity'")
    check_rule_names(ignore, f"{where}: 'ignore'")
    return Override(tuple(glob_regex(f) for f in files), dict(severity), tuple(ignore))


def check_rule_names(names, where: str) -> None:
    known = rules()
    for name in names:
        if name not in known:
            guess = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else " (see 'promolint rules')"
            raise ConfigError(f"{where}: no rule named '{name}'{hint}",
                              "unknown-rule-guess" if guess else "unknown-rule", where=where,
                              name=name, guess=guess[0] if guess else "")


def apply_policy(raw: list[Diagnostic], promos, ctx, files=(), texts=None) -> list[Diagnostic]:
    """Give each finding its severity, drop deselected rules, apply suppressions, sort."""
    policy = Policy(ctx.settings)
    findings = _levelled(raw, policy)
    claims, meta = _claims(promos, files, findings, texts or {}, ctx)
    by_path: dict[str, _FileClaims] = {}  # a claim only covers findings in its own file
    for order, claim in enumerate(claims):
        by_path.setdefault(claim.path, _FileClaims()).add(order, claim)
    none = _FileClaims()
    findings = [_suppressed(diag, by_path.get(diag.path, none).near(diag)) for diag in findings]
    meta += _unused(claims, policy)
    return sorted(findings + _levelled(meta, policy), key=Diagnostic.sort_key)


def _levelled(raw: list[Diagnostic], policy: Policy) -> list[Diagnostic]:
    out = []
    for diag in raw:
        level = policy.severity(diag.rule, diag.path)
        if level != "off":
            out.append(replace(diag, severity=level))
    return out


def _claims(promos, files, findings, texts: dict, ctx):
    """Suppressions still in force, plus findings about invalid and expired ones."""
    known = rules()
    claims, meta = [], []
    for promo in promos:
        for entry, claim in zip(promo.suppress, suppress.list_claims(promo)):
            if entry.rule in known:
                claims.append(claim)
            else:
                meta.append(_unknown_rule(promo.path, promo.source.span(("suppress", entry.index, "rule")),
                                          entry.rule, promo.id))
    paths = dict.fromkeys([*files, *(p.path for p in promos), *(d.path for d in findings)])
    for path in paths:
        for item in suppress.scan(path, _text(path, texts, ctx.settings), known):
            if item.problem:
                meta.append(make(path, item.span, "invalid-suppression", item.problem,
                                 **item.problem_args))
            else:
                claims.append(suppress.comment_claim(item))
    live = []
    for claim in claims:
        if claim.until is not None and claim.until < ctx.today:
            meta.append(make(claim.path, claim.span, "expired-suppression", promotion=claim.promotion,
                             rules=", ".join(claim.rules), until=claim.until.isoformat()))
        else:
            live.append(claim)
    return live, meta


def _unknown_rule(path: str, span, rule: str, promotion: str | None) -> Diagnostic:
    guess = difflib.get_close_matches(rule, list(rules()), n=1)
    return make(path, span, "invalid-suppression", "suppression-unknown-rule",
                promotion=promotion, name=rule, hint=guess[0] if guess else "promolint rules")


def _text(path: str, texts: dict, settings) -> str:
    """The file's text (again: loaders keep data, not comments); too big or unreadable -> ""."""
    if path in texts:
        return texts[path]
    from promolint.source.files import (
        read_text,  # bounded; never opens FIFOs or devices
    )
    text, problem = read_text(path, settings)
    return "" if problem else text


class _FileClaims:
    """One file's claims, comments indexed by (rule, line): each finding looks only at
    those that can cover it (20,000 comments x every finding was quadratic)."""

    def __init__(self):
        self.at: dict[tuple[str, int], list] = {}
        self.spread: list = []  # suppress: lists (a promotion's lines or its id)

    def add(self, order: int, claim) -> None:
        if claim.kind == "comment" and claim.promotion is None and claim.first == claim.last:
            for rule in claim.rules:
                self.at.setdefault((rule, claim.first), []).append((order, claim))
        else:
            self.spread.append((order, claim))

    def near(self, diag: Diagnostic) -> list:
        """The claims that may cover `diag`, in the order they were made."""
        found = self.at.get((diag.rule, diag.span.line), [])
        if self.spread:
            found = sorted(found + [c for c in self.spread if diag.rule in c[1].rules],
                           key=lambda c: c[0])
        return [claim for _, claim in found]


def _suppressed(diag: Diagnostic, claims) -> Diagnostic:
    hits = [claim for claim in claims if claim.covers(diag)]
    for claim in hits:
        claim.used.add(diag.rule)
    if not hits:
        return diag
    return replace(diag, suppressed=hits[0].reason, suppressed_by=hits[0].kind)


def _unused(claims, policy: Policy) -> list[Diagnostic]:
    """Suppressions that matched nothing (a rule turned off for the file does not count)."""
    out = []
    for claim in claims:
        live = [r for r in claim.rules
                if r not in claim.used and policy.severity(r, claim.path) != "off"]
        if live:
            out.append(make(claim.path, claim.span, "unused-suppression", promotion=claim.promotion,
                            rules=", ".join(live)))
    return out
