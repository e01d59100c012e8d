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

# GRUB joins the words after the kernel's path into the Multiboot2 command line, after
# its script parser has read them: so $ ; & | < > { } # ' and backslashes are escaped
# for that parser (inside "..." only $ and backslash need it). Double-quoted phrases,
# as in  init=/bin/sh -c "echo hi; ls", arrive exactly as written. GRUB 2.06 itself
# re-escapes single quotes and backslashes (as \' and \\) when it builds the line.
grub_words=$(printf '%s' "$cmdline" | awk '{
    out = ""; quoted = 0
    for (i = 1; i <= length($0); i++) {
        c = substr($0, i, 1)
        if (c == "\"") quoted = !quoted
        else if (c == "\\" || c == "$" || (!quoted && index(";&|<>{}#'"'"'", c))) c = "\\" c
        out = out c
    }
    print out
}')

# Commands at the top level rather than in a menu entry: GRUB boots at once, and prints
# no menu or "Booting ..." line that would end up in the serial log.
cat > "$work/iso/boot/grub/grub.cfg" <<EOF
set timeout=0
multiboot2 /boot/kernel.elf $grub_words
$module
boot
EOF

# Only the GRUB modules this grub.cfg needs (plus the partition maps grub-mkrescue's own
# early configuration loads), no fonts, locales or themes: the ISO is ~1 MiB instead of
# ~11 MiB, which matters with one cached ISO per command line.
grub_dir=/usr/lib/grub/i386-pc
partition_maps=$(cd "$grub_dir" && ls part_*.mod | sed 's/\.mod$//' | tr '\n' ' ')
if ! grub-mkrescue -d "$grub_dir" \
        --install-modules="multiboot2 normal iso9660 biosdisk configfile $partition_maps" \
        --fonts= --locales= --themes= -o "$work/out.iso" "$work/iso" >"$work/log" 2>&1; then
    cat "$work/log" >&2
    echo "mkiso.sh: grub-mkrescue failed" >&2
    exit 1
fi
mv "$work/out.iso" "$out"
