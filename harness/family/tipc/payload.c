// SPDX-License-Identifier: MIT
/*
 * AF_TIPC topology service messages: what a socket connected to the
 * service {TIPC_TOP_SRV, TIPC_TOP_SRV} writes (struct tipc_subscr, 28
 * bytes) and reads back (struct tipc_event, 48 bytes), in host byte order:
 *
 *   send(t, {seq={type=2000, lower=1, upper=10}, timeout=TIPC_WAIT_FOREVER,
 *            filter=TIPC_SUB_PORTS, usr_handle="sockspec"}, 28, 0) = 28
 *   recv(t, {event=TIPC_PUBLISHED, found_lower=5, found_upper=5,
 *            port={ref=$ref, node=0}, s={seq={type=2000, lower=1, upper=10},
 *            timeout=TIPC_WAIT_FOREVER, filter=TIPC_SUB_PORTS,
 *            usr_handle="sockspec"}}, 100, 0) = 48
 *
 * A structure with an event field is laid out as a tipc_event, any other
 * as a tipc_subscr; received bytes decode by their length (48 or 28) when
 * the pattern is a structure, anything else stays raw bytes.  usr_handle is
 * the subscriber's 8 bytes, padded with NULs when shorter, and decodes as
 * all 8.  timeout decodes as a signed number, so that TIPC_WAIT_FOREVER
 * ((~0), an int) matches it.  Fields left out are 0.  Strings in buffer positions stay raw
 * bytes, as for any socket: data between TIPC sockets is not a topology
 * message.
 */
#include "lang/match.h"
#include "sock/payload.h"
#include "util/util.h"

#include <linux/tipc.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#define SUB_SHAPE "{seq={type=, lower=, upper=}, timeout=, filter=, usr_handle=\"8 bytes\"}"
#define EVT_SHAPE "{event=, found_lower=, found_upper=, port={ref=, node=}, s=" SUB_SHAPE "}"

/* Struct N may name only the fields in KNOWN. */
static int only_fields(const struct node *n, const char *const *known, const char *shape,
		       char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: expected %s", n->line, n->col, shape);
		return -1;
	}
	const struct node *e = node_unknown_field(n, known, NULL);
	if (e) {
		*err = xasprintf("%d:%d: expected %s", e->line, e->col, shape);
		return -1;
	}
	return 0;
}

/* Integer field KEY of N into *OUT (left alone when absent). */
static int u32_of(struct scope *x, const struct node *n, const char *key, __u32 *out, char **err)
{
	const struct node *f = node_get_field(n, key);
	long long v;
	if (!f)
		return 0;
	if (eval_int(x, f, &v, err))
		return -1;
	*out = (__u32)v;
	return 0;
}

static int encode_subscr(struct scope *x, const struct node *n, struct tipc_subscr *s,
			 char **err)
{
	static const char *const known[] = { "seq", "timeout", "filter", "usr_handle", NULL };
	static const char *const seq_f[] = { "type", "lower", "upper", NULL };
	if (only_fields(n, known, SUB_SHAPE, err) ||
	    u32_of(x, n, "timeout", &s->timeout, err) || u32_of(x, n, "filter", &s->filter, err))
		return -1;
	const struct node *seq = node_get_field(n, "seq");
	if (seq && (only_fields(seq, seq_f, "seq={type=, lower=, upper=}", err) ||
		    u32_of(x, seq, "type", &s->seq.type, err) ||
		    u32_of(x, seq, "lower", &s->seq.lower, err) ||
		    u32_of(x, seq, "upper", &s->seq.upper, err)))
		return -1;
	const struct node *h = node_get_field(n, "usr_handle");
	if (h) {
		size_t len;
		if (eval_bytes(x, h, (unsigned char *)s->usr_handle, sizeof(s->usr_handle), &len,
			       err))
			return -1;
	}
	return 0;
}

static int topo_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		       size_t *len, char **err)
{
	if (n->kind != N_STRUCT || cap < sizeof(struct tipc_event)) {
		*err = xasprintf("%d:%d: a TIPC topology message is %s or %s", n->line, n->col,
				 SUB_SHAPE, EVT_SHAPE);
		return -1;
	}
	if (!node_get_field(n, "event")) {
		struct tipc_subscr s;
		memset(&s, 0, sizeof(s));
		if (encode_subscr(x, n, &s, err))
			return -1;
		memcpy(buf, &s, sizeof(s));
		*len = sizeof(s);
		return 0;
	}
	static const char *const known[] = { "event", "found_lower", "found_upper", "port", "s",
					     NULL };
	static const char *const port_f[] = { "ref", "node", NULL };
	struct tipc_event e;
	memset(&e, 0, sizeof(e));
	if (only_fields(n, known, EVT_SHAPE, err) || u32_of(x, n, "event", &e.event, err) ||
	    u32_of(x, n, "found_lower", &e.found_lower, err) ||
	    u32_of(x, n, "found_upper", &e.found_upper, err))
		return -1;
	const struct node *p = node_get_field(n, "port");
	if (p && (only_fields(p, port_f, "port={ref=, node=}", err) ||
		  u32_of(x, p, "ref", &e.port.ref, err) || u32_of(x, p, "node", &e.port.node, err)))
		return -1;
	const struct node *s = node_get_field(n, "s");
	if (s && encode_subscr(x, s, &e.s, err))
		return -1;
	memcpy(buf, &e, sizeof(e));
	*len = sizeof(e);
	return 0;
}

static struct node *decode_subscr(const struct tipc_subscr *s)
{
	struct node *st = node_new(N_STRUCT), *seq = node_new(N_STRUCT);
	node_field(seq, "type", node_int(s->seq.type));
	node_field(seq, "lower", node_int(s->seq.lower));
	node_field(seq, "upper", node_int(s->seq.upper));
	node_field(st, "seq", seq);
	/* signed: TIPC_WAIT_FOREVER is (~0), -1 as the int a case writes */
	node_field(st, "timeout", node_int((int32_t)s->timeout));
	node_field(st, "filter", node_int(s->filter));
	node_field(st, "usr_handle", node_str(s->usr_handle, sizeof(s->usr_handle)));
	return st;
}

static struct node *topo_decode(const unsigned char *buf, size_t len)
{
	if (len == sizeof(struct tipc_subscr)) {
		struct tipc_subscr s;
		memcpy(&s, buf, sizeof(s));
		return decode_subscr(&s);
	}
	if (len != sizeof(struct tipc_event))
		return node_str(buf, len);
	struct tipc_event e;
	memcpy(&e, buf, sizeof(e));
	struct node *st = node_new(N_STRUCT), *port = node_new(N_STRUCT);
	node_field(st, "event", node_int(e.event));
	node_field(st, "found_lower", node_int(e.found_lower));
	node_field(st, "found_upper", node_int(e.found_upper));
	node_field(port, "ref", node_int(e.port.ref));
	node_field(port, "node", node_int(e.port.node));
	node_field(st, "port", port);
	node_field(st, "s", decode_subscr(&e.s));
	return st;
}

const struct payload_codec tipc_codecs[] = {
	{ 0, "a TIPC topology message " SUB_SHAPE " or " EVT_SHAPE, topo_encode,
	  topo_decode },
	{ 0 },
};

