"""`check`'s ruff-style options: --fix, --unsafe-fixes and --diff; --select,
--extend-select and --ignore (rule names or codes, comma-separated, repeatable);
--statistics."""
from __future__ import annotations

import sys

import click


def rule_names(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """The rule names a repeatable, comma-separated option gives (codes accepted); an
    unknown one is a usage error (exit 2), never a silently empty selection."""
    from promolint.cli.usage import BadValue
    from promolint.report.catalog import lookup
    out = []
    for value in values:
        for word in filter(None, (w.strip() for w in value.split(","))):
            entry = lookup(word)
            if entry is None:
                raise BadValue(f"'{word}' is not a rule name or code (see 'promolint rules')",
                               param_hint=option, sentence="usage-rule", value=word, option=option)
            out.append(entry.name)
    return tuple(out)


ROUNDS = 5  # a fix that lets a file parse can reveal others: fix, lint again, at most this often


def apply_fixes(report, config_path, unsafe: bool, show_diff: bool, lang: str, quiet: bool,
                relint):
    """Fix what the findings of `report` offer. --diff: print the unified diff of those
    fixes and exit (1 when there is one, as ruff). Else write, lint the files again
    (`relint()`), and repeat while that offers more; return the last report: what is left."""
    from promolint.core.config import load_settings
    from promolint.report.messages import ui
    from promolint.run import fix
    settings = load_settings(explicit=config_path)
    fixed, files, said = 0, set(), set()
    for _ in range(1 if show_diff else ROUNDS):
        planned = fix.plan(report, settings, unsafe)
        for refused in set(planned.refused) - said:
            click.echo(ui(refused[1], lang, path=refused[0]), err=True)
        said |= set(planned.refused)
        if show_diff:
            sys.stdout.write(fix.unified_diff(planned))
            fixed, files = planned.count, {c.path for c in planned.changes}
            break
        if not planned.changes:
            break
        fix.write(planned)
        fixed, files = fixed + planned.count, files | {c.path for c in planned.changes}
        report = relint()
    if not quiet:
        click.echo(ui("fix-would" if show_diff else "fix-done", lang, count=fixed, files=len(files)),
                   err=True)
        if planned.unsafe_left:
            click.echo(ui("fix-unsafe-hint", lang, count=planned.unsafe_left), err=True)
    if show_diff:
        sys.exit(1 if planned.changes else 0)
    return report


def statistics(report, lang: str) -> str:
    """One line per rule with findings: count, code, name, and `[*]` when --fix could
    repair some of them (as `ruff --statistics`)."""
    from collections import Counter

    from promolint.report import fixes
    from promolint.report.catalog import rules
    table = rules()
    active = [d for d in report.findings if not d.suppressed]
    counts = Counter(d.rule for d in active)
    safe = {d.rule for d in active if d.message_id in fixes.KEYBOARD}
    width = len(str(max(counts.values(), default=0)))
    return "".join(f"{counts[rule]:>{width}}  {table[rule].code}  {rule}{'  [*]' if rule in safe else ''}\n"
                   for rule in sorted(counts, key=lambda r: (-counts[r], table[r].code)))
