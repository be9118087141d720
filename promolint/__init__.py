"""promolint: stops dangerous promotion configurations before they ship.

The library's public names (docs/api.md), imported on first use so that `import
promolint` stays cheap:

    from promolint import Settings, lint_paths
    report = lint_paths(["promos/"], Settings())
"""

from importlib import import_module

__version__ = "0.1.0"

_HOME = {
    "Settings": "promolint.core.config", "load_settings": "promolint.core.config",
    "ConfigError": "promolint.core.config", "UntrustedConfig": "promolint.core.config",
    "Diagnostic": "promolint.core.diagnostics", "Witness": "promolint.core.diagnostics",
    "PriceList": "promolint.source.prices", "load_prices": "promolint.source.prices",
    "Promotion": "promolint.model.promotion",
    "Cart": "promolint.engine.cart", "CartLine": "promolint.engine.cart",
    "CartError": "promolint.engine.cart", "CartProblem": "promolint.engine.cart",
    "cart_from_data": "promolint.engine.cart", "cart_problems": "promolint.engine.cart",
    "facts_for": "promolint.engine.cart", "evaluate": "promolint.engine.evaluator",
    "Result": "promolint.engine.evaluator", "exposure": "promolint.engine.exposure",
    "Context": "promolint.checks",
    "render": "promolint.report.formats", "message": "promolint.report.messages",
    "Report": "promolint.run.lint", "lint_paths": "promolint.run.lint",
    "lint_files": "promolint.run.lint", "make_context": "promolint.run.lint",
    "run_checks": "promolint.run.lint", "load_file": "promolint.run.load",
}
_ALIASES = {"message": "render"}  # promolint.report.messages.render, exported as message

__all__ = sorted(_HOME) + ["__version__"]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'promolint' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name]), _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
