"""Agent modes: which parts of HALO run, and the scoring constraints no mode may change."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from halo_cli.errors import UserError, invalid

SCORE_MAX_STEPS = 70
SPEED_MAX_STEPS = 25


class ScoringConstraints(BaseModel):
    """Fixed for every scored run (REAL v2): not configurable, only readable."""

    model_config = ConfigDict(frozen=True)

    task_version: Literal["v2"] = "v2"
    viewport_width: Literal[1280] = 1280
    viewport_height: Literal[720] = 720
    use_axtree: Literal[True] = True
    use_screenshot: Literal[True] = True
    use_html: Literal[False] = False

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.viewport_width, "height": self.viewport_height}


SCORING = ScoringConstraints()


class ManagerTriggers(BaseModel):
    """When the Manager is consulted (each call records which trigger fired)."""

    model_config = ConfigDict(extra="forbid")

    on_error: bool = True
    on_loop: bool = True
    on_high_stakes: bool = True
    on_invalid_action: bool = True
    #: confirm the Worker's send_msg_to_user / report_infeasible (it ends the episode)
    on_finish: bool = True
    no_progress_steps: int | None = Field(5, ge=1)


class Mode(BaseModel):
    """One agent configuration. Overrides from experiments.yaml are validated against it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    worker_model: str = "gpt-4o-mini"
    worker_backend: Literal["openai", "vllm", "local", "anthropic"] = "openai"
    worker_adapter: str | None = None  # LoRA adapter name, sent as the model to vLLM
    manager: bool = False
    manager_model: str = "gpt-4o"
    manager_backend: Literal["openai", "anthropic"] = "openai"
    manager_triggers: ManagerTriggers = ManagerTriggers()
    vac: bool = False
    macros: bool = False
    max_steps: int = Field(SCORE_MAX_STEPS, ge=1, le=500)
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    seed: int | None = None

    @property
    def worker_request_model(self) -> str:
        """The `model` field sent to the worker endpoint (the adapter name when set)."""
        return self.worker_adapter or self.worker_model

    def with_overrides(self, **changes: object) -> Mode:
        """This mode with `changes` (None values skipped), validated like a mode in
        experiments.yaml: a bad value is a UserError naming the mode and field."""
        changes = {k: v for k, v in changes.items() if v is not None}
        if not changes:
            return self
        try:
            return Mode(**{**self.model_dump(), **changes})
        except ValidationError as exc:
            raise invalid(f"mode {self.name}", exc) from None

    def speed(self) -> Mode:
        """The same mode under the 25-step speed budget."""
        return self.with_overrides(max_steps=SPEED_MAX_STEPS)


QWEN_BASE = "Qwen/Qwen2.5-7B-Instruct"

MODES: dict[str, Mode] = {
    m.name: m
    for m in [
        Mode(name="baseline_worker", description="worker only (gpt-4o-mini)"),
        Mode(
            name="hierarchy_mgr_gate",
            description="worker + manager on errors, loops, high-stakes steps",
            manager=True,
        ),
        Mode(name="hierarchy_vac", description="+ verified action cache", manager=True, vac=True),
        Mode(
            name="hierarchy_vac_macros",
            description="+ macro skills (full HALO)",
            manager=True,
            vac=True,
            macros=True,
        ),
        Mode(
            name="qwen_worker_zero",
            description="vLLM worker, base model",
            worker_backend="vllm",
            worker_model=QWEN_BASE,
        ),
        Mode(
            name="qwen_worker_bc",
            description="vLLM worker, behaviour-cloned LoRA adapter",
            worker_backend="vllm",
            worker_model=QWEN_BASE,
            worker_adapter="halo-bc",
        ),
        Mode(
            name="qwen_worker_dpo",
            description="vLLM worker, DPO LoRA adapter",
            worker_backend="vllm",
            worker_model=QWEN_BASE,
            worker_adapter="halo-dpo",
        ),
    ]
}


def get_mode(name: str) -> Mode:
    """The mode called `name`, or a UserError listing the known ones."""
    try:
        return MODES[name]
    except KeyError:
        raise UserError(f"unknown mode: {name} (known: {', '.join(MODES)})") from None
