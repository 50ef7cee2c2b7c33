"""The judge's own words: what the task's eval script printed when it scored the episode.

agisdk's `validate()` runs REAL's eval script through `WebCloneEvaluator.evaluate` and then
drops what the script printed, keeping only the reward. `watch_judge(env)` wraps the task's
evaluator after `reset` (hosted or local sites alike), so the episode can record the verdict,
each script's output (and stderr or error), and the top keys of the `/finish` state the
script was given.
"""

from __future__ import annotations

from typing import Any

#: how much of a script's output is kept (REAL's scripts print a line or a few)
MAX_TEXT = 2000
#: how deep and how many keys of the judged state are listed
KEY_DEPTH = 4
MAX_KEYS = 40


class JudgeLog:
    """Filled in when the evaluator runs; `record()` is the episode's `judge` (or None)."""

    def __init__(self) -> None:
        self._record: dict[str, Any] | None = None

    def record(self) -> dict[str, Any] | None:
        return self._record

    def _capture(self, reward: float, info: dict[str, Any], state: Any) -> None:
        scripts = []
        for ok, detail in info.get("results", []):
            detail = detail if isinstance(detail, dict) else {"output": str(detail)}
            scripts.append({
                "script": detail.get("script"), "passed": bool(ok),
                "output": _cut(detail.get("output")), "stderr": _cut(detail.get("stderr")),
                "error": _cut(detail.get("error")),
            })
        passed = all(s["passed"] for s in scripts) if scripts else bool(reward and reward > 0)
        self._record = {"verdict": "SUCCESS" if passed else "FAILURE",
                        "reward": reward, "scripts": scripts, "state_keys": state_keys(state)}


def watch_judge(env: Any) -> JudgeLog:
    """Record what `env`'s task evaluator says from now on (call after `env.reset`)."""
    log = JudgeLog()
    task = getattr(getattr(env, "unwrapped", env), "task", None)
    evaluator = getattr(task, "evaluator", None)
    if evaluator is None or not hasattr(evaluator, "evaluate"):
        return log
    original = evaluator.evaluate

    def evaluate(env_state: Any = None, model_response: Any = None) -> Any:
        out = original(env_state, model_response)
        try:
            reward, _, _, info = out
            log._capture(reward, info if isinstance(info, dict) else {}, env_state)
        except Exception:  # the judge's words are a record, never a new failure
            pass
        return out

    evaluator.evaluate = evaluate
    return log


def short(judge: dict[str, Any] | None, width: int = 120) -> str:
    """One line for tables: `FAILURE: no event with location containing 'gym'`, or the
    script's error; empty when the episode was never judged."""
    if not judge:
        return ""
    verdict = judge.get("verdict", "")
    for s in judge.get("scripts", []):
        said = (s.get("error") or s.get("output") or s.get("stderr") or "").strip()
        lines = [ln.strip() for ln in said.splitlines() if ln.strip()]
        # the verdict word alone adds nothing; keep what the script said besides it
        words = [ln for ln in lines if ln.upper() not in ("SUCCESS", "FAILURE")]
        if words:
            text = f"{verdict}: {' / '.join(words)}"
            return text if len(text) <= width else text[: width - 1] + "…"
    return verdict


def state_keys(state: Any, depth: int = KEY_DEPTH, limit: int = MAX_KEYS) -> list[str]:
    """Dotted paths of the judged state down to `depth` (`initialfinaldiff.updated.email`),
    at most `limit` of them: what changed, without the values."""
    out: list[str] = []

    def walk(node: Any, path: str, level: int) -> None:
        if len(out) >= limit:
            return
        if not isinstance(node, dict) or not node or level >= depth:
            if path:
                out.append(path)
            return
        for key in node:
            walk(node[key], f"{path}.{key}" if path else str(key), level + 1)

    walk(state, "", 0)
    return out


def _cut(text: Any) -> str | None:
    if text in (None, ""):
        return None
    s = str(text)
    return s if len(s) <= MAX_TEXT else s[:MAX_TEXT] + "…"
