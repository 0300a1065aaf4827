#!/usr/bin/env bash
# Installs the font the hub sets its issued documents in (民事裁定书, 民事调解书): Debian's
# fonts-wqy-microhei, whose /usr/share/fonts/truetype/wqy/wqy-microhei.ttc is the default of
# Exchange:DocumentFontFile (a TrueType font: PDFsharp cannot embed the CFF outlines of
# fonts-noto-cjk; docs/ARCHITECTURE.md, "Issued documents"). Does nothing when the font file is
# there, or when Exchange__DocumentFontFile names another existing
# file. Needs root to install (CI runs as root). run.sh and test.sh run it.
set -euo pipefail
font=${Exchange__DocumentFontFile:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
if [ -f "$font" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-fonts.sh: $font is missing; install it as root: apt-get install -y fonts-wqy-microhei (or set Exchange__DocumentFontFile to a TrueType font with Chinese glyphs)" >&2
  exit 1
fi
echo "Installing fonts-wqy-microhei (the font of the hub's issued documents) ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null
[ -f "$font" ] || { echo "install-fonts.sh: fonts-wqy-microhei is installed but $font is not there" >&2; exit 1; }
