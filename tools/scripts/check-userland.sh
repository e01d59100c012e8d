#!/usr/bin/env bash
# check-userland.sh - prove the user-space toolchain on the host, without a kernel.
#
#   tools/scripts/check-userland.sh [x86_64] [aarch64]      (default: both)
#
# For each architecture it builds every program and the initrd (make -f
# userland/userland.mk), then checks what a kernel will be handed:
#   - every C++ standard header compiles against musl (userland/include/libstdc++-musl);
#   - the initrd's layout: /sbin/init, the loader /lib/ld-musl-<arch>.so.1 (a regular
#     file), /lib/libc.so pointing at it, the test programs, /tmp with mode 1777;
#   - every program's ELF: the right machine; dynamic ones name /lib/ld-musl-<arch>.so.1
#     in PT_INTERP and need nothing but libc.so; static ones have neither;
#   - every /tests program prints exactly "<name>: PASS" and exits 0, run from the staged
#     root: directly on x86_64 (and once more through the staged loader, for the dynamic
#     ones), under qemu-aarch64 with the staged root as its library prefix on aarch64;
#   - init --exit-after runs a program and passes its status on (a host process is not
#     process 1, so init exits instead of powering off);
#   - USERLAND_LINK=static gives an initrd whose programs are all static and still pass.
# aarch64 programs run under qemu-user (Debian package qemu-user). Without binfmt_misc
# an emulated init cannot execve an aarch64 program, so its checks have init start
# qemu-aarch64 itself, which the host runs natively.
#
# Prints one line per check and a summary; exits non-zero if anything failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 aarch64)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# build ARCH [make arguments...]: builds the programs and the initrd, quietly unless
# the build fails.
build() {
  local arch=$1; shift
  local log
  if log=$(make -f userland/userland.mk -j"$(nproc)" ARCH="$arch" "$@" initrd 2>&1); then
    pass "$arch build${1:+ ($1)}"
    return 0
  fi
  fail "$arch build${1:+ ($1)}"
  echo "$log" | tail -20
  return 1
}

# run ARCH ROOT PROGRAM [ARGS...]: runs an ARCH program from a staged root on this host.
run() {
  local arch=$1 root=$2; shift 2
  if [ "$arch" = x86_64 ]; then
    "$@"
  else
    QEMU_LD_PREFIX=$root qemu-aarch64 "$@"
  fi
}

# check_layout ARCH CPIO
check_layout() {
  local arch=$1 cpio=$2 listing
  if ! listing=$(cpio -itv --quiet < "$cpio"); then
    fail "$arch initrd: cpio cannot read $cpio"
    return
  fi
  local want problems=()
  for want in '^-rwxr-xr-x .* sbin/init$' "^-rwxr-xr-x .* lib/ld-musl-$arch.so.1\$" \
      "^l.* lib/libc.so -> ld-musl-$arch.so.1\$" '^drwxrwxrwt .* tmp$' '^d.* dev$' \
      '^d.* proc$' '^-rw-r--r-- .* etc/passwd$' '^-rwxr-xr-x .* tests/hello$'; do
    grep -Eq "$want" <<< "$listing" || problems+=("no entry like /$want/")
  done
  if grep -Ev '^\S+ +[0-9]+ root +root ' <<< "$listing" | grep -q .; then
    problems+=("an entry not owned by root:root")
  fi
  if [ ${#problems[@]} -eq 0 ]; then pass "$arch initrd layout"
  else fail "$arch initrd layout: ${problems[*]}"; fi
}

# check_elf ARCH FILE: machine type, and interpreter/needed libraries for its link mode.
check_elf() {
  local arch=$1 file=$2 name=${2#*/root/} headers dynamic interp needed
  local machine='Advanced Micro Devices X86-64'
  [ "$arch" = aarch64 ] && machine=AArch64
  headers=$(readelf -hlW "$file" 2>&1)
  dynamic=$(readelf -dW "$file" 2>&1)
  interp=$(sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p' <<< "$headers")
  needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' <<< "$dynamic" | paste -sd ' ')
  if ! grep -q "Machine: *$machine\$" <<< "$headers"; then
    fail "$arch $name: not an $arch ELF"
  elif grep -q 'Type: *EXEC' <<< "$headers"; then
    if [ -z "$interp" ] && [ -z "$needed" ]; then pass "$arch $name: static ELF"
    else fail "$arch $name: ET_EXEC with interpreter '$interp', needs '$needed'"; fi
  elif [ "$interp" = "/lib/ld-musl-$arch.so.1" ] && [ "$needed" = libc.so ]; then
    pass "$arch $name: PIE, interpreter $interp, needs $needed"
  else
    fail "$arch $name: interpreter '$interp', needs '$needed'"
  fi
}

# is_toolchain_test NAME: tests of the build scheme itself (libc, C++ headers, runtime).
is_toolchain_test() {
  case $1 in hello|hello_static|cxx_headers*|cxx_runtime|syscall_basics) return 0 ;; esac
  return 1
}

# check_test ARCH ROOT FILE [launcher...]: the program prints only "<name>: PASS", exits 0.
check_test() {
  local arch=$1 root=$2 file=$3; shift 3
  local name output status label="$arch ${file#"$root"/}${1:+ (via ${1##*/})}"
  name=$(basename "$file")
  output=$(run "$arch" "$root" "$@" "$file" 2>&1); status=$?
  if [ "$status" -eq 0 ] && [ "$output" = "$name: PASS" ]; then pass "$label"
  else fail "$label: status $status, output: $output"; fi
}

# check_init ARCH ROOT: init runs its program and hands back the exit status.
check_init() {
  local arch=$1 root=$2 output status launcher=()
  [ "$arch" = aarch64 ] && launcher=("$(command -v qemu-aarch64)")
  output=$(run "$arch" "$root" "$root/sbin/init" --exit-after "${launcher[@]}" \
    "$root/tests/hello" 2>&1); status=$?
  if [ "$status" -eq 0 ] && grep -qx 'hello: PASS' <<< "$output"; then
    pass "$arch init --exit-after tests/hello"
  else fail "$arch init --exit-after tests/hello: status $status, output: $output"; fi
  output=$(run "$arch" "$root" "$root/sbin/init" --exit-after "${launcher[@]}" \
    "$root/tests/no-such-program" 2>&1); status=$?
  if [ "$status" -ne 0 ]; then pass "$arch init --exit-after a missing program: status $status"
  else fail "$arch init --exit-after a missing program: status 0, output: $output"; fi
}

# check_all_headers ARCH: one translation unit including every standard header GCC has
# (the extension-less files of its C++ header directory) compiles with the user flags.
# A newer GCC that assumes more of glibc shows up here first.
check_all_headers() {
  local arch=$1 flags cxx_dir count
  # shellcheck disable=SC2016 # $(...) is make's, in a rule given to make
  flags=$(make -s -f userland/userland.mk ARCH="$arch" \
    --eval 'user-print-cxx: ; @echo $(USER_CXX) $(USER_CXXFLAGS)' user-print-cxx)
  cxx_dir=$(tr ' ' '\n' <<< "$flags" | grep -m1 '/c++/[0-9]*$')
  count=$(find "$cxx_dir" -maxdepth 1 -type f ! -name '*.*' | wc -l)
  if find "$cxx_dir" -maxdepth 1 -type f ! -name '*.*' -printf '#include <%f>\n' |
      ${flags//-MMD -MP/} -xc++ -fsyntax-only - 2> "$tmp/headers.log"; then
    pass "$arch all $count C++ standard headers compile"
  else
    fail "$arch C++ standard headers: $(grep -m3 error: "$tmp/headers.log")"
  fi
}

# check_arch ARCH: everything above for one architecture, with the default link modes
# and then with USERLAND_LINK=static.
check_arch() {
  local arch=$1 root=build/$1/userland/root file
  if [ "$arch" = aarch64 ] && ! command -v qemu-aarch64 > /dev/null; then
    fail "aarch64: qemu-aarch64 not found (apt-get install qemu-user)"
    return
  fi
  build "$arch" || return
  check_all_headers "$arch"
  check_layout "$arch" "build/$arch/initrd.cpio"
  root=$top/$root
  for file in "$root/sbin/init" "$root"/tests/*; do check_elf "$arch" "$file"; done
  for file in "$root"/tests/*; do
    # qemu-aarch64 (user mode) does not emulate every kernel behaviour the tests check
    # (MAP_FIXED_NOREPLACE, RLIMIT_NPROC, some signal details): under it, only the
    # toolchain tests run. Every test runs under the real SeaOS kernel in `make test`.
    if [ "$arch" = aarch64 ] && ! is_toolchain_test "$(basename "$file")"; then continue; fi
    check_test "$arch" "$root" "$file"
    if [ "$arch" = x86_64 ] && readelf -lW "$file" | grep -q INTERP; then
      check_test "$arch" "$root" "$file" "$root/lib/ld-musl-x86_64.so.1"
    fi
  done
  check_init "$arch" "$root"

  local static_out=build/$arch/userland/all-static
  build "$arch" USERLAND_LINK=static USER_OUT="$static_out" \
    USER_INITRD="$static_out/initrd.cpio" || return
  for file in "$top/$static_out/root/sbin/init" "$top/$static_out/root"/tests/*; do
    readelf -lW "$file" | grep -q INTERP && fail "$arch all-static: ${file##*/} is dynamic"
  done
  for file in "$top/$static_out/root"/tests/*; do
    if [ "$arch" = aarch64 ] && ! is_toolchain_test "$(basename "$file")"; then continue; fi
    check_test "$arch" "$top/$static_out/root" "$file"
  done
}

# elapsed START: seconds since START (an $EPOCHREALTIME), to a tenth.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

all_start=$EPOCHREALTIME
for arch in "${arches[@]}"; do
  start=$EPOCHREALTIME
  check_arch "$arch"
  echo "---- $arch: $(elapsed "$start") s"
done
echo "check-userland: $passed passed, $failed failed in $(elapsed "$all_start") s"
[ "$failed" -eq 0 ]
