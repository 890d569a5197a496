// SPDX-License-Identifier: MIT
/*
 * AF_PACKET, struct sockaddr_ll in strace's order and notation:
 *
 *   {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=2,
 *    sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_HOST, sll_halen=6,
 *    sll_addr=[0x2, 0x42, 0xac, 0x11, 0, 0x2]}
 *
 * socket.rst's (ifname, proto, pkttype, hatype, addr) tuple, field by field.
 * - sll_ifindex decodes as a plain number, not strace's if_nametoindex("..."):
 *   a name only means something in one namespace, and a decoded value may
 *   be captured ($idx) and compared in another.  Cases write
 *   if_nametoindex("veth0") where they know the name.
 * - sll_hatype and sll_pkttype decode as numbers; they print as ARPHRD_* and
 *   PACKET_* names when the pattern used such a name.
 * - sll_addr is a list of byte values (up to 8 passed in), decoded when
 *   sll_halen is not 0 and printed as strace prints them (%#x: 0x2, 0x42, 0).
 *   A captured list ($mac) can be passed back in: sll_addr=$mac.
 * Fields left out of an address passed in are zero, sll_halen included: it
 * is not derived from sll_addr, so a case can pass a length that disagrees.
 */
#include "sock/addr.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const packet_fields[] = {
	"sll_protocol", "sll_ifindex", "sll_hatype", "sll_pkttype", "sll_halen", "sll_addr", NULL,
};

/* sll_addr=[0x2, ...] or a captured $mac: up to 8 bytes into sll->sll_addr. */
static int encode_hwaddr(struct scope *x, const struct node *n, struct sockaddr_ll *sll,
			 char **err)
{
	if (n->kind == N_VAR) {
		const struct node *b = var_get(x, n->name);
		if (!b) {
			*err = xasprintf("%d:%d: $%s is used before a step captured it", n->line,
					 n->col, n->name);
			return -1;
		}
		n = b;
	}
	if (n->kind != N_LIST || n->nkids > sizeof(sll->sll_addr)) {
		*err = xasprintf("%d:%d: sll_addr is a list of at most %zu bytes: [0x2, 0, ...]",
				 n->line, n->col, sizeof(sll->sll_addr));
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		long long v;
		if (eval_int(x, n->kids[i], &v, err))
			return -1;
		if (v < 0 || v > 0xff) {
			*err = xasprintf("%d:%d: a byte is 0 to 0xff", n->kids[i]->line,
					 n->kids[i]->col);
			return -1;
		}
		sll->sll_addr[i] = (unsigned char)v;
	}
	return 0;
}

static int packet_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
			 socklen_t *len, char **err)
{
	struct sockaddr_ll *sll = (struct sockaddr_ll *)ss;
	long long proto, ifindex, hatype, pkttype, halen;
	if (addr_check_fields(st, packet_fields, err) ||
	    addr_field_int(x, st, "sll_protocol", &proto, err) ||
	    addr_field_int(x, st, "sll_ifindex", &ifindex, err) ||
	    addr_field_int(x, st, "sll_hatype", &hatype, err) ||
	    addr_field_int(x, st, "sll_pkttype", &pkttype, err) ||
	    addr_field_int(x, st, "sll_halen", &halen, err))
		return -1;
	/* truncated to the field widths, as a C program's assignments would be */
	sll->sll_protocol = (unsigned short)proto;
	sll->sll_ifindex = (int)ifindex;
	sll->sll_hatype = (unsigned short)hatype;
	sll->sll_pkttype = (unsigned char)pkttype;
	sll->sll_halen = (unsigned char)halen;
	const struct node *a = node_get_field(st, "sll_addr");
	if (a && encode_hwaddr(x, a, sll, err))
		return -1;
	*len = sizeof(*sll);
	return 0;
}

/*
 * A byte as strace's %#x prints it (0x2, 0x42, and 0 for zero).  A named
 * node keeps that spelling and still compares by value; a plain integer
 * node would print in decimal.
 */
static struct node *hex_byte(unsigned char b)
{
	char name[8];
	snprintf(name, sizeof(name), "%#x", b);
	return node_sym(name, b);
}

static struct node *packet_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_ll *sll = (const struct sockaddr_ll *)ss;
	struct node *st = addr_new(AF_PACKET, "AF_PACKET");
	const size_t head = offsetof(struct sockaddr_ll, sll_addr);
	if (len < head)
		return st;
	node_field(st, "sll_protocol", node_call("htons", node_int(ntohs(sll->sll_protocol))));
	node_field(st, "sll_ifindex", node_int(sll->sll_ifindex));
	node_field(st, "sll_hatype", node_int(sll->sll_hatype));
	node_field(st, "sll_pkttype", node_int(sll->sll_pkttype));
	node_field(st, "sll_halen", node_int(sll->sll_halen));
	if (!sll->sll_halen)
		return st;
	/*
	 * Only the bytes both announced and written.  A device address can be
	 * longer than sll_addr's 8 bytes (the kernel then writes past it, into
	 * the rest of our sockaddr_storage), so read it from there.
	 */
	size_t n = sll->sll_halen;
	if (n > len - head)
		n = len - head;
	if (n > sizeof(*ss) - head)
		n = sizeof(*ss) - head;
	const unsigned char *hw = (const unsigned char *)ss + head;
	struct node *addr = node_new(N_LIST);
	for (size_t i = 0; i < n; i++)
		node_push(addr, hex_byte(hw[i]));
	node_field(st, "sll_addr", addr);
	return st;
}

const struct addr_codec addr_packet = {
	.family = AF_PACKET,
	.name = "AF_PACKET",
	.fields = packet_fields,
	.encode = packet_encode,
	.decode = packet_decode,
};
