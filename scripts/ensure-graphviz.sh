#!/usr/bin/env sh
# Installs the Graphviz `dot` binary that PNG and SVG rendering need, when it is missing.
set -eu
if command -v dot >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Graphviz (dot) with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends graphviz >/dev/null
    exit 0
fi
echo "Graphviz's 'dot' is missing. Install it, then run this again:" >&2
echo "  Debian/Ubuntu: sudo apt-get install graphviz" >&2
echo "  macOS:         brew install graphviz" >&2
echo "  Fedora:        sudo dnf install graphviz" >&2
exit 1
