"""HALO's per-step orchestrator.

Per step, by Mode: a Verified Action Cache hit (mode.vac) -> the running macro's next
action (mode.macros; a cache hit drops it) -> the Worker -> the Manager, consulted only
when a trigger fires (last action errored, loop, no progress, invalid worker answer,
high-stakes step, the Worker ending the task: `finish`).
Every action passes the site guard; `observe_result` verifies it, and `finish(reward)`
writes the verified steps of a successful episode to the cache.

LLM clients may be given as zero-argument factories: they are built on first use, so a
fully cached episode makes no LLM call and needs no key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from halo_cli.agent.decision import Observed, PolicyCall, Source, StepDecision
from halo_cli.agent.guard import off_site_reason, review_trigger, visible_tabs
from halo_cli.agent.loops import LoopDetector
from halo_cli.agent.macros import MACRO_DOCS, MACRO_SPECS, MACROS, MacroFailed, MacroRun
from halo_cli.agent.progress import PageState, StepRecord, Verdict, page_state, verify
from halo_cli.cache.vac import VerifiedActionCache, VerifiedStep
from halo_cli.config.modes import Mode
from halo_cli.config.settings import MANAGER_IMAGE, WORKER_IMAGE, ImageDetail
from halo_cli.obs.locate import describe
from halo_cli.obs.messages import page_messages
from halo_cli.obs.pages import classify
from halo_cli.obs.summary import summarise
from halo_cli.obs.tree import bids as tree_bids
from halo_cli.origin import origin
from halo_cli.policy.actions import CHAT_FUNCTIONS, SPECS, WORKER_SPECS, Action, ActionError, parse_action
from halo_cli.policy.llm import ChatModel, LazyModel
from halo_cli.policy.manager import Manager
from halo_cli.policy.step import PolicyOutcome, StepView
from halo_cli.policy.worker import Worker

NOOP = Action("noop")
ClientArg = ChatModel | Callable[[], ChatModel] | None


def _lazy(client: ClientArg) -> ChatModel | None:
    if client is None or hasattr(client, "complete"):
        return client  # type: ignore[return-value]
    return LazyModel(client)  # type: ignore[arg-type]


class HaloAgent:
    """Decides one action per observation; see the module docstring for the order."""

    def __init__(
        self,
        mode: Mode,
        worker_client: ClientArg,
        manager_client: ClientArg = None,
        vac: VerifiedActionCache | None = None,
        *,
        site: str,
        goal: str,
        start_url: str,
        summary_budget: int = 3000,
        worker_image: ImageDetail = WORKER_IMAGE,
        manager_image: ImageDetail = MANAGER_IMAGE,
        history_len: int = 8,
        manager_history_len: int = 20,
        extra_origins: tuple[str, ...] = (),
    ) -> None:
        self.mode = mode
        self.site = site
        self.goal = goal
        self.start_url = start_url
        self.origin = origin(start_url)
        self.summary_budget = summary_budget
        self.extra_origins = extra_origins
        self.vac = vac if mode.vac else None
        macro_specs = MACRO_SPECS if mode.macros else {}
        self.specs = {**SPECS, **macro_specs}
        self.worker_specs = {**WORKER_SPECS, **macro_specs}
        docs = MACRO_DOCS if mode.macros else None
        worker = _lazy(worker_client)
        manager = _lazy(manager_client) if mode.manager else None
        self.worker = (
            Worker(worker, image=worker_image, history_len=history_len,
                   specs=self.worker_specs, macro_docs=docs)
            if worker is not None else None
        )
        self.manager = (
            Manager(manager, image=manager_image, history_len=manager_history_len,
                    specs=self.specs, macro_docs=docs)
            if manager is not None else None
        )
        # builds the Worker's request (recorded for every step, sent or not)
        self.prompts = self.worker or Worker(None, image=worker_image,  # type: ignore[arg-type]
                                             history_len=history_len,
                                             specs=self.worker_specs, macro_docs=docs)
        self.triggers = mode.manager_triggers
        self.records: list[StepRecord] = []
        self.loops = LoopDetector()
        self.macro: MacroRun | None = None
        self._pending: StepRecord | None = None
        self._progress: dict[str, int] = {}
        self._no_progress = 0
        self._cache_skip: set[tuple[str, int]] = set()
        self._note: str | None = None

    # -- one step --------------------------------------------------------------------------
    def act(self, obs: dict[str, Any]) -> StepDecision:
        """The next action for `obs` (an observation from BrowserEnv)."""
        if self._pending is not None:
            self.observe_result(obs)
        axtree = obs.get("axtree_object")
        url = str(obs.get("url") or "")
        ptype = classify(url, axtree)
        state = page_state(url, axtree, ptype)
        ordinal = self._progress.get(state.fingerprint, 0)
        bids = tree_bids(axtree)
        last = self.records[-1] if self.records else None
        last_error = (last.error if last else None) or (obs.get("last_action_error") or None)

        decision = self._from_cache(axtree, state, ordinal) if self.vac is not None else None
        if decision is not None:
            self.macro = None  # a verified path beats a macro in progress
        else:
            decision = self._from_macro(obs, bids, last_error)
        if decision is None:
            decision = self._from_policies(obs, state, bids, last_error)
        decision.url, decision.page_type, decision.fingerprint = url, ptype, state.fingerprint
        decision.ordinal = ordinal
        if decision.observed is None:  # cache or macro: what the Worker would have seen
            decision.observed = self._observed_later(obs, state, bids, last_error)

        action = parse_action(decision.action, specs=self.specs)
        if action.name in MACROS:
            action = self._start_macro(action, obs, bids, decision)
        target = describe(axtree, action.bids[0]) if action.bids else ""
        reason = off_site_reason(
            action, start_url=self.start_url, current_url=url,
            open_tabs=tuple(obs.get("open_pages_urls") or ()), axtree=axtree,
            extra_origins=self.extra_origins,
        )
        refused = reason is not None
        if refused:
            decision.refused, decision.refused_action = True, action.text
            decision.note = f"refused: {reason}"
            self._note = f"{action.text} was refused: {reason}. Stay on this website's task pages."
            action, target = NOOP, ""
            self.macro = None
        decision.action = action.text
        rec = StepRecord(len(self.records), action, decision.source, state, ordinal, axtree, reason,
                         target=target, reasoning=decision.reasoning)
        self.records.append(rec)
        self._pending = rec
        self.loops.push(state.fingerprint, decision.refused_action or action.text, state.digest)
        return decision

    def _from_macro(self, obs: dict, bids: set[str], last_error: str | None) -> StepDecision | None:
        if self.macro is None:
            return None
        run, self.macro = self.macro, None
        if last_error:
            self._note = f"{run.name} stopped: its last action failed ({last_error})"
            return None
        try:
            text = run.next_action(obs)
            if text is None:
                return None
            parse_action(text, bids)
        except (MacroFailed, ActionError) as exc:
            self._note = f"{run.action.text} stopped: {exc}"
            return None
        self.macro = run
        return StepDecision(text, "macro", macro=run.name)

    def _from_cache(self, axtree: dict | None, state: PageState, ordinal: int
                    ) -> StepDecision | None:
        assert self.vac is not None
        if (state.fingerprint, ordinal) in self._cache_skip:
            return None
        hit = self.vac.lookup(self.site, self.goal, state.fingerprint, ordinal, axtree,
                              self.origin)
        if hit is None:
            return None
        # a packaged hit replays HALO's reference solutions, not the agent's own experience
        source = "cache-packaged" if hit.layer == "packaged" else "cache"
        return StepDecision(hit.action.text, source, cache_hit=True)

    def _view(self, obs: dict, state: PageState, bids: set[str], last_error: str | None,
              summary: str | None = None) -> StepView:
        """The Worker's view of `obs`; with `summary` given, one that leaves the note for
        the next view (the note is for a policy that is actually asked)."""
        if summary is None:
            summary = self._summary(obs, self._filled())
            note, self._note = self._note, None
        else:
            note = self._note
        last = self.records[-1] if self.records else None
        return StepView(
            goal=self.goal, url=state.url, page_type=state.page_type, summary=summary,
            bids=frozenset(bids), screenshot=obs.get("screenshot"),
            last_action=last.action.text if last else None, last_error=last_error,
            history=tuple(r.history() for r in self.records),
            open_tabs=visible_tabs(obs.get("open_pages_urls") or (), self.start_url), note=note,
            messages=page_messages(obs.get("axtree_object")),
        )

    def _filled(self) -> tuple[str, ...]:
        """The field the last action filled (its value is shown in full)."""
        last = self.records[-1].action if self.records else None
        return tuple(last.bids[:1]) if last is not None and last.name == "fill" else ()

    def _summary(self, obs: dict, filled: tuple[str, ...]) -> str:
        """The page as the policies see it: around the viewport, `filled` in full."""
        return summarise(obs.get("axtree_object"), self.goal, self.summary_budget, obs=obs,
                         full_values=filled).text

    def _pre_triggers(self, last_error: str | None) -> list[str]:
        t = self.triggers
        fired = []
        if t.on_error and last_error:
            fired.append("error")
        if t.on_loop and self.loops.detect() is not None:
            fired.append("loop")
        if t.no_progress_steps and self._no_progress >= t.no_progress_steps:
            fired.append("no_progress")
        return fired

    def _from_policies(self, obs: dict, state: PageState, bids: set[str],
                       last_error: str | None) -> StepDecision:
        view = self._view(obs, state, bids, last_error)
        decision = StepDecision(NOOP.text, "fallback")
        decision.observed = Observed(lambda: view, self.prompts.messages)
        fired = self._pre_triggers(last_error) if self.manager is not None else []
        if fired:
            out = self._consult(decision, view, fired)
            if out.action is not None:
                return self._accept(decision, out, "manager")
        if self.worker is None:
            decision.note = "no worker model"
            return decision
        out = self.worker.act(view)
        self._account(decision, out, "worker")
        if out.action is None:
            decision.note = f"worker gave no valid action: {out.error}"
            decision.invalid_answer = out.raw[-1] if out.raw else None
            if self.manager is not None and self.triggers.on_invalid_action:
                mout = self._consult(decision, view, ["invalid_action"], worker_error=out.error)
                if mout.action is not None:
                    return self._accept(decision, mout, "manager")
            return decision
        review = review_trigger(out.action, obs.get("axtree_object"), self.triggers,
                                obs.get("dom_object"))
        if review is not None and self.manager is not None:
            mout = self._consult(decision, view, [review[0]], proposed=out.action,
                                 target=review[1], reasoning=out.reasoning)
            if mout.action is not None:
                return self._accept(decision, mout, "manager")
        return self._accept(decision, out, "worker")

    def _consult(self, decision: StepDecision, view: StepView, fired: list[str],
                 **kw: Any) -> PolicyOutcome:
        """The Manager's answer to `fired`. An answer that ends the task outside a finish
        review is itself reviewed once (`finish`): no end goes unconfirmed."""
        assert self.manager is not None
        decision.manager_called = True
        decision.trigger = decision.trigger or fired[0]
        decision.triggers.extend(f for f in fired if f not in decision.triggers)
        out = self.manager.decide(view, fired[0], **kw)
        self._account(decision, out, "manager")
        if any(f in ("loop", "no_progress") for f in fired):
            self.loops.reset()
            self._no_progress = 0
        if (out.action is not None and out.action.name in CHAT_FUNCTIONS
                and "finish" not in fired and self.triggers.on_finish):
            decision.triggers.append("finish")
            check = self.manager.decide(view, "finish", proposed=out.action, proposer="manager",
                                        reasoning=out.reasoning)
            self._account(decision, check, "manager")
            out = check if check.action is not None else out
        return out

    @staticmethod
    def _account(decision: StepDecision, out: PolicyOutcome, role: str) -> None:
        decision.usage += out.usage
        decision.calls.extend(PolicyCall(role, c, a, e) for c, a, e in
                              zip(out.calls, out.parsed, out.errors, strict=False))

    def _observed_later(self, obs: dict, state: PageState, bids: set[str],
                        last_error: str | None) -> Observed:
        base = self._view(obs, state, bids, last_error, summary="")
        text, filled = self._summary, self._filled()
        return Observed(lambda: replace(base, summary=text(obs, filled)), self.prompts.messages)

    @staticmethod
    def _accept(decision: StepDecision, out: PolicyOutcome, source: Source) -> StepDecision:
        assert out.action is not None
        decision.action, decision.source = out.action.text, source
        decision.reasoning = out.reasoning
        return decision

    def _start_macro(self, call: Action, obs: dict, bids: set[str],
                     decision: StepDecision) -> Action:
        run = MacroRun(call)
        decision.macro = call.name
        try:
            text = run.next_action(obs)
            if text is None:
                raise MacroFailed("nothing to do on this page")
            action = parse_action(text, bids)
        except (MacroFailed, ActionError) as exc:
            decision.note = f"{call.text} failed: {exc}"
            self._note = decision.note
            return NOOP
        self.macro = run
        return action

    # -- after the step --------------------------------------------------------------------
    def observe_result(self, obs_after: dict[str, Any], error: str | None = None
                       ) -> Verdict | None:
        """Verify the last action against the observation that followed it."""
        rec, self._pending = self._pending, None
        if rec is None:
            return None
        err = error if error is not None else (obs_after.get("last_action_error") or None)
        after = page_state(str(obs_after.get("url") or ""), obs_after.get("axtree_object"))
        rec.error = err
        rec.verdict = verify(rec.state, after, err, rec.action.name)
        if rec.verdict is Verdict.PROGRESSED and not rec.refused:
            fp = rec.state.fingerprint
            self._progress[fp] = self._progress.get(fp, 0) + 1
            self._no_progress = 0
        else:
            self._no_progress += 1
            if rec.source in ("cache", "cache-packaged"):
                self._cache_skip.add((rec.state.fingerprint, rec.ordinal))
        return rec.verdict

    def finish(self, reward: float) -> int:
        """End of episode: write its verified steps to the VAC if it succeeded."""
        rec, self._pending = self._pending, None
        if rec is not None and rec.action.name in CHAT_FUNCTIONS:
            rec.verdict = Verdict.PROGRESSED  # the episode ended on it; nothing to observe
        if self.vac is None:
            return 0
        steps = [
            VerifiedStep(r.state.fingerprint, r.ordinal, r.action, r.axtree,
                         r.verdict.value if r.verdict else "unverified", r.state.page_type,
                         r.state.url)
            for r in self.records if not r.refused
        ]
        return self.vac.record_episode(self.site, self.goal, steps, reward, self.origin)

    # -- reporting -------------------------------------------------------------------------
    def preview_messages(self, obs: dict[str, Any]) -> list[dict[str, Any]]:
        """The Worker's request for `obs` (dry runs): no client is built or called."""
        url = str(obs.get("url") or "")
        axtree = obs.get("axtree_object")
        state = page_state(url, axtree, classify(url, axtree))
        view = self._view(obs, state, tree_bids(axtree), obs.get("last_action_error") or None)
        return self.prompts.messages(view)

    @property
    def llm_built(self) -> bool:
        """Whether any LLM client has been created (False for a fully cached episode)."""
        clients = [p.client for p in (self.worker, self.manager) if p is not None]
        return any(not isinstance(c, LazyModel) or c.built for c in clients)
