"""`promolint test`: promotion tests in case files beside the promotions.

A case file (`*.cases.yaml`) holds cases: a cart, a user, a moment, and what must
happen (the total, which promotions apply, which do not and why). Each case runs
through the one evaluator (promolint.engine) with the repository's promotions and
price list; a failure says expected vs got at the expectation's file:line.

- load: read and validate case files (clear errors with positions, never tracebacks)
- run: evaluate a case and compare each expectation
- save: the current result of a cart as a case (`promolint eval --save-case`)
- report: text and JUnit XML
"""

SUFFIXES = (".cases.yaml", ".cases.yml")
