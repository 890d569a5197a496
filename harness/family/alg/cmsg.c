// SPDX-License-Identifier: MIT
/*
 * Ancillary data of SOL_ALG (sock/cmsg.h), as CPython's sendmsg_afalg
 * sends it:
 *   ALG_SET_OP [ALG_OP_ENCRYPT], ALG_SET_AEAD_ASSOCLEN [N]   int items;
 *   ALG_SET_IV {ivlen=16, iv=x"0001.."}   struct af_alg_iv: a u32 length,
 *   then the IV; ivlen defaults to the IV's length and may be given to
 *   disagree with it.
 */
#include "family/alg/alg.h"
#include "lang/fields.h"
#include "lang/match.h"
#include "sock/cmsg.h"
#include "util/util.h"

#include <linux/if_alg.h>
#include <string.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

static int iv_encode(struct scope *x, const struct node *st, unsigned char *out, size_t cap,
		     size_t *len, char **err)
{
	static const char *const keys[] = { "ivlen", "iv", NULL };
	const struct node *ivn = node_get_field(st, "iv");
	unsigned char iv[CMSG_MAX_DATA];
	size_t n = 0;
	long long ivlen;
	if (fields_only(st, keys, "ALG_SET_IV data {ivlen=N, iv=\"...\"}", err))
		return -1;
	if (ivn && eval_bytes(x, ivn, iv, sizeof(iv) - sizeof(__u32), &n, err))
		return -1;
	if (field_int(x, st, "ivlen", (long long)n, &ivlen, err))
		return -1;
	if (sizeof(__u32) + n > cap)
		return field_error(err, st, "an IV of %zu bytes does not fit", n);
	__u32 l32 = (__u32)ivlen;
	memcpy(out, &l32, sizeof(l32));
	memcpy(out + sizeof(l32), iv, n);
	*len = sizeof(l32) + n;
	return 0;
}

/* nothing sends it back; decoded as written, for symmetry */
static struct node *iv_decode(const unsigned char *data, size_t len)
{
	if (len < sizeof(__u32))
		return node_str(data, len);
	__u32 l32;
	memcpy(&l32, data, sizeof(l32));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "ivlen", node_int(l32));
	node_field(st, "iv", node_str(data + sizeof(l32), len - sizeof(l32)));
	return st;
}

const struct cmsg_shape alg_cmsgs[] = {
	{ SOL_ALG, ALG_SET_OP, "SOL_ALG", "ALG_SET_OP", CMSG_INT, NULL, 0, NULL, NULL },
	{ SOL_ALG, ALG_SET_IV, "SOL_ALG", "ALG_SET_IV", CMSG_CUSTOM, NULL, 0, iv_encode, iv_decode },
	{ SOL_ALG, ALG_SET_AEAD_ASSOCLEN, "SOL_ALG", "ALG_SET_AEAD_ASSOCLEN", CMSG_INT, NULL, 0,
	  NULL, NULL },
	{ 0 },
};
