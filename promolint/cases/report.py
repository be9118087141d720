"""Case outcomes as text (file:line:column: expected vs got) or JUnit XML for CI."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from promolint.cases.load import CaseProblem
from promolint.cases.run import Outcome
from promolint.core.diagnostics import printable, printable_path
from promolint.core.sentences import say as said, table

WORDS = table("cases.report.WORDS", {
    # a case's name is the case file's text: an argument, escaped, never printed raw
    "fail": {"en": "{where}: FAIL {name}: {problem}", "zh": "{where}: 失败 {name}: {problem}"},
    "invalid": {"en": "{where}: INVALID: {problem}", "zh": "{where}: 无效: {problem}"},
    "invalid-case": {"en": "{where}: INVALID {name}: {problem}", "zh": "{where}: 无效 {name}: {problem}"},
    "summary": {"en": "{cases} case(s) in {files} file(s): {passed} passed, {failed} failed, {invalid} invalid",
                "zh": "{files} 个文件中共 {cases} 个用例:{passed} 个通过,{failed} 个失败,{invalid} 个无效"},
    "loading": {"en": "; {count} promotion finding(s) above keep the promotions from loading: exit 1",
                "zh": ";上方 {count} 个问题使部分促销无法加载:退出码 1"},
    "none": {"en": "promolint: no case files (*.cases.yaml) found under {paths}",
             "zh": "promolint:在 {paths} 下没有找到用例文件(*.cases.yaml)"},
    "promotions": {"en": "{path}:{line}:{column}: the promotions do not all load ({rule}): "
                         "cases would run without them; run 'promolint check'",
                   "zh": "{path}:{line}:{column}:部分促销无法加载({rule}):用例会在缺少它们的情况下运行;请运行 'promolint check'"},
})


def say(key: str, lang: str, **args) -> str:
    return said(WORDS, key, lang, **args)


def text(outcomes: list[Outcome], problems: list[CaseProblem], files: int, lang: str,
         loading: list[str] = ()) -> str:
    """Each problem and failure, the promotions that do not load (`loading`: why a run
    whose cases all passed still fails), and the summary."""
    lines = list(loading) + [_problem(p, lang) for p in problems]
    for outcome in outcomes:
        lines += [_problem(problem, lang, outcome.case.name) for problem in outcome.problems]
        for failure in outcome.failures:
            lines.append(say("fail", lang, where=_where(outcome.case.path, failure.span),
                             name=outcome.case.name, problem=failure.message(lang)))
    lines.append(summary(outcomes, problems, files, lang))
    if loading:
        lines[-1] += say("loading", lang, count=len(loading))
    return "\n".join(lines) + "\n"


def _problem(problem: CaseProblem, lang: str, name: str | None = None) -> str:
    where, text = _where(problem.path, problem.span), problem.message(lang)
    if name:
        return say("invalid-case", lang, where=where, name=name, problem=text)
    return say("invalid", lang, where=where, problem=text)


def _where(path: str, span) -> str:
    """path:line:column at the start of a line (a path starting with `::` is no command)."""
    return f"{printable_path(path)}:{span.line}:{span.column}"


def invalid_cases(problems: list[CaseProblem]) -> list[list[CaseProblem]]:
    """The problems found loading case files, one group per case they keep from running
    (a case with five cart problems is one invalid case); a problem of a whole file (not
    YAML, no `cases:`) is a group of its own. In the order of each group's first problem."""
    groups: dict = {}
    for i, problem in enumerate(problems):
        key = (problem.path, problem.case) if problem.case is not None else (problem.path, i)
        groups.setdefault(key, []).append(problem)
    return list(groups.values())


def summary(outcomes: list[Outcome], problems: list[CaseProblem], files: int, lang: str) -> str:
    passed = sum(1 for o in outcomes if o.passed)
    groups = len(invalid_cases(problems))
    invalid = groups + sum(1 for o in outcomes if o.problem is not None)
    failed = len(outcomes) - passed - sum(1 for o in outcomes if o.problem is not None)
    return say("summary", lang, cases=len(outcomes) + groups, files=files, passed=passed,
               failed=failed, invalid=invalid)


def junit(outcomes: list[Outcome], problems: list[CaseProblem], lang: str) -> str:
    """One testsuite per case file, one testcase per case (invalid entries are errors)."""
    root = ET.Element("testsuites", name="promolint test")
    suites: dict[str, ET.Element] = {}

    def suite(path: str) -> ET.Element:
        if path not in suites:
            suites[path] = ET.SubElement(root, "testsuite", name=path, tests="0", failures="0",
                                         errors="0")
        return suites[path]

    for outcome in outcomes:
        case = ET.SubElement(suite(outcome.case.path), "testcase", classname=outcome.case.path,
                             name=printable(outcome.case.name), file=outcome.case.path,
                             line=str(outcome.case.span().line))
        if outcome.problems:
            _bump(suites[outcome.case.path], "errors")
            ET.SubElement(case, "error", message=outcome.problems[0].message(lang)).text = "\n".join(
                f"{p.path}:{p.span.line}:{p.span.column}: {p.message(lang)}" for p in outcome.problems)
        elif outcome.failures:
            _bump(suites[outcome.case.path], "failures")
            body = "\n".join(f"{outcome.case.path}:{f.span.line}:{f.span.column}: {f.message(lang)}"
                             for f in outcome.failures)
            ET.SubElement(case, "failure", message=outcome.failures[0].message(lang)).text = body
        _bump(suites[outcome.case.path], "tests")
    for group in invalid_cases(problems):
        first = group[0]
        case = ET.SubElement(suite(first.path), "testcase", classname=first.path,
                             name=printable(first.case_name or f"{first.path}:{first.span.line}"),
                             file=first.path, line=str(first.span.line))
        ET.SubElement(case, "error", message=first.message(lang)).text = "\n".join(
            f"{p.path}:{p.span.line}:{p.span.column}: {p.message(lang)}" for p in group)
        _bump(suites[first.path], "errors")
        _bump(suites[first.path], "tests")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _bump(element: ET.Element, key: str) -> None:
    element.set(key, str(int(element.get(key, "0")) + 1))
