#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# selftest.t: the runner's own tests, in TAP, for prove(1):
#
#     SOCKSPEC=build/sockspec-asan prove -v harness/tests/selftest.t
#
# SOCKSPEC is the runner under test (default ./sockspec, relative to the
# current directory).  Every run gets a fresh TMPDIR, so the run directory
# the runner creates there can be checked for leftovers.
#
# 1. harness/tests/bad/*.case are deliberately wrong (or deliberately
#    right) cases.  Each is run alone, from harness/tests, as
#
#        $SOCKSPEC -j 1 --timeout 5 --json OUT [ARGS] bad/NAME.case
#
#    and checked against the expectations it carries in comment lines
#    starting with "#@ " (one TAP test per line):
#
#        #@ exit N              the exit status (required in every file)
#        #@ status ok|not ok    the verdict of the first KTAP result line: the
#                               file's first case, or the file itself when it
#                               does not parse
#        #@ output TEXT         a stdout line, leading blanks removed, is TEXT
#        #@ output~ REGEX       a stdout line (blanks removed) matches the Perl
#                               REGEX.  output/output~ lines are found in the
#                               order written: each search starts after the
#                               line the previous one matched
#        #@ stderr TEXT         a stderr line is exactly TEXT (blanks kept, so
#        #@ stderr~ REGEX       a caret line can be checked); in order, too
#        #@ stderr-empty        nothing on stderr
#        #@ stderr-any          stderr is not checked
#        #@ errors N            N lines of stderr contain ": error: "
#        #@ json PATH VALUE     the --json record at PATH is VALUE.  PATH is
#        #@ json~ PATH REGEX    dot-separated keys and array indexes from the
#                               top ("totals.fail", "files.0.errors"), and
#                               "case." stands for "cases.0.".  Strings compare
#                               as they are, null as "null", numbers as Perl
#                               prints them, arrays and objects as canonical
#                               JSON ("[]"); a missing PATH is "(missing)"
#        #@ json-valid          the --json file parses (strict UTF-8 JSON)
#        #@ ktap-valid          stdout is well-formed KTAP (see ktap_check)
#        #@ args ARG...         more arguments, before the file (split on blanks)
#        #@ env NAME=VALUE      more environment for the run
#        #@ todo REASON         the next expectation is TAP "# TODO REASON":
#                               it exposes a known harness bug
#
#    The "#@" lines go at the end of a file, after the case, so that adding
#    one does not move the line numbers the others name.
#
#    Whatever a file does not state itself is checked anyway: stderr empty
#    (unless a stderr/stderr~/stderr-empty/stderr-any/errors line is given),
#    KTAP well-formed, JSON valid, no sanitizer report on stderr, the run
#    directory removed from TMPDIR, and no process of the run left behind.
#
# 2. Then, as separate tests: several bad cases in one run in parallel,
#    leftovers after a timeout and after SIGTERM, command-line errors,
#    --list/--filter, a parse error next to a good file, KTAP well-formedness
#    of a whole run, exit 4 when everything skips, and an unprivileged run.
#
# Known harness bugs are "not ok ... # TODO harness bug: ..." so the suite
# stays green while they are open; prove reports them as "TODO passed" once
# fixed, and the TODO mark should then be removed.

set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOCKSPEC=${SOCKSPEC:-./sockspec}
case $SOCKSPEC in
/*) ;;
*) SOCKSPEC=$PWD/$SOCKSPEC ;;
esac
TESTS=$ROOT/harness/tests

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sockspec-selftest.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

if [ ! -x "$SOCKSPEC" ]; then
	echo "Bail out! no runner at $SOCKSPEC (make sockspec, or set SOCKSPEC)"
	exit 1
fi

# ---- TAP --------------------------------------------------------------

n=0
# Number the "ok"/"not ok" lines read from stdin; pass other lines through.
tap() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok "* | "not ok "*)
			n=$((n + 1))
			if [ "${line#not ok }" != "$line" ]; then
				echo "not ok $n ${line#not ok }"
			else
				echo "ok $n ${line#ok }"
			fi
			;;
		*) echo "$line" ;;
		esac
	done
}
# pass DESC / fail DESC [DIAG...] / todo_test COND-RC REASON DESC
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
check() {	# check DESC COMMAND...: ok when COMMAND succeeds
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}
todo() {	# todo REASON DESC COMMAND...
	local why=$1 desc=$2
	shift 2
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $desc # TODO harness bug: $why"
	else
		echo "not ok $n - $desc # TODO harness bug: $why"
	fi
}

# ---- helpers written once into $WORK -----------------------------------

# ktap_check FILE: well-formed KTAP as sockspec prints it.  Each level (two
# spaces of indent per level) has "KTAP version 1", an optional
# "# Subtest: NAME", a plan "1..N", then results numbered 1..N; a nested
# level ends with its parent's result line, named after the subtest.
# Diagnostics "# ..." may come anywhere.  After the last top-level result
# only "# Totals: ..." and "N passed, N failed, N skipped" may follow, and
# must agree with the results: case results counted by directive, plus one
# error per file that failed without a subtest (a file that did not parse).
cat >"$WORK/ktap_check.pl" <<'PERL'
use strict;
use warnings;
my @lines = <>;
chomp @lines;
my @err;
my @stack;	# per level: { plan, count, name, seen_plan }
my %leaf = (pass => 0, skip => 0, xfail => 0, timeout => 0, notok => 0);
my $file_errors = 0;
my ($totals, $summary);
my $i = 0;
my $last_nested;	# name of the subtest that just closed
my $done = 0;
sub problem { push @err, "line " . ($_[0] + 1) . ": $_[1]: '$lines[$_[0]]'" }
for ($i = 0; $i < @lines; $i++) {
	my $l = $lines[$i];
	if ($done == 2) { problem($i, "text after the summary line"); next; }
	if ($l =~ /^# Totals: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) skip:(\d+) error:(\d+)$/) {
		problem($i, "totals before the last result") if $done != 1;
		problem($i, "totals twice") if $totals;
		$totals = [$1, $2, $3, $4, $5, $6];
		next;
	}
	if ($l =~ /^(\d+) passed, (\d+) failed, (\d+) skipped$/) {
		problem($i, "summary before the totals") if !$totals;
		$summary = [$1, $2, $3];
		$done = 2;
		next;
	}
	$l =~ /^((?:  )*)(.*)$/;
	my ($depth, $text) = (length($1) / 2, $2);
	if ($text eq 'KTAP version 1') {
		if ($depth != scalar @stack) { problem($i, "version line at depth $depth, expected " . scalar @stack); next; }
		problem($i, "top-level KTAP header twice") if $depth == 0 && $i != 0;
		push @stack, { plan => undef, count => 0, name => undef };
		next;
	}
	problem($i, "first line is not 'KTAP version 1'") if $i == 0;
	if ($text =~ /^# Subtest: (.*)$/) {
		if ($depth != $#stack || $depth == 0) { problem($i, "subtest line out of place"); next; }
		$stack[-1]{name} = $1;
		next;
	}
	problem($i, "text after the last result") if $done == 1 && $text !~ /^#/;
	if ($text =~ /^#/) {	# diagnostic
		problem($i, "diagnostic deeper than the open levels") if $depth > $#stack + 1 && @stack;
		next;
	}
	if ($text =~ /^1\.\.(\d+)$/) {
		if (!@stack || $depth != $#stack) { problem($i, "plan at the wrong depth"); next; }
		problem($i, "second plan") if defined $stack[-1]{plan};
		$stack[-1]{plan} = $1;
		next;
	}
	if ($text =~ /^(ok|not ok) (\d+) ([^#]*?)(?: # (\S+)(?: (.*))?)?$/) {
		my ($verdict, $num, $name, $dir) = ($1, $2, $3, $4);
		# a result at depth d closes every level deeper than d
		while (@stack && $#stack > $depth) {
			my $lvl = pop @stack;
			problem($i, "subtest '" . ($lvl->{name} // '?') . "' planned $lvl->{plan}, ran $lvl->{count}")
				if !defined $lvl->{plan} || $lvl->{plan} != $lvl->{count};
			problem($i, "result name '$name' is not the subtest's '" . ($lvl->{name} // '') . "'")
				if defined $lvl->{name} && $lvl->{name} ne $name;
			$last_nested = $num;
		}
		if (!@stack || $#stack != $depth) { problem($i, "result at depth $depth without a plan"); next; }
		my $lvl = $stack[-1];
		problem($i, "result before the plan") unless defined $lvl->{plan};
		$lvl->{count}++;
		problem($i, "result numbered $num, expected $lvl->{count}") if $num != $lvl->{count};
		problem($i, "empty test name") if $name eq '';
		problem($i, "unknown directive '$dir'") if defined $dir && $dir !~ /^(SKIP|TODO|XFAIL|TIMEOUT|ERROR)$/;
		my $nested = defined $last_nested && $last_nested == $num;
		undef $last_nested;
		if ($depth == 1) {
			if (!defined $dir) { $verdict eq 'ok' ? $leaf{pass}++ : $leaf{notok}++; }
			elsif ($dir eq 'SKIP') { $leaf{skip}++; problem($i, "not ok with SKIP") if $verdict ne 'ok'; }
			elsif ($dir eq 'XFAIL') { $leaf{xfail}++; problem($i, "not ok with XFAIL") if $verdict ne 'ok'; }
			elsif ($dir eq 'TIMEOUT') { $leaf{timeout}++; problem($i, "ok with TIMEOUT") if $verdict eq 'ok'; }
		} elsif ($depth == 0 && !$nested) {
			$file_errors++;
			problem($i, "a file without a subtest is ok") if $verdict eq 'ok';
		}
		$done = 1 if $depth == 0 && $lvl->{count} == ($lvl->{plan} // -1);
		next;
	}
	problem($i, "not a KTAP line");
}
if (@stack > 1) { push @err, "end of output inside a subtest"; }
elsif (@stack == 1) {
	my $top = $stack[0];
	push @err, "top level planned " . ($top->{plan} // 'nothing') . ", ran $top->{count}"
		if !defined $top->{plan} || $top->{plan} != $top->{count};
} else { push @err, "no KTAP output"; }
if (!$totals) { push @err, "no '# Totals:' line"; }
if (!$summary) { push @err, "no 'N passed, N failed, N skipped' line"; }
if ($totals && $summary) {
	my ($p, $f, $xf, $xp, $s, $e) = @$totals;
	push @err, "Totals pass:$p, KTAP has $leaf{pass} plain ok cases" if $p != $leaf{pass};
	push @err, "Totals skip:$s, KTAP has $leaf{skip} SKIP cases" if $s != $leaf{skip};
	push @err, "Totals xfail:$xf, KTAP has $leaf{xfail} XFAIL cases" if $xf != $leaf{xfail};
	my $notok = $leaf{notok} + $leaf{timeout} + $file_errors;
	push @err, "Totals fail+xpass+error = " . ($f + $xp + $e) . ", KTAP has $notok not ok cases and files"
		if $f + $xp + $e != $notok;
	push @err, "Totals error:$e is less than the $leaf{timeout} TIMEOUT cases (a timeout is an error)" if $e < $leaf{timeout};
	my @want = ($p + $xf, $f + $xp + $e, $s);
	push @err, "summary '@$summary' disagrees with Totals (want '@want')"
		if "@$summary" ne "@want";
}
print "$_\n" for @err;
exit(@err ? 1 : 0);
PERL

# json_get FILE PATH: the value at PATH as the #@ json lines compare it;
# exit 2 when FILE is not valid JSON.
cat >"$WORK/json_get.pl" <<'PERL'
use strict;
use warnings;
use JSON::PP;
my ($file, $path) = @ARGV;
open(my $fh, '<:raw', $file) or do { print "(no file)\n"; exit 2 };
local $/;
my $text = <$fh>;
my $j = eval { JSON::PP->new->utf8->decode($text) };
if (!defined $j) { my $e = $@; $e =~ s/\n.*//s; print "invalid JSON: $e\n"; exit 2 }
exit 0 unless defined $path;
$path =~ s/^case\./cases.0./;
$path = 'cases.0' if $path eq 'case';
my $v = $j;
for my $k (split /\./, $path) {
	if (ref $v eq 'HASH' && exists $v->{$k}) { $v = $v->{$k} }
	elsif (ref $v eq 'ARRAY' && $k =~ /^\d+$/ && $k < @$v) { $v = $v->[$k] }
	else { print "(missing)\n"; exit 0 }
}
binmode STDOUT, ':utf8';
if (!defined $v) { print "null\n" }
elsif (JSON::PP::is_bool($v)) { print $v ? "true\n" : "false\n" }
elsif (ref $v) { print JSON::PP->new->canonical->encode($v), "\n" }
else { print "$v\n" }
PERL

# check_expect CASE OUT ERR JSON RC: the #@ expectations of CASE, one TAP
# line each (unnumbered: tap() numbers them), plus the implicit checks.
cat >"$WORK/check_expect.pl" <<'PERL'
use strict;
use warnings;
my ($case, $outf, $errf, $jsonf, $rc, $ktapf, $jgetf) = @ARGV;
sub slurp { open(my $f, '<:raw', $_[0]) or return (); my @l = <$f>; chomp @l; @l }
my @out = slurp($outf);
my @err = slurp($errf);
my @exp;
my $todo;
for my $l (slurp($case)) {
	next unless $l =~ /^#@ (\S+)(?: (.*))?$/;
	my ($kw, $arg) = ($1, $2 // '');
	if ($kw eq 'todo') { $todo = $arg; next }
	next if $kw eq 'args' || $kw eq 'env';
	push @exp, [$kw, $arg, $todo];
	undef $todo;
}
(my $label = $case) =~ s{.*/(bad/)}{$1};
my %stated = map { $_->[0] => 1 } @exp;
my $names_stderr = grep { $stated{$_} } qw(stderr stderr~ stderr-empty stderr-any errors);
push @exp, ['exit', undef, undef] unless $stated{exit};
push @exp, ['stderr-empty', '', undef] unless $names_stderr;
push @exp, ['ktap-valid', '', undef] unless $stated{'ktap-valid'};
push @exp, ['json-valid', '', undef] unless $stated{'json-valid'};
push @exp, ['no-sanitizer', '', undef];

my ($ocur, $ecur) = (0, 0);
sub diag { my @d = @_; print map { "#   $_\n" } map { split /\n/ } @d }
sub result {
	my ($ok, $desc, $todo, @d) = @_;
	$desc =~ s/#/\\#/g;
	print(($ok ? "ok" : "not ok") . " - $label: $desc" . (defined $todo ? " # TODO $todo" : "") . "\n");
	diag(@d) if !$ok;
}
# find the next line of @$lines from $$cur matching $pred; move the cursor
sub find_in {
	my ($lines, $cur, $pred) = @_;
	for (my $i = $$cur; $i < @$lines; $i++) {
		if ($pred->($lines->[$i])) { $$cur = $i + 1; return 1 }
	}
	return 0;
}
sub context { my ($lines, $from) = @_; my $to = $from + 12 < @$lines ? $from + 12 : $#$lines;
	return ("after line $from of the output:", map { "| $lines->[$_]" } $from .. $to) }
for my $e (@exp) {
	my ($kw, $arg, $td) = @$e;
	if ($kw eq 'exit') {
		if (!defined $arg) { result(0, "states its '#\@ exit' status", $td); next }
		result($rc eq $arg, "exit status $arg", $td, "got $rc");
	} elsif ($kw eq 'status') {
		my ($first) = grep { /^\s*(?:not )?ok \d+ / } @out;
		my $got = !defined $first ? '(no result)' : $first =~ /^\s*not ok/ ? 'not ok' : 'ok';
		result($got eq $arg, "verdict '$arg'", $td, "got '$got': " . ($first // ''));
	} elsif ($kw eq 'output' || $kw eq 'output~') {
		my $from = $ocur;
		my $re = $kw eq 'output~' ? eval { qr/$arg/ } : undef;
		my $ok = find_in(\@out, \$ocur, sub { (my $s = $_[0]) =~ s/^\s+//;
			$kw eq 'output' ? $s eq $arg : defined $re && $s =~ $re });
		result($ok, "stdout has " . ($kw eq 'output~' ? "a line matching /$arg/" : "'$arg'"), $td,
		       context(\@out, $from));
	} elsif ($kw eq 'stderr' || $kw eq 'stderr~') {
		my $from = $ecur;
		my $re = $kw eq 'stderr~' ? eval { qr/$arg/ } : undef;
		my $ok = find_in(\@err, \$ecur, sub { $kw eq 'stderr' ? $_[0] eq $arg : defined $re && $_[0] =~ $re });
		result($ok, "stderr has " . ($kw eq 'stderr~' ? "a line matching /$arg/" : "'$arg'"), $td,
		       context(\@err, $from));
	} elsif ($kw eq 'stderr-empty') {
		result(!@err, "stderr is empty", $td, map { "| $_" } @err[0 .. ($#err < 9 ? $#err : 9)]);
	} elsif ($kw eq 'stderr-any') {
		next;
	} elsif ($kw eq 'errors') {
		my $c = grep { /: error: / } @err;
		result($c == $arg, "$arg errors on stderr", $td, "got $c");
	} elsif ($kw eq 'json' || $kw eq 'json~') {
		my ($path, $want) = $arg =~ /^(\S+) ?(.*)$/;
		my $got = `perl '$jgetf' '$jsonf' '$path'`;
		chomp $got;
		utf8::decode($got);
		my $ok = $kw eq 'json' ? $got eq $want : do { my $re = eval { qr/$want/ }; defined $re && $got =~ $re };
		result($ok, "JSON $path " . ($kw eq 'json' ? "is '$want'" : "matches /$want/"), $td, "got '$got'");
	} elsif ($kw eq 'json-valid') {
		my $why = `perl '$jgetf' '$jsonf'`;
		result($? == 0, "the --json file is valid JSON", $td, $why);
	} elsif ($kw eq 'ktap-valid') {
		my $why = `perl '$ktapf' '$outf'`;
		result($? == 0, "stdout is well-formed KTAP", $td, $why);
	} elsif ($kw eq 'no-sanitizer') {
		my @s = grep { /Sanitizer|runtime error:/ } @err;
		result(!@s, "no sanitizer report", $td, @s);
	} else {
		result(0, "knows the expectation '#\@ $kw'", $td);
	}
}
PERL

# ---- running the runner --------------------------------------------------

token_base="sockspec-selftest-$$-$RANDOM"
runs=0
# run [VAR=VALUE...] -- ARG...: run $SOCKSPEC from harness/tests with a fresh
# TMPDIR ($tmpdir) and a token in its environment; sets $rc, $out, $err,
# $json, $tmpdir, $token.
run() {
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	runs=$((runs + 1))
	tmpdir=$WORK/tmp.$runs
	out=$WORK/out.$runs
	err=$WORK/err.$runs
	json=$WORK/json.$runs
	token=$token_base-$runs
	mkdir -p "$tmpdir"
	(cd "$TESTS" && exec env TMPDIR="$tmpdir" SOCKSPEC_SELFTEST_TOKEN="$token" ${envs[@]+"${envs[@]}"} \
		"$SOCKSPEC" "$@") >"$out" 2>"$err"
	rc=$?
}

# Processes still carrying TOKEN in their environment (the runner's
# children inherit it).  Killed processes take a moment to go: retry.
leftover_procs() {
	local tok=$1 pids
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		pids=$(grep -lsa -- "SOCKSPEC_SELFTEST_TOKEN=$tok" /proc/[0-9]*/environ 2>/dev/null |
			sed 's,/proc/\([0-9]*\)/environ,\1,' | tr '\n' ' ')
		[ -z "$pids" ] && return 1
		sleep 0.1
	done
	echo "$pids"
	return 0
}

empty_dir() { [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; }

# implicit checks after a run: run directory gone, no process left
after_run() {
	local label=$1 pids
	if empty_dir "$tmpdir"; then
		pass "$label: the run directory under TMPDIR is removed"
	else
		fail "$label: the run directory under TMPDIR is removed" "$(cd "$tmpdir" && find . | head -20)"
	fi
	if pids=$(leftover_procs "$token"); then
		fail "$label: no process of the run is left" "pids: $pids" \
			"$(ps -o pid,pgid,stat,args -p "${pids// /,}" 2>/dev/null)"
	else
		pass "$label: no process of the run is left"
	fi
}

no_sanitizer() {	# no_sanitizer LABEL: on the last run's stderr
	if grep -qE 'Sanitizer|runtime error:' "$err"; then
		fail "$1: no sanitizer report" "$(grep -E -m5 'Sanitizer|runtime error:' "$err")"
	else
		pass "$1: no sanitizer report"
	fi
}

ktap_valid() {	# ktap_valid LABEL FILE
	local why
	if why=$(perl "$WORK/ktap_check.pl" "$2"); then
		pass "$1: well-formed KTAP"
	else
		fail "$1: well-formed KTAP" "$why"
	fi
}

is_rc() {	# is_rc LABEL WANT
	if [ "$rc" = "$2" ]; then pass "$1: exit $2"; else fail "$1: exit $2" "got $rc" "$(head -5 "$err")"; fi
}

has_line() {	# has_line LABEL FILE TEXT: a line of FILE is exactly TEXT
	if grep -qxF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$3' in:" "$(head -20 "$2")"
	fi
}

# ---- 1. every bad case, alone ---------------------------------------------

for f in "$TESTS"/bad/*.case; do
	name=bad/${f##*/}
	args=()
	envs=()
	while IFS= read -r a; do
		# shellcheck disable=SC2206
		args+=($a)
	done < <(sed -n 's/^#@ args //p' "$f")
	while IFS= read -r e; do
		envs+=("$e")
	done < <(sed -n 's/^#@ env //p' "$f")
	run ${envs[@]+"${envs[@]}"} -- -j 1 --timeout 5 --json "$WORK/json.$((runs + 1))" \
		${args[@]+"${args[@]}"} "$name"
	echo "# $name: exit $rc"
	tap < <(perl "$WORK/check_expect.pl" "$f" "$out" "$err" "$json" "$rc" \
		"$WORK/ktap_check.pl" "$WORK/json_get.pl")
	after_run "$name"
done

# ---- 2a. a hang, two crashes and a good case in one run, in parallel --------

mix=(bad/hang.case bad/crash-segv.case bad/pass-control.case bad/crash-abrt.case)
norm() { sed -E 's/# TIMEOUT [0-9.]+s$/# TIMEOUT Ns/' "$1"; }
run ASAN_OPTIONS=handle_segv=0 -- -j 2 --timeout 5 "${mix[@]}"
mix_out=$out
is_rc "mix -j 2" 1
has_line "mix -j 2: the good case passes next to a hang and two crashes" "$out" \
	"  ok 1 bad/pass-control.round-trip"
has_line "mix -j 2: the hang times out" "$out" "  # no result after 1s"
has_line "mix -j 2: the SEGV crash is reported" "$out" "  # killed by signal SEGV"
has_line "mix -j 2: the ABRT crash is reported" "$out" "  # killed by signal ABRT"
has_line "mix -j 2: totals" "$out" "# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:3"
ktap_valid "mix -j 2" "$out"
no_sanitizer "mix -j 2"
after_run "mix -j 2"
run ASAN_OPTIONS=handle_segv=0 -- -j 1 --timeout 5 "${mix[@]}"
is_rc "mix -j 1" 1
if diff <(norm "$mix_out") <(norm "$out") >"$WORK/mixdiff"; then
	pass "mix: -j 2 prints exactly what -j 1 prints (durations aside)"
else
	fail "mix: -j 2 prints exactly what -j 1 prints (durations aside)" "$(cat "$WORK/mixdiff")"
fi
after_run "mix -j 1"
run ASAN_OPTIONS=handle_segv=0 -- -j 8 --timeout 5 "${mix[@]}"
if diff <(norm "$mix_out") <(norm "$out") >"$WORK/mixdiff"; then
	pass "mix: -j 8 prints exactly what -j 2 prints (durations aside)"
else
	fail "mix: -j 8 prints exactly what -j 2 prints (durations aside)" "$(cat "$WORK/mixdiff")"
fi
after_run "mix -j 8"

# ---- 2b. leftovers: after a timeout, and after SIGTERM mid-run ---------------

run -- -j 1 --timeout 0.5 bad/hang.case
has_line "--timeout 0.5 does not shorten a case's own 'timeout 1'" "$out" "  # no result after 1s"
after_run "timeout"

runs=$((runs + 1))
tmpdir=$WORK/tmp.$runs
token=$token_base-$runs
out=$WORK/out.$runs
err=$WORK/err.$runs
mkdir -p "$tmpdir"
cat >"$WORK/slow.case" <<'EOF'
family AF_UNIX
case sleeps
  doc socket-families
  what sleeps long enough to be interrupted
  usleep(20000000)
EOF
(cd "$TESTS" && exec env TMPDIR="$tmpdir" SOCKSPEC_SELFTEST_TOKEN="$token" "$SOCKSPEC" -j 2 \
	--timeout 30 bad/pass-control.case "$WORK/slow.case") >"$out" 2>"$err" &
runner=$!
# wait until the slow case runs (its case directory exists), then SIGTERM
for _ in $(seq 1 50); do
	[ -n "$(ls -A "$tmpdir" 2>/dev/null)" ] && [ -n "$(ls -A "$tmpdir"/* 2>/dev/null)" ] && break
	sleep 0.1
done
sleep 0.3
kill -TERM "$runner" 2>/dev/null
t0=$SECONDS
wait "$runner"
rc=$?
if [ $((SECONDS - t0)) -lt 10 ]; then pass "SIGTERM: the runner stops at once"; else fail "SIGTERM: the runner stops at once"; fi
is_rc "SIGTERM" 143
check "SIGTERM: it says so, on stderr" grep -qE \
	'^sockspec: interrupted by SIGTERM after 1 of 2 cases: the results are incomplete$' "$err"
check "SIGTERM: the KTAP bails out before its totals" grep -qE \
	'^Bail out! interrupted by SIGTERM after 1 of 2 cases' "$out"
has_line "SIGTERM: the case that ran is reported" "$out" "  ok 1 bad/pass-control.round-trip"
no_sanitizer "SIGTERM"
after_run "SIGTERM"

# SIGINT with output files: each is either absent or whole, here whole and
# marked interrupted, holding the case that finished; no temporary file left
runs=$((runs + 1))
tmpdir=$WORK/tmp.$runs
token=$token_base-$runs
out=$WORK/out.$runs
err=$WORK/err.$runs
mkdir -p "$tmpdir" "$WORK/int"
(cd "$TESTS" && exec env TMPDIR="$tmpdir" SOCKSPEC_SELFTEST_TOKEN="$token" "$SOCKSPEC" -j 2 \
	--timeout 30 --json "$WORK/int/r.json" --junit "$WORK/int/r.xml" \
	bad/pass-control.case "$WORK/slow.case") >"$out" 2>"$err" &
runner=$!
for _ in $(seq 1 50); do
	[ -n "$(ls -A "$tmpdir"/* 2>/dev/null)" ] && grep -q '^  ok 1' "$out" && break
	sleep 0.1
done
sleep 0.3
kill -INT "$runner" 2>/dev/null
wait "$runner"
rc=$?
is_rc "SIGINT" 130
check "SIGINT: the JSON is whole, marked interrupted, with the finished case" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["interrupted"] == "SIGINT", r["interrupted"]
assert [c["id"] for c in r["cases"]] == ["bad/pass-control.round-trip"], r["cases"]
assert r["exit_code"] == 130 and r["totals"]["pass"] == 1
' "$WORK/int/r.json"
check "SIGINT: the JUnit is whole" grep -q '^</testsuites>$' "$WORK/int/r.xml"
check "SIGINT: no temporary file beside them" test "$(ls -A "$WORK/int" | sort | tr '\n' ' ')" = "r.json r.xml "
no_sanitizer "SIGINT"
after_run "SIGINT"

# A timed-out case's processes are all reaped before its result line: stop
# the runner the moment the line appears and look for any other process of
# the run (the peer process of the case was orphaned when the case died).
runs=$((runs + 1))
tmpdir=$WORK/tmp.$runs
token=$token_base-$runs
out=$WORK/out.$runs
err=$WORK/err.$runs
mkdir -p "$tmpdir"
(cd "$TESTS" && exec env TMPDIR="$tmpdir" SOCKSPEC_SELFTEST_TOKEN="$token" "$SOCKSPEC" -j 1 \
	bad/orphan-timeout.case bad/hang.case) >"$out" 2>"$err" &
runner=$!
for _ in $(seq 1 100); do
	grep -q 'not ok 1 bad/orphan-timeout.peer-left-behind' "$out" && break
	sleep 0.02
done
kill -STOP "$runner"
survivors=$(grep -lsa -- "SOCKSPEC_SELFTEST_TOKEN=$token" /proc/[0-9]*/environ 2>/dev/null |
	sed 's,/proc/\([0-9]*\)/environ,\1,' | grep -vx "$runner" | while read -r p; do
		# the next case (hang.case) may have started: its process group is its own pid
		[ "$(ps -o pgid= -p "$p" 2>/dev/null | tr -d ' ')" = "$p" ] && continue
		ps -o pid=,pgid=,stat=,args= -p "$p"
	done)
kill -CONT "$runner"
wait "$runner"
if grep -q 'not ok 1 bad/orphan-timeout.peer-left-behind' "$out" && [ -z "$survivors" ]; then
	pass "timeout: no process of the timed-out case is alive at its result line"
else
	fail "timeout: no process of the timed-out case is alive at its result line" "$survivors" \
		"$(head -12 "$out")"
fi
after_run "timeout reaping"

# ---- 2c. the command line ------------------------------------------------------

usage_error() {	# usage_error LABEL MESSAGE ARG...: exit 2, MESSAGE first on stderr
	local label=$1 msg=$2
	shift 2
	run -- "$@"
	is_rc "$label" 2
	if [ "$(head -1 "$err")" = "$msg" ]; then
		pass "$label: says '$msg'"
	else
		fail "$label: says '$msg'" "got: $(head -3 "$err")"
	fi
	check "$label: nothing on stdout" test ! -s "$out"
	no_sanitizer "$label"
	# the sanitizer build and the plain one must agree on the exit status
	if [ -n "${SOCKSPEC_PLAIN:-}" ] && [ "$SOCKSPEC_PLAIN" != "$SOCKSPEC" ]; then
		local asan_rc=$rc
		(cd "$TESTS" && exec "$SOCKSPEC_PLAIN" "$@") >/dev/null 2>&1
		local plain_rc=$?
		rc=$asan_rc
		if [ "$plain_rc" = "$asan_rc" ]; then
			pass "$label: the plain build exits the same ($plain_rc)"
		else
			fail "$label: the plain build exits the same" "sanitizer build $asan_rc, plain $plain_rc"
		fi
	fi
}
usage_error "unknown long option" "sockspec: unknown option '--bogus'" --bogus bad/pass-control.case
has_line "unknown option: points to --help" "$err" "Try 'sockspec --help'."
usage_error "unknown short option" "sockspec: unknown option '-x'" -x bad/pass-control.case
usage_error "-j 0" "sockspec: -j takes a whole number from 1 to 1024, not '0'" -j 0 bad/pass-control.case
usage_error "-j 1.5" "sockspec: -j takes a whole number from 1 to 1024, not '1.5'" -j 1.5 bad/pass-control.case
usage_error "-j without a value" "sockspec: option '-j' needs an argument" -j
usage_error "--timeout x" "sockspec: --timeout takes seconds from 0.001 to 3600, not 'x'" \
	--timeout x bad/pass-control.case
usage_error "--timeout=0" "sockspec: --timeout takes seconds from 0.001 to 3600, not '0'" \
	--timeout=0 bad/pass-control.case
usage_error "a missing file" "sockspec: bad/no-such-file.case: No such file or directory" \
	bad/pass-control.case bad/no-such-file.case
usage_error "--kconfig with a missing file" "sockspec: --kconfig /nonexistent/config: no config symbols could be read" \
	--kconfig /nonexistent/config bad/pass-control.case
usage_error "no case selected" "sockspec: no case selected (no case id matches the filters)" \
	--filter 'nothing*' bad/pass-control.case

run -- -vx bad/pass-control.case
check "-vx: says \"unknown option '-x'\"" grep -qxF "sockspec: unknown option '-x'" "$err"
run -- -xv bad/pass-control.case
check "-xv: says \"unknown option '-x'\"" grep -qxF "sockspec: unknown option '-x'" "$err"
is_rc "-xv" 2
usage_error "an unknown long option with a value" "sockspec: unknown option '--bogus'" \
	--bogus=1 bad/pass-control.case
usage_error "a value for a long option that takes none" "sockspec: option '--list' takes no argument" \
	--list=1 bad/pass-control.case
usage_error "-vj without a value" "sockspec: option '-j' needs an argument" -vj
usage_error "--json without a value" "sockspec: option '--json' needs an argument" \
	bad/pass-control.case --json

# a megabyte token: the error quotes a readable piece of it and says how much is left out
perl -e 'print "family AF_UNIX\ncase x\n  doc socket.socket.bind\n  what long\n  ", "b" x 1000000, "(s) = 0\n"' \
	>"$WORK/long-token.case"
run -- "$WORK/long-token.case"
is_rc "a 1 MB token" 2
check "a 1 MB token: the error is cut, with a marker" grep -q \
	"error: unknown call 'b\{64\}'\.\.\. (999936 more bytes)" "$err"
check "a 1 MB token: under 2 kB of stderr" test "$(wc -c <"$err")" -lt 2048
no_sanitizer "a 1 MB token"

# numbers: NaN compares false with any bound, so it needs its own check
usage_error "-t nan" "sockspec: --timeout takes seconds from 0.001 to 3600, not 'nan'" \
	-t nan bad/pass-control.case
usage_error "--timeout inf" "sockspec: --timeout takes seconds from 0.001 to 3600, not 'inf'" \
	--timeout inf bad/pass-control.case
usage_error "-t 1e999" "sockspec: --timeout takes seconds from 0.001 to 3600, not '1e999'" \
	-t 1e999 bad/pass-control.case
usage_error "-t -1" "sockspec: --timeout takes seconds from 0.001 to 3600, not '-1'" \
	-t -1 bad/pass-control.case
usage_error "-t ''" "sockspec: --timeout takes seconds from 0.001 to 3600, not ''" \
	-t '' bad/pass-control.case
usage_error "-j nan" "sockspec: -j takes a whole number from 1 to 1024, not 'nan'" \
	-j nan bad/pass-control.case
usage_error "-j 2.5" "sockspec: -j takes a whole number from 1 to 1024, not '2.5'" \
	-j 2.5 bad/pass-control.case

# outputs are refused before any case runs: nothing on stdout (no KTAP) at all
usage_error "--json to a missing folder" \
	"sockspec: --json /nonexistent/dir/out.json: cannot write in /nonexistent/dir: No such file or directory" \
	--json /nonexistent/dir/out.json bad/pass-control.case
usage_error "--junit to a missing folder" \
	"sockspec: --junit /nonexistent/dir/out.xml: cannot write in /nonexistent/dir: No such file or directory" \
	--junit /nonexistent/dir/out.xml bad/pass-control.case
mkdir -p "$WORK/outdir"
usage_error "--json to a folder" "sockspec: --json $WORK/outdir: is a folder" \
	--json "$WORK/outdir" bad/pass-control.case
echo keep >"$WORK/readonly.json"
chmod 444 "$WORK/readonly.json"
usage_error "--json to a read-only file" "sockspec: --json $WORK/readonly.json: Permission denied" \
	--json "$WORK/readonly.json" bad/pass-control.case
check "--json to a read-only file: the file is as it was" grep -qx keep "$WORK/readonly.json"
usage_error "--json and --junit on one file" \
	"sockspec: --json and --junit both name '$WORK/same': give each its own file" \
	--json "$WORK/same" --junit "$WORK/same" bad/pass-control.case
check "--json and --junit on one file: nothing was created" test ! -e "$WORK/same"
usage_error "--json and --junit both on stdout" \
	"sockspec: --json and --junit both name '-': give each its own file" \
	--json - --junit - bad/pass-control.case

# --json -: standard output is the JSON alone; the KTAP goes to stderr
run -- --json - bad/pass-control.case
is_rc "--json -" 0
check "--json -: stdout is one JSON document" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["cases"][0]["id"] == "bad/pass-control.round-trip"
' "$out"
has_line "--json -: the KTAP is on stderr" "$err" "  ok 1 bad/pass-control.round-trip"

# one rule for an empty selection, whatever the mode
usage_error "--list, no case selected" \
	"sockspec: no case selected (no case id matches the filters)" --list --filter 'nothing*' \
	bad/pass-control.case
usage_error "--config-fragment, no case selected" \
	"sockspec: no case selected (no case id matches the filters)" --config-fragment \
	--filter 'nothing*' bad/pass-control.case
usage_error "--doc naming a missing file, with a filter" \
	"sockspec: --doc /nonexistent/socket.rst: No such file or directory" \
	--filter 'x*' --doc /nonexistent/socket.rst bad/pass-control.case

run -- --help
is_rc "--help" 0
check "--help: usage on stdout" grep -q '^usage: sockspec \[OPTIONS\] \[FILE|DIR...\]$' "$out"
check "--help: documents the exit statuses" grep -q 'every case was skipped' "$out"
check "--help: nothing on stderr" test ! -s "$err"
run -- -h
is_rc "-h" 0
run -- --version
is_rc "--version" 0
check "--version: 'sockspec X.Y.Z'" grep -qE '^sockspec [0-9]+\.[0-9]+(\.[0-9]+)?' "$out"
check "--version: one line" test "$(wc -l <"$out")" = 1
check "--version: names the commit it was built from" \
	grep -qE '^sockspec [0-9.]+ \((.*-g)?[0-9a-f]{7,}(-dirty)?|unknown\)$' "$out"
run -- -V
is_rc "-V" 0

run -- --list bad/pass-control.case bad/xfail.case bad/skip-config.case
is_rc "--list" 0
printf '%s\n' bad/pass-control.round-trip bad/xfail.listen-unbound bad/skip-config.first \
	bad/skip-config.second >"$WORK/want"
if cmp -s "$WORK/want" "$out"; then pass "--list prints the ids, in order"; else fail "--list prints the ids, in order" "$(cat "$out")"; fi
check "--list runs nothing (no run directory)" empty_dir "$tmpdir"
run -- --list --filter 'bad/x*' bad/pass-control.case bad/xfail.case bad/xpass.case
printf '%s\n' bad/xfail.listen-unbound bad/xpass.unexpectedly-passes >"$WORK/want"
if cmp -s "$WORK/want" "$out"; then pass "--filter selects by id glob"; else fail "--filter selects by id glob" "$(cat "$out")"; fi
run -- --list -f '*.first' -f '*round-trip' bad/pass-control.case bad/skip-config.case
printf '%s\n' bad/pass-control.round-trip bad/skip-config.first >"$WORK/want"
if cmp -s "$WORK/want" "$out"; then pass "-f is repeatable"; else fail "-f is repeatable" "$(cat "$out")"; fi
run -- --list bad/syntax-unknown-call.case bad/pass-control.case
is_rc "--list with a file that does not parse" 2
has_line "--list with a file that does not parse: still lists the others" "$out" bad/pass-control.round-trip
run -- -j 1 --filter '*round-trip' bad/pass-control.case bad/wrong-data.case
is_rc "--filter on a run" 0
check "--filter on a run: only the selected file is planned" grep -qx '1\.\.1' "$out"
has_line "--filter on a run: the selected case runs" "$out" "  ok 1 bad/pass-control.round-trip"
check "--filter on a run: the other does not" bash -c "! grep -q wrong-data '$out'"
ktap_valid "--filter on a run" "$out"

run -- -v -j 1 bad/pass-control.case bad/wrong-data.case
is_rc "-v" 1
check "-v: every step is traced, in strace notation, with its result" \
	grep -qE '^  # bad/pass-control\.case:8: s = socket\(AF_UNIX, SOCK_STREAM, 0\) = [0-9]+$' "$out"
has_line "-v: received bytes are shown" "$out" '  # bad/pass-control.case:16: recv(a, "ping", 16, 0) = 4'
check "-v: the trace comes before the case's result" \
	test "$(grep -n 'pass-control.case:18: recv' "$out" | cut -d: -f1)" -lt \
	     "$(grep -n '^  ok 1 bad/pass-control.round-trip$' "$out" | cut -d: -f1)"
has_line "-v: a failing step is traced with what the kernel did" "$out" \
	'  # bad/wrong-data.case:9: recv(b, "ping\n", 16, 0) = 5'
ktap_valid "-v" "$out"

mkdir -p "$WORK/tree/sub/empty" "$WORK/tree/other"
cp "$TESTS/bad/pass-control.case" "$WORK/tree/sub/"
echo "not a case" >"$WORK/tree/other/README"
run -- --list "$WORK/tree"
check "a directory tree with an empty directory: no sanitizer report" \
	bash -c "! grep -qE 'Sanitizer|runtime error:' '$err'"
check "a directory tree with an empty directory: --list exits 0" test "$rc" = 0
has_line "a directory tree with an empty directory: the case in it is listed" "$out" \
	sub/pass-control.round-trip
check "a directory: only *.case files are taken" bash -c "! grep -q README '$out'"

# ---- 2d. a file that does not parse does not stop the others --------------------

run -- -j 2 --timeout 5 --json "$WORK/json.d" bad/pass-control.case bad/syntax-unknown-call.case bad/wrong-data.case
is_rc "parse error next to good files" 2
has_line "parse error next to good files: the good case runs and passes" "$out" "  ok 1 bad/pass-control.round-trip"
has_line "parse error next to good files: the failing case runs and fails" "$out" "  not ok 1 bad/wrong-data.received-bytes"
has_line "parse error next to good files: the broken file is not ok" "$out" "not ok 2 bad/syntax-unknown-call"
has_line "parse error next to good files: the plan counts all three files" "$out" "1..3"
has_line "parse error next to good files: the error is on stderr" "$err" \
	"bad/syntax-unknown-call.case:8:3: error: unknown call 'sokcet' (see cases/README.md for the calls a step can make)"
check "parse error next to good files: JSON records both cases that ran" \
	test "$(perl "$WORK/json_get.pl" "$WORK/json.d" cases.1.id)" = bad/wrong-data.received-bytes
check "parse error next to good files: JSON exit_code 2" \
	test "$(perl "$WORK/json_get.pl" "$WORK/json.d" exit_code)" = 2
ktap_valid "parse error next to good files" "$out"
no_sanitizer "parse error next to good files"
after_run "parse error next to good files"

run -- -j 2 bad/syntax-no-family.case bad/pass-control.case
is_rc "parse error first, good file second" 2
has_line "parse error first, good file second: the good file is still ok" "$out" "ok 2 bad/pass-control"
ktap_valid "parse error first, good file second" "$out"

# ---- 2e. a whole directory of bad cases: KTAP and JSON agree ---------------------

# (all but syntax-binary.case, whose bytes make the JSON invalid: a bug of its own)
all=()
for f in "$TESTS"/bad/*.case; do
	[ "${f##*/}" = syntax-binary.case ] || all+=("bad/${f##*/}")
done
nfiles=${#all[@]}
run ASAN_OPTIONS=handle_segv=0 -- -j 4 --timeout 5 --kconfig bad/skip-config.kconfig --json "$WORK/json.all" "${all[@]}"
is_rc "all bad cases at once" 2
ktap_valid "all bad cases at once" "$out"
no_sanitizer "all bad cases at once"
has_line "all bad cases at once: one top-level test per file" "$out" "1..$nfiles"
leaves=$(grep -cE '^  (not )?ok [0-9]+ ' "$out")
jcases=$(perl -MJSON::PP -0777 -e 'print scalar @{decode_json(<>)->{cases}}' "$WORK/json.all" 2>/dev/null)
check "all bad cases at once: JSON has a record per KTAP case result ($leaves)" test "$leaves" = "$jcases"
jfiles=$(perl -MJSON::PP -0777 -e 'print scalar @{decode_json(<>)->{files}}' "$WORK/json.all" 2>/dev/null)
check "all bad cases at once: JSON has a record per file ($nfiles)" test "$nfiles" = "$jfiles"
after_run "all bad cases at once"

# the checker itself must catch broken KTAP
printf 'KTAP version 1\n1..2\nok 1 a\n# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0\n1 passed, 0 failed, 0 skipped\n' >"$WORK/k1"
check "ktap_check rejects a plan that is not met" bash -c "! perl '$WORK/ktap_check.pl' '$WORK/k1' >/dev/null"
printf 'KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: f\n  1..1\n  ok 2 f.c\nok 1 f\n# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0\n1 passed, 0 failed, 0 skipped\n' >"$WORK/k2"
check "ktap_check rejects misnumbered results" bash -c "! perl '$WORK/ktap_check.pl' '$WORK/k2' >/dev/null"
sed 's/^ok 1 f$/ok 1 g/' "$WORK/k2" | sed 's/ok 2 f.c/ok 1 f.c/' >"$WORK/k3"
check "ktap_check rejects a subtest closed under another name" bash -c "! perl '$WORK/ktap_check.pl' '$WORK/k3' >/dev/null"
sed 's/ok 2 f.c/ok 1 f.c/' "$WORK/k2" >"$WORK/k4"
check "ktap_check accepts a well-formed run" perl "$WORK/ktap_check.pl" "$WORK/k4"
sed 's/pass:1 fail:0/pass:0 fail:1/' "$WORK/k4" >"$WORK/k5"
check "ktap_check rejects totals that disagree with the results" bash -c "! perl '$WORK/ktap_check.pl' '$WORK/k5' >/dev/null"

# ---- 2f. exit 4 only when everything skipped --------------------------------------

run -- -j 2 bad/skip-kernel.case bad/skip-socket.case
is_rc "every case skipped" 4
has_line "every case skipped: summary" "$out" "0 passed, 0 failed, 2 skipped"
ktap_valid "every case skipped" "$out"
run -- -j 2 bad/skip-kernel.case bad/pass-control.case
is_rc "a skip next to a pass" 0
run -- -j 2 bad/skip-kernel.case bad/xfail.case
is_rc "a skip next to an xfail" 0
run -- -j 2 bad/skip-kernel.case bad/wrong-data.case
is_rc "a skip next to a failure" 1
run -- -j 2 bad/skip-kernel.case bad/syntax-arity.case
is_rc "a skip next to a parse error" 2

# ---- 2g. unprivileged ----------------------------------------------------------------

cat >"$WORK/root.case" <<'EOF'
family AF_UNIX
case needs-root
  doc socket-families
  what runs only as real root
  requires root
  s = socket(AF_UNIX, SOCK_STREAM, 0)
EOF
if [ "$(id -u)" = 0 ]; then
	run -- -j 1 "$WORK/root.case"
	is_rc "requires root, as root" 0
	has_line "requires root, as root: the case runs" "$out" "  ok 1 sockspec-selftest.${WORK##*.}/root.needs-root"
	unpriv=()
	can_unpriv=false
	if command -v setpriv >/dev/null &&
	   setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n true 2>/dev/null; then
		unpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		can_unpriv=true
	fi
else
	unpriv=()	# already unprivileged
	can_unpriv=true
fi
if ! $can_unpriv; then
	echo "ok $((n += 1)) # SKIP no setpriv, or user namespaces are not allowed to nobody"
else
	# a copy nobody can read, and a TMPDIR nobody can write
	mkdir -p "$WORK/np/bad" "$WORK/np/tmp"
	cp "$SOCKSPEC" "$WORK/np/sockspec"
	cp "$TESTS/bad/pass-control.case" "$TESTS/bad/wrong-data.case" "$WORK/root.case" "$WORK/np/bad/"
	chmod -R a+rX "$WORK/np"
	chmod 1777 "$WORK/np/tmp"
	runs=$((runs + 1))
	out=$WORK/out.$runs
	err=$WORK/err.$runs
	token=$token_base-$runs
	(cd "$WORK/np" && exec env TMPDIR="$WORK/np/tmp" SOCKSPEC_SELFTEST_TOKEN="$token" \
		${unpriv[@]+"${unpriv[@]}"} ./sockspec -j 2 --timeout 5 \
		--json "$WORK/np/tmp/u.json" bad/pass-control.case bad/root.case bad/wrong-data.case) \
		>"$out" 2>"$err"
	rc=$?
	is_rc "unprivileged" 1
	has_line "unprivileged: the good case passes (in a user namespace)" "$out" "  ok 1 bad/pass-control.round-trip"
	has_line "unprivileged: a failing case still fails" "$out" "  not ok 1 bad/wrong-data.received-bytes"
	if grep -qE '^  ok 1 bad/root\.needs-root # SKIP requires root: ' "$out"; then
		pass "unprivileged: 'requires root' skips with a reason naming root"
	else
		fail "unprivileged: 'requires root' skips with a reason naming root" "$(grep needs-root "$out")"
	fi
	check "unprivileged: JSON says unprivileged" \
		test "$(perl "$WORK/json_get.pl" "$WORK/np/tmp/u.json" privileged)" = false
	check "unprivileged: JSON reason of the skip" \
		grep -q '"reason": "requires root: running unprivileged, in a user namespace"' "$WORK/np/tmp/u.json"
	ktap_valid "unprivileged" "$out"
	no_sanitizer "unprivileged"
	rm -f "$WORK/np/tmp/u.json"
	check "unprivileged: the run directory is removed" empty_dir "$WORK/np/tmp"
	if pids=$(leftover_procs "$token"); then
		fail "unprivileged: no process of the run is left" "pids: $pids"
	else
		pass "unprivileged: no process of the run is left"
	fi
fi

# ci/host-snapshot, which make check-cases compares before and after the
# suite, must notice the changes a misbehaving case could make.  Shown in a
# throw-away network namespace (never the host's): a new link, an address,
# a route and a sysctl each change the snapshot.
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
	snap=$WORK/snap.sh
	cat >"$snap" <<-SNAP
	set -e
	ip link set lo up
	"$ROOT/ci/host-snapshot" > "$WORK/snap.0"
	"$ROOT/ci/host-snapshot" > "$WORK/snap.1"
	ip link add sockspec-snap type veth peer name sockspec-snap1
	"$ROOT/ci/host-snapshot" > "$WORK/snap.link"
	ip addr add 198.51.100.1/24 dev sockspec-snap
	ip link set sockspec-snap up
	"$ROOT/ci/host-snapshot" > "$WORK/snap.addr"
	ip route add 203.0.113.0/24 via 198.51.100.2
	"$ROOT/ci/host-snapshot" > "$WORK/snap.route"
	sysctl -q -w net.ipv4.ip_forward=1
	"$ROOT/ci/host-snapshot" > "$WORK/snap.sysctl"
	SNAP
	if unshare -n bash "$snap" 2>"$WORK/snap.err"; then
		check "host-snapshot: two snapshots of an unchanged namespace agree" \
			cmp -s "$WORK/snap.0" "$WORK/snap.1"
		prev=$WORK/snap.1
		for what in link addr route sysctl; do
			if cmp -s "$prev" "$WORK/snap.$what"; then
				fail "host-snapshot: a new $what shows in the snapshot" "no difference"
			else
				pass "host-snapshot: a new $what shows in the snapshot"
			fi
			prev=$WORK/snap.$what
		done
	else
		fail "host-snapshot: the throw-away namespace check ran" "$(head -5 "$WORK/snap.err")"
	fi
fi

echo "1..$n"
