// SPDX-License-Identifier: MIT
#include "sock/addr.h"
#include "lang/consts.h"
#include "core/family.h"
#include "lang/fields.h"
#include "lang/match.h"
#include "sock/sockproto.h"
#include "util/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct addr_codec *addr_codec_find(int family)
{
	const struct sockspec_family *f = family_find(family);
	return f ? f->addr : NULL;
}

struct node *addr_new(int family, const char *name)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym(name, family));
	return st;
}

int addr_field_int(struct scope *x, const struct node *st, const char *key,
		   long long *v, char **err)
{
	return field_int(x, st, key, 0, v, err);
}

int addr_field_u32(struct scope *x, const struct node *st, const char *key, uint32_t *out,
		   char **err)
{
	unsigned u;
	if (field_u32(x, st, key, &u, err))
		return -1;
	*out = u;
	return 0;
}

int addr_check_fields(const struct node *st, const char *const *known, char **err)
{
	const struct node *e = node_unknown_field(st, known, "sa_family");
	if (e) {
		const char *k = node_entry_key(e);
		*err = xasprintf("%d:%d: '%s' is not a field of this address family", e->line,
				 e->col, k ? k : "(unnamed value)");
		return -1;
	}
	return 0;
}

/* A family without a codec: sa_family plus raw sa_data bytes. */
static int encode_generic(struct scope *x, const struct node *st, long long fam,
			  struct sockaddr_storage *ss, socklen_t *len, char **err)
{
	static const char *const known[] = { "sa_data", NULL };
	if (addr_check_fields(st, known, err))
		return -1;
	ss->ss_family = (sa_family_t)fam;
	*len = sizeof(sa_family_t);
	const struct node *d = node_get_field(st, "sa_data");
	if (d) {
		size_t n;
		if (eval_bytes(x, d, (unsigned char *)ss + sizeof(sa_family_t),
			       sizeof(*ss) - sizeof(sa_family_t), &n, err))
			return -1;
		*len += (socklen_t)n;
	}
	return 0;
}

int addr_encode(struct scope *x, const struct node *n, struct sockaddr_storage *ss,
		socklen_t *len, char **err)
{
	memset(ss, 0, sizeof(*ss));
	*len = 0;
	if (n->kind == N_NULL)
		return 0;
	if (n->kind == N_VAR) {
		const struct node *b = var_get(x, n->name);
		if (!b) {
			*err = xasprintf("%d:%d: $%s is used before a step captured it", n->line,
					 n->col, n->name);
			return -1;
		}
		return addr_encode(x, b, ss, len, err);
	}
	const struct node *f = node_get_field(n, "sa_family");
	long long fam;
	if (!f) {
		*err = xasprintf("%d:%d: an address needs sa_family=...", n->line, n->col);
		return -1;
	}
	if (eval_int(x, f, &fam, err))
		return -1;
	const struct addr_codec *c = addr_codec_find((int)fam);
	if (!c)
		return encode_generic(x, n, fam, ss, len, err);
	ss->ss_family = (sa_family_t)fam;
	return c->encode(x, n, ss, len, err);
}

struct node *addr_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	if (len < sizeof(sa_family_t))
		return node_new(N_STRUCT);	/* nothing written: {} */
	const struct addr_codec *c = addr_codec_find(ss->ss_family);
	if (c)
		return c->decode(ss, len);
	const char *nm = consts_name(ss->ss_family, "AF_");
	struct node *st = nm ? addr_new(ss->ss_family, nm) : node_new(N_STRUCT);
	if (!nm)
		node_field(st, "sa_family", node_int(ss->ss_family));
	if (len > sizeof(sa_family_t)) {
		size_t n = len > sizeof(*ss) ? sizeof(*ss) : len;
		node_field(st, "sa_data", node_str((const unsigned char *)ss + sizeof(sa_family_t),
						   n - sizeof(sa_family_t)));
	}
	return st;
}

struct node *addr_decode_fd(int fd, const struct sockaddr_storage *ss, socklen_t len)
{
	const struct addr_codec *c =
		len >= sizeof(sa_family_t) ? addr_codec_find(ss->ss_family) : NULL;
	int domain, type, proto;
	if (!c || !c->decode_sock || sock_identify(fd, &domain, &type, &proto) != 0)
		return addr_decode(ss, len);
	return c->decode_sock(ss, len, type, proto);
}

int addr_check_destination(const struct sockaddr_storage *ss, socklen_t len, char **err)
{
	if (len < sizeof(sa_family_t))
		return 0;
	const struct sockspec_family *f = family_find(ss->ss_family);
	return f && f->destination ? f->destination(ss, len, err) : 0;
}
