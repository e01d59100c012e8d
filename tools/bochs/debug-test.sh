#!/bin/sh
# tools/bochs/debug-test.sh - `make bochs-debug` without a terminal, for tests and CI.
#
#   tools/bochs/debug-test.sh ISO RC [TIMEOUT_SECONDS]      (or: make bochs-debug-test)
#
# Runs Bochs with the debugger script RC (made by make_debug_rc.py: five breakpoints on
# the x86_64 boot path, registers printed at each, `quit` after the banner) on a
# pseudo-terminal, as boot-test.sh does, and keeps the debugger's output - what a
# student would read on the terminal - in build/x86_64/bochs-debug.log, terminal escape
# sequences removed. Passes when Bochs quit by itself after the fifth stop, all five
# breakpoints were hit in order, and the kernel's banner reached COM1
# (build/x86_64/bochs-debug-serial.log). grading/tests/debug.py checks the register
# values in the log. About 2-3 s of host time.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
iso=${1:?usage: debug-test.sh ISO RC [TIMEOUT_SECONDS]}
rc=${2:?usage: debug-test.sh ISO RC [TIMEOUT_SECONDS]}
limit=${3:-${BOCHS_TIMEOUT:-60}}
out="$top/build/x86_64"
mkdir -p "$out"

export BOCHS_ISO="$iso" BOCHS_SERIAL="$out/bochs-debug-serial.log"
export BOCHS_LOG="$out/bochs-debug-bochs.log" BOCHS_MEGS=${BOCHS_MEGS:-512}
export TERM=xterm  # the term display needs a terminal type that curses knows
screen="$out/bochs-debug.screen"
log="$out/bochs-debug.log"
rm -f "$BOCHS_SERIAL" "$screen" "$log"

python3 "$top/tools/bochs/run_in_pty.py" --timeout "$limit" --until-exit --screen "$screen" \
    -- bochs -q -f "$top/tools/bochs/bochsrc" -rc "$rc"
status=$?
sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' "$screen" > "$log" 2>/dev/null

fail() {
    echo "bochs debug test: FAIL ($1); transcript: $log, Bochs log: $BOCHS_LOG" >&2
    tail -40 "$log" >&2
    exit 1
}
[ "$status" -eq 0 ] || fail "Bochs did not quit by itself within $limit s (status $status)"
last=0
for n in 1 2 3 4 5; do
    line=$(grep -n "^(0) Breakpoint $n," "$log" | head -1 | cut -d: -f1)
    [ -n "$line" ] || fail "breakpoint $n was never hit"
    [ "$line" -gt "$last" ] || fail "breakpoint $n was hit out of order"
    last=$line
done
grep -aq 'SeaOS .* on x86_64:' "$BOCHS_SERIAL" || fail "no banner on COM1"

sed -n '/^(0) Breakpoint 1,/,$p' "$log"
echo "bochs debug test: PASS (5 stops; $(grep -a 'on x86_64:' "$BOCHS_SERIAL"))"
