// SPDX-License-Identifier: MIT
/*
 * AF_TIPC: struct sockaddr_tipc, field by field, with the union written as
 * the member the address type selects:
 *
 *   {sa_family=AF_TIPC, addrtype=TIPC_ADDR_NAMESEQ, scope=TIPC_CLUSTER_SCOPE,
 *    addr={nameseq={type=1000, lower=1, upper=10}}}
 *   {sa_family=AF_TIPC, addrtype=TIPC_ADDR_NAME, scope=TIPC_NODE_SCOPE,
 *    addr={name={name={type=1000, instance=5}, domain=0}}}
 *   {sa_family=AF_TIPC, addrtype=TIPC_ADDR_ID, scope=0,
 *    addr={id={ref=$ref, node=0}}}
 *
 * socket.rst's (addr_type, v1, v2, v3[, scope]) tuple: NAMESEQ's v1..v3
 * are type, lower, upper; NAME's are type, instance, domain; ID's are
 * node, ref (the C structure puts ref first, and so does this notation).
 *
 * - addrtype and scope decode as TIPC_ADDR_* and TIPC_*_SCOPE names for the
 *   values those have (1..3), else as numbers; the newer names
 *   (TIPC_SERVICE_RANGE, TIPC_SERVICE_ADDR, TIPC_SOCKET_ADDR) are the same
 *   values and match, but print as the older ones socket.rst uses.
 * - addr= decodes as the union member addrtype names; for another address
 *   type it is the union's three 32-bit words, addr=[w0, w1, w2], which a
 *   case may also pass in.  Encoding follows the member written, not
 *   addrtype, so a case can send a type and a member that disagree.
 * - Nested values may be captured and passed back: addr=$peer, ref=$ref.
 * Fields left out of an address passed in are zero.
 */
#include "sock/addr.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/tipc.h>
#include <stdint.h>
#include <string.h>

static const char *const tipc_fields[] = { "addrtype", "scope", "addr", NULL };

/* A $variable stands for what it captured; anything else for itself. */
static const struct node *resolve(struct scope *x, const struct node *n, char **err)
{
	if (n->kind != N_VAR)
		return n;
	const struct node *b = var_get(x, n->name);
	if (!b)
		*err = xasprintf("%d:%d: $%s is used before a step captured it", n->line, n->col,
				 n->name);
	return b;
}

/* N must be a {...} naming only fields of KNOWN; WHAT names it in errors. */
static int want_struct(const struct node *n, const char *what, const char *const *known,
		       const char *shape, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: %s is a structure: %s", n->line, n->col, what, shape);
		return -1;
	}
	const struct node *e = node_unknown_field(n, known, NULL);
	if (e) {
		*err = xasprintf("%d:%d: %s has the fields: %s", e->line, e->col, what, shape);
		return -1;
	}
	return 0;
}

static const char *const addr_members[] = { "nameseq", "name", "id", NULL };
static const char *const nameseq_f[] = { "type", "lower", "upper", NULL };
static const char *const name_f[] = { "name", "domain", NULL };
static const char *const tipc_name_f[] = { "type", "instance", NULL };
static const char *const id_f[] = { "ref", "node", NULL };

#define ADDR_SHAPE "{nameseq={type=, lower=, upper=}}, {name={name={type=, instance=}, " \
		   "domain=}}, {id={ref=, node=}} or [w0, w1, w2]"

/* addr=[w0, w1, w2]: the union as three words. */
static int encode_words(struct scope *x, const struct node *n, struct sockaddr_tipc *t,
			char **err)
{
	uint32_t w[3] = { 0, 0, 0 };
	if (n->nkids > 3) {
		*err = xasprintf("%d:%d: addr=[...] holds at most 3 words", n->line, n->col);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		long long v;
		if (eval_int(x, n->kids[i], &v, err))
			return -1;
		w[i] = (uint32_t)v;
	}
	memcpy(&t->addr, w, sizeof(w));
	return 0;
}

static int encode_union(struct scope *x, const struct node *a, struct sockaddr_tipc *t,
			char **err)
{
	if (!(a = resolve(x, a, err)))
		return -1;
	if (a->kind == N_LIST)
		return encode_words(x, a, t, err);
	if (want_struct(a, "addr", addr_members, ADDR_SHAPE, err))
		return -1;
	if (a->nkids != 1) {
		*err = xasprintf("%d:%d: addr holds one member: %s", a->line, a->col, ADDR_SHAPE);
		return -1;
	}
	const struct node *m = resolve(x, a->kids[0], err);
	const char *k = node_entry_key(a->kids[0]);
	if (!m)
		return -1;
	if (!strcmp(k, "nameseq")) {
		if (want_struct(m, "nameseq", nameseq_f, "{type=, lower=, upper=}", err))
			return -1;
		return addr_field_u32(x, m, "type", &t->addr.nameseq.type, err) ||
		       addr_field_u32(x, m, "lower", &t->addr.nameseq.lower, err) ||
		       addr_field_u32(x, m, "upper", &t->addr.nameseq.upper, err) ? -1 : 0;
	}
	if (!strcmp(k, "id")) {
		if (want_struct(m, "id", id_f, "{ref=, node=}", err))
			return -1;
		return addr_field_u32(x, m, "ref", &t->addr.id.ref, err) ||
		       addr_field_u32(x, m, "node", &t->addr.id.node, err) ? -1 : 0;
	}
	if (want_struct(m, "name", name_f, "{name={type=, instance=}, domain=}", err) ||
	    addr_field_u32(x, m, "domain", &t->addr.name.domain, err))
		return -1;
	const struct node *nm = node_get_field(m, "name");
	if (!nm)
		return 0;
	if (!(nm = resolve(x, nm, err)) ||
	    want_struct(nm, "name.name", tipc_name_f, "{type=, instance=}", err))
		return -1;
	return addr_field_u32(x, nm, "type", &t->addr.name.name.type, err) ||
	       addr_field_u32(x, nm, "instance", &t->addr.name.name.instance, err) ? -1 : 0;
}

static int tipc_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		       socklen_t *len, char **err)
{
	struct sockaddr_tipc *t = (struct sockaddr_tipc *)ss;
	long long addrtype, scope;
	if (addr_check_fields(st, tipc_fields, err) ||
	    addr_field_int(x, st, "addrtype", &addrtype, err) ||
	    addr_field_int(x, st, "scope", &scope, err))
		return -1;
	/* both are bytes in the ABI: truncated as a C assignment would */
	t->addrtype = (unsigned char)addrtype;
	t->scope = (signed char)scope;
	const struct node *a = node_get_field(st, "addr");
	if (a && encode_union(x, a, t, err))
		return -1;
	*len = sizeof(*t);
	return 0;
}

/* A named value for 1..3 (NAMES[v - 1]), else the number. */
static struct node *named(long long v, const char *const names[3])
{
	return v >= 1 && v <= 3 ? node_sym(names[v - 1], v) : node_int(v);
}

static const char *const addrtype_names[3] = {
	"TIPC_ADDR_NAMESEQ", "TIPC_ADDR_NAME", "TIPC_ADDR_ID",
};
static const char *const scope_names[3] = {
	"TIPC_ZONE_SCOPE", "TIPC_CLUSTER_SCOPE", "TIPC_NODE_SCOPE",
};

static struct node *tipc_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_tipc *t = (const struct sockaddr_tipc *)ss;
	struct node *st = addr_new(AF_TIPC, "AF_TIPC");
	if (len < sizeof(*t))
		return st;
	node_field(st, "addrtype", named(t->addrtype, addrtype_names));
	node_field(st, "scope", named(t->scope, scope_names));
	struct node *a = node_new(N_STRUCT), *m = node_new(N_STRUCT);
	switch (t->addrtype) {
	case TIPC_ADDR_NAMESEQ:
		node_field(m, "type", node_int(t->addr.nameseq.type));
		node_field(m, "lower", node_int(t->addr.nameseq.lower));
		node_field(m, "upper", node_int(t->addr.nameseq.upper));
		node_field(a, "nameseq", m);
		break;
	case TIPC_ADDR_NAME: {
		struct node *nm = node_new(N_STRUCT);
		node_field(nm, "type", node_int(t->addr.name.name.type));
		node_field(nm, "instance", node_int(t->addr.name.name.instance));
		node_field(m, "name", nm);
		node_field(m, "domain", node_int(t->addr.name.domain));
		node_field(a, "name", m);
		break;
	}
	case TIPC_ADDR_ID:
		node_field(m, "ref", node_int(t->addr.id.ref));
		node_field(m, "node", node_int(t->addr.id.node));
		node_field(a, "id", m);
		break;
	default: {
		uint32_t w[3];
		memcpy(w, &t->addr, sizeof(w));
		node_free(a);
		node_free(m);
		a = node_new(N_LIST);
		for (int i = 0; i < 3; i++)
			node_push(a, node_int(w[i]));
	}
	}
	node_field(st, "addr", a);
	return st;
}

const struct addr_codec addr_tipc = {
	.family = AF_TIPC,
	.name = "AF_TIPC",
	.fields = tipc_fields,
	.encode = tipc_encode,
	.decode = tipc_decode,
};
