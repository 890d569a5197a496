#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The kselftest entry of sockspec (make kselftest-install puts it beside the
# program as DIR/sockspec/run_sockspec.sh, listed "sockspec:run_sockspec.sh"):
# the cases as one flat "TAP version 13" list, as kselftest.h tests print,
# because that is what the engines that parse kselftest output read: NIPA
# finds a test's results one level below a "# TAP version " line, LKFT takes
# each result line as a test name.  Arguments (KSELFTEST_RUN_SOCKSPEC_SH_ARGS
# for run_kselftest.sh) go to sockspec.
cd "$(dirname "$0")" || exit 1
exec ./sockspec --flat "$@"
