#!/usr/bin/env bash
# Install what the browser tests (tests/test_web_browser.py) need: Debian's Chromium (and its
# chromedriver, for anyone driving it with Selenium) and the pinned Playwright Python package.
#
#   bash .ci/browser.sh || echo "CI: no browser; the browser tests will skip"
#
# Playwright drives /usr/bin/chromium through executable_path; it never downloads a browser of its
# own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, and `playwright install` is never run). Needs root and apt
# for Chromium; exits non-zero with a message when something is missing, and the tests then skip.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PY="${PY:-.venv/bin/python}"
PLAYWRIGHT_PIN="playwright==1.65.2"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "browser.sh: chromium or chromedriver is missing and apt-get (as root) is not available" >&2
        exit 1
    fi
    echo "browser.sh: installing Debian's chromium and chromium-driver" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; } \
        || { echo "browser.sh: apt-get could not install chromium" >&2; exit 1; }
fi

if ! "$PY" -c "import playwright" >/dev/null 2>&1; then
    echo "browser.sh: installing $PLAYWRIGHT_PIN into $PY's environment" >&2
    "$PY" -m pip install -q "$PLAYWRIGHT_PIN" || { echo "browser.sh: pip could not install $PLAYWRIGHT_PIN" >&2; exit 1; }
fi

echo "browser.sh: $(chromium --version 2>/dev/null | tail -n 1); $("$PY" -m pip show playwright 2>/dev/null | grep '^Version' || echo 'playwright ?')" >&2
