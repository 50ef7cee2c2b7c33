from halo_cli.config.settings import Settings, load_settings
from tests.support.helpers import halo

KEY = "sk-test-SECRET-0123456789abcdef"


def test_reads_env_and_dotenv(tmp_path, monkeypatch):
    for var in ("OPENAI_API_KEY", "HALO_VLLM_URL", "HALO_WORKER_BACKEND", "HALO_RESULTS_DIR"):
        monkeypatch.delenv(var, raising=False)
    env = tmp_path / ".env"
    env.write_text(f"OPENAI_API_KEY={KEY}\nHALO_WORKER_BACKEND=vllm\nHALO_VLLM_URL=http://gpu:8000/v1\n"
                   "HALO_CHROMIUM_PATH=\n")
    s = load_settings(env)
    assert s.worker_backend == "vllm" and s.vllm_url == "http://gpu:8000/v1"
    assert s.chromium_path is None and str(s.results_dir) == "results"
    assert s.openai_api_key.get_secret_value() == KEY
    assert s.secrets() == [KEY]


def test_secrets_are_redacted_everywhere():
    s = Settings(OPENAI_API_KEY=KEY)
    assert KEY not in repr(s) and KEY not in str(s.model_dump())
    red = s.redacted()
    assert red["OPENAI_API_KEY"] == "set" and red["ANTHROPIC_API_KEY"] == "not set"
    assert KEY not in str(red)


def test_bad_backend_is_one_line(tmp_path, monkeypatch):
    out = halo("doctor", env={"HALO_WORKER_BACKEND": "tgi"}, cwd=tmp_path)
    assert out.returncode == 2
    assert "HALO_WORKER_BACKEND" in out.stderr and "Traceback" not in out.stderr



def test_image_detail_per_role_defaults_and_bad_value(tmp_path):
    s = Settings()
    assert (s.worker_image, s.manager_image) == ("low", "auto")
    assert Settings(HALO_WORKER_IMAGE="none", HALO_MANAGER_IMAGE="low").worker_image == "none"
    out = halo("doctor", env={"HALO_WORKER_IMAGE": "high"}, cwd=tmp_path)
    assert out.returncode == 2
    assert "HALO_WORKER_IMAGE" in out.stderr and "Traceback" not in out.stderr


def test_the_workers_image_is_the_setting_unless_the_worker_reads_text_only():
    from halo_cli.config.modes import MODES
    from halo_cli.policy.clients import worker_image

    mode = MODES["baseline_worker"]
    assert worker_image(mode, Settings()) == "low"
    assert worker_image(mode, Settings(HALO_WORKER_IMAGE="auto")) == "auto"
    assert worker_image(mode, Settings(HALO_WORKER_IMAGE="auto", HALO_WORKER_BACKEND="local")) \
        == "none"  # a local GGUF Worker is sent no screenshot
