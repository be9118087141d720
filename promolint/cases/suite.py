"""Find case files, load the repository's promotions and price list, run every case.

Each case file is run as `check` lints a file: with its nearest config, and with every
promotion file under that config's repository (the config's folder, else the git root:
as `check --context repo`), or under `promotions` when given. A promotion file that does not load is a problem of the run: cases would
otherwise pass or fail without it (fail closed).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from promolint.source import discover
from promolint.cases import SUFFIXES
from promolint.cases.load import Case, CaseProblem, load
from promolint.cases.run import Outcome, run
from promolint.core.config import Settings


LOSES_PROMOTIONS = ("syntax", "schema", "duplicate-key", "invalid-window")


@dataclass
class SuiteResult:
    files: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[CaseProblem] = field(default_factory=list)
    load_errors: list = field(default_factory=list)  # Diagnostics of promotions that do not load

    @property
    def ok(self) -> bool:
        return not self.problems and not self.load_errors and all(o.passed for o in self.outcomes)


def find_case_files(paths: list[str]) -> list[str]:
    """Case files under folders (hidden and build folders skipped); named files as given."""
    out = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in discover.SKIP_DIRS)
            out += [os.path.normpath(os.path.join(folder, n)) for n in sorted(names) if n.endswith(SUFFIXES)]
    return sorted(dict.fromkeys(out))


def load_promotions(folder: str, settings: Settings):
    """(promotions, load findings) of every promotion file under `folder`."""
    from promolint.run.load import load_whole
    promos, errors = [], []
    for name in discover.find_files([folder], settings):
        built, findings = load_whole(name, settings)
        promos += built
        errors += [f for f in findings if f.rule in LOSES_PROMOTIONS]
    return promos, errors


def run_suite(paths: list[str], settings: Settings, promotions: str | None = None) -> SuiteResult:
    """Every case of the case files under `paths`. Each case file is run with its
    nearest config (searched upward from its folder, as `check` does; `settings` where
    none is found, or for every file when it is an explicit --config), and with the
    promotions of that config's repository (its folder, else the git root), or of
    `promotions` when given."""
    from promolint.run.changed import context_root
    from promolint.run.lint import group_by_config, make_context
    result = SuiteResult(files=find_case_files(paths))
    if not result.files:
        return result
    groups = [(settings, result.files)] if settings.explicit else group_by_config(result.files, settings)
    chosen = {name: group_settings for group_settings, names in groups for name in names}
    loaded: dict[int, tuple] = {}  # id(settings) -> (promotions, prices)
    for name in result.files:
        own = chosen[name]
        if id(own) not in loaded:
            root = promotions or _shown(context_root(own) or Path.cwd())
            promos, errors = load_promotions(root, own)
            result.load_errors += errors
            loaded[id(own)] = (promos, make_context(own).prices)
        promos, prices = loaded[id(own)]
        cases, problems = load(name)
        result.problems += problems
        result.outcomes += [run(case, promos, prices) for case in cases]
    return result


def _shown(root: Path) -> str:
    where = os.path.relpath(root)
    return str(root) if where.startswith("..") else where


__all__ = ["Case", "SuiteResult", "find_case_files", "run_suite"]
