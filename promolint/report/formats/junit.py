"""`--format junit`: one testcase per linted file, failed when it has a finding at or
above the fail level; lower findings go to the testcase's system-out."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from promolint.core.diagnostics import printable, printable_path
from promolint.report.formats.common import active, fails, said


def render(report, lang: str = "en", fail_on: str = "error", **_) -> str:
    by_file: dict[str, list] = {name: [] for name in report.files}
    for diag in active(report):
        by_file.setdefault(diag.path, []).append(diag)
    suite = ET.Element("testsuite", name="promolint", tests=str(len(by_file)), errors="0",
                       skipped="0", failures=str(sum(any(fails(d, fail_on) for d in ds)
                                                     for ds in by_file.values())))
    for name, findings in by_file.items():
        suite.append(_testcase(name, findings, lang, fail_on))
    root = ET.Element("testsuites", name="promolint", tests=suite.get("tests"),
                      failures=suite.get("failures"), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(name: str, findings: list, lang: str, fail_on: str) -> ET.Element:
    shown = printable(name)  # XML 1.0 cannot hold control characters at all
    case = ET.Element("testcase", classname="promolint", name=shown, file=shown)
    failing = [d for d in findings if fails(d, fail_on)]
    others = [d for d in findings if not fails(d, fail_on)]
    if failing:
        counts = ", ".join(f"{sum(d.severity == s for d in failing)} {s}(s)"
                           for s in ("error", "warning", "info") if any(d.severity == s for d in failing))
        failure = ET.SubElement(case, "failure", message=f"{shown}: {counts}", type=failing[0].rule)
        failure.text = "\n".join(_line(d, lang) for d in failing)
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(_line(d, lang) for d in others)
    return case


def _line(diag, lang: str) -> str:
    where = f"{printable_path(diag.path)}:{diag.span.line}:{diag.span.column}"
    return f"{where}: {diag.severity} {diag.rule}: " + "\n    ".join(said(diag, lang))
