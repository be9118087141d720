"""`promolint audit`'s own sentences (merged into messages.UI): its summary, and the one
located line of each problem that stops it (exit 2)."""

SENTENCES = {
    "audit-summary": {"en": "{rows} row(s) in {tenants} tenant(s): {errors} error(s), {warnings} warning(s)",
                      "zh": "检查了 {tenants} 个商户的 {rows} 行:{errors} 个错误,{warnings} 个警告"},
    "audit-baseline-stale": {
        "en": "{count} baseline finding(s) no longer occur; write the baseline again with --write-baseline",
        "zh": "基线中有 {count} 个问题已不再出现;请用 --write-baseline 重新生成基线"},
    "audit-baseline-written": {"en": "promolint: recorded {count} finding(s) in {path}",
                               "zh": "promolint:已将 {count} 个问题记录到 {path}"},
    "audit-no-files": {"en": "{path}: no .parquet, .csv or .jsonl files here",
                       "zh": "{path}:这里没有 .parquet、.csv 或 .jsonl 文件"},
    "audit-missing": {"en": "{path}: no such file or folder", "zh": "{path}:文件或文件夹不存在"},
    "audit-kind": {"en": "{path}: not a .parquet, .csv or .jsonl file, nor a mysql:// URL",
                   "zh": "{path}:不是 .parquet、.csv 或 .jsonl 文件,也不是 mysql:// 地址"},
    "audit-unreadable": {"en": "{path}: cannot read rows: {problem}",
                         "zh": "{path}:无法读取数据行({problem})"},
    "audit-not-utf8": {"en": "{path}: not UTF-8 text", "zh": "{path}:不是 UTF-8 文本"},
    "audit-bad-file": {"en": "{path}: not a {kind} file", "zh": "{path}:不是 {kind} 文件"},
    "audit-bad-csv": {"en": "{path}:{line}: not valid CSV", "zh": "{path}:{line}:不是有效的 CSV"},
    "audit-no-column": {"en": "{path}: no column {column} (found: {found})",
                        "zh": "{path}:没有 {column} 列(现有:{found})"},
    "audit-column-type": {"en": "{path}: column {column} is {kind}, which promolint cannot read as {column}",
                          "zh": "{path}:{column} 列的类型是 {kind},promolint 无法把它读作 {column}"},
    "audit-extra-missing": {
        "en": "promolint audit needs {package}, which is not installed: install promolint with its "
              "audit extra (in promolint's clone: pip install '.[audit]'; README: Installing)",
        "zh": "promolint audit 需要 {package},但它没有安装:请安装带 audit 扩展的 promolint"
              "(在 promolint 的克隆目录中运行 pip install '.[audit]';见 README 的 Installing 一节)"},
    "audit-needs-prices-or-shop": {
        "en": "--prices is for row files; a database's prices come from its shop adapter (--shop)",
        "zh": "--prices 只用于数据行文件;数据库的价格来自店铺适配器(--shop)"},
    "audit-url": {"en": "{url}: not a database URL such as mysql://user@host:3306/shop",
                  "zh": "{url}:不是数据库地址,应形如 mysql://user@host:3306/shop"},
    "audit-db-login": {"en": "{where}: the database refused the login: {problem}",
                       "zh": "{where}:数据库拒绝了登录({problem})"},
    "audit-db-unreachable": {"en": "{where}: cannot reach the database: {problem}",
                             "zh": "{where}:无法连接数据库({problem})"},
    "audit-db-error": {"en": "{where}: the database answered with an error: {problem}",
                       "zh": "{where}:数据库返回错误({problem})"},
    "audit-db-table": {"en": "{where}: table {table} is missing: is this a {shop} database?",
                       "zh": "{where}:缺少表 {table}:这是 {shop} 的数据库吗?"},
    "audit-db-column": {"en": "{where}: table {table} has no column {column} that the {shop} adapter reads",
                        "zh": "{where}:表 {table} 没有 {shop} 适配器读取的列 {column}"},
    "audit-shop-unknown": {"en": "--shop {name}: no such shop adapter; use one of {shops}",
                           "zh": "--shop {name}:没有这个店铺适配器;可用:{shops}"},
    "audit-shop-unguessed": {
        "en": "{where}: no shop adapter recognises these tables; name one with --shop ({shops})",
        "zh": "{where}:没有店铺适配器认识这些表;请用 --shop 指定({shops})"},
    "audit-price-unreadable": {"en": "{where}: cannot read this price row: {problem}",
                               "zh": "{where}:无法读取这一行价格({problem})"},
    "audit-price-twice": {"en": "{where}: SKU {sku} is priced twice for tenant '{tenant}'",
                          "zh": "{where}:商户 '{tenant}' 的 SKU {sku} 定价出现了两次"},
}
