"""The compiled build (setup.py, ZONE_EXTRACT_COMPILE=1) is all or nothing, and says which it is."""

from __future__ import annotations

import ast
import importlib
import os

import pytest

import extract
from extract.cli import main


def _compiled_modules(root) -> list[str]:
    """The module list setup.py hands to mypyc, read without running setup.py."""
    tree = ast.parse((root / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "COMPILED_MODULES":
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED_MODULES")


def test_every_listed_module_has_the_same_build(root):
    names = _compiled_modules(root)
    assert "facts" in names and len(names) >= 10
    builds = {name: importlib.import_module(f"extract.{name}").__file__.endswith(".py") for name in names}
    assert len(set(builds.values())) == 1, builds
    assert extract.BUILD == ("pure Python" if next(iter(builds.values())) else "compiled")


def test_expected_build_is_installed():
    """CI installs each build in turn and names the one it expects in ZONE_EXTRACT_EXPECT_BUILD."""
    expected = os.environ.get("ZONE_EXTRACT_EXPECT_BUILD")
    if not expected:
        pytest.skip("ZONE_EXTRACT_EXPECT_BUILD is not set")
    assert extract.BUILD == expected


def test_version_names_the_build(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"zone-extract {extract.__version__} ({extract.BUILD})"
