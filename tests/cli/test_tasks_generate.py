"""`halo tasks generate` and `--task-set` as a user runs them: files, summaries, exit codes."""

from __future__ import annotations

from halo_cli.sites.templates import templates_of
from tests.support.helpers import halo
from tests.tasks.test_taskset import task


def test_generate_writes_the_same_file_twice_and_summarises(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    names = [t.name for t in templates_of("zilloft")]
    count = str(2 * len(names))  # two of each template, round-robin
    first = halo("tasks", "generate", "--site", "zilloft", "--count", count, "--seed", "4",
                 "--out", str(a))
    assert first.returncode == 0, first.stdout + first.stderr
    again = halo("tasks", "generate", "--site", "zilloft", "--count", count, "--seed", "4",
                 "--out", str(b))
    assert again.returncode == 0 and a.read_bytes() == b.read_bytes()
    assert len(a.read_text().splitlines()) == int(count)
    out = first.stdout
    for name in names:
        assert f"│ zilloft │ {name}" in out and f"train.zilloft.{name}.2" in a.read_text()
    assert "rejected drafts, by reason" in out and "unusable draw" in out
    assert f"wrote {a}: {count} tasks from " in out


def test_generate_refuses_what_it_cannot_do(tmp_path):
    out = tmp_path / "x.jsonl"
    for args, said in ((("--site", "nowhere"), "error: unknown local site: nowhere"),
                       (("--site", "GoMail"), "error: unknown local site: GoMail")):
        run = halo("tasks", "generate", *args, "--count", "2", "--out", str(out))
        assert run.returncode == 2 and run.stderr.startswith(said), run.stderr
        assert len(run.stderr.strip().splitlines()) == 1 and not out.exists()
    assert halo("tasks", "generate", "--site", "zilloft", "--count", "0",
                "--out", str(out)).returncode == 2


def test_task_set_errors_are_one_line_exit_2(tmp_path):
    good = tmp_path / "set.jsonl"
    good.write_text(task(1).line() + "\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(task(1).line() + "\n{oops\n")
    cases = [
        (("eval", "subset", "--task-set", str(good), "--sites", "remote", "--dry-run"),
         "error: --task-set tasks run on the local sites only: use --sites local"),
        (("eval", "matrix", "--task-set", str(tmp_path / "missing.jsonl"), "--dry-run"),
         f"error: {tmp_path / 'missing.jsonl'}: task set not found"),
        (("rollout", "--task-set", str(bad), "--mode", "baseline_worker", "--dry-run"),
         f"error: {bad}:2: not a task"),
        (("debug", "train.zilloft.search_kind.1", "--task-set", str(good), "--sites", "remote",
          "--dry-run"), "error: --task-set tasks run on the local sites only"),
        (("sites", "verify", "--task-set", str(tmp_path / "missing.jsonl")),
         f"error: {tmp_path / 'missing.jsonl'}: task set not found"),
    ]
    for args, said in cases:
        run = halo(*args, cwd=tmp_path)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert run.stderr.startswith(said) and len(run.stderr.strip().splitlines()) == 1, args


def test_dry_run_lists_generated_tasks(tmp_path):
    good = tmp_path / "set.jsonl"
    good.write_text(task(1).line() + "\n" + task(2).line() + "\n")
    run = halo("eval", "subset", "--task-set", str(good), "--mode", "baseline_worker",
               "--dry-run", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "2 tasks x 1 modes (baseline_worker) = 2 episodes" in run.stdout
    assert "train.zilloft.search_kind.2  baseline_worker  #1" in run.stdout
