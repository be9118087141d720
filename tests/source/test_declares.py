"""Issue 20 section 2: a plain .yaml file is a promotion when a YAML document's
top-level key says `apiVersion: promolint/...`; the same words inside a block scalar
(a Kubernetes ConfigMap's data:, the rule catalog's examples) are text."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from promolint.core.config import Settings
from promolint.source.discover import SNIFF_BYTES, declares, find_files

ROOT = Path(__file__).resolve().parents[2]

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata: {name: promos}
data:
  d11.promo.yaml: |
    apiVersion: promolint/v1
    kind: Promotion
    id: d11
"""


@pytest.mark.parametrize("text", [
    "apiVersion: promolint/v1\nkind: Promotion\n",
    "# header\n'apiVersion': \"promolint/v1\"\n",
    "kind: Promotion\napiVersion: promolint/v1\n",
    "---\nkind: Other\n---\nid: a\napiVersion: promolint/v1\n",  # a later document
    "  apiVersion: promolint/v1\n  kind: Promotion\n",  # an indented root mapping
    "apiVersion: promolint/v1\nid: [unclosed\n",  # broken after the declaration
    "id: [unclosed\napiVersion: promolint/v1\n",  # broken before it: read, and said so
])
def test_declared(text):
    assert declares(text.encode())


@pytest.mark.parametrize("text", [
    CONFIGMAP,
    "examples:\n  - |\n    apiVersion: promolint/v1\n",
    "spec:\n  apiVersion: promolint/v1\n",  # a nested key
    "- apiVersion: promolint/v1\n",  # an item of a root list
    "apiVersion: apps/v1\nkind: Deployment\n",
    "note: >\n  apiVersion: promolint/v1\n",
    "apiVersion: promolint/v1\n".replace("apiVersion", "apiversion"),
])
def test_not_declared(text):
    assert not declares(text.encode())


def test_a_configmap_longer_than_the_sniffed_head_is_not_read():
    text = CONFIGMAP + "    note: |\n" + "".join(f"      line {i}\n" for i in range(SNIFF_BYTES // 10))
    assert len(text) > SNIFF_BYTES and not declares(text.encode()[:SNIFF_BYTES])


def test_a_folder_run_reads_the_promotion_and_not_the_configmap(tmp_path):
    (tmp_path / "k8s.yaml").write_text(CONFIGMAP, encoding="utf-8")
    (tmp_path / "d12.yaml").write_text("apiVersion: promolint/v1\nkind: Promotion\n", encoding="utf-8")
    assert find_files([str(tmp_path)], Settings()) == [str(tmp_path / "d12.yaml")]


def test_the_rule_catalog_is_not_a_promotion_folder():
    """A bare `promolint check` at the project's root read rules/*.yaml's examples."""
    found = find_files([str(ROOT / "rules")], Settings())
    assert found == [] and len(os.listdir(ROOT / "rules")) > 20
