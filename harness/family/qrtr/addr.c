// SPDX-License-Identifier: MIT
/*
 * AF_QIPCRTR: {sa_family=AF_QIPCRTR, sq_node=1, sq_port=16384}
 *
 * socket.rst's (node, port) pair, struct sockaddr_qrtr field by field.  Both
 * are unsigned 32-bit numbers and decode as such; the special values
 * print by name when the pattern used one (sq_node=QRTR_NODE_BCAST,
 * sq_port=QRTR_PORT_CTRL).  A decoded port may be captured and passed back
 * (sq_port=$port).  Fields left out of an address passed in are zero.
 */
#include "sock/addr.h"
#include "util/util.h"

#include <linux/qrtr.h>
#include <stdint.h>
#include <string.h>

static const char *const qrtr_fields[] = { "sq_node", "sq_port", NULL };

static int qrtr_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		       socklen_t *len, char **err)
{
	struct sockaddr_qrtr *q = (struct sockaddr_qrtr *)ss;
	if (addr_check_fields(st, qrtr_fields, err) ||
	    addr_field_u32(x, st, "sq_node", &q->sq_node, err) ||
	    addr_field_u32(x, st, "sq_port", &q->sq_port, err))
		return -1;
	*len = sizeof(*q);
	return 0;
}

static struct node *qrtr_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_qrtr *q = (const struct sockaddr_qrtr *)ss;
	struct node *st = addr_new(AF_QIPCRTR, "AF_QIPCRTR");
	if (len < sizeof(*q))
		return st;
	node_field(st, "sq_node", node_int(q->sq_node));
	node_field(st, "sq_port", node_int(q->sq_port));
	return st;
}

const struct addr_codec addr_qrtr = {
	.family = AF_QIPCRTR,
	.name = "AF_QIPCRTR",
	.fields = qrtr_fields,
	.encode = qrtr_encode,
	.decode = qrtr_decode,
};
