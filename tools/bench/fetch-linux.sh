#!/usr/bin/env bash
# fetch-linux.sh - Debian's Linux kernel for the side-by-side benchmarks (issue 12).
#
#   tools/bench/fetch-linux.sh [x86_64|aarch64 ...]     (default: both)
#
# Downloads (never installs) the versioned package that linux-image-amd64/-arm64 depends
# on, e.g. linux-image-6.1.0-56-amd64, and unpacks it into build/<arch>/linux/. Idempotent:
# an arch whose build/<arch>/linux/vmlinuz already exists is skipped. The .deb is not kept.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi

for arch in "${arches[@]}"; do
  case "$arch" in
    x86_64) meta=linux-image-amd64; suffix= ;;
    aarch64) meta=linux-image-arm64; suffix=:arm64 ;;
    *) echo "fetch-linux: unknown arch $arch" >&2; exit 2 ;;
  esac
  dest="$top/build/$arch/linux"
  if [ -f "$dest/vmlinuz" ]; then continue; fi
  # The meta package depends on exactly one versioned image package.
  resolve() {
    apt-cache depends "$meta$suffix" 2>/dev/null |
      sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1
  }
  if [ "$arch" = aarch64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
    "${sudo[@]}" apt-get update -q
  fi
  pkg=$(resolve)
  if [ -z "$pkg" ]; then
    echo "fetch-linux: cannot resolve $meta$suffix (apt-get update? dpkg --add-architecture arm64?)" >&2
    exit 1
  fi
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt's _apt user must be able to write here
  # A stale package list names a version the mirror no longer has: update once, retry.
  if ! ( cd "$tmp" && apt-get download -q "$pkg$suffix" >/dev/null 2>&1 ); then
    "${sudo[@]}" apt-get update -q >/dev/null
    pkg=$(resolve)
    ( cd "$tmp" && apt-get download -q "$pkg$suffix" >/dev/null 2>&1 )
  fi
  rm -rf "$dest.tmp"
  mkdir -p "$dest.tmp"
  dpkg-deb -x "$tmp"/*.deb "$dest.tmp/root"
  img=$(ls "$dest.tmp"/root/boot/vmlinuz-* | head -n1)
  # aarch64's vmlinuz is a gzip'd Image; QEMU's -kernel wants it uncompressed.
  if gzip -t "$img" 2>/dev/null; then gzip -dc "$img" > "$dest.tmp/vmlinuz"; else cp "$img" "$dest.tmp/vmlinuz"; fi
  echo "$pkg" > "$dest.tmp/package"
  rm -rf "$dest.tmp/root"  # only the kernel image is needed: the benchmarks run from an initramfs
  rm -rf "$dest" "$tmp"
  mv "$dest.tmp" "$dest"
  echo "fetch-linux: $pkg unpacked into build/$arch/linux"
done
