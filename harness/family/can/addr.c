// SPDX-License-Identifier: MIT
/*
 * AF_CAN, struct sockaddr_can:
 *
 *   {sa_family=AF_CAN, can_ifindex=if_nametoindex("vcan0")}            CAN_RAW, CAN_BCM
 *   {sa_family=AF_CAN, can_ifindex=0}                                  all interfaces
 *   {sa_family=AF_CAN, can_ifindex=if_nametoindex("vcan0"),
 *    can_addr={tp={rx_id=0x123, tx_id=0x321}}}                         CAN_ISOTP
 *   {sa_family=AF_CAN, can_ifindex=if_nametoindex("vcan0"),
 *    can_addr={j1939={name=0x1234, pgn=0x12300, addr=0x20}}}           CAN_J1939
 *
 * socket.rst's (interface,), (interface, rx_addr, tx_addr) and (interface,
 * name, pgn, addr) tuples, field by field; its '' interface is
 * can_ifindex=0.  can_addr is the union of the C structure, written with
 * the member the protocol uses.
 * - can_ifindex decodes as if_nametoindex("NAME") when the index names a
 *   link of the namespace the step runs in (as strace prints it), else as
 *   a number.
 * - rx_id and tx_id are CAN identifiers (can_notation.h): 0x123,
 *   0x18da00f1|CAN_EFF_FLAG.
 * - name, pgn and addr decode as integers that print the way the pattern
 *   wrote them (0x20, 32, J1939_NO_ADDR...).
 * - Decoding picks the member by the socket's protocol (decode_sock):
 *   ISO-TP sockets show tp, J1939 sockets j1939, raw and broadcast-manager
 *   sockets neither, unless the kernel wrote union bytes that are not zero
 *   (then can_addr="..." shows them raw).  Without a socket, the length
 *   decides: 16 bytes are tp, 24 j1939.
 * An address passed in is the whole structure (24 bytes) unless the step
 * gives an addrlen; fields left out are zero.  can_addr="..." passes raw
 * union bytes.
 */
#include "sock/addr.h"
#include "family/can/can.h"
#include "family/can/notation.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/can.h>
#include <net/if.h>
#include <stddef.h>
#include <string.h>

static const char *const can_fields[] = { "can_ifindex", "can_addr", NULL };
static const char *const tp_fields[] = { "rx_id", "tx_id", NULL };
static const char *const j1939_fields[] = { "name", "pgn", "addr", NULL };
static const char *const union_fields[] = { "tp", "j1939", NULL };

#define UNION_OFF offsetof(struct sockaddr_can, can_addr)
#define TP_END (UNION_OFF + sizeof(((struct sockaddr_can *)0)->can_addr.tp))

static int encode_tp(struct scope *x, const struct node *st, struct sockaddr_can *a, char **err)
{
	unsigned long long rx = 0, tx = 0;
	const struct node *r = node_get_field(st, "rx_id"), *t = node_get_field(st, "tx_id");
	if (can_check_fields(st, tp_fields, "can_addr.tp", err) ||
	    (r && can_eval_uint(x, r, 32, &rx, err)) || (t && can_eval_uint(x, t, 32, &tx, err)))
		return -1;
	a->can_addr.tp.rx_id = (canid_t)rx;
	a->can_addr.tp.tx_id = (canid_t)tx;
	return 0;
}

static int encode_j1939(struct scope *x, const struct node *st, struct sockaddr_can *a,
			char **err)
{
	unsigned long long name = 0, pgn = 0, addr = 0;
	const struct node *n = node_get_field(st, "name"), *p = node_get_field(st, "pgn"),
			  *d = node_get_field(st, "addr");
	if (can_check_fields(st, j1939_fields, "can_addr.j1939", err) ||
	    (n && can_eval_uint(x, n, 64, &name, err)) ||
	    (p && can_eval_uint(x, p, 32, &pgn, err)) || (d && can_eval_uint(x, d, 8, &addr, err)))
		return -1;
	a->can_addr.j1939.name = name;
	a->can_addr.j1939.pgn = (__u32)pgn;
	a->can_addr.j1939.addr = (__u8)addr;
	return 0;
}

static int encode_union(struct scope *x, const struct node *u, struct sockaddr_can *a,
			char **err)
{
	if (u->kind == N_STR) {
		size_t n;
		return eval_bytes(x, u, (unsigned char *)a + UNION_OFF, sizeof(a->can_addr), &n, err);
	}
	if (can_check_fields(u, union_fields, "can_addr", err))
		return -1;
	if (u->nkids != 1) {
		*err = xasprintf("%d:%d: can_addr holds one member: {tp={...}} or {j1939={...}}",
				 u->line, u->col);
		return -1;
	}
	const struct node *m = u->kids[0];
	return !strcmp(m->key, "tp") ? encode_tp(x, m, a, err) : encode_j1939(x, m, a, err);
}

static int can_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		      socklen_t *len, char **err)
{
	struct sockaddr_can *a = (struct sockaddr_can *)ss;
	long long ifindex;
	if (addr_check_fields(st, can_fields, err) ||
	    addr_field_int(x, st, "can_ifindex", &ifindex, err))
		return -1;
	a->can_ifindex = (int)ifindex;
	const struct node *u = node_get_field(st, "can_addr");
	if (u && encode_union(x, u, a, err))
		return -1;
	*len = sizeof(*a);
	return 0;
}

/* if_nametoindex("vcan0") for a link of this namespace, else the number. */
static struct node *ifindex_node(int ifindex)
{
	char name[IF_NAMESIZE];
	if (ifindex > 0 && if_indextoname((unsigned)ifindex, name))
		return node_call("if_nametoindex", node_str(name, strlen(name)));
	return node_int(ifindex);
}

enum member { M_NONE, M_TP, M_J1939 };

static struct node *can_decode_as(const struct sockaddr_storage *ss, socklen_t len,
				  enum member m)
{
	const struct sockaddr_can *a = (const struct sockaddr_can *)ss;
	struct node *st = addr_new(AF_CAN, "AF_CAN");
	if (len < UNION_OFF)
		return st;
	node_field(st, "can_ifindex", ifindex_node(a->can_ifindex));
	struct node *u = NULL, *mem;
	if (m == M_TP && len >= TP_END) {
		mem = node_new(N_STRUCT);
		node_field(mem, "rx_id", can_id_node(a->can_addr.tp.rx_id, 0));
		node_field(mem, "tx_id", can_id_node(a->can_addr.tp.tx_id, 0));
		u = node_new(N_STRUCT);
		node_field(u, "tp", mem);
	} else if (m == M_J1939 && len >= sizeof(*a)) {
		mem = node_new(N_STRUCT);
		node_field(mem, "name", node_int((long long)a->can_addr.j1939.name));
		node_field(mem, "pgn", node_int(a->can_addr.j1939.pgn));
		node_field(mem, "addr", node_int(a->can_addr.j1939.addr));
		u = node_new(N_STRUCT);
		node_field(u, "j1939", mem);
	} else if (len > UNION_OFF) {
		/* union bytes a protocol without a member wrote: shown only if not zero */
		size_t n = (len > sizeof(*a) ? sizeof(*a) : len) - UNION_OFF;
		const unsigned char *p = (const unsigned char *)ss + UNION_OFF;
		bool any = false;
		for (size_t i = 0; i < n; i++)
			any |= p[i] != 0;
		if (any)
			u = node_str(p, n);
	}
	if (u)
		node_field(st, "can_addr", u);
	return st;
}

static struct node *can_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	return can_decode_as(ss, len, len >= sizeof(struct sockaddr_can) ? M_J1939
				      : len >= TP_END ? M_TP : M_NONE);
}

static struct node *can_decode_sock(const struct sockaddr_storage *ss, socklen_t len, int type,
				    int protocol)
{
	(void)type;
	return can_decode_as(ss, len, protocol == CAN_ISOTP ? M_TP
				      : protocol == CAN_J1939 ? M_J1939 : M_NONE);
}

const struct addr_codec addr_can = {
	.family = AF_CAN,
	.name = "AF_CAN",
	.fields = can_fields,
	.encode = can_encode,
	.decode = can_decode,
	.decode_sock = can_decode_sock,
};
