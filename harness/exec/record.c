// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "exec/record.h"
#include "util/util.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;	/* the runner went away; nothing useful left to do */
		c += w;
		n -= (size_t)w;
	}
}

/*
 * Record: type byte, 32-bit length, text (no terminator).  A case's main
 * sequence and its `process` children write to one pipe, so every record
 * goes out in one write of at most PIPE_BUF bytes, which the kernel keeps
 * whole; longer text (a trace of a 500 kB send) is cut, saying so.
 */
void report_put(struct report *r, enum rec_type t, const char *text)
{
	char cut[48];
	size_t n = strlen(text), keep = n, room = PIPE_BUF - 5;
	if (n > room) {
		snprintf(cut, sizeof(cut), " ... [%zu bytes cut]", n);
		keep = room - strlen(cut);
	}
	size_t total = keep + (keep < n ? strlen(cut) : 0);
	unsigned char hdr[5] = { (unsigned char)t };
	uint32_t len = (uint32_t)total;
	memcpy(hdr + 1, &len, 4);
	char *rec = xmalloc(total + 5);
	memcpy(rec, hdr, 5);
	memcpy(rec + 5, text, keep);
	if (keep < n)
		memcpy(rec + 5 + keep, cut, strlen(cut));
	write_all(r->fd, rec, total + 5);
	free(rec);
}

void report_putf(struct report *r, enum rec_type t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	report_put(r, t, s);
	free(s);
}

static void replace(char **dst, const char *src, size_t n)
{
	free(*dst);
	*dst = xstrndup(src, n);
}

void report_parse(struct case_result *r, const char *buf, size_t len)
{
	size_t off = 0;
	while (off + 5 <= len) {
		uint32_t n;
		memcpy(&n, buf + off + 1, 4);
		if (off + 5 + n > len)
			break;	/* torn record from a killed child */
		char t = buf[off];
		const char *d = buf + off + 5;
		switch (t) {
		case REC_STATUS: {
			char tmp[16];
			size_t k = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;
			memcpy(tmp, d, k);
			tmp[k] = 0;
			r->status = (enum status)atoi(tmp);
			r->have_status = true;
			break;
		}
		case REC_REASON: replace(&r->reason, d, n); break;
		case REC_EXPECTED: replace(&r->expected, d, n); break;
		case REC_ACTUAL: replace(&r->actual, d, n); break;
		case REC_STEP: {
			const char *tab = memchr(d, '\t', n);
			r->step_line = atoi(d);
			if (tab)
				replace(&r->step_text, tab + 1, n - (size_t)(tab + 1 - d));
			break;
		}
		case REC_MODULE: {
			size_t old = r->modules ? strlen(r->modules) : 0;
			r->modules = xrealloc(r->modules, old + n + 2);
			if (old)
				r->modules[old++] = ' ';
			memcpy(r->modules + old, d, n);
			r->modules[old + n] = 0;
			break;
		}
		case REC_TRACE: {
			size_t old = r->trace ? strlen(r->trace) : 0;
			r->trace = xrealloc(r->trace, old + n + 2);
			memcpy(r->trace + old, d, n);
			r->trace[old + n] = '\n';
			r->trace[old + n + 1] = 0;
			break;
		}
		default:
			break;
		}
		off += 5 + n;
	}
}

void case_result_free(struct case_result *r)
{
	free(r->reason);
	free(r->step_text);
	free(r->expected);
	free(r->actual);
	free(r->trace);
	free(r->modules);
	memset(r, 0, sizeof(*r));
}
