"""Rollouts a trainer can learn from, end to end: `halo rollout` of 2 tasks x 3 rollouts on
the local sites (real Chromium, real agisdk env), an LLM double whose answers depend on the
request's seed and temperature (so some rollouts succeed and some fail), then
`halo export sft|dpo`, loaded with the real `datasets` package."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from halo_cli.config.settings import WORKER_IMAGE
from halo_cli.redact import Scrubber
from halo_cli.trajectory.reader import load_trajectory
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble
from tests.support.reference_llm import ReferenceAnswerer, reference
from tests.support.run_helpers import goal_of, jsonl, request_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(1500)]

KEY = "sk-test-EXPORT-never-4d1f9a0b3c"
TASKS = ["v2.gomail-24", "v2.gocalendar-10"]
RUN = "ro-export"
GIVE_UP = "I think it is done already.\n```\nsend_msg_to_user('Done.')\n```"


class Sampler:
    """The task's reference solution, except where (seed + 10 x temperature) % 3 == 0:
    there it declares the task done at once (a failed rollout). One answerer per
    (task, seed): each rollout samples with its own seed. Every reply carries the key."""

    def __init__(self) -> None:
        self.goals = {goal_of(t): t for t in TASKS}
        self.answerers: dict[tuple[str, int], ReferenceAnswerer] = {}

    def __call__(self, body: dict) -> str:
        text = request_text(body)
        task = next(t for g, t in self.goals.items() if f"GOAL: {g}" in text)
        seed, temperature = int(body["seed"]), float(body["temperature"])
        if (seed + round(10 * temperature)) % 3 == 0:
            return GIVE_UP
        answerer = self.answerers.setdefault(
            (task, seed), ReferenceAnswerer(reference(task.removeprefix("v2."))))
        return f"(key {KEY}) " + answerer(body)


@pytest.fixture(scope="module")
def rollout(tmp_path_factory, browser_ready):
    root = tmp_path_factory.mktemp("export")
    env = {"OPENAI_BASE_URL": "", "OPENAI_API_KEY": KEY, "HALO_RESULTS_DIR": str(root / "results"),
           "HALO_DATA_DIR": str(root / "data"), "RAY_AUTH_MODE": "disabled", "HALO_VLLM_URL": ""}
    with LLMDouble() as llm:
        llm.handler = Sampler()
        env["OPENAI_BASE_URL"] = llm.url
        out = halo("rollout", "--experiment", "explore", "--tasks", ",".join(TASKS),
                   "--rollouts-per-task", "3", "--seed", "10", "--max-steps", "4",
                   "--workers", "2", "--run-id", RUN, env=env, timeout=900)
        requests = list(llm.requests)
    assert out.returncode == 0, out.stdout + out.stderr
    return root, env, requests


def _export(root: Path, env: dict, kind: str, out: str, *extra: str):
    return halo("export", kind, "--runs", RUN, "--out", str(root / out), "--allow-test-tasks",
                *extra, env=env,
                timeout=300)


def _load(path: Path, decode: bool = True):
    from datasets import Image, List, load_dataset

    ds = load_dataset(str(path), split="train", cache_dir=str(path.parent / "hf-cache"))
    if not decode and "images" in ds.column_names:
        ds = ds.cast_column("images", List(Image(decode=False)))
    return ds


def _as_request(messages: list[dict], images: list[dict]) -> list[dict]:
    """A TRL example's prompt turned back into the chat request HALO sends."""
    shots = iter(images)
    out = []
    for m in messages:
        parts = m["content"]
        if m["role"] == "system":
            out.append({"role": "system", "content": parts[0]["text"]})
            continue
        content = []
        for p in parts:
            if p["type"] == "image":
                data = base64.b64encode(next(shots)["bytes"]).decode("ascii")
                content.append({"type": "image_url", "image_url": {
                    "url": "data:image/jpeg;base64," + data, "detail": WORKER_IMAGE}})
            else:
                content.append({"type": "text", "text": p["text"]})
        out.append({"role": m["role"], "content": content})
    return out


def _trajectory(root: Path, task: str, attempt: int):
    return load_trajectory(root / "data" / "trajectories" / "hierarchy_mgr_gate" / RUN
                           / f"{task}__attempt_{attempt}.jsonl")


def test_rollouts_succeed_and_fail_and_record_full_steps(rollout):
    root, _, requests = rollout
    summary = jsonl(root / "results" / RUN / "rollout_summary.jsonl")
    outcome = {(r["task"], r["attempt"]): r["reward"] for r in summary}
    assert outcome == {(t, k): (0.0 if k == 2 else 1.0) for t in TASKS for k in (1, 2, 3)}
    traj = _trajectory(root, TASKS[0], 1)
    assert traj.header["schema"] == 2 and traj.header["screenshots"] is True
    calls = [c for s in traj.steps for c in s["calls"]]
    assert {c["role"] for c in calls} == {"worker", "manager"}  # delete is high stakes
    for c in calls:
        assert (c["temperature"], c["seed"], c["finish_reason"]) == (0.7, 10, "stop")
        assert c["logprobs"] and c["raw"].startswith("(key [REDACTED])")
    # as sent, but with the key scrubbed: a Worker reply that echoed it reached the
    # Manager inside the Worker's reasoning, and no file HALO writes holds a key
    sent = {json.dumps(Scrubber([KEY]).obj(r.body["messages"])) for r in requests}
    for s in traj.steps:
        for i in range(len(s["calls"])):
            assert json.dumps(traj.request(s, i)) in sent


def test_sft_export(rollout):
    root, env, requests = rollout
    out = _export(root, env, "sft", "sft")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "examples" in out.stdout
    ds = _load(root / "sft", decode=False)
    assert set(TASKS) == set(ds["task"]) and set(ds["reward"]) == {1.0}
    assert {a for a in ds["attempt"]} <= {1, 3}  # attempt 2 failed: not a target
    sent = {json.dumps(r.body["messages"]) for r in requests if "WORKER PROPOSES" not in
            request_text(r.body) and "WHY YOU ARE CALLED" not in request_text(r.body)}
    keys = set()
    for row in ds:
        *prompt, reply = row["messages"]
        assert json.dumps(_as_request(prompt, row["images"])) in sent  # byte for byte
        assert reply["role"] == "assistant" and row["action"] in reply["content"][0]["text"]
        step = _trajectory(root, row["task"], row["attempt"]).steps[row["step"]]
        shot = _trajectory(root, row["task"], row["attempt"]).image_bytes(
            step["observation"]["screenshot"])
        assert [i["bytes"] for i in row["images"]] == [shot]
        keys.add((json.dumps(prompt), row["images"][0]["bytes"], row["action"]))
    assert len(keys) == len(ds) >= 2 * 3  # 3 steps per task, duplicates kept once
    from PIL import Image

    img = _load(root / "sft")[0]["images"][0]
    assert isinstance(img, Image.Image) and img.size[0] > 100
    assert Image.open(io.BytesIO(ds[0]["images"][0]["bytes"])).format == "JPEG"
    card = (root / "sft" / "README.md").read_text()
    assert "gomail" in card and "gocalendar" in card and RUN in card and "gpt-4o-mini" in card

    text = _export(root, env, "sft", "sft-text", "--text-only", "--worker-only")
    assert text.returncode == 0, text.stdout + text.stderr
    tds = _load(root / "sft-text")
    assert "images" not in tds.column_names and len(tds) <= len(ds)
    for row in tds:  # the Worker's own action (where the Manager was asked, it approved it)
        step = _trajectory(root, row["task"], row["attempt"]).steps[row["step"]]
        assert [c["action"] for c in step["calls"] if c["role"] == "worker"] == [row["action"]]
    assert all(isinstance(m["content"], str) for row in tds for m in row["messages"])


def test_dpo_export(rollout):
    root, env, _ = rollout
    out = _export(root, env, "dpo", "dpo")
    assert out.returncode == 0, out.stdout + out.stderr
    ds = _load(root / "dpo", decode=False)
    assert set(ds["task"]) == set(TASKS)
    for row in ds:
        assert row["chosen"] != row["rejected"] and row["chosen_action"] != row["rejected_action"]
        assert row["rejected_action"] == "send_msg_to_user('Done.')" and row["rejected_attempt"] == 2
        for attempt, action in ((row["chosen_attempt"], row["chosen_action"]),
                                (row["rejected_attempt"], row["rejected_action"])):
            steps = _trajectory(root, row["task"], attempt).steps
            assert any((s["fingerprint"], s["ordinal"], s["action"]) ==
                       (row["fingerprint"], row["ordinal"], action) for s in steps)
        assert row["prompt"][1]["content"][1]["type"] == "image" and len(row["images"]) == 1


def test_no_secret_in_any_file(rollout):
    root, env, _ = rollout
    assert (root / "sft").is_dir() or _export(root, env, "sft", "sft").returncode == 0
    for f in root.rglob("*"):
        if f.is_file():
            assert KEY.encode() not in f.read_bytes(), f
