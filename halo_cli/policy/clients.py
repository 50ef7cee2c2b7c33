"""Build the Worker and Manager clients from a Mode and Settings (never from env vars)."""

from __future__ import annotations

from dataclasses import dataclass

from halo_cli.config.modes import Mode
from halo_cli.config.settings import Settings
from halo_cli.policy.llm import ChatModel, LazyModel, LLMClient, NoLLMConfigured
from halo_cli.policy.local import LocalModel
from halo_cli.policy.local_check import local_spec

DUMMY_KEY = "EMPTY"  # vLLM accepts any key; never send the OpenAI key to it


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


def _openai_endpoint(settings: Settings, model: str) -> Endpoint:
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    if not key and not settings.openai_base_url:
        raise NoLLMConfigured()
    return Endpoint(settings.openai_base_url, model, "openai", key or DUMMY_KEY)


def worker_backend(mode: Mode, settings: Settings) -> str:
    """openai | vllm | local: HALO_WORKER_BACKEND when set, else the mode's."""
    return settings.worker_backend or mode.worker_backend


def worker_sees_images(mode: Mode, settings: Settings) -> bool:
    """False for the local backend: its GGUF models are run text only."""
    return worker_backend(mode, settings) != "local"


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
    return settings.worker_model or mode.worker_model


def worker_endpoint(mode: Mode, settings: Settings) -> Endpoint:
    """The worker's endpoint: OpenAI (or OPENAI_BASE_URL), vLLM with the adapter name, or
    the local GGUF model (checked: file, format, adapter name, the extra installed)."""
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
    return _openai_endpoint(settings, model)


def manager_endpoint(mode: Mode, settings: Settings) -> Endpoint:
    """The manager always runs on the OpenAI backend."""
    return _openai_endpoint(settings, settings.manager_model or mode.manager_model)


def client_for(
    endpoint: Endpoint, mode: Mode, *, timeout: float = 60.0, max_retries: int = 3,
    backoff_base: float = 1.0,
) -> LLMClient:
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


def manager_client(mode: Mode, settings: Settings, **kw: float) -> LLMClient:
    return client_for(manager_endpoint(mode, settings), mode, **kw)  # type: ignore[arg-type]


def lazy_worker(mode: Mode, settings: Settings, **kw: float) -> LazyModel:
    """The worker client, built (and checked) on its first call."""
    return LazyModel(lambda: worker_client(mode, settings, **kw), worker_label(mode, settings))


def lazy_manager(mode: Mode, settings: Settings, **kw: float) -> LazyModel | None:
    """The manager client built on first call, or None when the mode has no manager."""
    if not mode.manager:
        return None
    return LazyModel(lambda: manager_client(mode, settings, **kw), mode.manager_model)
