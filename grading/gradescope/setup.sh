#!/usr/bin/env bash
# grading/gradescope/setup.sh - Gradescope runs this once, as root, when it builds the
# autograder image (Ubuntu or Debian) from the zip `make gradescope LAB=n` writes.
#
# The zip unpacks to /autograder/source: this script, run_autograder, and seaos/ - the
# course's graders (grading/), the lab table, the host unit tests and the set-up script.
# Everything SeaOS needs comes from the distribution's archive through the same
# tools/scripts/deps.sh a student runs (`make deps`), so the autograder builds and boots
# exactly as a student's machine does.
set -euo pipefail
src=/autograder/source/seaos

apt-get update -q
# deps.sh installs every package, then unpacks the aarch64 musl (for user programs).
# On Ubuntu the arm64 packages live on ports.ubuntu.com, which a stock image does not
# list, so that last step may fail; the kernel labs do not need it, so only warn.
if ! bash "$src/tools/scripts/deps.sh"; then
  echo "setup: deps.sh did not finish; checking what the graders need" >&2
fi
missing=()
for tool in python3 make g++ aarch64-linux-gnu-g++ aarch64-linux-gnu-nm qemu-system-x86_64 \
            qemu-system-aarch64 grub-mkrescue xorriso; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: missing after deps.sh: ${missing[*]}" >&2
  exit 1
fi
chmod +x /autograder/source/run_autograder
echo "setup: ready (lab $(cat "$src/grading/gradescope/LAB" 2>/dev/null || echo 'all'))"
