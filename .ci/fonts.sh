#!/bin/sh
# The fonts the printed reports are set in (GB/T 9704), where the server has no licensed
# 仿宋_GB2312 / 方正小标宋 of its own (those are used first when installed; reports/fonts.py).
# Debian packages: Noto Serif CJK SC Black (小标宋), Noto Sans CJK SC (黑体), LXGW WenKai (楷体).
# Debian has no 仿宋 covering simplified Chinese in a package of its own (fonts-cwtex-fs is a
# traditional-character face), so FandolFang (GPL-3, the 仿宋 of TeX Live's Chinese support,
# GB 2312 and more) is copied out of texlive-lang-chinese without installing TeX.
set -eu
DEBS="fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fontconfig" sh "$(dirname "$0")/sysdeps.sh"
DEST=/usr/local/share/fonts/renda
FANG="$DEST/FandolFang-Regular.otf"
[ -f "$FANG" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "缺少仿宋字体 / Missing the FangSong font: install 仿宋_GB2312, or as root copy" >&2
    echo "FandolFang-Regular.otf from Debian's texlive-lang-chinese into $DEST" >&2
    exit 1
fi
echo "Installing the FandolFang font into $DEST"
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download -qq texlive-lang-chinese 2>/dev/null || { apt-get update -qq && apt-get download -qq texlive-lang-chinese; }
src=./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
lic=./usr/share/doc/texlive-doc/fonts/fandol
dpkg-deb --fsys-tarfile texlive-lang-chinese_*.deb | tar -x "$src" "$lic"
mkdir -p "$DEST"
cp "$src" "$DEST/"
cp "$lic/COPYING.gz" "$DEST/FandolFang-COPYING.gz"
cp "$lic/README" "$DEST/FandolFang-README"
fc-cache -f "$DEST" >/dev/null
