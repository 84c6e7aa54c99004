#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/browser), installed when missing.
#
#   scripts/chromium.sh     install the `chromium` package if /usr/bin/chromium is missing; print its version
#
# Playwright (the Python package of the test extras) drives it through `executable_path`;
# `playwright install` downloads browsers from a CDN and is not used.
set -euo pipefail
log() { printf 'chromium: %s\n' "$*" >&2; }
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium from Debian packages"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
/usr/bin/chromium --version
