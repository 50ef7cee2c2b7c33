"""Parse and check one browsergym high-level action from a model's answer.

Models wrap actions in prose and code fences; we take the first call that is a known
function with valid arguments whose bids exist in the current observation. `ACTIONS` is
the one source of the action set: the parser's specs, the prompt's action docs and the
env mapping (`env_action_mapping()`, which adds what agisdk's default set lacks and
replaces what is broken there, see `env_functions`) all come from it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from halo_cli.policy.env_functions import FUNCTIONS

# ordered params: (param, kind, required). kinds: bid, str, num, int, strs, key, button, mods
Param = tuple[str, str, bool]
_CLICK: tuple[Param, ...] = (("bid", "bid", True), ("button", "button", False),
                             ("modifiers", "mods", False))


@dataclass(frozen=True)
class ActionSpec:
    """One action: its parameters (the parser), its prompt line (the docs), and whether
    agisdk's env needs it added as a custom function (the env mapping)."""

    name: str
    params: tuple[Param, ...]
    doc: str = ""  # a line of the prompt's action list ("" when an earlier line covers it)
    custom: bool = False  # not in the agisdk subsets the env uses, or broken there: added
    #                       to the mapping (HALO's version from env_functions when it has one)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("click", _CLICK, "click(bid)                      click an element, e.g. click('12')"),
    ActionSpec("fill", (("bid", "bid", True), ("value", "str", True)),
               "fill(bid, text)                 type into a textbox (replaces its content), "
               "e.g. fill('7', 'hello')"),
    ActionSpec("select_option", (("bid", "bid", True), ("options", "strs", True)),
               "select_option(bid, option)      choose an option of a <select>, "
               "e.g. select_option('21', 'Oldest')"),
    ActionSpec("check", (("bid", "bid", True),),
               "check(bid) / uncheck(bid)       set a checkbox or radio", custom=True),
    ActionSpec("uncheck", (("bid", "bid", True),), custom=True),
    ActionSpec("press", (("bid", "bid", True), ("key_comb", "str", True)),
               "press(bid, key)                 press keys in an element, e.g. press('9', 'Enter')"),
    ActionSpec("keyboard_press", (("key", "str", True),),
               "keyboard_press(key)             press keys on the focused element, "
               "e.g. keyboard_press('Escape')", custom=True),
    ActionSpec("keyboard_type", (("text", "str", True),), custom=True),
    ActionSpec("hover", (("bid", "bid", True),), "hover(bid) / focus(bid) / clear(bid)"),
    ActionSpec("focus", (("bid", "bid", True),)),
    ActionSpec("clear", (("bid", "bid", True),)),
    ActionSpec("dblclick", _CLICK),
    ActionSpec("drag_and_drop", (("from_bid", "bid", True), ("to_bid", "bid", True))),
    ActionSpec("scroll", (("delta_x", "num", True), ("delta_y", "num", True)),
               "scroll(dx, dy)                  scroll the page in pixels, e.g. scroll(0, 600)"),
    ActionSpec("goto", (("url", "str", True),), "goto(url) / go_back() / go_forward()"),
    ActionSpec("go_back", ()),
    ActionSpec("go_forward", ()),
    ActionSpec("tab_focus", (("index", "int", True),), "tab_focus(index) / new_tab() / tab_close()",
               custom=True),
    ActionSpec("new_tab", (), custom=True),
    ActionSpec("tab_close", (), custom=True),
    ActionSpec("noop", (("wait_ms", "num", False),),
               "noop()                          wait for the page"),
    ActionSpec("send_msg_to_user", (("text", "str", True),),
               "send_msg_to_user(text)          answer the user / report the task done "
               "(ends the task)"),
    ActionSpec("report_infeasible", (("reason", "str", True),),
               "report_infeasible(reason)       the task cannot be done"),
)
#: name -> params: what the parser checks a call against
SPECS: dict[str, tuple[Param, ...]] = {a.name: a.params for a in ACTIONS}


def action_docs(specs: Collection[str] | None = None) -> str:
    """The prompt's action list: the doc line of each action in `specs` (all by default)."""
    return "\n".join(a.doc for a in ACTIONS if a.doc and (specs is None or a.name in specs))


#: the action list in the Manager's prompt
ACTION_DOCS = action_docs()
#: every v2 task is possible (`possible: true` in all 121): the Worker is not offered
#: report_infeasible; ending a task as impossible is the Manager's call only
WORKER_SPECS: dict[str, tuple[Param, ...]] = {
    n: p for n, p in SPECS.items() if n != "report_infeasible"}
BID_FUNCTIONS = frozenset(n for n, ps in SPECS.items() if any(k == "bid" for _, k, _ in ps))
CHAT_FUNCTIONS = frozenset({"send_msg_to_user", "report_infeasible"})


class ActionError(ValueError):
    """The answer holds no valid action; the message says why (shown to the model)."""


@dataclass(frozen=True)
class Action:
    """One parsed call: `click('12')`, or a macro call when macros are allowed."""

    name: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return format_call(self.name, *self.args, **dict(self.kwargs))

    @property
    def bids(self) -> list[str]:
        """The bids this action targets, in argument order."""
        spec = SPECS.get(self.name, ())
        out = []
        for i, (pname, kind, _) in enumerate(spec):
            if kind != "bid":
                continue
            if i < len(self.args):
                out.append(str(self.args[i]))
            elif pname in self.kwargs:
                out.append(str(self.kwargs[pname]))
        return out

    def arg(self, index: int, name: str, default: Any = None) -> Any:
        if index < len(self.args):
            return self.args[index]
        return self.kwargs.get(name, default)

    def __str__(self) -> str:
        return self.text


def format_call(name: str, *args: Any, **kwargs: Any) -> str:
    """`click('12')`-style text the browsergym parser reads back."""
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _check_kind(kind: str, value: Any, pname: str) -> Any:
    if kind == "bid":
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ActionError(f"{pname} must be a bid string like '12'")
        return str(value)
    if kind in ("str", "key"):
        if not isinstance(value, str):
            raise ActionError(f"{pname} must be a string")
        return value
    if kind == "num":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ActionError(f"{pname} must be a number")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ActionError(f"{pname} must be an integer")
        return value
    if kind == "strs":
        if isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return value
        raise ActionError(f"{pname} must be a string or a list of strings")
    if kind == "button":
        if value not in ("left", "middle", "right"):
            raise ActionError(f"{pname} must be 'left', 'middle' or 'right'")
        return value
    if kind == "mods":
        ok = {"Alt", "Control", "Meta", "Shift"}
        if not isinstance(value, list) or not all(v in ok for v in value):
            raise ActionError(f"{pname} must be a list of Alt/Control/Meta/Shift")
        return value
    return value


def check_call(
    name: str,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
    *,
    bids: Collection[str] | None = None,
    specs: Mapping[str, tuple[Param, ...]] = SPECS,
) -> Action:
    """Validate a call against `specs`; bids must be in `bids` when given."""
    if name not in specs:
        raise ActionError(f"unknown function {name}(); use one of: {', '.join(specs)}")
    spec = specs[name]
    if len(args) > len(spec):
        raise ActionError(f"{name}() takes at most {len(spec)} arguments, got {len(args)}")
    names = [p for p, _, _ in spec]
    for k in kwargs:
        if k not in names:
            raise ActionError(f"{name}() has no argument {k!r}")
        if names.index(k) < len(args):
            raise ActionError(f"{name}() got {k!r} twice")
    new_args = []
    new_kwargs = {}
    for i, (pname, kind, required) in enumerate(spec):
        if i < len(args):
            new_args.append(_check_kind(kind, args[i], pname))
        elif pname in kwargs:
            new_kwargs[pname] = _check_kind(kind, kwargs[pname], pname)
        elif required:
            raise ActionError(f"{name}() is missing its {pname!r} argument")
    action = Action(name, tuple(new_args), new_kwargs)
    if bids is not None:
        for bid in action.bids:
            if bid not in bids:
                raise ActionError(f"bid {bid!r} is not on the current page")
    return action


_CALL_START = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\(")
_FENCE = re.compile(r"```(?:[\w+-]*)\n?(.*?)```", re.DOTALL)


def _literal_call(src: str) -> tuple[str, tuple[Any, ...], dict[str, Any]] | None:
    """Parse `src` as exactly one call with literal arguments, else None."""
    try:
        tree = ast.parse(src.strip(), mode="eval")
    except SyntaxError:
        return None
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return None
    try:
        args = tuple(ast.literal_eval(a) for a in call.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except (ValueError, SyntaxError, TypeError):
        raise ActionError(f"{call.func.id}() arguments must be literals") from None
    if len(kwargs) != len(call.keywords):
        raise ActionError(f"{call.func.id}() does not take **kwargs")
    return call.func.id, args, kwargs


def candidates(text: str) -> list[tuple[str, tuple[Any, ...], dict[str, Any]] | ActionError]:
    """Every call in `text`, fenced code first, each parsed or the reason it failed."""
    fenced = _FENCE.findall(text)
    sources = [*fenced, text] if fenced else [text]
    out: list[tuple[str, tuple[Any, ...], dict[str, Any]] | ActionError] = []
    for src in sources:
        for m in _CALL_START.finditer(src):
            start = m.start()
            found = False
            for end in (i + 1 for i, ch in enumerate(src) if ch == ")" and i > m.end() - 2):
                try:
                    parsed = _literal_call(src[start:end])
                except ActionError as exc:
                    out.append(exc)
                    found = True
                    break
                if parsed is not None:
                    out.append(parsed)
                    found = True
                    break
            if not found:
                out.append(ActionError(f"could not parse a call to {m.group(1)}()"))
    return out


def parse_action(
    text: str,
    bids: Collection[str] | None = None,
    *,
    specs: Mapping[str, tuple[Param, ...]] = SPECS,
) -> Action:
    """The first valid action in `text`, or ActionError with the most useful reason."""
    if not text or not text.strip():
        raise ActionError("the answer was empty")
    first_known: ActionError | None = None
    first_any: ActionError | None = None
    for cand in candidates(text):
        if isinstance(cand, ActionError):
            first_any = first_any or cand
            continue
        name, args, kwargs = cand
        try:
            return check_call(name, args, kwargs, bids=bids, specs=specs)
        except ActionError as exc:
            if name in specs:
                first_known = first_known or exc
            else:
                first_any = first_any or exc
    raise first_known or first_any or ActionError(
        "no action found; answer with one call such as click('12')"
    )


def env_action_mapping() -> Any:
    """The `action_mapping` for BrowserEnv matching ACTIONS (single action per step):
    agisdk's chat, infeasible, bid and navigation subsets, plus the custom actions (HALO's
    working tab actions and keyboard_type in place of agisdk's broken ones)."""
    # deferred: agisdk takes seconds to import; only building an env needs the mapping
    from agisdk.REAL.browsergym.core.action import functions as f
    from agisdk.REAL.browsergym.core.action.highlevel import HighLevelActionSet

    action_set = HighLevelActionSet(
        subsets=["chat", "infeas", "bid", "nav", "custom"],
        custom_actions=[FUNCTIONS.get(a.name) or getattr(f, a.name) for a in ACTIONS if a.custom],
        multiaction=False,
    )
    return action_set.to_python_code
