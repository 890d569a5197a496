// SPDX-License-Identifier: MIT
/*
 * AF_QIPCRTR control packets: what the name service on QRTR_PORT_CTRL
 * reads and answers, struct qrtr_ctrl_pkt (20 bytes, little-endian):
 *
 *   sendto(c, {cmd=QRTR_TYPE_NEW_LOOKUP, service=24065, instance=0}, 20, 0,
 *          {sa_family=AF_QIPCRTR, sq_node=1, sq_port=QRTR_PORT_CTRL}) = 20
 *   recvfrom(c, {cmd=QRTR_TYPE_NEW_SERVER, service=0, instance=0, node=0, port=0},
 *            64, 0, {sa_family=AF_QIPCRTR, sq_node=1, sq_port=QRTR_PORT_CTRL}) = 20
 *
 * cmd picks the union member: QRTR_TYPE_DEL_CLIENT is {cmd=, node=, port=}
 * (the client), every other command {cmd=, service=, instance=, node=,
 * port=} (the server; lookups leave node and port 0).  Fields left out are
 * 0; a structure always lays out all 20 bytes.  Received bytes decode the
 * same way when the pattern is a structure; fewer than 20 decode as far as
 * they go.  A string in a buffer position stays raw bytes, as for any
 * socket: data between ports is not a control packet.
 */
#include "lang/match.h"
#include "sock/payload.h"
#include "util/util.h"

#include <linux/qrtr.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#define PKT_LEN 20

struct pkt_field {
	const char *name;
	size_t off;
};

static const struct pkt_field server_f[] = {
	{ "cmd", 0 }, { "service", 4 }, { "instance", 8 }, { "node", 12 }, { "port", 16 },
};
static const struct pkt_field client_f[] = { { "cmd", 0 }, { "node", 4 }, { "port", 8 } };

static const struct pkt_field *fields_of(uint32_t cmd, size_t *n)
{
	if (cmd == QRTR_TYPE_DEL_CLIENT) {
		*n = ARRAY_SIZE(client_f);
		return client_f;
	}
	*n = ARRAY_SIZE(server_f);
	return server_f;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int ctrl_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		       size_t *len, char **err)
{
	static const char shape[] = "{cmd=QRTR_TYPE_..., service=, instance=, node=, port=} "
				    "({cmd=QRTR_TYPE_DEL_CLIENT, node=, port=})";
	if (n->kind != N_STRUCT || cap < PKT_LEN) {
		*err = xasprintf("%d:%d: a QRTR control packet is %s", n->line, n->col, shape);
		return -1;
	}
	long long cmd = 0;
	const struct node *c = node_get_field(n, "cmd");
	if (c && eval_int(x, c, &cmd, err))
		return -1;
	size_t nf;
	const struct pkt_field *f = fields_of((uint32_t)cmd, &nf);
	memset(buf, 0, PKT_LEN);
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const char *k = node_entry_key(e);
		size_t j = 0;
		while (j < nf && !(k && !strcmp(k, f[j].name)))
			j++;
		if (j == nf) {
			*err = xasprintf("%d:%d: a QRTR control packet is %s", e->line, e->col, shape);
			return -1;
		}
		long long v;
		if (eval_int(x, e, &v, err))
			return -1;
		put_le32(buf + f[j].off, (uint32_t)v);
	}
	*len = PKT_LEN;
	return 0;
}

static struct node *ctrl_decode(const unsigned char *buf, size_t len)
{
	if (len < 4)
		return node_str(buf, len);
	size_t nf;
	const struct pkt_field *f = fields_of(get_le32(buf), &nf);
	struct node *st = node_new(N_STRUCT);
	for (size_t i = 0; i < nf && f[i].off + 4 <= len; i++)
		node_field(st, f[i].name, node_int(get_le32(buf + f[i].off)));
	return st;
}

const struct payload_codec qrtr_codecs[] = {
	{ 0, "a QRTR control packet {cmd=, service=, instance=, node=, port=}",
	  ctrl_encode, ctrl_decode },
	{ 0 },
};

