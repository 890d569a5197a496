// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the JSON reader that diff, matrix and availability use
 * on results records (util/jsonread.h), on any bytes.  Crashes become
 * inputs in harness/tests/fuzz/regress-json/.
 */
#include "util/jsonread.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jv v;
	struct jv_error err;
	if (jv_parse((const char *)data, size, &v, &err) == 0) {
		(void)jv_string(jv_get(&v, "sockspec_version"));
		jv_free(&v);
	}
	return 0;
}
