/* SPDX-License-Identifier: MIT */
/* The program's version, and the commit it was built from (scripts/gen-commit). */
#ifndef SOCKSPEC_CORE_VERSION_H
#define SOCKSPEC_CORE_VERSION_H
#ifndef SOCKSPEC_VERSION
#define SOCKSPEC_VERSION "0.1.0"
#endif
#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef SOCKSPEC_COMMIT
#define SOCKSPEC_COMMIT "unknown"
#endif
#endif
