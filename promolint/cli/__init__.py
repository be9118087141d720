"""Stage 9, the command line: one module per command, each a thin shell over the library.

Exit codes (spec section 7): 0 clean, 1 findings at or above --fail-on,
2 the tool could not do its job. Any unexpected exception is a bug: one line, exit 2.
"""
from promolint.cli import catalog, check, lsp  # noqa: F401 - importing registers the commands
from promolint.cli.audit import audit_cmd
from promolint.cli.diff import diff_cmd
from promolint.cli.eval import eval_cmd
from promolint.cli.main import main
from promolint.cli.serve import serve_cmd
from promolint.cli.test import test_cmd

main.add_command(eval_cmd)
main.add_command(diff_cmd)
main.add_command(test_cmd)
main.add_command(serve_cmd)
main.add_command(audit_cmd)

__all__ = ["main"]
