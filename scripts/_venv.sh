# Sourced by serve.sh and test.sh: make ./.venv (Python 3.11 or newer) and install the project into it.
# Usage: ensure_venv EXTRAS   (EXTRAS: "" or "[test]")

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 or newer is needed; install it first (Debian: apt-get install python3)." >&2
    return 1
}

ensure_venv() {
    local extras="$1" python
    if [ ! -x .venv/bin/python ]; then
        python="$(find_python)"
        if ! "$python" -m venv .venv 2>/dev/null; then
            rm -rf .venv
            # Debian ships venv separately; as root we can add it, otherwise say what is missing.
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
                "$python" -m venv .venv
            else
                echo "Cannot create a virtual environment: install python3-venv (Debian) and try again." >&2
                return 1
            fi
        fi
    fi
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".${extras}"
}
