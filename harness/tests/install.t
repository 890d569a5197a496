#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# install.t: sockspec as others install and run it, in TAP for prove(1):
#
#     prove -v harness/tests/install.t
#
# - `make install PREFIX=` into a scratch directory: the program, the cases
#   under share/sockspec with the fixture data they name, the man page; the
#   installed program finds its cases without arguments, from anywhere;
#   the man page renders without warnings and names every option and
#   subcommand; `make uninstall` removes it all.
# - `make kselftest-install INSTALL_PATH=`: the collection run by the
#   kernel's own run_kselftest.sh and kselftest/runner.sh, its output and
#   sockspec's own KTAP read by the kernel's KTAP parser (kunit.py parse)
#   and by prove.  The kernel's files come from Debian's linux-source
#   tarball through scripts/kernel-tools (extracted once into build/);
#   those tests skip, saying why, when it is not installed.
#
# Runs ./sockspec of the repository (make builds it); the kselftest run
# uses a filter (KSELFTEST_RUN_SOCKSPEC_SH_ARGS, runner.sh's way to pass
# arguments) so it adds seconds, not the whole suite, to make check.

set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sockspec-install.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	local d
	for d in "$@"; do
		printf '%s\n' "$d" | sed 's/^/#   /'
	done
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() {
	local desc=$1 why
	shift
	if why=$("$@" 2>&1); then pass "$desc"; else fail "$desc" "$why"; fi
}
has_line() {
	grep -qxF -- "$2" "$1" || { echo "no line '$2' in:"; head -n 40 "$1"; return 1; }
}
has_re() {
	grep -qE -- "$2" "$1" || { echo "no line matching /$2/ in:"; head -n 40 "$1"; return 1; }
}
is() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }

make_q() { make -s -C "$ROOT" --no-print-directory "$@"; }

# ---- make install ------------------------------------------------------------

P=$WORK/prefix
check "make install PREFIX=: exit 0" make_q install PREFIX="$P"
check "installed: the program" test -x "$P/bin/sockspec"
check "installed: the man page" test -f "$P/share/man/man1/sockspec.1"
check "installed: the cases and their reference" test -f "$P/share/sockspec/cases/README.md"
check "installed: the fixture data the cases name" test -f "$P/share/sockspec/fixtures/hosts-sockspec"
check "installed: every case file" \
	is "$(cd "$ROOT/cases" && find . -name '*.case' | sort | tr '\n' ' ')" \
	   "$(cd "$P/share/sockspec/cases" && find . -name '*.case' | sort | tr '\n' ' ')"

(cd "$ROOT" && ./sockspec --list cases/) >"$WORK/tree.list" 2>&1
(cd / && "$P/bin/sockspec" --list) >"$WORK/installed.list" 2>"$WORK/installed.err"
rc=$?
check "installed program --list, run from /: exit 0" is "$rc" 0
check "... lists the cases of share/sockspec/cases, the same as the tree's" \
	diff "$WORK/tree.list" "$WORK/installed.list"
check "... and at least one case" test -s "$WORK/installed.list"
# a case that reads ../../fixtures/hosts-sockspec from its installed place
if [ "$(id -u)" = 0 ] || unshare -Urn true 2>/dev/null; then
	(cd / && "$P/bin/sockspec" -j 2 -f 'af_unspec/resolver.*') >"$WORK/resolver.ktap" 2>&1
	rc=$?
	check "installed program runs a case naming fixture data: exit 0" is "$rc" 0
	check "... and the case passed" has_re "$WORK/resolver.ktap" '^[0-9]+ passed, 0 failed'
else
	skip "installed program runs a case naming fixture data" "no namespaces for cases here"
	skip "... and the case passed" "no namespaces for cases here"
fi

# the man page: renders cleanly, and documents what --help lists
man_txt=$WORK/man.txt
if command -v man >/dev/null 2>&1; then
	MANWIDTH=100 man --warnings -l "$P/share/man/man1/sockspec.1" >"$man_txt" 2>"$WORK/man.err"
	check "man page: renders" test -s "$man_txt"
	check "man page: no roff warnings" eval '[ ! -s "$WORK/man.err" ] || { cat "$WORK/man.err"; false; }'
	missing=''
	for o in $("$P/bin/sockspec" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		grep -qF -- "$o" "$man_txt" || missing+=" $o"
	done
	for o in coverage diff availability matrix lint; do
		grep -qE "^ +$o " "$man_txt" || missing+=" (subcommand $o)"
	done
	for o in "EXIT STATUS" "FILES" "SUBCOMMANDS"; do
		grep -qx "$o" "$man_txt" || missing+=" (section $o)"
	done
	check "man page: every option of --help, every subcommand, exit status, files" \
		is "${missing:-none}" none
else
	for t in renders "no roff warnings" "documents --help"; do
		skip "man page: $t" "man is not installed"
	done
fi

check "make uninstall: exit 0" make_q uninstall PREFIX="$P"
check "make uninstall: nothing left" \
	eval '[ -z "$(find "$P" -type f)" ] || find "$P" -type f'

# ---- make kselftest-install + the kernel's run_kselftest.sh -------------------

if tools=$("$ROOT/scripts/kernel-tools" 2>"$WORK/tools.err"); then
	KS=$WORK/kselftest
	mkdir -p "$KS"
	# what the kernel's `make install` of its selftests puts at the top
	cp "$tools/tools/testing/selftests/run_kselftest.sh" "$KS/" &&
		cp -R "$tools/tools/testing/selftests/kselftest" "$KS/"
	check "make kselftest-install INSTALL_PATH=: exit 0" make_q kselftest-install INSTALL_PATH="$KS"
	check "kselftest: the program in its collection" test -x "$KS/sockspec/sockspec"
	check "kselftest: its cases" test -f "$KS/sockspec/cases/README.md"
	check "kselftest: the entry script beside it" test -x "$KS/sockspec/run_sockspec.sh"
	check "kselftest: the list entry" has_line "$KS/kselftest-list.txt" "sockspec:run_sockspec.sh"
	make_q kselftest-install INSTALL_PATH="$KS" >/dev/null 2>&1
	check "kselftest: installing twice lists it once" \
		is "$(grep -c '^sockspec:' "$KS/kselftest-list.txt")" 1
	check "kselftest: settings with a timeout" has_re "$KS/sockspec/settings" '^timeout=[0-9]+$'
	check "kselftest: a config fragment of CONFIG_ lines" \
		eval '! grep -vE "^CONFIG_[A-Z0-9_]+=(y|m|[0-9]+)$" "$KS/sockspec/config"'
	check "kselftest: the fragment has the namespaces every case runs in" \
		has_line "$KS/sockspec/config" "CONFIG_NET_NS=y"
	check "kselftest: run_kselftest.sh lists the collection" \
		eval '"$KS/run_kselftest.sh" -l | grep -qx "sockspec:run_sockspec.sh"'

	if [ "$(id -u)" = 0 ] || unshare -Urn true 2>/dev/null; then
		# through a pipe: runner.sh reopens /dev/stdout for appending, which
		# on a file opened with > writes over its own earlier lines
		KSELFTEST_RUN_SOCKSPEC_SH_ARGS="-j 2 -f af_unix/abstract.* -f af_alg/address.*" \
			"$KS/run_kselftest.sh" -c sockspec 2>&1 | cat >"$WORK/ksft.tap"
		rc=${PIPESTATUS[0]}
		check "run_kselftest.sh -c sockspec: exit 0" is "$rc" 0
		check "... the test passes in kselftest's TAP" \
			has_line "$WORK/ksft.tap" "ok 1 selftests: sockspec: run_sockspec.sh"
		check "... with sockspec's flat TAP inside, prefixed" has_line "$WORK/ksft.tap" "# TAP version 13"
		# NIPA's nested-result rules (ci/nipa-parse) find every case, by its id
		(cd "$KS/sockspec" && ./sockspec --list -f 'af_unix/abstract.*' -f 'af_alg/address.*') |
			sed 's/[^0-9A-Za-z]\{1,\}/-/g; s/^-//; s/-$//' | sort >"$WORK/nipa.want"
		"$ROOT/ci/nipa-parse" "$WORK/ksft.tap" >"$WORK/nipa.out"
		sed -n 's/^[a-z]* //p' "$WORK/nipa.out" | grep -v '^[0-9]*$' | sort >"$WORK/nipa.got"
		check "... NIPA's parsing finds every case ($(wc -l <"$WORK/nipa.want"))" \
			eval '[ -s "$WORK/nipa.want" ] && diff "$WORK/nipa.want" "$WORK/nipa.got"'
		check "... and reads a skip as a skip" \
			eval 'grep -q "^skip af-alg-address-" "$WORK/nipa.out" || ! grep -q "^ok .*af_alg.*# SKIP" "$WORK/ksft.tap"'
		check "... and the totals line as no result" eval '! grep -q "Totals" "$WORK/nipa.out"'
		# ... which the nested KTAP (no --flat) would not give it: the reason for the entry script
		(cd "$KS/sockspec" && ./sockspec -j 2 -f 'af_unix/abstract.*') 2>/dev/null | sed 's/^/# /' \
			>"$WORK/nested.tap"
		check "... while nested KTAP gives NIPA no case at all" \
			has_line <("$ROOT/ci/nipa-parse" "$WORK/nested.tap") "total 0"
		kunit=$tools/tools/testing/kunit/kunit.py
		if command -v python3 >/dev/null 2>&1; then
			python3 "$kunit" parse "$WORK/ksft.tap" >"$WORK/kunit1.out" 2>&1
			rc=$?
			check "kunit.py parse of run_kselftest.sh's output: exit 0" \
				eval '[ "$rc" = 0 ] || { cat "$WORK/kunit1.out"; false; }'
			check "... no parse error" eval '! grep -E "\[(ERROR|CRASHED)\]" "$WORK/kunit1.out"'
			check "... one test, passed" has_re "$WORK/kunit1.out" 'Ran 1 tests?: passed: 1'

			# sockspec's own KTAP, nested subtests and skips included
			(cd "$KS/sockspec" && ./sockspec -j 2 -f 'af_unix/*' -f 'af_inet/bind.*') \
				>"$WORK/own.ktap" 2>/dev/null
			want=$(sed -n 's/^\([0-9]*\) passed, 0 failed.*/\1/p' "$WORK/own.ktap")
			python3 "$kunit" parse "$WORK/own.ktap" >"$WORK/kunit2.out" 2>&1
			rc=$?
			check "kunit.py parse of sockspec's KTAP: exit 0" \
				eval '[ "$rc" = 0 ] || { tail -n 20 "$WORK/kunit2.out"; false; }'
			check "... no parse error" eval '! grep -E "\[(ERROR|CRASHED)\]" "$WORK/kunit2.out"'
			check "... every case counted as passed ($want)" \
				has_re "$WORK/kunit2.out" "Ran $want tests: passed: $want\$"
		else
			for t in "exit 0" "no parse error" "one test" "own exit 0" "own no parse error" "own count"; do
				skip "kunit.py parse: $t" "python3 is not installed"
			done
		fi
		check "prove reads sockspec's KTAP as TAP" \
			prove --exec cat "$WORK/own.ktap"
	else
		skip "run_kselftest.sh" "no namespaces for cases here"
	fi
else
	why=$(cat "$WORK/tools.err")
	skip "kselftest collection with the kernel's run_kselftest.sh and kunit.py" "${why:-no kernel tools}"
fi

# ---- provenance: the version from git describe, else the VERSION file ----
pv=$WORK/provenance
mkdir -p "$pv/scripts"
cp "$ROOT/scripts/gen-commit" "$pv/scripts/"
echo 9.8.7 >"$pv/VERSION"
"$pv/scripts/gen-commit" "$pv/a.h"
check "gen-commit outside git: the VERSION file's number, commit unknown" \
	eval 'grep -qx "#define SOCKSPEC_VERSION \"9.8.7\"" "$pv/a.h" && grep -qx "#define SOCKSPEC_COMMIT \"unknown\"" "$pv/a.h"'
if command -v git >/dev/null 2>&1; then
	g() { git -C "$pv" -c user.name=t -c user.email=t@example.invalid "$@" >/dev/null 2>&1; }
	g init -q && g add -A && g commit -qm one
	"$pv/scripts/gen-commit" "$pv/b.h"
	check "gen-commit in git without a release tag: still VERSION, and the hash" \
		eval 'grep -qx "#define SOCKSPEC_VERSION \"9.8.7\"" "$pv/b.h" && grep -qE "SOCKSPEC_COMMIT \"[0-9a-f]{12}\"" "$pv/b.h"'
	g tag v1.2.3
	"$pv/scripts/gen-commit" "$pv/c.h"
	check "gen-commit at tag v1.2.3: version 1.2.3" grep -qx '#define SOCKSPEC_VERSION "1.2.3"' "$pv/c.h"
	echo x >"$pv/more" && g add more && g commit -qm two
	"$pv/scripts/gen-commit" "$pv/d.h"
	check "gen-commit a commit past it: 1.2.3-1-gHASH" grep -qE '#define SOCKSPEC_VERSION "1\.2\.3-1-g[0-9a-f]{12}"' "$pv/d.h"
	echo y >>"$pv/more"
	"$pv/scripts/gen-commit" "$pv/e.h"
	check "gen-commit with local changes: -dirty on both" \
		eval 'grep -qE "VERSION \"1\.2\.3-1-g[0-9a-f]{12}-dirty\"" "$pv/e.h" && grep -qE "COMMIT \"[0-9a-f]{12}-dirty\"" "$pv/e.h"'
fi

echo "1..$n"
