#!/usr/bin/env bash
# Installs what the browser tests (tests/Exchange.BrowserTests) drive: Debian's chromium and its
# matching chromium-driver, when either is missing. Needs root (CI runs as root); does nothing when
# both are there already.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser.sh: chromium and chromium-driver are missing; run as root: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing chromium and chromium-driver for the browser tests ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Noto CJK: the console is in Chinese, and the screenshots should show it, not boxes.
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
