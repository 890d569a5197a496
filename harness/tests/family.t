#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# family.t: adding a family is one new folder under harness/family/ plus
# its cases folder, with no edit to any shared file.  In TAP for prove(1).
#
# A copy of the source tree (the files git tracks, as they are now) in a
# temporary folder gets a small AF_XDP family, the worked example of
# cases/README.md ("Adding a family"): a descriptor, its consts.list and
# two cases.  The copy must build, keep the layering rules, register the
# family (its cases parse, run, and are counted under it), and differ from
# the tree only by the two new folders.  A family left without its
# consts.list must then fail the build, naming what is missing.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DOC=${SOCKSPEC_DOC:-$ROOT/../shared/socket.rst}
n=0
ok() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; [ -n "${3:-}" ] && sed 's/^/#   /' <<<"$3"; fi; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sockspec-family.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
tree=$WORK/tree
mkdir -p "$tree"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - -cf -) | tar -x -C "$tree"
else
	(cd "$ROOT" && tar --exclude=./build --exclude=./sockspec -cf - .) | tar -x -C "$tree"
fi
cp -R "$tree" "$WORK/orig"
# the objects already built here, so that only what the family changes is
# rebuilt (make's dependency files decide)
for d in obj gen; do
	[ -d "$ROOT/build/$d" ] && mkdir -p "$tree/build" && cp -a "$ROOT/build/$d" "$tree/build/"
done

# ---- the new family: one folder of code, one of cases ----
mkdir -p "$tree/harness/family/xdp" "$tree/cases/af_xdp"
cat >"$tree/harness/family/xdp/family.c" <<'C'
// SPDX-License-Identifier: MIT
/* AF_XDP (core/family.h): sockets whose options are all ints. */
#include "core/family.h"

#include <sys/socket.h>

SOCKSPEC_FAMILY(xdp_family, AF_XDP,
	.cases = "af_xdp");
C
cat >"$tree/harness/family/xdp/consts.list" <<'L'
# The constants the af_xdp cases name, for scripts/gen-consts.
header linux/if_xdp.h
prefix XDP_
L
cat >"$tree/cases/af_xdp/socket.case" <<'CASE'
# AF_XDP sockets: raw only, and rings sized by powers of two.
family AF_XDP
requires socket(AF_XDP, SOCK_RAW, 0)

case raw-only
  doc  socket.socket
  what an XDP socket is SOCK_RAW with protocol 0, nothing else
  s = socket(AF_XDP, SOCK_RAW, 0)
  socket(AF_XDP, SOCK_DGRAM, 0) = -1 ESOCKTNOSUPPORT
  socket(AF_XDP, SOCK_RAW, 1) = -1 EPROTONOSUPPORT

case ring-sizes
  doc  socket.socket.setsockopt
  what a ring takes a power-of-two number of entries, once
  s = socket(AF_XDP, SOCK_RAW, 0)
  setsockopt(s, SOL_XDP, XDP_TX_RING, [63]) = -1 EINVAL
  setsockopt(s, SOL_XDP, XDP_RX_RING, [64]) = 0
  setsockopt(s, SOL_XDP, XDP_RX_RING, [64]) = -1 EINVAL
CASE

diffs=$(diff -rq -x build "$WORK/orig" "$tree" 2>&1)
ok "the tree differs only by the family's folder and its cases folder" \
	'[ "$diffs" = "Only in $tree/cases: af_xdp
Only in $tree/harness/family: xdp" ]' "$diffs"

out=$(make -C "$tree" -j 2 DOC="$DOC" sockspec 2>&1)
ok "the copy with the new family builds" '[ -x "$tree/sockspec" ]' "$(tail -n 15 <<<"$out")"
out=$("$tree/ci/check-layers" "$tree" 2>&1)
ok "and keeps the layers: no other folder names AF_XDP" '[ $? = 0 ]' "$out"
ok "the constants table has the family's constants" \
	'grep -q "{ \"XDP_RX_RING\"," "$tree/build/gen/consts_table.c"'
list=$(cd "$tree" && ./sockspec --list cases/af_xdp 2>&1)
ok "its cases parse" '[ "$list" = "af_xdp/socket.raw-only
af_xdp/socket.ring-sizes" ]' "$list"
run=$(cd "$tree" && ./sockspec -j 2 --json "$WORK/xdp.json" cases/af_xdp 2>&1); rc=$?
if grep -q "# SKIP requires socket(AF_XDP" <<<"$run"; then
	ok "its cases skip, naming the unmet requirement (this kernel has no AF_XDP)" '[ $rc = 4 ]' "$run"
else
	ok "its cases run and pass" '[ $rc = 0 ] && grep -q "^  ok 2 af_xdp/socket.ring-sizes$" <<<"$run"' "$run"
fi
ok "the results name the family" 'grep -q "\"family\": \"AF_XDP\"" "$WORK/xdp.json"'
mut=$(cd "$tree" && ./sockspec -j 2 --mutate cases/af_xdp 2>&1); rc=$?
ok "and its cases can fail (--mutate)" '[ $rc = 0 ] || [ $rc = 4 ]' "$(tail -n 20 <<<"$mut")"

# ---- half a family: the build says what is missing ----
rm "$tree/harness/family/xdp/consts.list"
out=$(make -C "$tree" -j 2 DOC="$DOC" sockspec 2>&1); rc=$?
ok "without its consts.list the build fails" '[ $rc != 0 ]' "$(tail -n 5 <<<"$out")"
ok "... naming the folder and the file" 'grep -q "harness/family/xdp: no consts.list" <<<"$out"' "$(tail -n 5 <<<"$out")"
echo "1..$n"
