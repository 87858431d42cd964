#!/usr/bin/env sh
# Installs headless Chromium, which the report's browser tests load pages in, when it is missing.
# Without it (and without root to install it) the browser tests skip and say why.
set -eu
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium with apt-get (for the report's browser tests)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
    exit 0
fi
echo "Chromium is missing; the report's browser tests will be skipped. To run them:" >&2
echo "  Debian/Ubuntu: sudo apt-get install chromium" >&2
echo "  macOS:         brew install --cask chromium" >&2
exit 0
