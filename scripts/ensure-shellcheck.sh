#!/usr/bin/env sh
# Installs shellcheck, which the tests run on the instances' first-boot scripts, when missing.
set -eu
if command -v shellcheck >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing shellcheck with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
    exit 0
fi
echo "shellcheck is missing (the user-data tests are skipped without it). Install it:" >&2
echo "  Debian/Ubuntu: sudo apt-get install shellcheck" >&2
echo "  macOS:         brew install shellcheck" >&2
echo "  Fedora:        sudo dnf install ShellCheck" >&2
exit 0
