"""click's usage errors in the run's language: in a Chinese run (`--lang zh` anywhere on the
command line, or LANG/LC_ALL) one line with no English word but code (the option, value
or command in backticks), click's did-you-mean and the `--help` to run, exit 2; in an
English run exactly click's own text, as before."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from promolint.cli import main
from promolint.cli.usage import Said, argv_lang, translated
from promolint.report.messages import UI
from tests.report.test_zh_messages import _filled, english_words


@pytest.fixture(autouse=True)
def _english_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "a.promo.yaml").write_text("x: 1\n")
    (tmp_path / "folder").mkdir()


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, prog_name="promolint")


def zh_line(result) -> str:
    """The one Chinese line of a usage error, checked for English words."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    line = result.stderr.rstrip("\n")
    assert "\n" not in line, line
    assert line.startswith("promolint: "), line
    assert "Usage" not in line and "Error" not in line and "Try" not in line, line
    assert english_words(line.removeprefix("promolint: "), user_text="a.promo.yaml") == [], line
    return line


# (arguments after the command, what the Chinese line holds)
CASES = [
    (["check", "--formt", "json", "a.promo.yaml"],
     ["没有选项 `--formt`", "(是不是想写 `--format`?)", "用法见 `promolint check --help`"]),
    (["check", "--zzzzz", "a.promo.yaml"], ["没有选项 `--zzzzz`;用法见 `promolint check --help`"]),
    (["check", "-Q", "a.promo.yaml"], ["没有选项 `-Q`"]),
    (["check", "--fail-on", "nope", "a.promo.yaml"],
     ["`--fail-on` 的值 `nope` 无效", "`error`、`warning`、`info`"]),
    (["check", "--jobs", "abc", "a.promo.yaml"], ["`--jobs/-j` 的值 `abc` 不是整数"]),
    (["check", "--jobs=-3", "a.promo.yaml"], ["`--jobs/-j` 的值 `-3` 无效;应为不小于 0 的整数"]),
    (["check", "-j-3", "a.promo.yaml"], ["`--jobs/-j` 的值 `-3` 无效"]),
    (["check", "--context", "nope", "a.promo.yaml"],
     ["`--context` 的值 `nope` 无效;应为 `repo`、`none` 或一个文件夹"]),
    (["check", "-", "a.promo.yaml"], ["`-`(标准输入)必须是唯一的路径", "`promolint check --help`"]),
    (["check", "a.promo.yaml", "--config"], ["选项 `--config` 后面需要给出一个值",
                                             "用法见 `promolint check --help`"]),
    (["check", "--exit-zero=3", "a.promo.yaml"], ["选项 `--exit-zero` 不接受值"]),
    (["check", "--config", "folder", "a.promo.yaml"], ["`--config` 的路径 `folder` 是文件夹"]),
    (["explain"], ["缺少参数 `RULE`;用法见 `promolint explain --help`"]),
    (["eval"], ["缺少参数 `PATHS...`"]),
    (["explain", "below-market", "extra"], ["多余的参数 `extra`"]),
    (["rules", "x", "y"], ["多余的参数 `x y`"]),
    (["chek"], ["没有命令 `chek`(是不是想写 `check`、`schema`?)", "用法见 `promolint --help`"]),
    (["zzzzzz"], ["没有命令 `zzzzzz`;用法见 `promolint --help`"]),
    (["--bogus", "check"], ["没有选项 `--bogus`;用法见 `promolint --help`"]),
    (["diff", "no-such-ref-or-path"], ["`no-such-ref-or-path` 既不是路径,也不是 git 引用",
                                       "`promolint diff --help`"]),
    (["test", "--format", "q", "a.promo.yaml"], ["`--format` 的值 `q` 无效;可用 `text` 或 `junit`"]),
    (["test", "--promotions", "missing", "."], ["`--promotions` 的路径 `missing` 不存在"]),
    (["serve", "--port", "70000"], ["`--port` 的值 `70000` 无效;应为 0 到 65535 之间的整数"]),
    (["serve", "a.promo.yaml"], ["`PATH` 的路径 `a.promo.yaml` 是文件,这里需要文件夹"]),
]


@pytest.mark.parametrize("args, holds", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_chinese_from_the_lang_option(args, holds):
    line = zh_line(run(args[0], "--lang", "zh", *args[1:]))
    for part in holds:
        assert part in line, line
    if args[-1].startswith("-"):  # an option waiting for its value
        return
    line = zh_line(run(*args, "--lang=zh"))  # anywhere on the line, either spelling
    for part in holds:
        assert part in line, line


@pytest.mark.parametrize("args, holds", CASES[:3] + CASES[12:14] + CASES[16:18],
                         ids=[" ".join(a) for a, _ in CASES[:3] + CASES[12:14] + CASES[16:18]])
def test_chinese_from_the_environment(args, holds):
    line = zh_line(run(*args, env={"LANG": "zh_CN.UTF-8"}))
    for part in holds:
        assert part in line, line
    assert line == zh_line(run(*args, env={"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}))


def test_the_lang_option_wins_over_the_environment():
    result = run("check", "--formt", "json", "--lang", "en", env={"LANG": "zh_CN.UTF-8"})
    assert result.stderr.startswith("Usage: promolint check [OPTIONS] [PATHS]...\n")
    assert "没有选项 `--formt`" in zh_line(run("check", "--lang=zh", "--formt", "json",
                                                 env={"LANG": "C"}))


def test_a_bad_lang_after_a_good_one_is_said_in_the_good_one():
    line = zh_line(run("check", "--lang", "zh", "--lang", "fr", "a.promo.yaml"))
    assert "`--lang` 的值 `fr` 无效;可用的值:`en`、`zh`" in line


def test_a_bad_lang_is_said_in_the_environment_language():
    assert "Error: Invalid value for '--lang': 'fr' is not one of 'en', 'zh'." in \
        run("check", "--lang", "fr").stderr
    assert "`--lang` 的值 `fr` 无效" in zh_line(run("check", "--lang", "fr",
                                                  env={"LANG": "zh_CN.UTF-8"}))


# click's English, byte for byte as promolint printed it before usage errors spoke Chinese
ENGLISH = [
    (["check", "--formt", "json", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: No such option '--formt'. Did you mean '--format'?\n"),
    (["check", "--zzzzz", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: No such option '--zzzzz'.\n"),
    (["check", "--jobs", "abc", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: Invalid value for '--jobs' / '-j': 'abc' is not a valid integer range.\n"),
    (["check", "--fail-on", "nope", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: Invalid value for '--fail-on': 'nope' is not one of 'error', 'warning', 'info'.\n"),
    (["check", "--context", "nope", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: Invalid value for --context: 'nope' is not repo, none or a folder\n"),
    (["check", "-", "a.promo.yaml"],
     "Usage: promolint check [OPTIONS] [PATHS]...\nTry 'promolint check --help' for help.\n\n"
     "Error: '-' (stdin) must be the only path\n"),
    (["check", "a.promo.yaml", "--config"], "Error: Option '--config' requires an argument.\n"),
    (["check", "--exit-zero=3", "a.promo.yaml"], "Error: Option '--exit-zero' does not take a value.\n"),
    (["explain"],
     "Usage: promolint explain [OPTIONS] RULE\nTry 'promolint explain --help' for help.\n\n"
     "Error: Missing argument 'RULE'.\n"),
    (["rules", "extra"],
     "Usage: promolint rules [OPTIONS]\nTry 'promolint rules --help' for help.\n\n"
     "Error: Got unexpected extra argument (extra)\n"),
    (["chek"],
     "Usage: promolint [OPTIONS] COMMAND [ARGS]...\nTry 'promolint --help' for help.\n\n"
     "Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)\n"),
    (["diff", "no-such-ref-or-path"],
     "Usage: promolint diff [OPTIONS] [ARGS]...\nTry 'promolint diff --help' for help.\n\n"
     "Error: Invalid value for BASE: 'no-such-ref-or-path' is neither a path nor a git ref\n"),
    (["test", "--format", "q", "a.promo.yaml"],
     "Usage: promolint test [OPTIONS] [PATHS]...\nTry 'promolint test --help' for help.\n\n"
     "Error: Invalid value for --format: 'q': use text or junit\n"),
]


@pytest.mark.parametrize("args, text", ENGLISH, ids=[" ".join(a) for a, _ in ENGLISH])
def test_english_is_clicks_own_text(args, text):
    for extra, env in (([], None), (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}), ([], {"LANG": "C"})):
        where = args.index("--config") if "--config" in args else len(args)  # before a dangling option
        result = run(*args[:where], *extra, *args[where:], env=env)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", text)


def test_no_arguments_still_shows_the_help():
    english, chinese = run(), run(env={"LANG": "zh_CN.UTF-8"})
    assert english.exit_code == chinese.exit_code
    assert english.output == chinese.output and "Commands:" in english.output


def test_what_is_not_a_usage_error_is_untouched():
    """Findings and config errors keep their own lines (the config one already in zh)."""
    result = run("check", "--lang", "zh", "--format", "nope", "a.promo.yaml")
    assert result.exit_code == 2 and "未知的格式 'nope'" in result.stderr


def test_lang_from_the_command_line():
    assert argv_lang(["check", "--lang", "zh", "x"]) == "zh"
    assert argv_lang(["check", "--lang=zh", "--lang", "en"]) == "en"  # the last, as click
    assert argv_lang(["check", "--lang", "fr"]) is None  # not a language: the environment's
    assert argv_lang(["check", "--lang", "zh", "--lang", "fr"]) == "zh"
    assert argv_lang(["check", "--", "--lang", "zh"]) is None  # a path named --lang
    assert argv_lang(["check", "--lang"]) is None


def _ctx():
    command = click.Command("cmd", params=[click.Option(["--need"], required=True)])
    return click.Context(command, info_name="promolint cmd")


@pytest.mark.parametrize("err, holds", [
    (lambda c: click.MissingParameter(ctx=c, param=c.command.params[0]), "缺少选项 `--need`"),
    (lambda c: click.BadOptionUsage("--need", "Option '--need' is odd.", ctx=c),
     "选项 `--need` 的用法不对"),
    (lambda c: click.BadArgumentUsage("Argument 'x' takes 2 values.", ctx=c), "命令行的写法不对"),
    (lambda c: click.UsageError("Missing command.", ctx=c), "缺少命令"),
    (lambda c: click.BadParameter("no good", ctx=c, param=c.command.params[0]), "`--need` 的值无效"),
    (lambda c: click.NoSuchOption("--nee", possibilities=["--need", "--needle"], ctx=c),
     "没有选项 `--nee`(是不是想写 `--need`、`--needle`?)"),
])
def test_every_kind_has_a_sentence(err, holds):
    err = err(_ctx())
    said = translated(err, "zh")
    assert isinstance(said, Said) and said.exit_code == 2 and said.original is err
    assert holds in said.message and "`promolint cmd --help`" in said.message, said.message
    assert english_words(said.message.removeprefix("promolint: ")) == [], said.message
    assert translated(err, "en") is err


@pytest.mark.parametrize("sentence", sorted(k for k in UI if k.startswith("usage-")))
def test_each_usage_sentence_is_chinese(sentence):
    assert english_words(_filled(UI[sentence]["zh"])) == [], UI[sentence]["zh"]


def test_a_value_is_printed_escaped():
    line = zh_line(run("check", "--lang", "zh", "--fail-on", "a\x1b[31mb", "a.promo.yaml"))
    assert "\x1b" not in line and "`a\\x1b[31mb`" in line
