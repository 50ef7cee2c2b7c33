"""Environment checks behind `halo doctor`: each says ok / warn / fail and how to fix it."""

from __future__ import annotations

import importlib.metadata
import sys
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.harness.browser import BrowserNotFound, activate
from halo_cli.policy.local_check import check_gguf, local_spec

Status = Literal["ok", "warn", "fail"]


@dataclass
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_python() -> Check:
    v = sys.version_info
    ok = v >= (3, 10)
    return Check("python", "ok" if ok else "fail", f"{v.major}.{v.minor}.{v.micro}",
                 "" if ok else "use Python 3.10 or newer")


def check_package(dist: str, want: str | None = None) -> Check:
    have = _version(dist)
    if have is None:
        return Check(dist, "fail", "not installed", f"pip install {dist}{'==' + want if want else ''}")
    if want and have != want:
        return Check(dist, "warn", f"{have} (HALO is tested with {want})", f"pip install {dist}=={want}")
    return Check(dist, "ok", have)


def check_chromium(settings: Settings) -> Check:
    """Resolve Chromium the way runs do, then really launch it headless and load a page."""
    try:
        setup = activate(settings.chromium_path, settings.data_dir)
    except BrowserNotFound as exc:
        return Check("chromium", "fail", str(exc).split(":")[0],
                     "run scripts/setup.sh, or `playwright install chromium`, "
                     "or `apt-get install chromium`")
    try:
        # deferred: a broken Playwright becomes this check's failure, not doctor's crash
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(headless=True)
            page = browser.new_page()
            page.set_content("<title>halo</title><button>ok</button>")
            title = page.title()
            version = browser.version
            browser.close()
        if title != "halo":
            raise RuntimeError("page did not load")
    except Exception as exc:  # any launch failure is the user's to fix
        first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        return Check("chromium", "fail", first,
                     "install Chromium's system libraries (`playwright install-deps chromium`) "
                     "or set HALO_CHROMIUM_PATH")
    return Check("chromium", "ok", f"{version} ({setup.source}: {setup.executable})")


def check_keys(settings: Settings) -> list[Check]:
    r = settings.redacted()
    llm = (r["OPENAI_API_KEY"] == "set" or bool(settings.vllm_url)
           or bool(settings.openai_base_url) or settings.worker_backend == "local")
    out = [Check("OPENAI_API_KEY", "ok" if r["OPENAI_API_KEY"] == "set" else "warn",
                 r["OPENAI_API_KEY"],
                 "" if llm else "set OPENAI_API_KEY (or HALO_VLLM_URL) to run the agent live; "
                 "offline cached runs need no key")]
    claude = "anthropic" in (settings.worker_backend, settings.manager_backend)
    have = r["ANTHROPIC_API_KEY"] == "set" or "set" in (r["HALO_WORKER_API_KEY"],
                                                         r["HALO_MANAGER_API_KEY"])
    out.append(Check("ANTHROPIC_API_KEY", "warn" if claude and not have else "ok",
                     r["ANTHROPIC_API_KEY"], "a role runs on anthropic: set ANTHROPIC_API_KEY "
                     "(or HALO_WORKER_API_KEY / HALO_MANAGER_API_KEY)" if claude else ""))
    out.append(Check("REAL_API_KEY", "ok", r["REAL_API_KEY"] + (
        "" if r["REAL_API_KEY"] == "set" else " (only `halo eval --leaderboard` needs it)")))
    return out


def check_vllm(settings: Settings) -> Check:
    if not settings.vllm_url:
        return Check("HALO_VLLM_URL", "ok", "not set")

    base = settings.vllm_url.rstrip("/")
    url = base + ("/models" if base.endswith("/v1") else "/v1/models")
    try:
        resp = httpx.get(url, timeout=3.0)
        resp.raise_for_status()
        ids = [m.get("id") for m in resp.json().get("data", [])]
        return Check("HALO_VLLM_URL", "ok", f"{settings.vllm_url} serves {', '.join(ids) or 'no models'}")
    except Exception as exc:
        return Check("HALO_VLLM_URL", "fail", f"{settings.vllm_url} unreachable ({type(exc).__name__})",
                     "start the vLLM server or unset HALO_VLLM_URL")


def check_local_model(settings: Settings) -> Check | None:
    """When the local backend is configured: its files, then a real load and one short
    answer (tokens/s). None when neither HALO_WORKER_BACKEND=local nor HALO_LOCAL_MODEL."""
    if settings.worker_backend != "local" and settings.local_model is None:
        return None
    # deferred: policy loads openai, which `check_package` reports on rather than needs
    from halo_cli.policy.llm import LLMError
    from halo_cli.policy.local import LocalModel

    adapter = settings.worker_model if settings.worker_backend == "local" else None
    try:
        spec = local_spec(settings, adapter)
        for name, path in settings.adapters.items():
            check_gguf(path, f"adapter {name}")
        model = LocalModel(spec)
        text = "A user opens the inbox and reads the newest email. " * 20  # ~200 tokens
        res = model.complete([{"role": "user", "content": text + "Say what they did."}],
                             max_tokens=24)
    except (UserError, LLMError) as exc:
        return Check("local model", "fail", str(exc),
                     "set HALO_LOCAL_MODEL to a GGUF file (HALO_LOCAL_ADAPTERS: name=path,...)")
    t = model.last_timing
    speed = (f"prompt {t.prompt_tps:.0f} tok/s, reply {t.gen_tps:.0f} tok/s" if t else "")
    return Check("local model", "ok",
                 f"{spec.label} ({spec.model_path}) loads in {model.load_s:.1f} s, answered "
                 f"{res.tokens_out} tokens in {res.latency_s:.2f} s; {speed}")


def check_hosted_sites(sites: Any = None) -> list[Check]:
    """`halo doctor --remote`: one check per hosted REAL site (its task's /config and
    /finish over HTTP, all at once); when none answers, one check saying so."""
    from halo_cli.harness.hosted_sites import probe_all

    probes = probe_all(sites)
    if probes and not any(p.reached for p in probes):
        why = probes[0].error or "no answer"
        return [Check("hosted REAL sites", "fail",
                      f"none of the {len(probes)} hosted sites answered: {why}",
                      "check the network (and any proxy); the local replicas need none: "
                      "--sites local")]
    return [Check(f"{p.site.site} ({p.site.url.removeprefix('https://')})",
                  "ok" if p.ok else "fail", p.detail(),
                  "" if p.ok else f"open {p.site.url} in a browser; REAL's own sites may be down")
            for p in probes]


def run_checks(settings: Settings) -> list[Check]:
    """All checks, in the order a user fixes them."""
    return [
        check_python(),
        check_package("agisdk", "0.3.5"),
        check_package("playwright"),
        check_package("openai"),
        check_chromium(settings),
        *check_keys(settings),
        check_vllm(settings),
        *filter(None, [check_local_model(settings)]),
    ]
