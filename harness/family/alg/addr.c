// SPDX-License-Identifier: MIT
/*
 * AF_ALG, struct sockaddr_alg (linux/if_alg.h):
 *
 *   {sa_family=AF_ALG, salg_type="hash", salg_feat=0, salg_mask=0, salg_name="sha256"}
 *
 * socket.rst's (type, name[, feat[, mask]]) tuple, in the structure's
 * order.  Fields left out are empty or 0, so {sa_family=AF_ALG,
 * salg_type="hash", salg_name="sha256"} is the two-element tuple.
 *
 * The lengths are the point of some cases, so the codec passes what a case
 * wrote rather than what fits:
 * - salg_type is the 14-byte array: up to 14 bytes, the 14th taking the
 *   place of the terminator (the kernel overwrites that byte with a NUL, so
 *   it reads at most 13).  More cannot be passed at all.
 * - salg_name is the 64-byte array of the classic structure, but the kernel
 *   takes the name's end from the address length (it writes a NUL at
 *   addrlen - sizeof(struct sockaddr_alg) - 1; struct sockaddr_alg_new has
 *   a flexible name).  A name of up to 63 bytes is passed with addrlen 88,
 *   sizeof(struct sockaddr_alg), as C programs and CPython do; a longer one,
 *   up to what a sockaddr_storage holds (104 bytes), with its terminating
 *   NUL and addrlen 24 + length + 1, so the kernel sees all of it and its
 *   own limits show.  The optional addrlen argument of bind cuts the name
 *   wherever a case wants.
 * - salg_feat and salg_mask are the u32 flag words (the kernel accepts only
 *   CRYPTO_ALG_KERN_DRIVER_ONLY, 0x1000, in either).
 * The kernel never returns an AF_ALG address (getsockname is EOPNOTSUPP);
 * decoding exists for symmetry: the type up to its NUL, the flag words, the
 * name up to its NUL or the end of what was returned.
 */
#include "sock/addr.h"
#include "family/alg/alg.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/if_alg.h>
#include <stddef.h>
#include <string.h>

#define TYPE_MAX sizeof(((struct sockaddr_alg *)0)->salg_type)
#define NAME_OFF offsetof(struct sockaddr_alg, salg_name)
#define NAME_FIXED sizeof(((struct sockaddr_alg *)0)->salg_name)
#define NAME_MAX_ (sizeof(struct sockaddr_storage) - NAME_OFF)

static const char *const alg_fields[] = {
	"salg_type", "salg_feat", "salg_mask", "salg_name", NULL,
};

/* Bytes of string field KEY into OUT (at most CAP); absent: none. */
static int field_bytes(struct scope *x, const struct node *st, const char *key,
		       unsigned char *out, size_t cap, size_t *len, char **err)
{
	const struct node *f = node_get_field(st, key);
	unsigned char buf[sizeof(struct sockaddr_storage)];
	*len = 0;
	if (!f)
		return 0;
	if (eval_bytes(x, f, buf, sizeof(buf), len, err))
		return -1;
	if (*len > cap) {
		*err = xasprintf("%d:%d: %s holds at most %zu bytes here, not %zu", f->line, f->col,
				 key, cap, *len);
		return -1;
	}
	memcpy(out, buf, *len);
	return 0;
}

static int alg_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		      socklen_t *len, char **err)
{
	struct sockaddr_alg *sa = (struct sockaddr_alg *)ss;
	long long feat, mask;
	size_t tlen, nlen;
	if (addr_check_fields(st, alg_fields, err) ||
	    field_bytes(x, st, "salg_type", sa->salg_type, TYPE_MAX, &tlen, err) ||
	    addr_field_int(x, st, "salg_feat", &feat, err) ||
	    addr_field_int(x, st, "salg_mask", &mask, err) ||
	    field_bytes(x, st, "salg_name", (unsigned char *)ss + NAME_OFF, NAME_MAX_, &nlen, err))
		return -1;
	sa->salg_feat = (__u32)feat;
	sa->salg_mask = (__u32)mask;
	/* a short name in the classic structure; a long one with its NUL, if it fits */
	if (nlen < NAME_FIXED)
		*len = sizeof(*sa);
	else if (nlen < NAME_MAX_)
		*len = (socklen_t)(NAME_OFF + nlen + 1);
	else
		*len = sizeof(*ss);
	return 0;
}

static struct node *alg_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_alg *sa = (const struct sockaddr_alg *)ss;
	struct node *st = addr_new(AF_ALG, "AF_ALG");
	if (len < NAME_OFF)
		return st;
	node_field(st, "salg_type", node_str(sa->salg_type, strnlen((const char *)sa->salg_type,
								      TYPE_MAX)));
	node_field(st, "salg_feat", node_int(sa->salg_feat));
	node_field(st, "salg_mask", node_int(sa->salg_mask));
	size_t room = len > sizeof(*ss) ? NAME_MAX_ : len - NAME_OFF;
	const char *name = (const char *)ss + NAME_OFF;
	node_field(st, "salg_name", node_str(name, strnlen(name, room)));
	return st;
}

const struct addr_codec addr_alg = {
	.family = AF_ALG,
	.name = "AF_ALG",
	.fields = alg_fields,
	.encode = alg_encode,
	.decode = alg_decode,
};
