"""`eval --save-case` writes a file meant to be committed: it saves what the case needs (the
lines, the facts the audiences read), bounded, and never a file a symlink carried in from
outside the repository (issue 21)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from promolint.cli import main
from tests.report.test_zh_messages import english_words

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-11T10:00:00+08:00"
SECRET = "AKIA-not-for-git"
USER = f"user: {{tier: gold, order_count: 12, phone_verified: true, blocked: false}}\n" \
       f"aws: {{secret_access_key: {SECRET}}}\nuser.api_token: {SECRET}\n"


@pytest.fixture
def repo(tmp_path):
    """A git repository holding the example shop; the folder above it is elsewhere."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "shop", root / "shop")
    shutil.copytree(ROOT / "examples" / "carts", root / "carts")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def save(repo: Path, *args: str):
    return CliRunner().invoke(main, ["eval", str(repo / "shop"), "--at", AT,
                                     "--save-case", str(repo / "shop" / "x.cases.yaml"), *args])


def test_a_symlink_out_of_the_repository_is_refused(repo, tmp_path):
    (tmp_path / "secret.yaml").write_text(USER, "utf-8")
    (repo / "carts" / "me.user.yaml").symlink_to(tmp_path / "secret.yaml")
    done = save(repo, "--cart", str(repo / "carts" / "d11-apparel.cart.yaml"),
                "--user", str(repo / "carts" / "me.user.yaml"))
    assert done.exit_code == 2 and not (repo / "shop" / "x.cases.yaml").exists()
    assert "Traceback" not in done.output


def test_a_cart_symlinked_out_is_refused_too(repo, tmp_path):
    shutil.copy(repo / "carts" / "d11-apparel.cart.yaml", tmp_path / "elsewhere.cart.yaml")
    (repo / "carts" / "x.cart.yaml").symlink_to(tmp_path / "elsewhere.cart.yaml")
    done = save(repo, "--cart", str(repo / "carts" / "x.cart.yaml"))
    assert done.exit_code == 2 and not (repo / "shop" / "x.cases.yaml").exists()


def test_a_file_named_outside_saves_only_the_facts_the_audiences_read(repo, tmp_path):
    (tmp_path / "secret.yaml").write_text(USER, "utf-8")
    done = save(repo, "--cart", str(repo / "carts" / "d11-apparel.cart.yaml"),
                "--user", str(tmp_path / "secret.yaml"))
    assert done.exit_code == 0, done.output
    text = (repo / "shop" / "x.cases.yaml").read_text("utf-8")
    assert SECRET not in text and "api_token" not in text and "tier: gold" in text
    assert CliRunner().invoke(main, ["test", str(repo / "shop")]).exit_code == 0


def test_aliases_in_a_user_file_do_not_grow_the_case(repo):
    junk = "junk: &j [" + ", ".join(["x" * 200] * 50) + "]\nmore: [" + "*j, " * 300 + "]\n"
    (repo / "carts" / "big.user.yaml").write_text(USER.replace(SECRET, "s") + junk, "utf-8")
    done = save(repo, "--cart", str(repo / "carts" / "d11-apparel.cart.yaml"),
                "--user", str(repo / "carts" / "big.user.yaml"))
    assert done.exit_code == 0, done.output
    assert (repo / "shop" / "x.cases.yaml").stat().st_size < 4_000


def test_a_case_over_the_bound_is_refused(repo):
    line = "{sku: TEE-001, quantity: 1, unit_price: 1, category: &c " + "c" * 4_000 + "}"
    cart = "lines:\n  - &l " + line + "\n" + "  - *l\n" * 300
    (repo / "carts" / "huge.cart.yaml").write_text(cart, "utf-8")
    done = save(repo, "--cart", str(repo / "carts" / "huge.cart.yaml"))
    assert done.exit_code == 2 and not (repo / "shop" / "x.cases.yaml").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_refusals_and_an_unwritable_case_are_said_in_the_run_language(repo, tmp_path, lang):
    (tmp_path / "secret.yaml").write_text(USER, "utf-8")
    (repo / "carts" / "me.user.yaml").symlink_to(tmp_path / "secret.yaml")
    (repo / "shop" / "file").write_text("", "utf-8")
    cart = str(repo / "carts" / "d11-apparel.cart.yaml")
    said = [save(repo, "--lang", lang, "--cart", cart, "--user", str(repo / "carts" / "me.user.yaml")),
            CliRunner().invoke(main, ["eval", str(repo / "shop"), "--lang", lang, "--at", AT, "--cart",
                                      cart, "--save-case", str(repo / "shop" / "file" / "x.cases.yaml")])]
    for done in said:
        assert done.exit_code == 2 and "Traceback" not in done.output
        line = done.output.strip().replace(str(tmp_path), "")
        assert bool(re.search(r"[\u4e00-\u9fff]", line)) == (lang == "zh"), line
        if lang == "zh":
            assert english_words(line.removeprefix("promolint"), "x.cases.yaml") == [], line
