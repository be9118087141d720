"""Render a Diagnostic's message in a language, from the catalog's templates."""
from __future__ import annotations

import os

from promolint.core.diagnostics import Diagnostic, printable
from promolint.core.sentences import say, table
from promolint.engine.cart import SENTENCES as CART_SENTENCES, CartProblem
from promolint.report.audit_words import SENTENCES as AUDIT_SENTENCES
from promolint.report.catalog import templates as catalog_templates
from promolint.source.prices import SENTENCES as PRICE_SENTENCES


def pick_lang(explicit: str | None = None) -> str:
    """--lang wins, then LC_ALL / LANG (zh_CN.UTF-8 -> zh), else English."""
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def render(diag: Diagnostic, lang: str = "en") -> str:
    """The finding's message in `lang`, escaped (promotion text is never printed raw)."""
    return printable(_render(diag, lang))


def _render(diag: Diagnostic, lang: str) -> str:
    templates = catalog_templates(diag.message_id, diag.rule)
    if not templates:
        return f"{diag.message_id}: {dict(diag.args)}"
    template = templates.get(lang) or templates.get("en") or next(iter(templates.values()))
    from promolint.core.phrases import say
    args = {key: say(value, lang) for key, value in diag.args}
    try:
        return template.format(**args).strip()
    except (KeyError, IndexError, ValueError):
        return f"{diag.message_id}: {args}"


# The tool's own words (summaries, notes on stderr), in every language we ship.
UI = table("report.messages.UI", {
    "summary": {
        "en": "{files} file(s), {promotions} promotion(s): {errors} error(s), {warnings} warning(s)",
        "zh": "检查了 {files} 个文件、{promotions} 个促销:{errors} 个错误,{warnings} 个警告"},
    "summary-infos": {"en": ", {infos} info", "zh": ",{infos} 个提示"},
    "summary-suppressed": {"en": ", {suppressed} suppressed", "zh": ",{suppressed} 个已豁免"},
    "summary-baselined": {"en": ", {baselined} in the baseline", "zh": ",{baselined} 个已在基线中"},
    "baseline-stale": {
        "en": "{count} baseline finding(s) no longer occur; run 'promolint baseline' to ratchet the baseline down:",
        "zh": "基线中有 {count} 个问题已不再出现;请运行 'promolint baseline' 收紧基线:"},
    "baseline-stale-item": {"en": "  fixed: {path} {rule} {promotion}", "zh": "  已修复:{path} {rule} {promotion}"},
    "baseline-written": {
        "en": "promolint: recorded {count} finding(s) in {path}",
        "zh": "promolint:已将 {count} 个问题记录到 {path}"},
    # promolint eval's cart and user files (a CartError's sentence)
    "eval-what": {"en": "give --cart (and usually --user), or --exposure",
                  "zh": "请给出 --cart(通常还有 --user),或 --exposure"},
    "eval-at": {"en": "--at {text}: expected an RFC 3339 time with an offset, such as 2026-11-11T20:00:00+08:00",
                "zh": "--at {text}:应为带时区偏移的 RFC 3339 时间,例如 2026-11-11T20:00:00+08:00"},
    "cart-unreadable": {"en": "{path}: cannot read the cart file: {problem}",
                        "zh": "{path}:无法读取购物车文件({problem})"},
    "user-unreadable": {"en": "{path}: cannot read the user file: {problem}",
                        "zh": "{path}:无法读取用户文件({problem})"},
    "cart-not-utf8": {"en": "{path}: the cart file is not UTF-8 text",
                      "zh": "{path}:购物车文件不是 UTF-8 文本"},
    "user-not-utf8": {"en": "{path}: the user file is not UTF-8 text",
                      "zh": "{path}:用户文件不是 UTF-8 文本"},
    "file-finding": {"en": "{path}:{line}:{column}: {finding}", "zh": "{path}:{line}:{column}:{finding}"},
    # a cart or user's data (engine.cart.SENTENCES, merged below), at a place
    "cart-problem": {"en": "{where}: {problem}", "zh": "{where}:{problem}"},
    "eval-time": {"en": "time {text}: expected an RFC 3339 time with an offset, such as 2026-11-11T20:00:00+08:00",
                  "zh": "时间 {text}:应为带时区偏移的 RFC 3339 时间,例如 2026-11-11T20:00:00+08:00"},
    # the config (a ConfigError's key)
    "config-unreadable": {"en": "{path}: cannot read config", "zh": "{path}:无法读取配置文件"},
    "config-toml": {"en": "{path}: invalid TOML", "zh": "{path}:TOML 格式错误"},
    "config-toml-at": {"en": "{path}:{line}:{column}: invalid TOML",
                       "zh": "{path}:{line}:{column}:TOML 格式错误,请检查这一处的写法"},
    "config-toml-fullwidth": {
        "en": "{path}:{line}:{column}: invalid TOML: line {line} holds the full-width character {char} (a Chinese input method types it); TOML needs ASCII punctuation: key = value",
        "zh": "{path}:{line}:{column}:TOML 格式错误:第 {line} 行有全角字符 {char}(中文输入法打出的);TOML 只认半角符号,写法为 键 = 值"},
    "config-toml-digits": {"en": "{path}: invalid TOML: a number has too many digits",
                           "zh": "{path}:TOML 格式错误:数字位数过多"},
    "config-toml-deep": {"en": "{path}: invalid TOML: values nested too deeply",
                         "zh": "{path}:TOML 格式错误:嵌套过深"},
    "config-tool-table": {"en": "{path}: 'tool.promolint' must be a table ([tool.promolint])",
                          "zh": "{path}:'tool.promolint' 必须是一个表([tool.promolint])"},
    "config-not-table": {"en": "{path}: the promolint settings must be a table",
                         "zh": "{path}:promolint 的设置必须是一个表"},
    "config-unknown-key": {"en": "{path}: unknown key '{key}'",
                           "zh": "{path}:未知的配置项 '{key}'"},
    "config-unknown-key-hint": {"en": "{path}: unknown key '{key}' (did you mean '{hint}'?)",
                                "zh": "{path}:未知的配置项 '{key}'(是不是想写 '{hint}'?)"},
    "config-path-string": {"en": "{path}: '{key}' must be a path string",
                           "zh": "{path}:'{key}' 必须是路径字符串"},
    "config-fraction": {"en": "{path}: '{key}' must be a fraction between 0 and 1, such as 0.5",
                        "zh": "{path}:'{key}' 必须是 0 到 1 之间的小数,例如 0.5"},
    "config-stack-order": {"en": "{path}: '{key}' must be one of {orders}",
                           "zh": "{path}:'{key}' 必须是 {orders} 之一"},
    "config-whole-number": {
        "en": "{path}: '{key}' must be a whole number from 1 to {most} (e.g. {example})",
        "zh": "{path}:'{key}' 必须是 1 到 {most} 之间的整数(例如 {example})"},
    "config-list": {"en": "{path}: '{key}' must be a list of strings",
                    "zh": "{path}:'{key}' 必须是字符串列表"},
    "config-fields-table": {"en": "{path}: '{key}' must be a table of field = type",
                            "zh": "{path}:'{key}' 必须是「字段 = 类型」的表"},
    "config-field-type": {"en": "{path}: '{key}': '{name}' has type {kind}; use one of {types}",
                          "zh": "{path}:'{key}':'{name}' 的类型是 {kind};请使用 {types} 之一"},
    "config-severity": {
        "en": "{path}: '{key}' must map rule names to error, warning, info or off",
        "zh": "{path}:'{key}' 必须把规则名映射到 error、warning、info 或 off"},
    "config-overrides": {"en": "{path}: '{key}' must be a list of tables ([[overrides]])",
                         "zh": "{path}:'{key}' 必须是表的列表([[overrides]])"},
    "config-diff": {"en": "{path}: '{key}' must be a table ([diff])",
                    "zh": "{path}:'{key}' 必须是一个表([diff])"},
    # config overrides, --format, --changed-since and baselines (a ConfigError's sentence)
    "override-unknown-key": {"en": "{where}: unknown key '{key}'; use {keys}",
                             "zh": "{where}:未知的键 '{key}';可用的键:{keys}"},
    "override-unknown-key-guess": {
        "en": "{where}: unknown key '{key}' (did you mean '{guess}'?); use {keys}",
        "zh": "{where}:未知的键 '{key}'(是不是 '{guess}'?);可用的键:{keys}"},
    "override-files": {"en": "{where}: 'files' must be a non-empty list of globs, e.g. [\"legacy/**\"]",
                       "zh": "{where}:'files' 必须是非空的路径通配列表,例如 [\"legacy/**\"]"},
    "override-severity": {"en": "{where}: 'severity' must map rule names to error, warning, info or off",
                          "zh": "{where}:'severity' 必须把规则名对应到 `error`、`warning`、`info` 或 `off`"},
    "override-ignore": {"en": "{where}: 'ignore' must be a list of rule names",
                        "zh": "{where}:'ignore' 必须是规则名的列表"},
    "unknown-rule": {"en": "{where}: no rule named '{name}' (see 'promolint rules')",
                     "zh": "{where}:没有名为 '{name}' 的规则(见 'promolint rules')"},
    "unknown-rule-guess": {"en": "{where}: no rule named '{name}' (did you mean '{guess}'?)",
                           "zh": "{where}:没有名为 '{name}' 的规则(是不是 '{guess}'?)"},
    "format-unknown": {"en": "`--format`: unknown format '{name}'; use one of {formats} (optionally `NAME:FILE`)",
                       "zh": "`--format`:未知的格式 '{name}';可用:{formats}(也可写成 `NAME:FILE`)"},
    "format-same-place": {
        "en": "--format: two formats would write to the same place; give each its own file, "
              "e.g. --format text --format sarif:promolint.sarif",
        "zh": "`--format`:两个格式会写到同一个地方;请给每个格式各自的文件,"
              "例如 `--format text --format sarif:promolint.sarif`"},
    "changed-bad-ref": {"en": "--changed-since: '{ref}' is not a git ref; give one such as origin/main",
                        "zh": "`--changed-since`:'{ref}' 不是 git 引用;请给出例如 `origin/main`"},
    "changed-no-repo": {"en": "--changed-since needs a git repository (none found here)",
                        "zh": "`--changed-since` 需要 git 仓库(这里没有找到)"},
    "changed-unknown-ref": {
        "en": "--changed-since: git knows no commit '{ref}' (a branch, tag or commit; in CI fetch it "
              "first, e.g. git fetch origin main)",
        "zh": "`--changed-since`:git 中没有提交 '{ref}'(应为分支、标签或提交;在 CI 中请先获取,"
              "例如 `git fetch origin main`)"},
    "baseline-unreadable": {"en": "{path}: cannot read baseline: {problem}",
                            "zh": "{path}:无法读取基线文件:{problem}"},
    "baseline-invalid": {
        "en": "{path}: not a promolint baseline (version {version}); write one with "
              "'promolint baseline --output FILE'",
        "zh": "{path}:不是 promolint 基线文件(版本 {version});请用 "
              "'promolint baseline --output FILE' 生成"},
    "cache-untrusted": {
        "en": "promolint: warning: not using the cache: {path} {problem} (anyone who can write "
              "there could forge results); linting without it",
        "zh": "promolint:警告:未使用缓存:{path}{problem}(能写入该处的人可以伪造结果);本次不使用缓存检查"},
    "config-untrusted": {
        "en": "promolint: warning: not using the config {path}: it {problem}; anyone who can "
              "write there could turn rules off, so promolint lints without it",
        "zh": "promolint:警告:未使用配置文件 {path}:该文件{problem};能写入它的人可以关掉规则,本次不使用它检查"},
    "config-writable": {
        "en": "{path} is writable by its group or by everyone: promolint neither uses it nor "
              "lints without it (run chmod go-w {path})",
        "zh": "{path} 可被同组或所有用户写入:promolint 既不使用它,也不在没有它的情况下检查(请执行 chmod go-w {path})"},
    "cache-not-yours": {"en": "belongs to another user", "zh": "属于其他用户"},
    "cache-writable-by-others": {"en": "is writable by its group or by everyone (chmod go-w it)",
                                 "zh": "可被同组或所有用户写入(请执行 chmod go-w)"},
    "cache-key-readable": {"en": "is readable by others (remove it: promolint makes a new one)",
                           "zh": "可被其他用户读取(请删除它,promolint 会生成新的)"},
    "cache-key-bad": {"en": "is not a 32-byte key file of this user (remove it: promolint "
                            "makes a new one)",
                      "zh": "不是本用户的 32 字节密钥文件(请删除它,promolint 会生成新的)"},
    "fix-replace": {"en": "Replace '{old}' with '{new}'", "zh": "将 '{old}' 改为 '{new}'"},
    "fix-done": {"en": "promolint: fixed {count} finding(s) in {files} file(s); what is left follows",
                 "zh": "promolint:已修复 {files} 个文件中的 {count} 个问题;下面是剩下的问题"},
    "fix-would": {"en": "promolint: would fix {count} finding(s) in {files} file(s) (nothing written)",
                  "zh": "promolint:可修复 {files} 个文件中的 {count} 个问题(未写入任何文件)"},
    "fix-unsafe-hint": {
        "en": "promolint: {count} more finding(s) have a fix that changes money or meaning: "
              "add --unsafe-fixes to apply it (review the result)",
        "zh": "promolint:另有 {count} 个问题的修复会改变金额或含义:加上 `--unsafe-fixes` "
              "才会应用(请检查修改结果)"},
    "fix-stdin": {"en": "promolint: {path}: standard input is not fixed (--fix writes files); "
                        "its fixes are in --format json and the language server's quick fixes",
                  "zh": "promolint:{path}:不修复标准输入(`--fix` 只写文件);它的修复在 "
                        "`--format json` 和语言服务器的快速修复中"},
    "fix-symlink": {"en": "promolint: {path}: not fixed: it is a symbolic link (fix the file it points to)",
                    "zh": "promolint:{path}:未修复:它是符号链接(请修复它指向的文件)"},
    "fix-would-break": {"en": "promolint: {path}: not fixed: the fixes would leave the file not parsing",
                        "zh": "promolint:{path}:未修复:修复后文件将无法解析"},
    "fix-guard": {"en": "Require `{guard}` in the audience", "zh": "在受众条件中加上 `{guard}`"},
    "fix-keyboard": {"en": "Type '{new}' for the '{old}' a Chinese input method typed",
                     "zh": "把中文输入法打出的 '{old}' 改成 '{new}'"},
    "fix-swap": {
        "en": "Swap threshold and amount (spend {amount}, save {threshold})",
        "zh": "交换门槛与减免金额(满 {amount} 减 {threshold})"},
    "fix-suppress": {
        "en": "Suppress {rule} here (fill in the reason; expires {until})",
        "zh": "在此处豁免 {rule}(请填写理由;{until} 到期)"},
    "eval-loading": {
        "en": "promolint: {count} finding(s) while loading; promotions that could not be built are left out (run 'promolint check')",
        "zh": "promolint:加载时发现 {count} 个问题;无法构建的促销未参与计算(请运行 'promolint check')"},
    "no-rule": {"en": "promolint: no rule named '{rule}'; see 'promolint rules'",
                "zh": "promolint:没有名为 '{rule}' 的规则;请查看 'promolint rules'"},
    "no-rule-hint": {
        "en": "promolint: no rule named '{rule}' (did you mean '{hint}'?); see 'promolint rules'",
        "zh": "promolint:没有名为 '{rule}' 的规则(是不是想写 '{hint}'?);请查看 'promolint rules'"},
    "no-changed": {
        "en": "promolint: no promotion files changed since {ref}",
        "zh": "promolint:自 {ref} 以来没有促销文件变更"},
    "all-excluded": {
        "en": "promolint: every file named is left out by the config's exclude: nothing to check",
        "zh": "promolint:所有指定的文件都被配置中的 exclude 排除,无需检查"},
    "lsp-needs-pygls": {
        "en": "promolint: 'promolint lsp' needs pygls ({problem}): install promolint with its lsp "
              "extra (in promolint's clone: pip install '.[lsp]'; README: Installing)",
        "zh": "promolint:`promolint lsp` 需要 pygls({problem}):请安装带 lsp 扩展的 promolint"
              "(在 promolint 的克隆目录中运行 pip install '.[lsp]';见 README 的 Installing 一节)"},
    "no-such-path": {"en": "promolint: no such file or folder: {paths}; nothing was checked",
                     "zh": "promolint:文件或文件夹不存在:{paths};没有检查任何内容"},
    "no-files": {
        "en": "promolint: no promotion file found in {paths} (looked for *.promo.yaml, *.promo.yml, "
              "*.promo and .yaml/.yml files that declare apiVersion: promolint/v1): nothing was checked",
        "zh": "promolint:在 {paths} 中没有找到促销文件(查找了 *.promo.yaml、*.promo.yml、*.promo "
              "以及声明 apiVersion: promolint/v1 的 .yaml/.yml 文件):没有检查任何内容"},
    # click's usage errors in a Chinese run (promolint/cli/usage.py); an English run shows
    # click's own text, so "en" here is only the fallback of ui()
    "usage-line": {"en": "{what}; see '{help}'", "zh": "{what};用法见 `{help}`"},
    "usage-no-option": {"en": "no such option `{option}`", "zh": "没有选项 `{option}`"},
    "usage-no-option-guess": {"en": "no such option `{option}` (did you mean {guesses}?)",
                              "zh": "没有选项 `{option}`(是不是想写 {guesses}?)"},
    "usage-no-command": {"en": "no such command `{command}`", "zh": "没有命令 `{command}`"},
    "usage-no-command-guess": {"en": "no such command `{command}` (did you mean {guesses}?)",
                               "zh": "没有命令 `{command}`(是不是想写 {guesses}?)"},
    "usage-missing-command": {"en": "give a command", "zh": "缺少命令"},
    "usage-missing-argument": {"en": "missing argument `{name}`", "zh": "缺少参数 `{name}`"},
    "usage-missing-option": {"en": "missing option `{name}`", "zh": "缺少选项 `{name}`"},
    "usage-needs-value": {"en": "option `{option}` needs a value",
                          "zh": "选项 `{option}` 后面需要给出一个值"},
    "usage-takes-no-value": {"en": "option `{option}` takes no value",
                             "zh": "选项 `{option}` 不接受值"},
    "usage-option-misused": {"en": "option `{option}` is used wrongly",
                             "zh": "选项 `{option}` 的用法不对"},
    "usage-extra-arguments": {"en": "unexpected extra argument(s) `{args}`",
                              "zh": "多余的参数 `{args}`"},
    "usage-misused": {"en": "the command line is not valid", "zh": "命令行的写法不对"},
    "usage-bad-value": {"en": "invalid value for `{name}`", "zh": "`{name}` 的值无效"},
    "usage-bad-value-of": {"en": "invalid value `{value}` for `{name}`",
                           "zh": "`{name}` 的值 `{value}` 无效"},
    "usage-bad-choice": {"en": "`{name}`: `{value}` is not one of {choices}",
                         "zh": "`{name}` 的值 `{value}` 无效;可用的值:{choices}"},
    "usage-not-integer": {"en": "`{name}`: `{value}` is not a whole number",
                          "zh": "`{name}` 的值 `{value}` 不是整数"},
    "usage-int-at-least": {"en": "`{name}`: `{value}` must be a whole number of at least {low}",
                           "zh": "`{name}` 的值 `{value}` 无效;应为不小于 {low} 的整数"},
    "usage-int-at-most": {"en": "`{name}`: `{value}` must be a whole number of at most {high}",
                          "zh": "`{name}` 的值 `{value}` 无效;应为不大于 {high} 的整数"},
    "usage-int-between": {"en": "`{name}`: `{value}` must be a whole number from {low} to {high}",
                          "zh": "`{name}` 的值 `{value}` 无效;应为 {low} 到 {high} 之间的整数"},
    "usage-path-missing": {"en": "`{name}`: `{value}` does not exist",
                           "zh": "`{name}` 的路径 `{value}` 不存在"},
    "usage-path-is-folder": {"en": "`{name}`: `{value}` is a folder, not a file",
                             "zh": "`{name}` 的路径 `{value}` 是文件夹,这里需要文件"},
    "usage-path-is-file": {"en": "`{name}`: `{value}` is a file, not a folder",
                           "zh": "`{name}` 的路径 `{value}` 是文件,这里需要文件夹"},
    # promolint's own usage errors (their English is the exception's text)
    "usage-context": {"en": "'{value}' is not repo, none or a folder",
                      "zh": "`--context` 的值 `{value}` 无效;应为 `repo`、`none` 或一个文件夹"},
    "usage-stdin-alone": {"en": "'-' (stdin) must be the only path",
                          "zh": "`-`(标准输入)必须是唯一的路径"},
    "usage-diff-base": {"en": "'{value}' is neither a path nor a git ref",
                        "zh": "`{value}` 既不是路径,也不是 git 引用"},
    "usage-rule": {"en": "'{value}' is not a rule name or code (see 'promolint rules')",
                   "zh": "`{option}` 的值 `{value}` 不是规则名或规则编号(见 `promolint rules`)"},
    "usage-test-format": {"en": "'{value}': use text or junit",
                          "zh": "`--format` 的值 `{value}` 无效;可用 `text` 或 `junit`"},
})

UI.update(PRICE_SENTENCES)
UI.update(CART_SENTENCES)
UI.update(AUDIT_SENTENCES)
UI.update({
    "save-case-needs-cart": {"en": "--save-case needs --cart", "zh": "`--save-case` 需要 `--cart`"},
    "save-case-suffix": {"en": "{path}: name the case file *.cases.yaml, so 'promolint test' finds it",
                         "zh": "{path}:用例文件名须以 `.cases.yaml` 结尾,`promolint test` 才能找到它"},
    "save-case-exists": {"en": "{path} exists; add --force to overwrite it",
                         "zh": "{path} 已存在;加上 `--force` 才会覆盖它"},
    "output-unwritable": {"en": "cannot write {path}: {problem}", "zh": "无法写入 {path}:{problem}"},
    "save-case-outside": {
        "en": "{path} resolves to {target}, outside the repository of the case file; a case "
              "is committed and would carry that file's facts into it. To use it, name it by "
              "its own path",
        "zh": "{path} 实际指向 {target},位于用例文件所在仓库之外;用例会被提交,会把该文件的内容带进仓库。"
              "如确需使用,请直接写出该文件本身的路径"},
    "save-case-too-large": {
        "en": "{path}: the case would be {size} bytes, over the {limit}-byte limit for a saved "
              "case; save a smaller cart",
        "zh": "{path}:用例将有 {size} 字节,超过保存用例的上限 {limit} 字节;请用更小的购物车保存"},
    "save-case-saved": {"en": "promolint: saved case {name!r} to {path}",
                        "zh": "promolint:已将用例 {name!r} 保存到 {path}"},
})


def ui(sentence: str, lang: str = "en", /, **args) -> str:
    """One of the tool's own sentences in `lang` (English when missing), escaped."""
    return say(UI, sentence, lang, **args)


def said(found: CartProblem, lang: str = "en") -> str:
    """A cart or user problem's sentence in `lang` (where it is, the caller says)."""
    return ui(found.sentence, lang, **dict(found.args))


def config_warning(found, lang: str = "en") -> str:
    """An UntrustedConfig warning's line in `lang`."""
    return ui("config-untrusted", lang, path=found.path, problem=ui(found.problem, lang))


def config_error(err, lang: str = "en") -> str:
    """A ConfigError in `lang`: its sentence from UI when it names one, else its text."""
    if getattr(err, "sentence", None) in UI:
        try:
            details = {k: render(v, lang) if isinstance(v, Diagnostic)
                       else said(v, lang) if isinstance(v, CartProblem) else v
                       for k, v in err.details.items()}
            return ui(err.sentence, lang, **details)
        except Exception:  # noqa: BLE001 - an error line must never fail; English then
            pass
    return str(err)
