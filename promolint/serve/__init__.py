"""`promolint serve`: a local page for a promotion repo, for marketers.

- repo: the repository behind the page (findings, drafts in context, safe reads and saves)
- money: what a customer pays per unit over quantities, for the chart
- report: findings and evaluations as plain data in both languages
- server: the HTTP server and its guards (loopback, Host/Origin, token, sizes)
- static/: the page; vendor/ holds CodeMirror 5 from its npm release (MIT)
"""
