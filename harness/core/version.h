/* SPDX-License-Identifier: MIT */
/*
 * The program's version and the commit it was built from, both made by
 * scripts/gen-commit (git describe, or the VERSION file of a tarball).
 */
#ifndef SOCKSPEC_CORE_VERSION_H
#define SOCKSPEC_CORE_VERSION_H
#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef SOCKSPEC_VERSION
#define SOCKSPEC_VERSION "unknown"
#endif
#ifndef SOCKSPEC_COMMIT
#define SOCKSPEC_COMMIT "unknown"
#endif
#endif
