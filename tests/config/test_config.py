from pathlib import Path

import pytest
from pydantic import ValidationError

from halo_cli.config.experiments import load_experiments
from halo_cli.config.modes import MODES, SCORING, get_mode
from halo_cli.errors import UserError
from halo_cli.tasks.registry import from_agisdk
from tests.support.helpers import REPO


def test_all_runbook_modes_exist():
    assert set(MODES) == {
        "baseline_worker", "hierarchy_mgr_gate", "hierarchy_vac", "hierarchy_vac_macros",
        "qwen_worker_zero", "qwen_worker_bc", "qwen_worker_dpo",
    }
    assert not MODES["baseline_worker"].manager and not MODES["baseline_worker"].vac
    full = MODES["hierarchy_vac_macros"]
    assert full.manager and full.vac and full.macros and full.max_steps == 70
    assert full.speed().max_steps == 25
    bc = MODES["qwen_worker_bc"]
    assert bc.worker_backend == "vllm" and bc.worker_request_model == "halo-bc"


def test_scoring_constraints_cannot_change():
    assert SCORING.task_version == "v2" and SCORING.viewport == {"width": 1280, "height": 720}
    assert SCORING.use_axtree and SCORING.use_screenshot and not SCORING.use_html
    with pytest.raises(ValidationError):
        type(SCORING)(use_html=True)


def test_unknown_mode_lists_known():
    with pytest.raises(UserError, match="unknown mode: fast .known: baseline_worker"):
        get_mode("fast")


def test_shipped_experiments_file_is_valid():
    doc = load_experiments(REPO / "halo_cli" / "config" / "experiments.yaml", registry=from_agisdk())
    assert doc.mode("halo_speed").max_steps == 25
    assert doc.mode("explore").temperature == 0.7
    assert "v2.omnizon-3" in doc.subset("shopping")


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "experiments.yaml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(
    "text, message",
    [
        ("experiments:\n  a:\n    mode: turbo\n", "experiments.a.mode: unknown mode 'turbo'"),
        ("experiments:\n  a:\n    mode: baseline_worker\n    colour: red\n",
         "experiments.a.colour: Extra inputs are not permitted"),
        ("experiments:\n  a:\n    mode: baseline_worker\n    overrides: {max_steps: -1}\n",
         "experiments.a.overrides.max_steps: Input should be greater than or equal to 1"),
        ("experiments:\n  a:\n    mode: baseline_worker\n    overrides: {use_html: true}\n",
         "experiments.a.overrides.use_html: Extra inputs are not permitted"),
        ("subsets:\n  s: [gomail-1, v2.foo-99]\n", "subsets.s[1]: unknown task: v2.foo-99"),
        ("experiments: [\n", "invalid YAML at line"),
        ("flavour: x\n", "flavour: Extra inputs are not permitted"),
    ],
)
def test_bad_experiments_file_names_file_and_field(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(UserError) as exc:
        load_experiments(path, registry=from_agisdk())
    assert str(exc.value).startswith(f"{path}: ")
    assert message in str(exc.value)


def test_unknown_subset_and_experiment(tmp_path):
    doc = load_experiments(_write(tmp_path, "subsets:\n  s: [gomail-1]\n"))
    with pytest.raises(UserError, match="unknown subset: shopping"):
        doc.subset("shopping")
    with pytest.raises(UserError, match="unknown experiment: x"):
        doc.mode("x")
