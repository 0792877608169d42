#!/usr/bin/env bash
# A virtual environment with BrowserGym's MiniWoB++ tasks, for benchmarks/miniwob_speed.py.
#
# BrowserGym is a peer we compare against, not a dependency of openlam, so it lives in its own
# venv (default /work/bgvenv, or $BROWSERGYM_VENV). It pins playwright 1.44, which looks for its
# own Chromium build (revision 1117) under $PLAYWRIGHT_BROWSERS_PATH; `playwright install` needs
# the internet, so we point that build's path at Debian's Chromium instead. Safe to run again.
#
#   bash benchmarks/browsergym_env.sh
#   # then, by hand (browsergym_side.py sets both by itself when they are unset):
#   export PLAYWRIGHT_BROWSERS_PATH=/work/bgvenv/ms-playwright
#   export MINIWOB_URL=file:///work/bgvenv/lib/python3.11/site-packages/miniwob/html/miniwob/
set -euo pipefail

VENV="${BROWSERGYM_VENV:-/work/bgvenv}"
PYTHON="${PYTHON:-python3.11}"
CHROMIUM="${CHROMIUM:-/usr/lib/chromium/chromium}"
# The versions seen to work together here; playwright 1.44.0 comes with browsergym-core.
PACKAGES=(browsergym-core==0.14.3 browsergym-miniwob==0.14.3 miniwob==1.1.0)

if [ ! -x "$CHROMIUM" ]; then
    echo "no Chromium at $CHROMIUM: apt-get install chromium" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}"

# The Chromium revision this playwright looks for, from its own browsers.json.
revision=$("$VENV/bin/python" - <<'EOF'
import json, pathlib, playwright
browsers = pathlib.Path(playwright.__file__).parent / "driver/package/browsers.json"
print(next(b["revision"] for b in json.loads(browsers.read_text())["browsers"] if b["name"] == "chromium"))
EOF
)
browser_dir="$VENV/ms-playwright/chromium-$revision"
mkdir -p "$browser_dir/chrome-linux"
ln -sfn "$CHROMIUM" "$browser_dir/chrome-linux/chrome"
# Markers playwright writes after its own install: without INSTALLATION_COMPLETE it may treat
# the folder as a broken download; DEPENDENCIES_VALIDATED skips its ldd check of the folder
# (it re-checks markers older than 30 days, hence touch).
touch "$browser_dir/INSTALLATION_COMPLETE" "$browser_dir/DEPENDENCIES_VALIDATED"

miniwob_html=$("$VENV/bin/python" -c \
    'import miniwob, pathlib; print(pathlib.Path(miniwob.__file__).parent / "html" / "miniwob")')
echo "BrowserGym venv ready: $VENV"
"$VENV/bin/pip" list --disable-pip-version-check 2>/dev/null \
    | grep -iE '^(browsergym-core|browsergym-miniwob|miniwob|playwright|gymnasium) '
echo "export PLAYWRIGHT_BROWSERS_PATH=$VENV/ms-playwright"
echo "export MINIWOB_URL=file://$miniwob_html/"
