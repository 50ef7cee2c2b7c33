"""The HALO agent as an episode's agent factory (what evals, rollouts and debug run)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.settings import Settings
from halo_cli.obs.pages import classify, fingerprint
from halo_cli.obs.summary import summarise
from halo_cli.policy.clients import lazy_manager, lazy_worker, worker_image
from halo_cli.runner.caches import open_cache
from halo_cli.runner.episode import AgentFactory, EndEpisode, run_episode
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.task_id import TaskId


def images(spec: EpisodeSpec, settings: Settings) -> dict[str, str]:
    """How each role is shown the screenshot (HALO_WORKER_IMAGE / HALO_MANAGER_IMAGE); a
    local GGUF Worker is text only."""
    return {"worker_image": worker_image(spec.mode, settings),
            "manager_image": settings.manager_image}


def halo_agent(settings: Settings) -> AgentFactory:
    """A factory of HaloAgents: the spec's mode, its VAC (user's over packaged), and LLM
    clients that are built only when first needed (a fully cached episode needs no key)."""

    def make(spec: EpisodeSpec, obs: dict[str, Any], resources: contextlib.ExitStack) -> Any:
        vac = open_cache(spec)
        if vac is not None:
            resources.callback(vac.close)
        kw = {"timeout": spec.llm_timeout_s}
        return HaloAgent(
            spec.mode,
            lazy_worker(spec.mode, settings, **kw),
            lazy_manager(spec.mode, settings, **kw),
            vac,
            site=TaskId.parse(spec.task_id).site,
            goal=str(obs.get("goal") or ""),
            start_url=str(obs.get("url") or ""),
            **images(spec, settings),
        )

    return make


def warm_up() -> None:
    """What an episode worker does before its first job (`runner.child`): load the
    tokenizer the summaries count with, and the OpenAI client's package (0.1 s and 0.5 s
    of the first episode otherwise)."""
    from halo_cli.obs.tokens import counter

    counter()("warm")
    import openai  # noqa: F401


def run_halo_episode(spec: EpisodeSpec, settings: Settings, on_step: Any = None,
                     on_ready: Any = None) -> EpisodeResult:
    """`run_episode` with the HALO agent: the default episode function of a run."""
    return run_episode(spec, halo_agent(settings), settings=settings, on_step=on_step,
                       on_ready=on_ready)


@dataclass
class Preview:
    """What a dry run shows: the first page as the agent sees it, and the Worker's request."""

    url: str = ""
    page_type: str = ""
    fingerprint: str = ""
    summary_tokens: int = 0
    elements: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def preview_first_step(spec: EpisodeSpec, settings: Settings) -> Preview:
    """Open the task's site and build the Worker's first request without calling any model."""
    preview = Preview()

    class Previewing:
        def __init__(self, agent: Any) -> None:
            self.agent = agent

        def act(self, obs: dict[str, Any]) -> Any:
            url, axtree = str(obs.get("url") or ""), obs.get("axtree_object")
            summary = summarise(axtree, self.agent.goal, self.agent.summary_budget, obs=obs)
            preview.url, preview.page_type = url, classify(url, axtree)
            preview.fingerprint = fingerprint(url, axtree)
            preview.summary_tokens, preview.elements = summary.tokens, len(summary.bids)
            preview.messages = self.agent.preview_messages(obs)
            raise EndEpisode

    def make(spec: EpisodeSpec, obs: dict[str, Any], res: contextlib.ExitStack) -> Any:
        return Previewing(HaloAgent(spec.mode, None, None, None,
                                    site=TaskId.parse(spec.task_id).site,
                                    goal=str(obs.get("goal") or ""),
                                    start_url=str(obs.get("url") or ""),
                                    **images(spec, settings)))

    result = run_episode(spec.model_copy(update={"trajectory": False}), make, settings=settings)
    if result.error_type:
        preview.error = f"{result.error_type}: {result.error_message}"
    return preview
