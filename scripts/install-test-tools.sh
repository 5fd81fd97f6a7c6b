#!/usr/bin/env bash
# Installs the Debian tools the tests drive when they are missing: Chromium for the browser tests (never a
# downloaded browser build) and wrk for the load smoke test.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Saknas: ${missing[*]}. Kör 'sudo apt-get install ${missing[*]}' eller kör som root." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
/usr/bin/chromium --version
wrk --version 2>&1 | head -1 || true
