#!/usr/bin/env bash
# deps.sh - install everything SeaOS needs from Debian's archive.
#
# Idempotent and non-interactive: a second run only checks and returns in seconds.
# Works as root or through sudo. Also used by the Vagrantfile to provision a box.
#
#   tools/scripts/deps.sh [--check]    --check: report what is missing, install nothing
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)

# Debian packages, by what they are for.
packages=(
  build-essential g++ make python3 cpio file        # host toolchain, initrd, scripts
  pandoc                                            # lab handouts as HTML
  g++-aarch64-linux-gnu binutils-aarch64-linux-gnu  # aarch64 cross compiler
  qemu-system-x86 qemu-system-arm                   # both machines (TCG)
  qemu-user                                         # runs aarch64 user programs on the host
  grub-pc-bin grub-common xorriso mtools            # x86_64 boot ISO (grub-mkrescue)
  bochs bochs-term bochsbios vgabios                # x86 boot path debugging
  libcpputest-dev                                   # host unit tests
  gdb-multiarch                                     # debugging both archs
  musl-dev musl-tools                               # x86_64 user space libc
  vagrant vagrant-libvirt                           # the Vagrantfile (libvirt provider)
)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] && { echo "deps: all installed"; exit 0; }
  echo "deps: missing: ${missing[*]}"; exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The aarch64 musl: downloaded (not installed) as an arm64 package and unpacked into
# build/aarch64/sysroot, so the host keeps one libc per architecture in its own place.
sysroot="$top/build/aarch64/sysroot"
if [ ! -e "$sysroot/lib/aarch64-linux-musl/libc.so" ] || [ ! -f "$sysroot/usr/lib/aarch64-linux-musl/crt1.o" ]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
    "${sudo[@]}" apt-get update -q
  fi
  tmp=$(mktemp -d)
  ( cd "$tmp" && { apt-get download -q musl-dev:arm64 musl:arm64 2>/dev/null \
      || { "${sudo[@]}" apt-get update -q && apt-get download -q musl-dev:arm64 musl:arm64; }; } )
  mkdir -p "$sysroot"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$sysroot"; done
  rm -rf "$tmp"
  echo "deps: aarch64 musl unpacked into build/aarch64/sysroot"
fi

# Debian's busybox-static for both architectures (an unmodified Linux binary to run).
bash "$top/tools/scripts/busybox.sh" "$top"
# Debian's Linux kernel for each arch, for `make bench`: apt-get download, only the kernel
# unpacked into build/<arch>/linux/; skipped when already there.
if ! bash "$top/tools/bench/fetch-linux.sh" x86_64 aarch64; then
  echo "deps: could not fetch Debian's Linux kernels; only make bench needs them" >&2
fi
echo "deps: ready"
