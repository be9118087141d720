"""The package is laid out along the data path, and imports point one way.

Each folder of promolint/ is a stage; a module may import from its own stage and the
stages before it, never from a later one, and no modules import each other in a circle
(function-level imports count too: a lazy import is still a dependency).
"""
from __future__ import annotations

import ast
from pathlib import Path

import promolint

PACKAGE = Path(promolint.__file__).parent
# Earliest first. Commands' libraries (a page, an editor server, diff, case runner) sit
# above the pipeline and below the command line that wraps each of them.
STAGES = [("core",), ("expr",), ("source",), ("schema",), ("model",), ("engine",),
          ("checks",), ("report",), ("run",), ("audit",), ("spark",),
          ("serve", "lsp", "diff", "cases"), ("cli",)]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}
TOP = len(STAGES)  # promolint/__init__.py (the public API) and __main__.py


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(("promolint",) + parts)] = path
    return out


def imports(path: Path, name: str, known: dict) -> set[str]:
    """promolint modules `path` imports (resolved to the module, not a name in it)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def stage(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return TOP
    assert parts[1] in RANK, f"{name}: promolint/{parts[1]} is in no stage; add it to STAGES"
    return RANK[parts[1]]


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, name, known) for name, path in known.items()
            if not name.endswith(("expr._parser", "schema._check"))}  # generated


def test_every_module_is_in_a_stage():
    loose = [n for n in modules() if n.count(".") == 1 and n.split(".")[1] not in ("__main__",)
             and (PACKAGE / (n.split(".")[1] + ".py")).exists()]
    assert loose == [], f"modules beside the stages, not in one: {loose}"


def test_no_import_from_a_later_stage():
    wrong = [f"{a} -> {b}" for a, deps in graph().items() for b in sorted(deps)
             if b != "promolint" and stage(b) > stage(a)]
    assert wrong == []


def test_no_import_circles():
    deps = {a: {b for b in bs if b != "promolint"} for a, bs in graph().items()}
    # a package's __init__ importing its own modules is how Python packages work; a
    # module importing its package's __init__ for a shared name is fine too, but not both
    seen, stack, circles = set(), [], []

    def visit(node):
        if node in stack:
            circles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(deps.get(node, ())):
            visit(nxt)
        stack.pop()
    for node in sorted(deps):
        visit(node)
    assert circles == []


def test_the_checker_sees_imports():
    """The graph is not empty by accident: known edges are found."""
    g = graph()
    assert "promolint.core.document" in g["promolint.source.yaml.load"]
    assert "promolint.run.workers" in g["promolint.run.lint"]  # a function-level import


def test_public_api_names_resolve():
    import subprocess
    import sys
    code = ("import sys, promolint; assert 'promolint.run.lint' not in sys.modules; "
            "missing = [n for n in promolint.__all__ if getattr(promolint, n, None) is None]; "
            "print(missing)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    from promolint import Report, evaluate, lint_paths
    from promolint.engine.evaluator import evaluate as home
    assert evaluate is home and callable(lint_paths) and Report.__module__ == "promolint.run.lint"


def test_the_api_doc_example_runs(capsys, monkeypatch):
    """docs/api.md's example is real code against the shipped examples."""
    import re
    root = PACKAGE.parent
    monkeypatch.chdir(root)
    code = re.search(r"```python\n(.*?)```", (root / "docs" / "api.md").read_text("utf-8"), re.S)
    exec(compile(code.group(1), "docs/api.md", "exec"), {})
    out = capsys.readouterr().out
    assert "检查了" in out and "217.00 ['d11-spend200-save50']" in out
