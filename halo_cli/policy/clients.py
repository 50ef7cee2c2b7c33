"""Build the Worker and Manager clients from a Mode and Settings (never from env vars).

Each role has its own provider: a backend (the Worker: openai, vllm, local or anthropic;
the Manager: openai or anthropic), a base URL, a key and a model. The role's
`HALO_<ROLE>_*` settings come first, then the provider's own (`OPENAI_*`, `ANTHROPIC_*`),
then the mode's; with neither set, both roles use OpenAI as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from halo_cli.config.modes import Mode
from halo_cli.config.settings import Settings
from halo_cli.policy.llm import ChatModel, LazyModel, LLMClient, NoLLMConfigured
from halo_cli.policy.local import LocalModel
from halo_cli.policy.local_check import local_spec

DUMMY_KEY = "EMPTY"  # vLLM accepts any key; never send the OpenAI key to it
#: a role's model when its backend is not the mode's (the mode's model names another provider)
DEFAULT_MODELS = {"anthropic": {"worker": "claude-haiku-4-5", "manager": "claude-opus-5-5"},
                  "openai": {"worker": "gpt-4o-mini", "manager": "gpt-4o"}}


@dataclass(frozen=True)
class Endpoint:
    """Where one role's requests go; `api_key` stays out of repr."""

    base_url: str | None
    model: str
    backend: str
    api_key: str = ""

    def __repr__(self) -> str:
        return (
            f"Endpoint(backend={self.backend!r}, base_url={self.base_url!r}, "
            f"model={self.model!r})"
        )


def vllm_base_url(url: str) -> str:
    """`http://host:8000` -> `http://host:8000/v1` (kept as is when it ends in /v1)."""
    url = url.rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"


def _secret(value: SecretStr | None) -> str:
    return value.get_secret_value() if value is not None else ""


def _provider_endpoint(settings: Settings, role: str, backend: str, model: str) -> Endpoint:
    """An OpenAI or Anthropic endpoint for `role`: its own base URL and key, else the
    provider's; neither a key nor a base URL is NoLLMConfigured naming what to set."""
    own_url = getattr(settings, f"{role}_base_url", None)
    own_key = _secret(getattr(settings, f"{role}_api_key", None))
    if backend == "anthropic":
        url, key = own_url or settings.anthropic_base_url, own_key or _secret(
            settings.anthropic_api_key)
        if not key:  # the Messages API always wants one (x-api-key)
            raise NoLLMConfigured(f"no LLM configured for the {role.capitalize()}: set "
                                  f"ANTHROPIC_API_KEY or HALO_{role.upper()}_API_KEY")
        return Endpoint(url, model, "anthropic", key)
    url, key = own_url or settings.openai_base_url, own_key or _secret(settings.openai_api_key)
    if not key and not url:
        raise NoLLMConfigured()
    return Endpoint(url, model, "openai", key or DUMMY_KEY)


def worker_backend(mode: Mode, settings: Settings) -> str:
    """openai | vllm | local | anthropic: HALO_WORKER_BACKEND when set, else the mode's."""
    return settings.worker_backend or mode.worker_backend


def manager_backend(mode: Mode, settings: Settings) -> str:
    """openai | anthropic: HALO_MANAGER_BACKEND when set, else the mode's."""
    return settings.manager_backend or mode.manager_backend


def manager_model(mode: Mode, settings: Settings) -> str:
    """HALO_MANAGER_MODEL, else the mode's model when the backend is the mode's, else the
    backend's default Manager (claude-opus-5-5 for anthropic)."""
    backend = manager_backend(mode, settings)
    if settings.manager_model:
        return settings.manager_model
    return mode.manager_model if backend == mode.manager_backend else DEFAULT_MODELS[backend][
        "manager"]


def manager_label(mode: Mode, settings: Settings | None) -> str | None:
    """The Manager's model as results and trajectories name it (None without a Manager)."""
    if not mode.manager:
        return None
    return manager_model(mode, settings) if settings is not None else mode.manager_model


def worker_sees_images(mode: Mode, settings: Settings) -> bool:
    """False for the local backend: its GGUF models are run text only."""
    return worker_backend(mode, settings) != "local"


def worker_image(mode: Mode, settings: Settings) -> str:
    """How the Worker is shown the screenshot: HALO_WORKER_IMAGE, or "none" for a
    text-only (local GGUF) Worker."""
    return settings.worker_image if worker_sees_images(mode, settings) else "none"


def local_worker_spec(mode: Mode, settings: Settings):  # -> LocalSpec
    """The checked local model of the Worker: HALO_WORKER_MODEL names an adapter from
    HALO_LOCAL_ADAPTERS (as a vLLM adapter name), else the mode's adapter, else the base."""
    return local_spec(settings, settings.worker_model or mode.worker_adapter)


def worker_label(mode: Mode, settings: Settings | None) -> str:
    """The Worker's model as results and trajectories name it (never raises)."""
    if settings is None:
        return mode.worker_request_model
    backend = worker_backend(mode, settings)
    if backend == "local":
        name = settings.worker_model or mode.worker_adapter
        if name:
            return name
        return settings.local_model.name if settings.local_model else "local"
    if backend == "vllm":
        return mode.worker_adapter or settings.worker_model or mode.worker_model
    return _provider_model(mode, settings, backend)


def _provider_model(mode: Mode, settings: Settings, backend: str) -> str:
    """The Worker's model on openai / anthropic: HALO_WORKER_MODEL, else the mode's, unless
    the Worker was moved to anthropic from another backend: then Anthropic's default Worker."""
    if settings.worker_model:
        return settings.worker_model
    if backend == "anthropic" and mode.worker_backend != "anthropic":
        return DEFAULT_MODELS["anthropic"]["worker"]
    return mode.worker_model


def worker_endpoint(mode: Mode, settings: Settings) -> Endpoint:
    """The worker's endpoint: OpenAI (or any compatible server), Anthropic, vLLM with the
    adapter name, or the local GGUF model (checked: file, format, adapter name, the extra
    installed)."""
    model = settings.worker_model or mode.worker_model
    backend = worker_backend(mode, settings)
    if backend == "local":
        spec = local_worker_spec(mode, settings)
        return Endpoint(str(spec.model_path), spec.label, "local")
    if backend == "vllm":
        if not settings.vllm_url:
            raise NoLLMConfigured()
        return Endpoint(vllm_base_url(settings.vllm_url), mode.worker_adapter or model, "vllm",
                        DUMMY_KEY)
    return _provider_endpoint(settings, "worker", backend, _provider_model(mode, settings, backend))


def manager_endpoint(mode: Mode, settings: Settings) -> Endpoint:
    """The manager's endpoint: OpenAI (or any compatible server) or Anthropic."""
    return _provider_endpoint(settings, "manager", manager_backend(mode, settings),
                              manager_model(mode, settings))


def client_for(
    endpoint: Endpoint, mode: Mode, *, timeout: float = 60.0, max_retries: int = 3,
    backoff_base: float = 1.0,
) -> ChatModel:
    """The chat model of `endpoint`: the Anthropic client for `anthropic`, else the
    OpenAI-compatible one (priced for `openai`; vLLM's models cost 0)."""
    if endpoint.backend == "anthropic":
        # deferred: the anthropic SDK is only loaded when a role runs on it
        from halo_cli.policy.anthropic_client import AnthropicClient

        return AnthropicClient(model=endpoint.model, api_key=endpoint.api_key,
                               base_url=endpoint.base_url, timeout=timeout,
                               max_retries=max_retries, backoff_base=backoff_base,
                               temperature=mode.temperature)
    return LLMClient(
        model=endpoint.model, base_url=endpoint.base_url, api_key=endpoint.api_key,
        timeout=timeout, max_retries=max_retries, backoff_base=backoff_base,
        temperature=mode.temperature, seed=mode.seed, priced=endpoint.backend == "openai",
    )


def worker_client(mode: Mode, settings: Settings, **kw: float) -> ChatModel:
    """The worker client now; raises NoLLMConfigured when no endpoint is set. The local
    backend loads its model here (once per process)."""
    if worker_backend(mode, settings) == "local":
        return LocalModel(local_worker_spec(mode, settings), temperature=mode.temperature,
                          seed=mode.seed, max_tokens=settings.local_max_tokens)
    return client_for(worker_endpoint(mode, settings), mode, **kw)  # type: ignore[arg-type]


def manager_client(mode: Mode, settings: Settings, **kw: float) -> ChatModel:
    """The manager client now; raises NoLLMConfigured when its provider has no endpoint."""
    return client_for(manager_endpoint(mode, settings), mode, **kw)  # type: ignore[arg-type]


def lazy_worker(mode: Mode, settings: Settings, **kw: float) -> LazyModel:
    """The worker client, built (and checked) on its first call."""
    return LazyModel(lambda: worker_client(mode, settings, **kw), worker_label(mode, settings))


def lazy_manager(mode: Mode, settings: Settings, **kw: float) -> LazyModel | None:
    """The manager client built on first call, or None when the mode has no manager."""
    if not mode.manager:
        return None
    return LazyModel(lambda: manager_client(mode, settings, **kw),
                     manager_label(mode, settings) or mode.manager_model)
