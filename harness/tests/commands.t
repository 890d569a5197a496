#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# commands.t: end-to-end tests of `sockspec coverage`, `sockspec diff` and
# --junit, in TAP for prove(1):
#
#     SOCKSPEC=build/sockspec-asan prove -v harness/tests/commands.t
#
# SOCKSPEC is the runner under test (default ./sockspec); SOCKSPEC_DOC is
# socket.rst (default ../shared/socket.rst next to the repository): the
# tests that need it skip when it is missing.  The diff and JUnit tests run
# small case files written here, once as an "old" and once as a "new"
# version with the same case ids, so the two results records differ in
# known ways: a pass that fails, a fail that passes, a pass that times out,
# an xfail that passes, skips that run and runs that skip, a new case, a
# removed case, and a file that stops parsing.  Every run of the runner is
# also checked for sanitizer reports on stderr.

set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOCKSPEC=${SOCKSPEC:-./sockspec}
case $SOCKSPEC in
/*) ;;
*) SOCKSPEC=$PWD/$SOCKSPEC ;;
esac
DOC=${SOCKSPEC_DOC:-$ROOT/../shared/socket.rst}
case $DOC in
/*) ;;
*) DOC=$PWD/$DOC ;;
esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sockspec-commands.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

if [ ! -x "$SOCKSPEC" ]; then
	echo "Bail out! no runner at $SOCKSPEC (make sockspec, or set SOCKSPEC)"
	exit 1
fi

# ---- TAP ------------------------------------------------------------------

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
# check DESC COMMAND...: ok when COMMAND succeeds; its output is the diagnostic
check() {
	local desc=$1 why
	shift
	if why=$("$@" 2>&1); then pass "$desc"; else fail "$desc" "$why"; fi
}

# ---- running ----------------------------------------------------------------

runs=0
# sx [ -C DIR ] ARG...: run $SOCKSPEC; sets $rc, $out, $err (files).  Each
# run is checked for sanitizer reports at once.
sx() {
	local dir=$WORK
	if [ "$1" = -C ]; then
		dir=$2
		shift 2
	fi
	runs=$((runs + 1))
	out=$WORK/out.$runs
	err=$WORK/err.$runs
	(cd "$dir" && "$SOCKSPEC" "$@") >"$out" 2>"$err"
	rc=$?
	if grep -qE 'Sanitizer|runtime error:' "$err"; then
		fail "no sanitizer report from: sockspec $*" "$(head -n 30 "$err")"
	fi
}

# has_line FILE TEXT: FILE has a line that is exactly TEXT
has_line() {
	grep -qxF -- "$2" "$1" || { echo "no line '$2' in:"; head -n 60 "$1"; return 1; }
}
# has_re FILE REGEX: a line of FILE matches the extended REGEX
has_re() {
	grep -qE -- "$2" "$1" || { echo "no line matching /$2/ in:"; head -n 60 "$1"; return 1; }
}
is() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }
empty() { [ ! -s "$1" ] || { echo "not empty:"; head -n 20 "$1"; return 1; }; }

# jget FILE PATH: a value of a JSON file by dotted path (arrays by index),
# as Perl prints it; "(invalid)" when FILE is not JSON
cat >"$WORK/jget.pl" <<'PERL'
use strict;
use warnings;
use JSON::PP;
my ($file, $path) = @ARGV;
open(my $fh, '<:raw', $file) or do { print "(no file)\n"; exit 1 };
local $/;
my $j = eval { JSON::PP->new->utf8->decode(<$fh>) };
if (!defined $j) { print "(invalid)\n"; exit 1 }
my $v = $j;
for my $k (split /\./, $path // '') {
	if (ref $v eq 'HASH' && exists $v->{$k}) { $v = $v->{$k} }
	elsif (ref $v eq 'ARRAY' && $k =~ /^\d+$/) { $v = $v->[$k] }
	else { print "(missing)\n"; exit 0 }
}
if (!defined $v) { print "null\n" }
elsif (JSON::PP::is_bool($v)) { print $v ? "true\n" : "false\n" }
elsif (ref $v) { print JSON::PP->new->canonical->encode($v), "\n" }
else { print "$v\n" }
PERL
jget() { perl "$WORK/jget.pl" "$@"; }

# target FILE NAME FIELD: FIELD of the coverage JSON target called NAME
cat >"$WORK/target.pl" <<'PERL'
use strict;
use warnings;
use JSON::PP;
my ($file, $name, $field) = @ARGV;
open(my $fh, '<:raw', $file) or exit 1;
local $/;
my $j = JSON::PP->new->utf8->decode(<$fh>);
for my $t (@{ $j->{targets} }) {
	next unless $t->{name} eq $name;
	my $v = $t->{$field};
	$v = scalar @$v if ref $v eq 'ARRAY';
	print !defined $v ? "null\n" : JSON::PP::is_bool($v) ? ($v ? "true\n" : "false\n") : "$v\n";
	exit 0;
}
print "(no target)\n";
PERL
target() { perl "$WORK/target.pl" "$@"; }

# ---- XML well-formedness ----------------------------------------------------

# A minimal well-formedness check for when neither xmllint nor XML::Parser
# is installed: UTF-8, no character XML 1.0 forbids, balanced tags, quoted
# attributes, no raw '<' or stray '&' in text.
cat >"$WORK/xmlcheck.pl" <<'PERL'
use strict;
use warnings;
use Encode qw(decode FB_CROAK);
local $/;
my $raw = <STDIN>;
my $s = eval { decode('UTF-8', $raw, FB_CROAK) };
die "not UTF-8\n" unless defined $s;
die "a character XML 1.0 forbids\n" if $s =~ /[^\x09\x0a\x0d\x20-\x{d7ff}\x{e000}-\x{fffd}\x{10000}-\x{10ffff}]/;
$s =~ s/^<\?xml[^>]*\?>\s*// or die "no XML declaration\n";
my @stack;
my $name = qr/[A-Za-z_][\w.-]*/;
my $ref = qr/&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
while (length $s) {
	if ($s =~ s/^<\/($name)\s*>//) {
		my $open = pop @stack;
		die "</$1> closes <" . ($open // 'nothing') . ">\n" unless defined $open && $open eq $1;
	} elsif ($s =~ s/^<($name)((?:\s+$name\s*=\s*"(?:[^"<&]|$ref)*")*)\s*(\/?)>//) {
		push @stack, $1 unless $3;
	} elsif ($s =~ s/^(?:[^<&]|$ref)+//) {
		die "text outside the root element\n" unless @stack || $& =~ /^\s*$/;
	} else {
		die "not well-formed near: " . substr($s, 0, 60) . "\n";
	}
}
die "unclosed <$stack[-1]>\n" if @stack;
PERL

# xml_ok FILE: FILE is well-formed XML, by the best checker installed
xml_ok() {
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$1" 2>&1
	elif perl -MXML::Parser -e 1 2>/dev/null; then
		perl -MXML::Parser -e 'XML::Parser->new->parsefile($ARGV[0])' "$1" 2>&1
	else
		perl "$WORK/xmlcheck.pl" <"$1" 2>&1
	fi
}

# ---- coverage: a small document with known answers ----------------------------

mkdir -p "$WORK/cov/demo"
cat >"$WORK/cov/mini.rst" <<'RST'
.. module:: socket

.. data:: AF_UNIX
          AF_INET

   Families.

.. data:: AF_HYPERV

   .. availability:: Windows.

.. function:: socketpair()

   .. availability:: Unix, not WASI.

.. _mini-example:

Example
-------

Text.

Other section
-------------
RST
cat >"$WORK/cov/demo/a.case" <<'CASE'
family AF_UNIX

case pair
  doc  socket.socketpair
  what a pair
  socketpair(AF_UNIX, SOCK_STREAM, 0, [a, b]) = 0

case via-section
  doc  example
  what cites the section of the label
  socketpair(AF_UNIX, SOCK_DGRAM, 0, [a, b]) = 0

case other
  doc  other-section
  what cites a section without a label
  socketpair(AF_UNIX, SOCK_DGRAM, 0, [a, b]) = 0
CASE

sx -C "$WORK/cov" coverage --doc mini.rst demo
check "coverage: exit 0" is "$rc" 0
check "coverage: nothing on stderr" empty "$err"
check "coverage: the percentage over objects and labels on Linux" \
	has_line "$out" "Covered: 2 of 4 documented objects and labels that apply to Linux (50.0%)"
check "coverage: a covered row, with its case" \
	has_re "$out" '^socket\.socketpair +function +12 +1$'
check "coverage: the citing case under its row" has_line "$out" "    demo/a.pair"
check "coverage: a section after a label counts for the label" \
	has_re "$out" '^mini-example +label +16 +1$'
check "coverage: uncovered listed" has_line "$out" "  socket.AF_UNIX (data, line 3)"
check "coverage: the Windows-only object is not counted" \
	has_line "$out" "  socket.AF_HYPERV: Windows."
check "coverage: a cited section outside the count is still shown" \
	has_line "$out" "  other-section (section, line 23): 1 case"

sx -C "$WORK/cov" coverage --doc mini.rst --json cov.json demo
check "coverage --json FILE: exit 0, and the table still printed" \
	has_re "$out" '^Covered: 2 of 4'
check "coverage --json: covered/applicable/percent" \
	is "$(jget "$WORK/cov/cov.json" covered) $(jget "$WORK/cov/cov.json" applicable) $(jget "$WORK/cov/cov.json" percent)" "2 4 50"
check "coverage --json: the uncovered" \
	is "$(jget "$WORK/cov/cov.json" uncovered)" '["socket.AF_UNIX","socket.AF_INET"]'
check "coverage --json: a non-Linux target is marked" \
	is "$(target "$WORK/cov/cov.json" socket.AF_HYPERV linux)/$(target "$WORK/cov/cov.json" socket.AF_HYPERV counted)" "false/false"
check "coverage --json: the section is the label's alias" \
	is "$(target "$WORK/cov/cov.json" example alias_of)" "mini-example"

sx -C "$WORK/cov" coverage --doc mini.rst --markdown demo
check "coverage --markdown: heading and percentage" \
	has_line "$out" "**50.0%**: 2 of 4 documented objects and labels of mini.rst that apply to Linux are cited by at least one of 3 cases (1 files)."
check "coverage --markdown: a table row, Markdown-escaped" \
	has_line "$out" "| socket.AF\\_UNIX | data | 3 | 0 |  |"
check "coverage --markdown: the uncovered list" has_line "$out" "### Uncovered (2)"

printf 'family AF_UNIX\n\ncase x\n  doc  socket.nope\n  what y\n  socket(AF_UNIX, SOCK_STREAM, 0)\n' \
	>"$WORK/cov/demo/b.case"
sx -C "$WORK/cov" coverage --doc mini.rst demo
check "coverage: a target not in the document is exit 2" is "$rc" 2
check "coverage: ... reported at file:line:col" \
	has_line "$err" "demo/b.case:4:8: error: 'socket.nope' is not a target in mini.rst"
check "coverage: ... and no report" empty "$out"
rm "$WORK/cov/demo/b.case"

sx -C "$WORK/cov" coverage demo
check "coverage without --doc: exit 2" is "$rc" 2
sx -C "$WORK/cov" coverage --doc nowhere.rst demo
check "coverage: an unreadable document is exit 2" is "$rc" 2
check "coverage: ... saying so" has_line "$err" "sockspec coverage: --doc nowhere.rst: No such file or directory"
sx -C "$WORK/cov" coverage --doc mini.rst nowhere
check "coverage: a missing case path is exit 2" is "$rc" 2
sx -C "$WORK/cov" coverage --doc mini.rst --frobnicate
check "coverage: an unknown option is exit 2" is "$rc" 2
sx coverage --help
check "coverage --help: exit 0 and usage" has_re "$out" '^usage: sockspec coverage --doc FILE'

# ---- coverage of socket.rst by the project's cases ----------------------------

if [ -r "$DOC" ]; then
	sx -C "$ROOT" coverage --doc "$DOC" --json "$WORK/full.json"
	check "coverage of socket.rst by cases/: exit 0, stderr empty" \
		eval '[ "$rc" = 0 ] && empty "$err"'
	covline=$(grep -E '^Covered: [0-9]+ of [0-9]+ ' "$out")
	check "coverage of socket.rst: a percentage line" is "${covline:+yes}" yes
	echo "# $covline"
	check "coverage of socket.rst: the JSON agrees with the table" \
		is "$covline" "Covered: $(jget "$WORK/full.json" covered) of $(jget "$WORK/full.json" applicable) documented objects and labels that apply to Linux ($(printf '%.1f' "$(jget "$WORK/full.json" percent)")%)"
	# every listed case is cited exactly once across the targets
	"$SOCKSPEC" -l "$ROOT/cases" 2>/dev/null | sort >"$WORK/listed"
	perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>);
		print "$_->{id}\n" for map { @{ $_->{cases} } } @{ $j->{targets} }' \
		<"$WORK/full.json" | sort >"$WORK/cited"
	check "coverage of socket.rst: each of the $(wc -l <"$WORK/listed") cases counted once" \
		diff "$WORK/listed" "$WORK/cited"
	check "coverage of socket.rst: 'Windows.' objects are excluded" \
		is "$(target "$WORK/full.json" socket.AF_HYPERV counted)" false
	check "coverage of socket.rst: 'BSD, macOS.' objects are excluded" \
		is "$(target "$WORK/full.json" socket.AF_LINK counted)" false
	check "coverage of socket.rst: 'not WASI.' objects are counted" \
		is "$(target "$WORK/full.json" socket.socket.bind counted)" true
	check "coverage of socket.rst: 'Linux >= 2.6.27.' objects are counted" \
		is "$(target "$WORK/full.json" socket.SOCK_CLOEXEC counted)" true
else
	for t in "exit 0" "percentage line" "JSON agrees" "cases counted once" "Windows excluded" \
		 "BSD excluded" "not WASI counted" "Linux >= counted"; do
		skip "coverage of socket.rst: $t" "no $DOC (set SOCKSPEC_DOC)"
	done
fi

# ---- two runs to compare --------------------------------------------------------

mkdir -p "$WORK/old/demo" "$WORK/new/demo" "$WORK/broken/demo"
cat >"$WORK/old/demo/a.case" <<'CASE'
family AF_UNIX

case stays
  doc  socket.socketpair
  what passes in both runs
  socketpair(AF_UNIX, SOCK_STREAM, 0, [a, b]) = 0

case flips
  doc  socket.socket.listen
  what passes in the old run only
  listen(999, 1) = -1 EBADF

case mends
  doc  socket.socket.listen
  what fails in the old run only
  listen(999, 1) = -1 ENOTSOCK

case goes
  doc  socket.socketpair
  what only in the old run
  socketpair(AF_UNIX, SOCK_DGRAM, 0, [a, b]) = 0

case known
  doc  socket.socket.listen
  what an expected failure in the old run
  xfail Linux refuses listen() on an unbound AF_UNIX socket
  s = socket(AF_UNIX, SOCK_STREAM, 0)
  listen(s, 1) = 0

case hangs
  doc  socket.socket.accept
  what passes in the old run, times out in the new
  timeout 0.5
  s = socket(AF_UNIX, SOCK_STREAM, 0)
  listen(s, 1) = -1 EINVAL
CASE
cat >"$WORK/old/demo/b.case" <<'CASE'
family AF_UNIX

case appears
  doc  socket-families
  what skipped in the old run
  requires kernel >= 99.0
  s = socket(AF_UNIX, SOCK_STREAM, 0)

case vanishes
  doc  socket-families
  what runs in the old run
  s = socket(AF_UNIX, SOCK_STREAM, 0)
CASE
cat >"$WORK/new/demo/a.case" <<'CASE'
family AF_UNIX

case stays
  doc  socket.socketpair
  what passes in both runs
  socketpair(AF_UNIX, SOCK_STREAM, 0, [a, b]) = 0

case flips
  doc  socket.socket.listen
  what the new run's expectation stands for a kernel that changed
  listen(999, 1) = -1 ENOTSOCK

case mends
  doc  socket.socket.listen
  what passes in the new run
  listen(999, 1) = -1 EBADF

case known
  doc  socket.socket.listen
  what the expected failure does not happen in the new run
  xfail Linux refuses listen() on an unbound AF_UNIX socket
  s = socket(AF_UNIX, SOCK_STREAM, 0)
  listen(s, 1) = -1 EINVAL

case hangs
  doc  socket.socket.accept
  what blocks in the new run
  timeout 0.5
  s = socket(AF_UNIX, SOCK_STREAM, 0)
  bind(s, {sa_family=AF_UNIX, sun_path=@"sockspec-commands-hang"}) = 0
  listen(s, 1) = 0
  a = accept(s, NULL)

case arrives
  doc  socket.socketpair
  what only in the new run
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, [a, b]) = 0
CASE
cat >"$WORK/new/demo/b.case" <<'CASE'
family AF_UNIX

case appears
  doc  socket-families
  what runs in the new run
  s = socket(AF_UNIX, SOCK_STREAM, 0)

case vanishes
  doc  socket-families
  what skipped in the new run
  requires kernel >= 99.0
  s = socket(AF_UNIX, SOCK_STREAM, 0)
CASE
cp "$WORK/new/demo/a.case" "$WORK/broken/demo/a.case"
# b.case no longer parses; its error line carries a control character and
# a byte that is not UTF-8, which the JUnit report must not pass through
printf 'family AF_UNIX\n\ncase appears\n  doc  socket-families\n  what x\n  bogus(\001"\377")\n' \
	>"$WORK/broken/demo/b.case"

sx -C "$WORK/old" -j 2 --json "$WORK/old.json" demo
check "old run: exit 1 (one case fails), stderr empty" eval '[ "$rc" = 1 ] && empty "$err"'
sx -C "$WORK/new" -j 2 --json "$WORK/new.json" --junit "$WORK/new.xml" demo
check "new run with --junit: exit 1, stderr empty" eval '[ "$rc" = 1 ] && empty "$err"'
sx -C "$WORK/broken" -j 2 --json "$WORK/broken.json" --junit "$WORK/broken.xml" \
	--kcidb "$WORK/broken.kcidb" --kcidb-origin sockspec_test demo
check "run with a file that does not parse: exit 2" is "$rc" 2
# one set of counts: this run has a timeout (demo/a.hangs) and an error (b.case)
check "counts: KTAP puts the timeout and the error in error:" has_re "$out" \
	'^# Totals: pass:3 fail:1 xfail:0 xpass:1 skip:0 error:2$'
check "counts: JUnit gives the same failures and errors" has_re "$WORK/broken.xml" \
	'^<testsuites name="sockspec" tests="7" failures="2" errors="2" time="[0-9.]+">$'
check "counts: JSON gives the timeout and the error apart, the same sums" has_re "$WORK/broken.json" \
	'"totals": \{"pass": 3, "fail": 1, "skip": 0, "xfail": 0, "xpass": 1, "timeout": 1, "error": 1\}'

# ---- diff -----------------------------------------------------------------------

release=$(uname -r)
sx diff old.json new.json
check "diff: a regression is exit 1" is "$rc" 1
check "diff: stderr empty" empty "$err"
check "diff: the old kernel" has_re "$out" "^old: old\\.json: Linux $release \\("
check "diff: the new kernel" has_re "$out" "^new: new\\.json: Linux $release \\("
check "diff: the old totals" \
	has_line "$out" "     pass 5, fail 1, xfail 1, xpass 0, skip 1, timeout 0, error 0"
check "diff: the new totals" \
	has_line "$out" "     pass 4, fail 1, xfail 0, xpass 1, skip 1, timeout 1, error 0"
check "diff: the summary" has_line "$out" \
	"7 cases in both runs, 1 unchanged; 2 regressions, 1 fixed, 2 availability changes, 1 other change; 1 new, 1 removed"
check "diff: pass -> fail is a regression" has_line "$out" "  demo/a.flips: pass -> fail"
check "diff: ... with the new run's failing step" \
	has_line "$out" "    demo/a.case:11: listen(999, 1) = -1 ENOTSOCK (Socket operation on non-socket)"
check "diff: ... expected" \
	has_line "$out" "    expected: listen(999, 1) = -1 ENOTSOCK (Socket operation on non-socket)"
check "diff: ... and actual" has_line "$out" "    actual:   listen(999, 1) = -1 EBADF (Bad file descriptor)"
check "diff: pass -> timeout is a regression" has_line "$out" "  demo/a.hangs: pass -> timeout"
check "diff: ... with the step it hung in" has_line "$out" "    demo/a.case:32: a = accept(s, NULL)"
check "diff: fail -> pass is fixed" has_line "$out" "  demo/a.mends: fail -> pass"
check "diff: skip -> run is an availability change" has_line "$out" "  demo/b.appears: skip -> pass"
check "diff: ... with the old skip reason" \
	has_line "$out" "    was skipped: requires kernel >= 99.0: this kernel is older"
check "diff: run -> skip is an availability change" has_line "$out" "  demo/b.vanishes: pass -> skip"
check "diff: ... with the new skip reason" has_line "$out" "    skip: requires kernel >= 99.0: this kernel is older"
check "diff: xfail -> xpass is noteworthy" has_line "$out" "  demo/a.known: xfail -> xpass"
check "diff: a new case" has_line "$out" "  demo/a.arrives: pass"
check "diff: a removed case" has_line "$out" "  demo/a.goes: was pass"
check "diff: the sections in order" eval "[ \"\$(grep -E '^[A-Z][a-z ]+ \\([0-9]+\\):\$' '$out' | tr '\\n' ' ')\" = \
'Regressions (2): Fixed (1): Availability changed (2): Other changes (1): New cases (1): Removed cases (1): ' ]"

sx diff --markdown old.json new.json
check "diff --markdown: exit 1" is "$rc" 1
check "diff --markdown: both kernels" has_line "$out" "| kernel | $release | $release |"
check "diff --markdown: the regression row" has_re "$out" \
	'^\| regression \| demo/a\.flips \| pass \| fail \| demo/a\.case:11: listen\(999, 1\) = -1 ENOTSOCK \(Socket operation on non-socket\)<br>expected: .*<br>actual: '
check "diff --markdown: the availability row, escaped" has_line "$out" \
	"| availability | demo/b.vanishes | pass | skip | skip: requires kernel &gt;= 99.0: this kernel is older |"

sx diff old.json old.json
check "diff of a record with itself: exit 0, nothing changed" eval '[ "$rc" = 0 ] && has_line "$out" "8 cases in both runs, 8 unchanged; 0 regressions, 0 fixed, 0 availability changes, 0 other changes; 0 new, 0 removed"'

# a copy edited by hand: the passing case now errors, with no step
sed 's/"id": "demo\/a.stays", \(.*\)"status": "pass", "reason": null/"id": "demo\/a.stays", \1"status": "error", "reason": "cannot start the case: EAGAIN"/' \
	"$WORK/old.json" >"$WORK/edited.json"
sx diff old.json edited.json
check "diff of an edited copy: pass -> error is a regression" \
	eval '[ "$rc" = 1 ] && has_line "$out" "  demo/a.stays: pass -> error" && has_line "$out" "    cannot start the case: EAGAIN"'

sx diff new.json broken.json
check "diff: a file that stopped parsing: its cases regress to error" \
	eval '[ "$rc" = 1 ] && has_line "$out" "  demo/b.appears: pass -> error"'
check "diff: ... saying why" has_line "$out" "    its file does not parse any more:"

# ---- diff: bad input ------------------------------------------------------------

sx diff old.json
check "diff with one file: exit 2" is "$rc" 2
sx diff --frobnicate old.json new.json
check "diff with an unknown option: exit 2" is "$rc" 2
sx diff old.json nowhere.json
check "diff of a missing file: exit 2" eval '[ "$rc" = 2 ] && has_line "$err" "sockspec diff: nowhere.json: No such file or directory"'
printf '{"schema": 1, "cases": [\n  {"id": "x", "status": "pass"},\n  {"id": "x" "status": "fail"}\n]}\n' >"$WORK/syntax.json"
sx diff syntax.json new.json
want="syntax.json:3:14: error: expected ',' or '}' after an object member, found '\"'"
check "diff of invalid JSON: exit 2 at line:col" eval '[ "$rc" = 2 ] && has_line "$err" "$want"'
printf '{"schema": 3, "cases": []}' >"$WORK/schema3.json"
sx diff schema3.json new.json
check "diff of another schema: exit 2" eval '[ "$rc" = 2 ] && has_line "$err" "schema3.json:1:12: error: schema 3, but this sockspec reads schemas 1 to 2"'
printf '{"schema": 1, "cases": [{"id": "demo/a.stays", "status": "pass"}]}' >"$WORK/schema1.json"
sx diff schema1.json new.json
check "diff of a schema 1 record with a schema 2 one: read, compared" \
	eval '[ "$rc" = 1 ] && has_line "$out" "  demo/a.stays: pass -> pass" || has_re "$out" "^1 case in both runs"'
check "--json: schema 2, with the kernel's config symbols and the probes" \
	eval '[ "$(jget "$WORK/new.json" schema)" = 2 ] && [ "$(jget "$WORK/new.json" probes.0.result)" != "(missing)" ] &&
	      { [ "$(jget "$WORK/new.json" kernel.config_source)" = null ] ||
		[ "$(jget "$WORK/new.json" kernel.config.CONFIG_INET)" != "(missing)" ]; }'
printf '{"schema": 1, "cases": [{"id": "x", "status": "pass"}, {"id": "x", "status": "fail"}]}' >"$WORK/dup.json"
sx diff new.json dup.json
check "diff: a case id twice is exit 2" eval '[ "$rc" = 2 ] && has_re "$err" "^dup\\.json:1:[0-9]+: error: case \"x\" twice"'
printf '{"schema": 1, "cases": [{"id": "x", "status": "passed"}]}' >"$WORK/status.json"
sx diff new.json status.json
check "diff: an unknown status is exit 2" eval '[ "$rc" = 2 ] && has_line "$err" "status.json:1:47: error: unknown status \"passed\""'

# every proper prefix of a real record is an error, never a crash
size=$(wc -c <"$WORK/new.json")
bad=0
for cut in 0 1 2 7 50 100 200 400 800 1200 1600 2000 $((size / 2)) $((size - 3)) $((size - 2)); do
	[ "$cut" -lt "$((size - 1))" ] || continue
	head -c "$cut" "$WORK/new.json" >"$WORK/cut.json"
	sx diff old.json cut.json
	[ "$rc" = 2 ] && grep -qE '^cut\.json:[0-9]+:[0-9]+: error: ' "$err" || bad=$((bad + 1))
done
check "diff of truncated records: each exit 2 with line:col" is "$bad" 0
head -c 3000 "$SOCKSPEC" >"$WORK/binary.json"
sx diff binary.json new.json
check "diff of a binary file: exit 2" is "$rc" 2

# ---- --junit ----------------------------------------------------------------------

check "--junit: well-formed XML" xml_ok "$WORK/new.xml"
check "--junit with a parse error, control characters and a non-UTF-8 byte: well-formed" \
	xml_ok "$WORK/broken.xml"
XSD=$ROOT/../shared/ext/junit-10.xsd
for x in new broken; do
	if [ -f "$XSD" ] && command -v xmllint >/dev/null 2>&1; then
		check "--junit ($x run): valid against Jenkins xUnit's junit-10.xsd" \
			xmllint --noout --schema "$XSD" "$WORK/$x.xml"
	else
		skip "--junit ($x run): valid against junit-10.xsd" "no $XSD or no xmllint"
	fi
done
check "--junit: no raw control character or invalid byte passed through" \
	eval '! LC_ALL=C grep -q "$(printf "[\\001\\377]")" "$WORK/broken.xml"'
check "--junit: the totals" has_re "$WORK/new.xml" \
	'^<testsuites name="sockspec" tests="8" failures="2" errors="1" time="[0-9.]+">$'
check "--junit: one suite per case file" \
	is "$(grep -c '<testsuite ' "$WORK/new.xml")" 2
check "--junit: each suite names its host, as the Ant JUnit schema requires" \
	is "$(grep -c '<testsuite .* hostname="[^"]\+"' "$WORK/new.xml")" 2
check "--junit: testcase classname = file, name = case id" has_re "$WORK/new.xml" \
	'^    <testcase classname="demo/a" name="demo/a\.stays" time="[0-9.]+"/>$'
check "--junit: a failure with expected and actual" has_line "$WORK/new.xml" \
	'      <failure type="fail" message="expected: listen(999, 1) = -1 ENOTSOCK (Socket operation on non-socket); actual: listen(999, 1) = -1 EBADF (Bad file descriptor)">demo/a.case:11: listen(999, 1) = -1 ENOTSOCK (Socket operation on non-socket)'
check "--junit: a timeout is an error" has_re "$WORK/new.xml" \
	'^      <error type="timeout" message="TIMEOUT after [0-9.]+s: no result after 0.5s">'
check "--junit: an XPASS is a failure" has_re "$WORK/new.xml" '^      <failure type="xpass" message="XPASS: '
check "--junit: a skip with its reason, escaped" has_line "$WORK/new.xml" \
	"      <skipped type=\"skip\" message=\"requires kernel &gt;= 99.0: this kernel is older\"/>"
check "--junit: a file that does not parse is an error" has_line "$WORK/broken.xml" \
	'      <error type="parse" message="the case file does not parse">demo/b.case:6:3: error: unknown call '"'bogus'"' (see cases/README.md for the calls a step can make)'
sx -C "$WORK/new" -j 2 --junit /nonexistent-dir/x.xml demo
check "--junit to an unwritable path: exit 2 before any case ran, saying so" \
	eval '[ "$rc" = 2 ] && [ ! -s "$out" ] && has_line "$err" "sockspec: --junit /nonexistent-dir/x.xml: cannot write in /nonexistent-dir: No such file or directory"'
# ---- --kcidb ----------------------------------------------------------------------

# kcidb_py CODE FILE: run python CODE with d = FILE's JSON (Debian's python3 first:
# its python3-jsonschema is what install-deps provides)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
KCIDB_IO=$ROOT/../shared/ext/kcidb-io
kcidb_py() {
	PYTHONPATH=$KCIDB_IO "$PY" -c "import json, sys
d = json.load(open(sys.argv[1]))
$1" "$2" 2>&1
}
if [ -d "$KCIDB_IO/kcidb_io" ] && PYTHONPATH=$KCIDB_IO "$PY" -c 'import kcidb_io' 2>/dev/null; then
	check "--kcidb: valid against kcidb-io's latest schema (v5.3)" kcidb_py '
import kcidb_io
v = kcidb_io.schema.LATEST
assert (v.major, v.minor) == (5, 3), (v.major, v.minor)
v.validate(d)' "$WORK/broken.kcidb"
else
	skip "--kcidb: valid against kcidb-io's latest schema" "no $KCIDB_IO or no python3-jsonschema"
fi
check "--kcidb: a test for each case and for the file that does not parse" kcidb_py '
cases = json.load(open(sys.argv[1].replace(".kcidb", ".json")))["cases"]
ids = sorted(t["misc"].get("case_id", t["misc"]["file"]) for t in d["tests"])
assert ids == sorted([c["id"] for c in cases] + ["demo/b.case"]), ids
assert len(set(t["id"] for t in d["tests"])) == len(d["tests"]), "ids not unique"' "$WORK/broken.kcidb"
check "--kcidb: paths, statuses, origin and the default build id" kcidb_py '
t = {x["path"]: x for x in d["tests"]}
want = {"sockspec.demo.a.stays": "PASS", "sockspec.demo.a.flips": "FAIL",
	"sockspec.demo.a.known": "FAIL", "sockspec.demo.a.hangs": "ERROR",
	"sockspec.demo.b": "ERROR"}
got = {p: t[p]["status"] for p in want if p in t}
assert got == want, got
assert all(x["origin"] == "sockspec_test" for x in d["tests"])
assert all(x["id"].startswith("sockspec_test:") for x in d["tests"])
assert all(x["build_id"] == "sockspec_test:'"$(uname -r)"'" for x in d["tests"]), d["tests"][0]["build_id"]
f = t["sockspec.demo.a.flips"]
assert "demo/a.case:11: listen(999, 1)" in f["log_excerpt"], f["log_excerpt"]
assert f["misc"]["line"] > 0 and f["misc"]["file"] == "demo/a.case"' "$WORK/broken.kcidb"
sx -C "$WORK/new" -j 2 --kcidb - --kcidb-origin sockspec_test --kcidb-build-id 'sockspec_test:my build' demo
check "--kcidb -: stdout is one KCIDB document, the build id as given" kcidb_py '
assert d["version"] == {"major": 5, "minor": 3}
assert {t["build_id"] for t in d["tests"]} == {"sockspec_test:my build"}' "$out"
sx -C "$WORK/new" --kcidb "$WORK/k.json" demo
check "--kcidb without --kcidb-origin: exit 2, saying so" \
	eval '[ "$rc" = 2 ] && [ ! -s "$out" ] && grep -q "^sockspec: --kcidb needs --kcidb-origin ORIGIN" "$err"'
sx -C "$WORK/new" --kcidb "$WORK/k.json" --kcidb-origin Not-Valid demo
check "--kcidb-origin outside [a-z0-9_]+: exit 2 naming it" \
	eval '[ "$rc" = 2 ] && [ ! -s "$out" ] && grep -q "^sockspec: --kcidb-origin takes a name of .*not '"'Not-Valid'"'" "$err"'
sx -C "$WORK/new" --kcidb "$WORK/k.json" --kcidb-origin ci --kcidb-build-id nocolon demo
check "--kcidb-build-id without ORIGIN: exit 2 naming it" \
	eval '[ "$rc" = 2 ] && [ ! -s "$out" ] && grep -q "^sockspec: --kcidb-build-id takes ORIGIN:ID" "$err"'
sx -C "$WORK/new" --kcidb-origin ci demo
check "--kcidb-origin without --kcidb: exit 2" \
	eval '[ "$rc" = 2 ] && grep -q "^sockspec: --kcidb-origin without --kcidb FILE" "$err"'
sx -C "$WORK/new" -j 2 --kcidb /nonexistent-dir/x.json --kcidb-origin ci demo
check "--kcidb to an unwritable path: exit 2 before any case ran" \
	eval '[ "$rc" = 2 ] && [ ! -s "$out" ] && grep -q "^sockspec: --kcidb /nonexistent-dir/x.json: cannot write" "$err"'

# ---- lint: every error of every file at once, nothing run ----
mkdir -p "$WORK/lint"
printf 'family AF_UNIX\ncase a\n  doc socket.nosuchtarget\n  what x\n  s = socket(AF_UNIX, SOCK_STREAM, 0)\n' >"$WORK/lint/a.case"
printf 'family AF_UNIX\ncase b\n  doc socket.socket\n  what x\n  bogus(1)\n' >"$WORK/lint/b.case"
printf 'family AF_UNIX\ncase c\n  doc socket.socket\n  what x\n  s = socket(AF_UNIX, SOCK_STREAM, 0)\n' >"$WORK/lint/c.case"
sx lint "$WORK/lint"
check "lint: exit 2 on errors" is "$rc" 2
check "lint: an unknown doc target, with file:line:col, against the built-in socket.rst" \
	has_line "$err" "$WORK/lint/a.case:3:7: error: 'socket.nosuchtarget' is not a target in socket.rst (built in)"
check "lint: the other file's error too" has_re "$err" "^$WORK/lint/b.case:5:3: error: unknown call 'bogus'"
check "lint: the summary counts files and errors" \
	has_line "$out" "sockspec lint: 3 files, 1 case, 2 files with errors; doc targets checked against socket.rst (built in)"
sx lint "$ROOT/cases"
check "lint: the project's cases are clean" eval '[ "$rc" = 0 ] && [ ! -s "$err" ]'
sx lint --bogus
check "lint: an unknown option is exit 2" eval '[ "$rc" = 2 ] && has_line "$err" "sockspec lint: unknown option '"'--bogus'"'"'

sx --help
check "--help mentions --junit and the subcommands" \
	eval 'has_re "$out" "--junit FILE" && has_re "$out" "^       sockspec diff "'

# ---- availability ------------------------------------------------------------------

mkdir -p "$WORK/av"
cat >"$WORK/av/notes.rst" <<'RST'
.. module:: socket

Families
--------

- :const:`AF_UNIX` is the local family.

  .. availability:: Linux >= 2.2.

.. data:: AF_UNIX

   .. availability:: Linux >= 3.0.

.. data:: AF_CAN
          PF_CAN

   .. availability:: Linux >= 2.6.25, NetBSD >= 8.

.. data:: CAN_J1939

   .. availability:: Linux >= 99.0.

.. data:: SOCK_CLOEXEC

   .. availability:: Linux >= 2.6.27.

.. data:: AF_HYPERV

   .. availability:: Windows.
RST
can_probe='socket(AF_CAN, SOCK_RAW, CAN_RAW)'
flags_probe='socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0): FD_CLOEXEC, O_NONBLOCK'
# K2: CAN there (config, probe, a passing case), SOCK_CLOEXEC not setting FD_CLOEXEC
cat >"$WORK/av/k61.json" <<JSON
{"schema": 2, "kernel": {"release": "6.1.0-test", "machine": "x86_64", "config_source": "/boot/config-6.1.0-test",
 "config": {"CONFIG_CAN": "m", "CONFIG_CAN_RAW": "m", "CONFIG_CAN_J1939": "m"}},
 "probes": [{"probe": "$can_probe", "result": "ok", "detail": null},
	    {"probe": "$flags_probe", "result": "different", "detail": "FD_CLOEXEC not set"}],
 "cases": [{"id": "af_can/raw.bind", "doc": "socket.AF_CAN", "status": "pass"},
	   {"id": "af_unix/x.y", "doc": "socket.AF_UNIX", "status": "fail", "file": "cases/af_unix/x.case",
	    "step": {"line": 7, "call": "bind(s) = 0", "expected": "bind(s) = 0", "actual": "bind(s) = -1 EPERM"}}]}
JSON
# K3: CAN not configured
cat >"$WORK/av/k612.json" <<JSON
{"schema": 2, "kernel": {"release": "6.12.0-test", "machine": "x86_64", "config_source": "/boot/config-6.12.0-test",
 "config": {"CONFIG_CAN": null, "CONFIG_CAN_RAW": null}},
 "probes": [{"probe": "$can_probe", "result": "absent", "detail": "socket = -1 EAFNOSUPPORT"}],
 "cases": [{"id": "af_can/raw.bind", "doc": "socket.AF_CAN", "status": "skip",
	    "reason": "requires socket(AF_CAN, SOCK_RAW, CAN_RAW): EAFNOSUPPORT"}]}
JSON
# K4: CAN configured, yet socket() refuses it
cat >"$WORK/av/kbad.json" <<JSON
{"schema": 2, "kernel": {"release": "6.13.0-test", "machine": "x86_64", "config_source": "/boot/config-6.13.0-test",
 "config": {"CONFIG_CAN": "y", "CONFIG_CAN_RAW": "y"}},
 "probes": [{"probe": "$can_probe", "result": "absent", "detail": "socket = -1 EAFNOSUPPORT"}],
 "cases": []}
JSON
# K5: a schema 1 record: no config, no probes
printf '{"schema": 1, "kernel": {"release": "5.10.0-old"}, "cases": []}\n' >"$WORK/av/k510.json"

av_row() {	# av_row FILE LINE: the verdict columns of the table row of note LINE
	sed -n "s/^ *$2  [^ ]\\+\\( (+[0-9]*)\\)\\? \\+Linux[^ ]*\\( >= [0-9.]*\\)\\? \\+//p" "$1" | sed 's/ *$//; s/  \+/|/g'
}
sx -C "$WORK/av" availability --doc notes.rst --no-running --results k61.json --results k612.json \
	--results kbad.json --results k510.json
check "availability: exit 0, stderr empty" eval '[ "$rc" = 0 ] && empty "$err"'
check "availability: the notes naming Linux, on four kernels" \
	has_line "$out" "Availability notes naming Linux in notes.rst: 5, checked on 4 kernels"
check "availability: a kernel line says what is known of it" has_line "$out" \
	"  K1  Linux 6.1.0-test (x86_64): k61.json; config /boot/config-6.1.0-test; 2 probes recorded; 2 cases"
check "availability: AF_CAN holds / absent (config) / CONTRADICTED / not tested" \
	is "$(av_row "$out" 17)" "holds|absent (config)|CONTRADICTED|not tested"
check "availability: ... absent names the symbol, a dependency the note does not mention" has_line "$out" \
	"       K2 absent (config): CONFIG_CAN and CONFIG_CAN_RAW are not set in this kernel's config (a dependency the note does not mention)"
check "availability: ... contradicted says what was seen" has_line "$out" \
	"       K3 CONTRADICTED: newer than the note's minimum 2.6.25, CONFIG_CAN=y, CONFIG_CAN_RAW=y, yet the probe finds it missing: socket = -1 EAFNOSUPPORT"
check "availability: ... a record without probes says so" has_re "$out" \
	'^       K4 not tested: no result of the probe in this record'
check "availability: a kernel older than the minimum" \
	is "$(av_row "$out" 21 | cut -d'|' -f1)" "below minimum"
check "availability: a probe finding the flags unset contradicts SOCK_CLOEXEC" \
	is "$(av_row "$out" 25 | cut -d'|' -f1)" "CONTRADICTED"
check "availability: a failing case about a note contradicts it" \
	is "$(av_row "$out" 8 | cut -d'|' -f1)" "CONTRADICTED"
check "availability: ... naming the case" has_re "$out" 'yet cases about it fail: af_unix/x\.y \(fail\)$'
check "availability: the skip reason of a case that did not run" has_re "$out" \
	'^          evidence: config CONFIG_CAN is not set, CONFIG_CAN_RAW is not set; probe socket\(AF_CAN, SOCK_RAW, CAN_RAW\): absent \(socket = -1 EAFNOSUPPORT\); cases 1 skip$'
check "availability: the Windows-only note is not listed" eval '! grep -q AF_HYPERV "$out"'
check "availability: the two minimums of AF_UNIX disagree" has_line "$out" \
	"  socket.AF_UNIX: line 8 (socket.AF_UNIX, list item) says Linux >= 2.2; line 12 (socket.AF_UNIX, object) says Linux >= 3.0: the same feature given two minimum versions"
check "availability: the counts" has_line "$out" \
	"Verdicts: holds 1, absent (config) 1, CONTRADICTED 4, absent (no config) 0, not tested 10, below minimum 4"

sx -C "$WORK/av" availability --doc notes.rst --no-running --results k61.json --results k612.json --json av.json
check "availability --json FILE: exit 0" is "$rc" 0
check "availability --json: the kernels" is "$(jget "$WORK/av/av.json" kernels.1.release)" "6.12.0-test"
check "availability --json: a note's feature and minimum" \
	is "$(jget "$WORK/av/av.json" notes.2.feature)/$(jget "$WORK/av/av.json" notes.2.minimum)" "AF_CAN/2.6.25"
check "availability --json: its verdicts" \
	is "$(jget "$WORK/av/av.json" notes.2.verdicts.0.verdict)/$(jget "$WORK/av/av.json" notes.2.verdicts.1.verdict)" "holds/absent-config"
check "availability --json: the symbols not set" \
	is "$(jget "$WORK/av/av.json" notes.2.verdicts.1.missing)" '["CONFIG_CAN","CONFIG_CAN_RAW"]'
check "availability --json: the disagreement" \
	is "$(jget "$WORK/av/av.json" disagreements.0.lines)" '[8,12]'

sx -C "$WORK/av" availability --doc notes.rst --no-running --results k61.json --markdown
check "availability --markdown: the table, escaped" has_line "$out" \
	"| 17 | socket.AF\\_CAN (+1) | Linux &gt;= 2.6.25 | holds |"
check "availability --markdown: a contradiction in bold" has_re "$out" '^\| 25 \| socket\.SOCK\\_CLOEXEC \| Linux &gt;= 2\.6\.27 \| \*\*CONTRADICTED\*\* \|$'

# the running kernel: probes run now, and a record of its own release gives its cases
sx -C "$WORK/av" availability --doc notes.rst --results "$WORK/new.json"
check "availability on the running kernel: exit 0" eval '[ "$rc" = 0 ] && empty "$err"'
check "availability: the running kernel, with the cases of its own record" has_re "$out" \
	"^  K1  Linux $(uname -r | sed 's/[.+]/\\&/g') \\(.*\\): the running kernel, cases from .*new\\.json; config .*; [0-9]+ probes run now; [0-9]+ cases$"
check "availability: the running kernel gets a verdict for every note" \
	eval '[ "$(grep -cE "^ +[0-9]+  socket\\.[^ ]+.* +(holds|absent \\(config\\)|CONTRADICTED|absent \\(no config\\)|not tested|below minimum) *$" "$out")" = 5 ]'

sx -C "$WORK/av" availability --results k61.json
check "availability without --doc: exit 2" is "$rc" 2
sx -C "$WORK/av" availability --doc notes.rst --no-running
check "availability --no-running without records: exit 2" is "$rc" 2
sx -C "$WORK/av" availability --doc notes.rst --results "$WORK/syntax.json"
check "availability of a file that is not JSON: exit 2 at line:col" \
	eval '[ "$rc" = 2 ] && has_re "$err" "syntax\\.json:3:14: error: "'
sx -C "$WORK/av" availability --doc nowhere.rst
check "availability of a missing document: exit 2" \
	eval '[ "$rc" = 2 ] && has_line "$err" "sockspec availability: --doc nowhere.rst: No such file or directory"'
sx availability --help
check "availability --help" has_re "$out" '^usage: sockspec availability --doc FILE'

if [ -r "$DOC" ]; then
	sx -C "$ROOT" availability --doc "$DOC" --json "$WORK/avfull.json"
	check "availability of socket.rst on this kernel: exit 0, stderr empty" eval '[ "$rc" = 0 ] && empty "$err"'
	check "availability of socket.rst: every Linux note has a feature of the table" \
		eval '! grep -q "not in the feature table" "$out"'
	check "availability of socket.rst: AF_VSOCK's two minimums disagree" \
		has_re "$out" '^  AF_VSOCK: line [0-9]+ \(socket\.AF_VSOCK, list item\) says Linux >= 3\.9; line [0-9]+ \(socket\.AF_VSOCK, object\) says Linux >= 4\.8'
	echo "# $(tail -n 1 "$out")"
else
	for t in "exit 0" "every note has a feature" "AF_VSOCK disagrees"; do
		skip "availability of socket.rst: $t" "no $DOC (set SOCKSPEC_DOC)"
	done
fi

# ---- matrix ----------------------------------------------------------------------------

sx matrix old.json new.json
check "matrix: exit 0, stderr empty" eval '[ "$rc" = 0 ] && empty "$err"'
check "matrix: the count line" has_line "$out" "9 cases on 2 kernels; 8 differ between kernels (marked *)"
check "matrix: an unchanged case, unmarked" has_re "$out" '^  demo/a\.stays +pass +pass *$'
check "matrix: a changed case, marked, with footnotes" has_re "$out" '^\* demo/a\.flips +pass +fail\[[0-9]+\] *$'
check "matrix: a case only in one record" has_re "$out" '^\* demo/a\.goes +pass +- *$'
check "matrix: a footnote gives the failing step" has_re "$out" \
	'^  \[[0-9]+\] demo/a\.case:11: listen\(999, 1\) = -1 ENOTSOCK .*; expected: .*; actual: listen\(999, 1\) = -1 EBADF'
sx matrix --differences old.json new.json
check "matrix --differences: the unchanged case left out" eval '! grep -q "demo/a.stays" "$out"'
sx matrix --markdown old.json new.json
check "matrix --markdown: a marked row" has_re "$out" '^\| ≠ \| \*\*demo/a\.flips\*\* \| \*\*pass\*\* \| \*\*fail\\\[[0-9]+\\\]\*\* \|$'
check "matrix --markdown: the kernels" has_re "$out" "^\\| K2 \\| $(uname -r | sed 's/[.+]/\\&/g; s/_/\\\\\\\\_/g') \\|"
sx matrix --html -o "$WORK/m.html" old.json new.json broken.json
check "matrix --html -o FILE: exit 0, nothing on stdout" eval '[ "$rc" = 0 ] && empty "$out"'
check "matrix --html: well-formed" xml_ok "$WORK/m.html"
check "matrix --html: a highlighted row with a tooltip" has_re "$WORK/m.html" \
	'<tr class="differs"><td class="id">demo/a\.flips</td><td class="pass">pass</td><td class="fail" title="demo/a\.case:11: '
check "matrix --html: a file that stopped parsing shows as error" has_re "$WORK/m.html" \
	'<td class="id">demo/b\.appears</td>.*<td class="error" title="its file does not parse: '
sx matrix
check "matrix without records: exit 2" is "$rc" 2
sx matrix old.json schema3.json
check "matrix of a record of another schema: exit 2" \
	eval '[ "$rc" = 2 ] && has_re "$err" "^schema3\\.json:1:12: error: schema 3"'
sx matrix --help
check "matrix --help" has_re "$out" '^usage: sockspec matrix'

# ---- --config-fragment -----------------------------------------------------------------

sx -C "$WORK/old" --config-fragment demo
check "--config-fragment: exit 0" is "$rc" 0
check "--config-fragment: CONFIG_ lines only" eval '! grep -vE "^CONFIG_[A-Z0-9_]+=(y|m|[0-9]+)$" "$out"'
check "--config-fragment: the namespaces" has_line "$out" "CONFIG_NET_NS=y"
# a case conditioned on the timer frequency skips elsewhere; the fragment does not impose it
sx --config-fragment "$ROOT/cases/af_vsock/options.case"
check "--config-fragment: no Kconfig choice such as CONFIG_HZ_250" eval \
	'[ "$rc" = 0 ] && ! grep -qE "^CONFIG_(HZ|PREEMPT)" "$out" && has_line "$out" "CONFIG_VSOCKETS=y"'

echo "1..$n"
