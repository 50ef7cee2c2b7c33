"""HALO as a user installs it: the wheel built, installed into a folder of its own and run
from a folder that is not the repo. Every default (the experiments file, the v2 task
registry snapshot) must come from the package itself."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.helpers import REPO


def _pip(*args: str | Path) -> None:
    out = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, args)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr


def _builds_offline() -> bool:
    """This environment's setuptools can build the wheel (>= 70.1 has bdist_wheel built in;
    older ones need the `wheel` package); else pip builds in an isolated env it downloads."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return False
    major, minor = (int(x) for x in version.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel installed with `pip install --no-deps --target` (the folder)."""
    src = tmp_path_factory.mktemp("src")  # a copy: building leaves build/ beside the sources
    shutil.copytree(REPO / "halo_cli", src / "halo_cli",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    wheels = tmp_path_factory.mktemp("wheels")
    isolation = ["--no-build-isolation"] if _builds_offline() else []
    _pip("wheel", "--no-deps", *isolation, "--wheel-dir", wheels, src)
    [wheel] = wheels.glob("halo_cli-*.whl")
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "--target", target, wheel)
    return target


@pytest.fixture()
def run(installed: Path, tmp_path: Path):
    """`python -m ARGS` from an empty folder, importing HALO only from the installed copy."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALO_")}
    env.update(PYTHONPATH=str(installed), NO_COLOR="1", COLUMNS="200",
               HALO_RESULTS_DIR=str(tmp_path / "results"), HALO_DATA_DIR=str(tmp_path / "data"))

    def python(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, timeout=300)

    return python


def test_the_installed_copy_is_the_one_imported_with_its_defaults(run, installed: Path):
    out = run("-c", "import halo_cli.config.experiments as e, halo_cli.tasks.registry as r; "
                    "print(e.__file__); print(e.DEFAULT_EXPERIMENTS.is_file(), "
                    "r.DEFAULT_SNAPSHOT.is_file())")
    assert out.returncode == 0, out.stderr
    where, found = out.stdout.splitlines()
    assert Path(where).is_relative_to(installed) and found == "True True"


def test_rollout_by_mode_and_by_experiment_dry_run(run, tmp_path: Path):
    by_mode = run("-m", "halo_cli", "rollout", "--sites", "local", "--tasks", "gomail-1", "--mode",
                  "baseline_worker", "-n", "1", "--dry-run")
    assert by_mode.returncode == 0, by_mode.stdout + by_mode.stderr
    assert "1 tasks x 1 modes (baseline_worker) = 1 episodes" in by_mode.stdout
    assert "v2.gomail-1  baseline_worker  #1  max_steps=70" in by_mode.stdout
    by_experiment = run("-m", "halo_cli", "rollout", "--experiment", "halo_speed", "--subset",
                        "smoke", "-n", "2", "--dry-run")
    assert by_experiment.returncode == 0, by_experiment.stdout + by_experiment.stderr
    assert "2 tasks x 1 modes (hierarchy_vac_macros) = 4 episodes" in by_experiment.stdout
    assert "v2.omnizon-3  hierarchy_vac_macros  #2  max_steps=25" in by_experiment.stdout
    assert not (tmp_path / "results").exists()


def test_tasks_list_and_eval_subset_dry_run(run):
    tasks = run("-m", "halo_cli", "tasks", "list", "--ids-only")
    assert tasks.returncode == 0, tasks.stderr
    ids = tasks.stdout.split()
    assert len(ids) == 121 and "v2.gomail-1" in ids
    subset = run("-m", "halo_cli", "eval", "subset", "--sample-size", "3", "--dry-run")
    assert subset.returncode == 0, subset.stdout + subset.stderr
    assert "3 tasks x 1 modes (hierarchy_vac_macros) = 3 episodes" in subset.stdout
