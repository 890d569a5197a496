/* SPDX-License-Identifier: MIT */
/*
 * The machine-readable record of a run (--json FILE), read by later tools
 * (regression diff across kernels, availability report).  Its layout is
 * documented in README.md under "JSON results"; bump JSON_SCHEMA on any
 * incompatible change.
 */
#ifndef SOCKSPEC_OUT_JSON_H
#define SOCKSPEC_OUT_JSON_H

#include "lang/case.h"
#include "exec/kernel.h"
#include "out/run.h"
#include "out/sink.h"
#include "exec/probe.h"
#include "exec/record.h"

#include <stdio.h>

/*
 * 2: kernel.config (the values of the CONFIG_ symbols the availability
 * table and the cases' `requires config` name) and probes[] (the
 * availability probes, run after the cases).  Readers take 1 and 2
 * (results.h).
 */
#define JSON_SCHEMA 2

/* The whole record of run R on F; 0 ok, -1 on a write error (errno). */
int json_write(FILE *f, const struct run_report *r);
extern const struct sink_format sink_json;

/* JSON string literal of S (with quotes). */
void json_string(FILE *f, const char *s);

#endif
