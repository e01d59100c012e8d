#!/usr/bin/env bash
# mkinitrd.sh - stage SeaOS's root file system and pack it as a cpio (newc) initrd.
#
#   mkinitrd.sh --arch ARCH --out FILE.cpio --stage DIR --libc LIBC.SO --skel DIR
#               [--extra DIR] [--busybox BIN [--busybox-lister BIN]] -- INSTALL_PATH=BINARY ...
#
# The stage directory is emptied and filled afresh, so the archive holds exactly what the
# arguments name:
#   - the skeleton directories /bin /sbin /lib /etc /dev /proc /sys /tmp /root /tests
#     (/dev, /proc and /sys are mount points for the kernel's devfs, procfs and sysfs);
#   - the files of the skeleton tree (--skel, userland/skel: /etc/passwd ...);
#   - musl's libc.so as /lib/ld-musl-ARCH.so.1, the path in every dynamic program's
#     PT_INTERP, and /lib/libc.so as a symlink to it, the name in their DT_NEEDED
#     (musl's loader knows that name is itself). The loader is the regular file so that
#     a kernel can start dynamic programs before its VFS follows symlinks;
#   - each program at its INSTALL_PATH, mode 0755;
#   - with --busybox, that binary (Debian's busybox-static, build/<arch>/busybox) as
#     /bin/busybox and a symlink to it for each applet at the path busybox itself gives
#     (`busybox --list-full`: bin/sh, usr/bin/awk, ...), except where a program of ours
#     already is (/sbin/init stays SeaOS's). The list comes from the binary, or, when it
#     cannot run on this host (arm64 on an x86_64 host), from --busybox-lister, the
#     host's build of the same package;
#   - the --extra tree copied over all of that, with its own modes and symlinks.
#
# The archive is reproducible: names sorted bytewise, owner root:root, every mtime set
# to SOURCE_DATE_EPOCH (default 0), inode numbers renumbered and device numbers dropped
# (cpio --reproducible). Names are stored without a leading "./", as Linux's own
# gen_init_cpio writes them. FILE.cpio is replaced only when its bytes change.
set -euo pipefail

die() { echo "mkinitrd: $*" >&2; exit 1; }

arch='' out='' stage='' libc='' skel='' extra='' busybox='' busybox_lister=''
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --stage) stage=$2; shift 2 ;;
    --libc) libc=$2; shift 2 ;;
    --skel) skel=$2; shift 2 ;;
    --extra) extra=$2; shift 2 ;;
    --busybox) busybox=$2; shift 2 ;;
    --busybox-lister) busybox_lister=$2; shift 2 ;;
    --) shift; break ;;
    *) die "unknown argument '$1'" ;;
  esac
done
if [ -z "$arch" ] || [ -z "$out" ] || [ -z "$stage" ] || [ -z "$libc" ] || [ -z "$skel" ]; then
  die "usage: mkinitrd.sh --arch A --out F --stage D --libc L --skel D [--extra D] -- P=B..."
fi
[ -f "$libc" ] || die "no musl libc.so at $libc (run 'make deps')"
[ -z "$extra" ] || [ -d "$extra" ] || die "EXTRA_ROOT '$extra' is not a directory"

umask 022  # directories that install -D creates: 0755 whatever the caller's umask
# Several builds may run at once (graders boot machines in parallel, and each boot makes
# the initrd): each stages in a directory of its own and only the finished tree is
# renamed to --stage, so no build empties another's half-made tree.
final_stage=$stage
stage=$final_stage.$$
trap 'rm -rf "$stage" "$out.tmp.$$"' EXIT
rm -rf "$stage"
mkdir -p "$stage"
install -d -m 0755 "$stage"/{bin,sbin,lib,etc,dev,proc,sys,root,tests}
install -d -m 1777 "$stage/tmp"

# Skeleton files are text kept in git, which records no modes: set them here.
(cd "$skel" && find . -type d) | while read -r d; do install -d -m 0755 "$stage/$d"; done
(cd "$skel" && find . -type f) | while read -r f; do install -m 0644 "$skel/$f" "$stage/$f"; done

loader=ld-musl-$arch.so.1
install -m 0755 "$libc" "$stage/lib/$loader"
ln -s "$loader" "$stage/lib/libc.so"

for pair in "$@"; do
  path=${pair%%=*} binary=${pair#*=}
  [ -f "$binary" ] || die "program $binary (for /$path) is not built"
  install -D -m 0755 "$binary" "$stage/$path"
done

if [ -n "$busybox" ]; then
  [ -f "$busybox" ] || die "no busybox at $busybox (run 'make deps')"
  install -D -m 0755 "$busybox" "$stage/bin/busybox"
  applets=$("$busybox" --list-full 2>/dev/null ||
            { [ -n "$busybox_lister" ] && "$busybox_lister" --list-full; } || echo bin/sh)
  for dir in $(printf '%s\n' $applets | sed -n 's|/[^/]*$||p' | sort -u); do
    mkdir -p "$stage/$dir"
  done
  for applet in $applets; do
    [ -e "$stage/$applet" ] || [ -L "$stage/$applet" ] || ln -s /bin/busybox "$stage/$applet"
  done
fi

if [ -n "$extra" ]; then
  cp -R -P --preserve=mode,links "$extra/." "$stage/"
fi

find "$stage" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
  cpio -o -H newc -R 0:0 --reproducible --quiet) > "$out.tmp.$$"
if cmp -s "$out.tmp.$$" "$out"; then rm -f "$out.tmp.$$"; else mv -f "$out.tmp.$$" "$out"; fi
rm -rf "$final_stage.old.$$"
if [ -e "$final_stage" ]; then mv "$final_stage" "$final_stage.old.$$" 2>/dev/null || true; fi
mv -T "$stage" "$final_stage" 2>/dev/null || true  # another build may have just won
rm -rf "$final_stage.old.$$"
