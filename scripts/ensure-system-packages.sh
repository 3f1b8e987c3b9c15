#!/usr/bin/env bash
# Make sure the system tools the build needs are present; quiet when they are.
#
#   msgfmt (GNU gettext)  Django's compilemessages/makemessages
#   npm                   front-end packages (package.json)
#   Pango (only if WeasyPrint is a dependency in pyproject.toml)  PDF reports
#
# Missing Debian packages are installed with apt-get when running as root; otherwise this
# prints what to install and exits 1.
set -euo pipefail

cd "$(dirname "$0")/.."

missing=()    # Debian packages to install

if ! command -v msgfmt >/dev/null 2>&1; then
    missing+=(gettext)
fi
if grep -qi 'weasyprint' pyproject.toml 2>/dev/null; then
    if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpangoft2-1.0.so.0'; then
        missing+=(libpango-1.0-0 libpangoft2-1.0-0)
    fi
    # Font subsetting keeps the PDFs small (WeasyPrint warns without it).
    if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libharfbuzz-subset.so.0'; then
        missing+=(libharfbuzz-subset0)
    fi
fi

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        {
            echo "error: missing system packages: ${missing[*]}"
            echo "Install them, for example:"
            echo "    sudo apt-get install ${missing[*]}    (Debian/Ubuntu)"
            echo "    brew install gettext    (macOS; it provides msgfmt)"
        } >&2
        exit 1
    fi
fi

if ! command -v npm >/dev/null 2>&1; then
    {
        echo "error: npm was not found; it is needed for the front-end packages (package.json)."
        echo "Install Node.js 20 or newer with npm, for example:"
        echo "    apt-get install nodejs npm     (Debian/Ubuntu)"
        echo "    or from https://nodejs.org/ (or nvm install 20)"
    } >&2
    exit 1
fi
