#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain what to install and exit 1.
#
# Order: $PYTHON (if set), python3.13, python3.12, python3 on PATH, then pyenv's installed
# versions (newest first), then /usr/bin and /usr/local/bin. Every candidate is actually run:
# pyenv shims such as `python3.13` exist on PATH but fail unless that version is selected.
set -u

ok() {
    # A working interpreter that is new enough and can create virtual environments.
    "$1" -c 'import sys, venv; assert sys.version_info >= (3, 12)' >/dev/null 2>&1
}

found() {
    # Print the real interpreter path (not a pyenv shim, which depends on PYENV_VERSION).
    local real
    real=$("$1" -c 'import sys; print(sys.executable)' 2>/dev/null) || real=""
    if [ -n "$real" ] && [ -x "$real" ]; then
        printf '%s\n' "$real"
    else
        printf '%s\n' "$1"
    fi
    exit 0
}

candidates=()
if [ -n "${PYTHON:-}" ]; then
    candidates+=("$PYTHON")
fi
for name in python3.13 python3.12 python3; do
    if path=$(command -v "$name" 2>/dev/null); then
        candidates+=("$path")
    fi
done
if command -v pyenv >/dev/null 2>&1; then
    if root=$(pyenv root 2>/dev/null) && [ -d "$root/versions" ]; then
        # Newest first: 3.13.x before 3.12.x.
        while IFS= read -r dir; do
            [ -n "$dir" ] && candidates+=("$dir/bin/python3")
        done < <(compgen -G "$root/versions/3.1[2-9]*" | sort -rV)
    fi
fi
for dir in /usr/bin /usr/local/bin; do
    while IFS= read -r path; do
        [ -n "$path" ] && candidates+=("$path")
    done < <(compgen -G "$dir/python3.1[2-9]" | sort -rV)
done

for cand in "${candidates[@]}"; do
    if [ -x "$cand" ] && ok "$cand"; then
        found "$cand"
    fi
done

cat >&2 <<'MSG'
error: no Python 3.12 or newer was found (tried python3.13, python3.12, python3, pyenv versions,
/usr/bin/python3.1x and /usr/local/bin/python3.1x).
Install Python 3.12 or newer, for example:
    apt-get install python3.12 python3.12-venv     (Debian 13 / Ubuntu 24.04)
    pyenv install 3.13                             (anywhere)
or point to one explicitly: make setup PYTHON=/path/to/python3.12
MSG
exit 1
