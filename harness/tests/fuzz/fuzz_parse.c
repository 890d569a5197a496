// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the case-file parser, on any bytes, with doc targets
 * checked against the built-in socket.rst.  Built with clang under ASan
 * and UBSan (make fuzz); every crash found becomes an input in
 * harness/tests/fuzz/regress-parse/, replayed by make check-fuzz.
 */
#include "docs/builtin.h"
#include "lang/case.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct doc_index docs;
static const struct doc_index *dp;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dp && doc_index_builtin(&docs) == 0)
		dp = &docs;
	/* the parser takes text: a NUL ends it, as a NUL in a file is refused earlier */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	struct casefile *cf = casefile_parse_text("fuzz/input.case", text, dp);
	casefile_free(cf);
	free(text);
	return 0;
}
