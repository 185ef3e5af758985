#!/usr/bin/env bash
# Set up a machine for SignDesk: the Debian packages Qt, fonts, PDF tools and the
# tests need (when we may install them), and a virtual environment in .venv.
#   scripts/setup.sh          app only
#   scripts/setup.sh test     app + test tools
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt's xcb platform (a real window) and QtMultimedia
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libpulse0
  # Chinese glyphs on screen and in PDFs: the base font, then rare characters
  # (生僻字): Droid Sans Fallback has Extension A, HanaMinA/B Extensions A to F,
  # BabelStone Han much of G (all TrueType, which reportlab can embed; see README)
  fonts-wqy-microhei fonts-droid-fallback fonts-hanazono fonts-babelstone-han
)
TEST_PACKAGES=(
  xvfb xdotool poppler-utils qpdf
  # a Chinese input method, to prove scans get past it
  ibus ibus-libpinyin dbus-x11
  cups cups-client cups-bsd printer-driver-cups-pdf
)

want=("${APT_PACKAGES[@]}")
[ "${1:-}" = "test" ] && want+=("${TEST_PACKAGES[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    echo "installing Debian packages: ${missing[*]}"
    $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
  else
    echo "please install these Debian packages: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
