#!/usr/bin/env bash
# busybox.sh - fetch Debian's busybox-static for both architectures (make deps runs it).
#
#   busybox.sh [TOP]
#
# busybox-static is an unmodified, statically linked Linux binary: the test that SeaOS's
# Linux ABI is good enough for programs nobody wrote for it. Each architecture's package
# is downloaded with `apt-get download` (arm64 through dpkg's foreign architecture, which
# deps.sh enables for the aarch64 musl) and unpacked with dpkg-deb into
# build/<arch>/busybox/, so the binary is build/<arch>/busybox/bin/busybox. Nothing is
# installed on the host and nothing is committed. The initrd build (mkinitrd.sh) puts it
# at /bin/busybox, with a symlink for each applet, when it is there.
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)

fetch() {  # fetch ARCH DEBARCH
  local dest="$top/build/$1/busybox"
  [ -x "$dest/bin/busybox" ] && return 0
  local tmp
  tmp=$(mktemp -d)
  ( cd "$tmp" && { apt-get download -q "busybox-static:$2" 2>/dev/null \
      || { "${sudo[@]}" apt-get update -q && apt-get download -q "busybox-static:$2"; }; } )
  rm -rf "$dest"
  mkdir -p "$dest"
  dpkg-deb -x "$tmp"/busybox-static_*.deb "$dest"
  rm -rf "$tmp"
  [ -x "$dest/bin/busybox" ] || { echo "busybox: no bin/busybox in the $2 package" >&2; exit 1; }
  echo "deps: busybox-static ($2) unpacked into build/$1/busybox"
}

fetch x86_64 amd64
fetch aarch64 arm64
