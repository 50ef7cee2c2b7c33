"""Settings read once from the environment and `.env` (pydantic-settings).

`HALO_ENV_FILE` names another dotenv file to read instead of `./.env` (empty: none).

Only the CLI builds a `Settings`; the library receives it (or the values it needs)
as arguments. API keys are `SecretStr`: they print as `**********` and `redacted()`
reports them as "set" / "not set".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from halo_cli.errors import invalid

SECRET_FIELDS = ("openai_api_key", "anthropic_api_key", "worker_api_key", "manager_api_key",
                 "real_api_key")
#: agisdk's own defaults for REAL's services (run ids; the evaluation of submitted states)
REAL_API_URL = "https://www.realevals.ai"
REAL_EVAL_URL = "https://evaluate-production.up.railway.app"
#: how a role's model is shown the screenshot: OpenAI's `auto` or `low` image detail, or
#: `none` (text only). Defaults (README "Image detail per role" has the cost per step):
#: the Worker `low` (at 1280x720 `auto` bills gpt-4o-mini ~36,800 input tokens a step,
#: `low` ~2,800, the text ~1,500), the Manager `auto` (gpt-4o: ~1,100 tokens; it reviews)
ImageDetail = Literal["auto", "low", "none"]
WORKER_IMAGE: ImageDetail = "low"
MANAGER_IMAGE: ImageDetail = "auto"
#: the variable naming the dotenv file to read instead of `./.env` (set but empty: none)
ENV_FILE_VAR = "HALO_ENV_FILE"


class Settings(BaseSettings):
    """Everything HALO reads from the environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    openai_api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(None, validation_alias="OPENAI_BASE_URL")
    anthropic_api_key: SecretStr | None = Field(None, validation_alias="ANTHROPIC_API_KEY")
    anthropic_base_url: str | None = Field(None, validation_alias="ANTHROPIC_BASE_URL")
    #: overrides the mode's worker backend when set (qwen_* modes default to vllm)
    worker_backend: Literal["openai", "vllm", "local", "anthropic"] | None = Field(
        None, validation_alias="HALO_WORKER_BACKEND"
    )
    #: the Worker's own endpoint and key (openai / anthropic backends), over the provider's
    worker_base_url: str | None = Field(None, validation_alias="HALO_WORKER_BASE_URL")
    worker_api_key: SecretStr | None = Field(None, validation_alias="HALO_WORKER_API_KEY")
    #: overrides the mode's Manager backend when set
    manager_backend: Literal["openai", "anthropic"] | None = Field(
        None, validation_alias="HALO_MANAGER_BACKEND"
    )
    manager_base_url: str | None = Field(None, validation_alias="HALO_MANAGER_BASE_URL")
    manager_api_key: SecretStr | None = Field(None, validation_alias="HALO_MANAGER_API_KEY")
    #: REAL's leaderboard: the key runs are registered with, and REAL's two services
    real_api_key: SecretStr | None = Field(None, validation_alias="REAL_API_KEY")
    real_api_url: str = Field(REAL_API_URL, validation_alias="HALO_REAL_API_URL")
    real_eval_url: str = Field(REAL_EVAL_URL, validation_alias="HALO_REAL_EVAL_URL")
    #: the local backend's GGUF model file (run in-process by llama-cpp-python)
    local_model: Path | None = Field(None, validation_alias="HALO_LOCAL_MODEL")
    #: LoRA adapters of the local model by name, `name=/path/a.gguf,other=/path/b.gguf`
    local_adapters: str | None = Field(None, validation_alias="HALO_LOCAL_ADAPTERS")
    #: CPU threads of the local model (default: llama-cpp-python's, half the cores)
    local_threads: int | None = Field(None, ge=1, le=256, validation_alias="HALO_LOCAL_THREADS")
    #: the longest reply of the local model, in its tokens (a rambling base model stops here)
    local_max_tokens: int = Field(256, ge=1, le=8192, validation_alias="HALO_LOCAL_MAX_TOKENS")
    vllm_url: str | None = Field(None, validation_alias="HALO_VLLM_URL")
    worker_model: str | None = Field(None, validation_alias="HALO_WORKER_MODEL")
    manager_model: str | None = Field(None, validation_alias="HALO_MANAGER_MODEL")
    worker_image: ImageDetail = Field(WORKER_IMAGE, validation_alias="HALO_WORKER_IMAGE")
    manager_image: ImageDetail = Field(MANAGER_IMAGE, validation_alias="HALO_MANAGER_IMAGE")
    results_dir: Path = Field(Path("results"), validation_alias="HALO_RESULTS_DIR")
    data_dir: Path = Field(Path("data"), validation_alias="HALO_DATA_DIR")
    chromium_path: str | None = Field(None, validation_alias="HALO_CHROMIUM_PATH")
    #: after an action, how long the DOM must be quiet, and the most to wait (ms)
    settle_quiet_ms: int = Field(60, ge=0, le=5000, validation_alias="HALO_SETTLE_QUIET_MS")
    settle_cap_ms: int = Field(1500, ge=0, le=30000, validation_alias="HALO_SETTLE_CAP_MS")
    #: how long `--ray-address` may take to connect before the run gives up (s)
    ray_connect_timeout_s: float = Field(30.0, gt=0, le=600,
                                         validation_alias="HALO_RAY_CONNECT_TIMEOUT_S")

    @field_validator("local_adapters")
    @classmethod
    def _adapters_parse(cls, value: str | None) -> str | None:
        if value is not None:
            parse_adapters(value)
        return value

    @property
    def adapters(self) -> dict[str, Path]:
        """HALO_LOCAL_ADAPTERS as {name: path} (empty when unset)."""
        return parse_adapters(self.local_adapters or "")

    def redacted(self) -> dict[str, str]:
        """All settings as display strings, secrets shown only as "set" / "not set"."""
        out: dict[str, str] = {}
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            key = field.validation_alias or name.upper()
            if name in SECRET_FIELDS:
                out[str(key)] = "set" if value is not None and value.get_secret_value() else "not set"
            else:
                out[str(key)] = "" if value is None else str(value)
        return out

    def secrets(self) -> list[str]:
        """The secret values that are set, for scrubbing text before it is written."""
        vals = [getattr(self, n) for n in SECRET_FIELDS]
        return [v.get_secret_value() for v in vals if v is not None and v.get_secret_value()]


def parse_adapters(text: str) -> dict[str, Path]:
    """`a=/x.gguf, b=/y.gguf` -> {"a": Path("/x.gguf"), ...}; ValueError on a bad entry."""
    out: dict[str, Path] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, path = (x.strip() for x in item.partition("="))
        if not sep or not name or not path:
            raise ValueError(f"expected name=/path/adapter.gguf, got {item!r}")
        if name in out:
            raise ValueError(f"adapter {name!r} is named twice")
        out[name] = Path(path).expanduser()
    return out


def default_env_file() -> Path | None:
    """The dotenv file settings read: `$HALO_ENV_FILE` when set (empty: none), else `./.env`."""
    value = os.environ.get(ENV_FILE_VAR)
    if value is None:
        return Path(".env")
    return Path(value).expanduser() if value else None


def load_settings(env_file: str | Path | None = None) -> Settings:
    """Build settings from the environment and `env_file` (default: `default_env_file()`;
    a missing file is fine)."""
    try:
        return Settings(_env_file=env_file or default_env_file())  # type: ignore[call-arg]
    except ValidationError as exc:
        raise invalid("settings", exc) from None
