#!/usr/bin/env bash
# Make sure Debian's Chromium is present for the browser tests (src/kvalitet/e2e).
#
# Playwright drives it through `executable_path`; we never download a browser build of our own
# (`playwright install` is not used). Installed with apt-get when running as root; otherwise
# this prints what to install and exits 1.
set -euo pipefail

CHROMIUM=${KVALITET_CHROMIUM:-/usr/bin/chromium}

if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
    exit 0
fi
{
    echo "error: $CHROMIUM was not found; the browser tests need Debian's Chromium:"
    echo "    sudo apt-get install chromium"
    echo "(or set KVALITET_CHROMIUM to another Chromium executable)"
} >&2
exit 1
