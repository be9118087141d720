"""Stage 9, the command line: one module per command, each a thin shell over the library.

Exit codes (spec section 7): 0 clean, 1 findings at or above --fail-on,
2 the tool could not do its job. Any unexpected exception is a bug: one line, exit 2.
"""
from promolint.cli import catalog, check  # noqa: F401 - importing registers the commands
from promolint.cli.eval import eval_cmd
from promolint.cli.main import main

main.add_command(eval_cmd)

__all__ = ["main"]
