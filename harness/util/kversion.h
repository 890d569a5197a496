/* SPDX-License-Identifier: MIT */
/* A kernel release as numbers: "6.18.44-fc-v657" is 6.18.44. */
#ifndef SOCKSPEC_UTIL_KVERSION_H
#define SOCKSPEC_UTIL_KVERSION_H

struct kversion {
	int major, minor, patch;
};

/* Parse "6.18.44-fc-v657" -> {6,18,44}; "6.1" -> {6,1,0}. 0 ok, -1 bad. */
int kversion_parse(const char *release, struct kversion *out);

/* <0, 0, >0 like strcmp. */
int kversion_cmp(const struct kversion *a, const struct kversion *b);

#endif
