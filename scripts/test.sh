#!/usr/bin/env bash
# Install what the tests need into ./.venv, then run every test: unit tests, nbval over every
# notebook, and the browser tests of the real site in Debian's headless Chromium.
# Extra arguments go to pytest (e.g. `-m "not browser"` or `-x`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv "[test]"

# apt_install WHY PACKAGE...: install Debian packages when we may (root with apt-get); say whether we did.
apt_install() {
    local why="$1"
    shift
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's $* $why ..."
        apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
    else
        return 1
    fi
}

chromium="${WORKBOOK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && ! apt_install "for the browser tests" chromium; then
    echo "The browser tests need Chromium at $chromium: run 'sudo apt-get install chromium'" \
         "or set WORKBOOK_CHROMIUM to a Chromium binary." >&2
    exit 1
fi

# The JupyterHub deployment test needs the hub's proxy, configurable-http-proxy, from the npm registry.
# Without npm it is skipped and says so; once the proxy is installed it must run.
if [ ! -x .tools/node_modules/.bin/configurable-http-proxy ]; then
    if command -v npm >/dev/null 2>&1 || apt_install "for JupyterHub's proxy" nodejs npm; then
        # Version 5 needs Node.js 20 or newer; 4.6 runs on older ones (Debian 12 ships Node.js 18).
        proxy_version=5
        [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || proxy_version=4.6
        npm install --silent --no-audit --no-fund --prefix .tools "configurable-http-proxy@$proxy_version" \
            >/dev/null || echo "configurable-http-proxy could not be installed from npm." >&2
    else
        echo "npm is not installed: the JupyterHub test will be skipped (sudo apt-get install nodejs npm)." >&2
    fi
fi
if [ -x .tools/node_modules/.bin/configurable-http-proxy ]; then
    export WORKBOOK_REQUIRE_HUB=1
fi

# The store's tests run on SQLite and on a throwaway PostgreSQL server (Debian's package; the tests
# start and stop their own cluster). Without it the PostgreSQL half is skipped and says so.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 &&
   ! apt_install "for the store's PostgreSQL tests" postgresql; then
    echo "PostgreSQL is not installed: the store's PostgreSQL tests will be skipped" \
         "(sudo apt-get install postgresql to run them)." >&2
fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    export WORKBOOK_REQUIRE_POSTGRES=1  # installed: a failure to start it is a failure, not a skip
fi

exec .venv/bin/python -m pytest --nbval "$@"
