#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# cross.t: the cross builds, in TAP for prove(1), after `make check-cross`
# made them (make ARCH=arm64, make ARCH=s390, make ARCH=arm64
# kselftest-tarball):
#   - each program is an executable of its target architecture (file(1));
#   - its constants table was generated for the target's headers, by the
#     target compiler, without running it (the table differs from the
#     native one where the architectures differ: FIOQSIZE on s390);
#   - under qemu-user (when installed) the target programs read every
#     case and the built-in documentation (both byte orders);
#   - the kselftest tarball is a whole kselftest install: run_kselftest.sh,
#     kselftest/runner.sh, the list entry, the entry script, the target
#     program and the target's libmnl.so.0 beside it.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
n=0
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; [ -n "${3:-}" ] && printf '#   %s\n' "$3"; fi; }

for a in arm64:aarch64:"ARM aarch64":LSB s390:s390x:"IBM S/390":MSB; do
	IFS=: read -r dir cpu what order <<<"$a"
	bin=build/cross/$dir/sockspec
	desc=$(file -b "$bin" 2>&1)
	ok "$dir: $bin is a 64-bit $order executable for $what" \
		'[[ $desc == "ELF 64-bit $order"*"$what"* ]]' "file: $desc"
	ok "$dir: it is not a program for this machine" '[[ $desc != *x86-64* ]]' "file: $desc"
	ok "$dir: its constants table has the target's values" \
		'[ -s build/cross/$dir/gen/consts_table.c ] && grep -q "{ \"SO_REUSEPORT\", 15LL }" build/cross/$dir/gen/consts_table.c'
done
ok "s390: FIOQSIZE is s390's own (0x545e), not x86's (0x5460)" \
	'grep -q "{ \"FIOQSIZE\", 21598LL }" build/cross/s390/gen/consts_table.c'
# nothing of the target's can have run while the tables were made when this
# machine has no way to run it: no binfmt_misc handler for the target
for cpu in aarch64 s390x; do
	if grep -qs "qemu-$cpu\|$cpu" /proc/sys/fs/binfmt_misc/* 2>/dev/null; then
		echo "ok $((n += 1)) - $cpu: built without running its code # SKIP a binfmt_misc handler runs $cpu programs here"
	else
		ok "$cpu: built without running its code: this machine cannot run $cpu programs (no binfmt_misc handler)" true
	fi
done
# the target programs under user-mode emulation: the parser and the built-in
# documentation on both byte orders.  (Not the cases: qemu-user rewrites
# control messages and socket flags on their way to the kernel, so case
# verdicts under it are the emulator's; the cases run in VMs.)
for a in arm64:aarch64:aarch64-linux-gnu:arm64 s390:s390x:s390x-linux-gnu:s390x; do
	IFS=: read -r dir cpu triplet deb <<<"$a"
	if command -v "qemu-$cpu" >/dev/null 2>&1 && [ -d "/usr/$triplet" ]; then
		run() { QEMU_SET_ENV=LD_LIBRARY_PATH=$ROOT/build/sysroot/$deb/usr/lib/$triplet \
			"qemu-$cpu" -L "/usr/$triplet" "build/cross/$dir/sockspec" "$@"; }
		v=$(run --version 2>&1)
		ok "$dir: under qemu-$cpu, --version" '[[ $v == "sockspec "* ]]' "$v"
		want=$(./sockspec --list cases/ | wc -l)
		got=$(run --list cases/ 2>&1 | wc -l)
		ok "$dir: under qemu-$cpu, --list reads every case ($want)" '[ "$got" = "$want" ]' "got $got"
		l=$(run lint cases/ 2>&1 | tail -n 1)
		ok "$dir: under qemu-$cpu, lint: no file with errors" '[[ $l == *" 0 files with errors"* ]]' "$l"
	else
		echo "ok $((n += 1)) - $dir: under user-mode emulation # SKIP no qemu-$cpu or /usr/$triplet"
	fi
done

tarball=build/sockspec-kselftest-arm64.tar.gz
list=$(tar tzf "$tarball" 2>&1)
for f in ./run_kselftest.sh ./kselftest/runner.sh ./kselftest-list.txt ./sockspec/run_sockspec.sh \
	./sockspec/sockspec ./sockspec/lib/libmnl.so.0 ./sockspec/config ./sockspec/settings \
	./sockspec/cases/README.md; do
	ok "kselftest tarball holds $f" 'grep -qx -- "$f" <<<"$list"' "$tarball: $(head -c 200 <<<"$list")"
done
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xzf "$tarball"
desc=$(file -b "$tmp/sockspec/sockspec")
ok "kselftest tarball: its program is the arm64 one" '[[ $desc == *"ARM aarch64"* ]]' "file: $desc"
desc=$(file -b -L "$tmp/sockspec/lib/libmnl.so.0")
ok "kselftest tarball: its libmnl is the arm64 one" '[[ $desc == *"ARM aarch64"* && $desc == *"shared object"* ]]' "file: $desc"
ok "kselftest tarball: the list entry is the entry script" 'grep -qx "sockspec:run_sockspec.sh" "$tmp/kselftest-list.txt"'
ok "kselftest tarball: run_kselftest.sh lists it" '(cd "$tmp" && ./run_kselftest.sh -l) | grep -qx "sockspec:run_sockspec.sh"'
echo "1..$n"
