"""Paths from the UI: only inside the configured roots, after resolving symlinks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tasks import safe_paths
from tasks.paths import SAMPLE
from tasks.safe_paths import UnsafePathError, safe_input, safe_output


@pytest.fixture
def roots(tmp_path):
    inputs, outside, out = tmp_path / "in", tmp_path / "outside", tmp_path / "out"
    for folder in (inputs / "sub", outside, out):
        folder.mkdir(parents=True)
    (inputs / "lines.csv").write_text("a\n1\n")
    (inputs / "sub" / "vendors.xlsx").write_bytes(b"PK\x03\x04")
    (inputs / "script.py").write_text("print('no')\n")
    (outside / "secret.csv").write_text("a\n1\n")
    (inputs / "escape.csv").symlink_to(outside / "secret.csv")
    (inputs / "outdir").symlink_to(outside, target_is_directory=True)
    (inputs / "alias.csv").symlink_to(inputs / "lines.csv")
    (out / "away").symlink_to(outside, target_is_directory=True)
    (out / "afile").write_text("")
    return inputs, outside, out


@pytest.mark.parametrize("typed, expected", [
    ("lines.csv", "lines.csv"),
    ("sub/vendors.xlsx", "sub/vendors.xlsx"),
    ("./lines.csv", "lines.csv"),
    ("alias.csv", "lines.csv"),  # a symlink that stays inside is fine
])
def test_inputs_inside_a_root_resolve(roots, typed, expected):
    inputs = roots[0]
    assert safe_input(typed, "suppliers", [inputs.resolve()]) == (inputs / expected).resolve()


def test_absolute_input_inside_a_root(roots):
    inputs = roots[0]
    assert safe_input(str(inputs / "lines.csv"), "x", [inputs.resolve()]) == (inputs / "lines.csv").resolve()


@pytest.mark.parametrize("typed, message", [
    ("../outside/secret.csv", "contains '..'"),
    ("sub/../../outside/secret.csv", "contains '..'"),
    ("..\\outside\\secret.csv", "contains '..'"),
    ("escape.csv", "outside the allowed input folders (it resolves to"),
    ("outdir/secret.csv", "outside the allowed input folders"),
    ("/etc/hostname", "outside the allowed input folders"),
    ("~/lines.csv", "starts with '~'"),
    ("file:///etc/hostname", "is a URL"),
    ("lines\x00.csv", "NUL"),
    ("  ", "empty"),
    ("missing.csv", "no file 'missing.csv'"),
    ("sub", "no file 'sub'"),
    ("script.py", "not a supported data file"),
])
def test_unsafe_inputs_are_rejected_with_the_reason(roots, typed, message):
    with pytest.raises(UnsafePathError, match=r"^suppliers: ") as error:
        safe_input(typed, "suppliers", [roots[0].resolve()])
    assert message in str(error.value)


def test_rejection_names_the_allowed_folders_and_the_setting(roots):
    with pytest.raises(UnsafePathError) as error:
        safe_input("escape.csv", "sourcing", [roots[0].resolve()])
    assert str(roots[0].resolve()) in str(error.value)
    assert "FLSCREEN_INPUT_ROOTS" in str(error.value)


def test_relative_inputs_are_looked_up_in_each_root(roots, monkeypatch):
    inputs = roots[0]
    monkeypatch.setenv("FLSCREEN_INPUT_ROOTS", os.pathsep.join([str(SAMPLE), str(inputs)]))
    assert safe_paths.input_roots() == [SAMPLE.resolve(), inputs.resolve()]
    assert safe_input("lines.csv") == (inputs / "lines.csv").resolve()
    assert safe_input("suppliers.csv") == SAMPLE / "suppliers.csv"


def test_default_roots(monkeypatch, tmp_path):
    for name in ("FLSCREEN_INPUT_ROOTS", "FLSCREEN_OUTPUT_ROOT", "FLSCREEN_REFERENCE_ROOT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert safe_paths.input_roots() == [SAMPLE.resolve()]
    assert safe_paths.output_root() == (tmp_path / "output").resolve()
    assert safe_paths.reference_root() is None


@pytest.mark.parametrize("typed, expected", [
    (".", "."), ("results", "results"), ("team/2026/q4", "team/2026/q4"),
])
def test_outputs_inside_the_root(roots, typed, expected):
    out = roots[2]
    assert safe_output(typed, root=out) == (out / expected).resolve()


def test_absolute_output_inside_the_root(roots):
    out = roots[2]
    assert safe_output(str(out / "x"), root=out) == (out / "x").resolve()


@pytest.mark.parametrize("typed, message", [
    ("..", "contains '..'"),
    ("results/../..", "contains '..'"),
    ("away/results", "outside the allowed output folder"),
    ("/tmp", "outside the allowed output folder"),
    ("afile/results", "is not a folder"),
])
def test_unsafe_outputs_are_rejected(roots, typed, message):
    with pytest.raises(UnsafePathError, match=r"^output folder: ") as error:
        safe_output(typed, root=roots[2])
    assert message in str(error.value)


def test_output_root_from_the_environment(roots, monkeypatch):
    monkeypatch.setenv("FLSCREEN_OUTPUT_ROOT", str(roots[2]))
    assert safe_output("r") == (roots[2] / "r").resolve()
    with pytest.raises(UnsafePathError, match="FLSCREEN_OUTPUT_ROOT"):
        safe_output(str(Path(roots[1])))
