// SPDX-License-Identifier: MIT
/*
 * Bluetooth option shapes.  HCI_DATA_DIR and HCI_TIME_STAMP (SOL_HCI) are
 * ints; HCI_FILTER is BlueZ's struct hci_filter, which packets a raw HCI
 * socket receives:
 *
 *   {type_mask=0x10, event_mask=[0xffffffff, 0], opcode=0}
 *
 * type_mask has one bit per packet type (1 << HCI_EVENT_PKT...),
 * event_mask one bit per event code across its two 32-bit words, opcode
 * the command whose completion events alone pass (0: any).  Fields left
 * out are 0, as are words left out of event_mask.  The structure is 16
 * bytes, its padding included, as a C program passes it (and as the
 * kernel's struct hci_ufilter answers); 6.12 refuses fewer with EINVAL.
 */
#include "lang/match.h"
#include "sock/sockopt.h"
#include "util/util.h"

#include <stdint.h>
#include <string.h>

/* BlueZ's values (bluetooth/hci.h), kept here so the build does not need
 * its headers: the option level, the option, and the filter's layout. */
#define BT_SOL_HCI 0
#define BT_HCI_FILTER 2
#define FILTER_LEN 16	/* type_mask, event_mask[2], opcode, padding */

static int filter_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	static const char shape[] = "{type_mask=, event_mask=[w0, w1], opcode=}";
	uint32_t type_mask = 0, ev[2] = { 0, 0 };
	uint16_t opcode = 0;
	if (n->kind != N_STRUCT || cap < FILTER_LEN) {
		*err = xasprintf("%d:%d: HCI_FILTER takes %s", n->line, n->col, shape);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const char *k = node_entry_key(e);
		long long v;
		if (k && !strcmp(k, "event_mask") && e->kind == N_LIST && e->nkids <= 2) {
			for (size_t j = 0; j < e->nkids; j++) {
				if (eval_int(x, e->kids[j], &v, err))
					return -1;
				ev[j] = (uint32_t)v;
			}
		} else if (k && (!strcmp(k, "type_mask") || !strcmp(k, "opcode"))) {
			if (eval_int(x, e, &v, err))
				return -1;
			if (k[0] == 't')
				type_mask = (uint32_t)v;
			else
				opcode = (uint16_t)v;
		} else {
			*err = xasprintf("%d:%d: HCI_FILTER takes %s", e->line, e->col, shape);
			return -1;
		}
	}
	memcpy(buf, &type_mask, 4);
	memcpy(buf + 4, ev, 8);
	memcpy(buf + 12, &opcode, 2);
	memset(buf + 14, 0, 2);
	*len = FILTER_LEN;
	return 0;
}

static struct node *filter_decode(const unsigned char *buf, socklen_t len)
{
	if (len != FILTER_LEN)
		return node_str(buf, len);
	uint32_t type_mask, ev[2];
	uint16_t opcode;
	memcpy(&type_mask, buf, 4);
	memcpy(ev, buf + 4, 8);
	memcpy(&opcode, buf + 12, 2);
	struct node *st = node_new(N_STRUCT), *l = node_new(N_LIST);
	node_field(st, "type_mask", node_int(type_mask));
	node_push(l, node_int(ev[0]));
	node_push(l, node_int(ev[1]));
	node_field(st, "event_mask", l);
	node_field(st, "opcode", node_int(opcode));
	return st;
}

const struct sockopt_ext bt_opts[] = {
	/* SOL_HCI is 0, SOL_IP's number: the descriptor keeps this table
	 * for Bluetooth sockets (own_opts) */
	{ BT_SOL_HCI, BT_HCI_FILTER, FILTER_LEN, filter_encode, filter_decode, { 0 } },
	{ 0 },
};

