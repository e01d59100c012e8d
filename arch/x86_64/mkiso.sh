#!/bin/sh
# arch/x86_64/mkiso.sh - make the bootable GRUB ISO for one kernel command line.
#
#   mkiso.sh OUT.iso KERNEL.elf "CMDLINE" [INITRD]
#
# GRUB (BIOS flavour, i386-pc) boots the kernel through Multiboot2 with CMDLINE and, when
# the INITRD file exists, passes it as the first Multiboot2 module. The kernel copied into
# the ISO is stripped of debug info (GDB reads build/x86_64/kernel.elf instead), which
# keeps the ISO small and Bochs' emulated CD reads short.
#
# Safe to run in parallel: each run works in its own temporary directory and renames the
# finished ISO into place, so a reader never sees a half-written file.
set -eu

out=$1
kernel=$2
cmdline=$3
initrd=${4:-}

work=$(mktemp -d "${out%.iso}.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/iso/boot/grub"

objcopy --strip-debug "$kernel" "$work/iso/boot/kernel.elf"

module=""
if [ -n "$initrd" ] && [ -f "$initrd" ]; then
    cp "$initrd" "$work/iso/boot/initrd.cpio"
    module="module2 /boot/initrd.cpio initrd"
fi

# GRUB joins the words after the kernel's path into the Multiboot2 command line.
cat > "$work/iso/boot/grub/grub.cfg" <<EOF
set timeout=0
set default=0
menuentry "SeaOS" {
    multiboot2 /boot/kernel.elf $cmdline
    $module
    boot
}
EOF

if ! grub-mkrescue -d /usr/lib/grub/i386-pc -o "$work/out.iso" "$work/iso" \
        >"$work/log" 2>&1; then
    cat "$work/log" >&2
    echo "mkiso.sh: grub-mkrescue failed" >&2
    exit 1
fi
mv "$work/out.iso" "$out"
