#!/bin/sh
# tools/bochs/boot-test.sh - boot the x86_64 ISO in Bochs without a terminal; pass when
# the kernel's banner ("SeaOS <version> on x86_64: ...") reaches COM1.
#
#   tools/bochs/boot-test.sh ISO [TIMEOUT_SECONDS]      (or: make bochs-test)
#
# Bochs' only display here is the text terminal (bochs-term), which needs a tty, so the
# script gives it a pseudo-terminal (run_in_pty.py) and throws the screen away; COM1
# goes to build/x86_64/bochs-serial.log, which is what we watch. Debian's Bochs has its
# internal debugger built in, which waits at a prompt before the first instruction:
# continue.rc answers it. BIOS + GRUB + kernel take about 1.8 s of host time here (some
# 385 million instructions); the default timeout (BOCHS_TIMEOUT, 60 s)
# leaves room for slow or busy hosts.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
iso=${1:?usage: boot-test.sh ISO [TIMEOUT_SECONDS]}
limit=${2:-${BOCHS_TIMEOUT:-60}}
out="$top/build/x86_64"
mkdir -p "$out"

export BOCHS_ISO="$iso" BOCHS_SERIAL="$out/bochs-serial.log" BOCHS_LOG="$out/bochs.log"
export BOCHS_MEGS=${BOCHS_MEGS:-512}
export TERM=xterm  # the term display needs a terminal type that curses knows
rm -f "$BOCHS_SERIAL"

start=$(date +%s)
if python3 "$top/tools/bochs/run_in_pty.py" --timeout "$limit" \
        --until-file "$BOCHS_SERIAL" --until-regex 'SeaOS \S+ on x86_64:' \
        -- bochs -q -f "$top/tools/bochs/bochsrc" -rc "$top/tools/bochs/continue.rc"; then
    echo "bochs boot test: PASS (banner after $(( $(date +%s) - start )) s)"
    grep -a 'on x86_64:' "$BOCHS_SERIAL"
    exit 0
fi
echo "bochs boot test: FAIL (no banner within $limit s); serial log:" >&2
cat "$BOCHS_SERIAL" >&2 2>/dev/null || echo "(no serial output)" >&2
echo "Bochs log: $BOCHS_LOG" >&2
exit 1
