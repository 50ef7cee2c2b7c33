"""`halo report` without a browser: bad input, what the pages say (absent fields too),
rebuilt not appended, no secret in any file. The real-Chromium checks are in
test_report_browser.py."""

from __future__ import annotations

import re
from html import escape as esc
from html import unescape
from pathlib import Path

from halo_cli.runner.store import RunStore
from halo_cli.trajectory.reader import load_trajectory
from tests.support.helpers import halo
from tests.support.report_runs import make_run

KEY = "sk-test-REPORT-4f1c2a9e77"
TASKS = ["v2.gomail-1", "v2.gomail-2", "v2.omnizon-3", "v2.gomail-4"]
MODES = ["baseline_worker", "hierarchy_vac"]
STYLES = {"v2.gomail-1": "v2", "v2.gomail-1/baseline_worker": "v2-noshots",
          "v2.gomail-2": "v1", "v2.omnizon-3": "none", "v2.gomail-4": "v1-png"}


def _env(tmp: Path) -> dict[str, str]:
    return {"HALO_RESULTS_DIR": str(tmp / "results"), "HALO_DATA_DIR": str(tmp / "data"),
            "OPENAI_API_KEY": KEY}


def _run(tmp: Path, run_id: str = "r1") -> Path:
    make_run(tmp / "results", tmp / "data", run_id, TASKS, MODES, style=STYLES, steps=4)
    return tmp / "results" / run_id / "report"


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_unknown_and_empty_runs_are_one_line_exit_2(tmp_path):
    out = halo("report", "nope", env=_env(tmp_path))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == f"error: no run nope in {tmp_path / 'results'}"
    RunStore(tmp_path / "results", "empty").create({"run_id": "empty", "plan": []})
    out = halo("report", "empty", env=_env(tmp_path))
    assert out.returncode == 2
    assert out.stderr.strip() == "error: run empty has no finished episode yet: nothing to report"
    assert not (tmp_path / "results" / "empty" / "report").exists()


def test_pages_show_each_episode_and_what_is_absent(tmp_path):
    report = _run(tmp_path)
    out = halo("report", "r1", env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"report: {(report / 'index.html').as_uri()}"
    index = (report / "index.html").read_text()
    assert len(re.findall(r'<a class="cell ', index)) == len(TASKS) * len(MODES)
    for t in TASKS:
        for m in MODES:
            assert (report / "episodes" / f"{t}__{m}__1.html").is_file()
        assert (report / "tasks" / f"{t}.html").is_file()
    text = _text(index)
    assert "baseline_worker 4 3 1 1 2 33.3%" in text  # matrix.md's row, as a table
    assert "<svg" in index and "http://" not in index.replace("http://www.w3.org/2000/svg", "")

    def page(task: str, mode: str = "hierarchy_vac") -> str:
        return _text((report / "episodes" / f"{task}__{mode}__1.html").read_text())

    def steps(task: str, mode: str = "hierarchy_vac") -> list[str]:
        html = (report / "episodes" / f"{task}__{mode}__1.html").read_text()
        return re.findall(r'<section class="step".*?</section>', html, re.S)

    # schema 2 (cache, Worker, macro, Manager steps): what the policy was shown and asked
    v2 = steps("v2.gomail-1")
    assert len(v2) == 4 and all("<details open" not in s for s in v2)  # collapsed
    cache, worker, macro, manager = (_text(s) for s in v2)
    for i, s in enumerate((cache, worker, macro, manager)):
        assert f'shown to the policy: page summary goal Archive the Lunch email (step {i})' in s
        assert f'[{i}] button "Archive" [{i + 1}] link "Inbox"' in s  # the summary text
        assert "not recorded" not in s
    traj = load_trajectory(next((tmp_path / "data").rglob("v2.gomail-1__attempt_1.jsonl")))
    sent = traj.request(traj.steps[1], 0, images="refs")
    assert sent[0]["content"].startswith("You are a web agent")  # restored from its text line
    assert _text(esc(sent[0]["content"])) in worker and _text(esc(sent[1]["content"][0]["text"])) in worker
    assert "call 1: worker → click('11')" in worker and "I click. ```click('11')```" in worker
    assert "finish reason stop" in worker and "logprobs 2 token(s)" in worker
    assert "[image image/jpeg: v2.gomail-1__attempt_1/" in worker  # the image it was sent
    assert "call 2: manager → click('13')" in manager and "The Manager agrees." in manager
    assert "WHY YOU ARE CALLED (high_stakes)" in manager
    for s, src in ((cache, "cache"), (macro, "macro")):
        assert f"the Worker's request (not sent: {src} step)" in s and "What is the next action?" in s
        assert "asked and answered: no LLM call at this step" in s and "call 1" not in s
    assert len(list((report / "shots" / "v2.gomail-1__hierarchy_vac__1").glob("*.jpg"))) == 4
    noshots = page("v2.gomail-1", "baseline_worker")  # schema 2, screenshots not kept
    assert noshots.count("no screenshot kept") == 4 and noshots.count("page summary") == 4
    assert "[image image/jpeg: not kept, sha256" in noshots
    # schema 1 (actions only): what it did not record is shown as absent
    plain = page("v2.gomail-2")
    assert plain.count("no screenshot kept") == 4
    assert plain.count("shown to the policy: not recorded in this trajectory") == 4
    assert plain.count("asked and answered: not recorded in this trajectory") == 4
    assert "click('11')" in plain and "TimeoutError: no element" in plain
    assert "(schema 1, actions only)" in plain and "(schema 2)" in noshots
    assert "no trajectory was kept" in page("v2.omnizon-3")
    png = page("v2.gomail-4")  # schema 1 with --debug's PNGs
    assert "TimeoutError: no element" in png and "no screenshot kept" not in png
    assert len(list((report / "shots" / "v2.gomail-4__hierarchy_vac__1").glob("step_*.png"))) == 4
    assert "agent: LLMError: boom" in page("v2.gomail-4", "baseline_worker")


def test_rebuilt_not_appended_and_foreign_folders_left_alone(tmp_path):
    report = _run(tmp_path)
    assert halo("report", "r1", env=_env(tmp_path)).returncode == 0
    (report / "episodes" / "stale.html").write_text("old")
    assert halo("report", "r1", env=_env(tmp_path)).returncode == 0
    assert not (report / "episodes" / "stale.html").exists()
    assert not list(report.parent.glob(".report.*"))  # no temporary folder left behind
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep")
    out = halo("report", "r1", "--out", str(mine), env=_env(tmp_path))
    assert out.returncode == 2 and "holds no HALO report" in out.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    out = halo("report", "r1", "--out", str(tmp_path / "elsewhere"), env=_env(tmp_path))
    assert out.returncode == 0 and (tmp_path / "elsewhere" / "index.html").is_file()


def test_no_secret_reaches_the_report(tmp_path):
    report = _run(tmp_path)
    traj = next((tmp_path / "data").rglob("v2.gomail-2__attempt_1.jsonl"))
    traj.write_text(traj.read_text().replace('"note": null', f'"note": "key {KEY}"'))
    assert halo("report", "r1", env=_env(tmp_path)).returncode == 0
    shown = [f for f in report.rglob("*.html") if "[REDACTED]" in f.read_text()]
    assert shown, "the secret was planted in a step's note"
    assert not [f for f in report.rglob("*") if f.is_file() and KEY.encode() in f.read_bytes()]
