#!/bin/sh
# Installs the Debian packages named in $DEBS when missing (as root), or says what to install.
set -eu
missing=""
for deb in $DEBS; do
    dpkg -s "$deb" >/dev/null 2>&1 || missing="$missing $deb"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing OS packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "缺少系统软件包 / Missing OS packages:$missing" >&2
    echo "请以 root 身份安装 / Install them as root: apt-get install -y$missing" >&2
    exit 1
fi
