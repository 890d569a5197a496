// SPDX-License-Identifier: MIT
/*
 * AF_CAN option values that are not ints (sockopt.h):
 *
 *   CAN_RAW_FILTER     [{can_id=0x123, can_mask=CAN_SFF_MASK}, ...]  (struct can_filter[];
 *                      [] sets none: the socket then receives nothing)
 *   SO_J1939_FILTER    [{name=0, name_mask=0, pgn=0x12300, pgn_mask=J1939_PGN_PDU1_MAX,
 *                        addr=0x20, addr_mask=0xff}, ...]            (struct j1939_filter[])
 *   CAN_ISOTP_OPTS     {flags=CAN_ISOTP_TX_PADDING, frame_txtime=0, ext_address=0,
 *                       txpad_content=0xcc, rxpad_content=0xcc, rx_ext_address=0}
 *   CAN_ISOTP_RECV_FC  {bs=0, stmin=0, wftmax=0}
 *   CAN_ISOTP_LL_OPTS  {mtu=16, tx_dl=8, tx_flags=0}
 *
 * A filter's can_id and can_mask use the identifier notation of
 * can_notation.h (bit 29 of a filter's can_id is CAN_INV_FILTER).  The
 * other fields are integers that print the way the pattern wrote them.
 * CAN_RAW_ERR_FILTER (a can_err_mask_t), CAN_RAW_LOOPBACK and the other
 * flags, SO_J1939_PROMISC, CAN_ISOTP_TX_STMIN... are 32-bit values: ints,
 * written [1].
 */
#include "family/can/can.h"
#include "family/can/notation.h"
#include "sock/sockopt.h"
#include "util/util.h"

#include <linux/can.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <linux/can/raw.h>
#include <stddef.h>
#include <string.h>

#define EXT_BUF 256	/* what getsockopt offers (sockopt_ext's limit) */

static int list_of(const struct node *n, const char *what, char **err)
{
	if (n->kind != N_LIST) {
		*err = xasprintf("%d:%d: this option takes a list of %s: [{...}, ...]", n->line,
				 n->col, what);
		return -1;
	}
	return 0;
}

static int can_filter_encode(struct scope *x, const struct node *n, unsigned char *buf,
			     size_t cap, socklen_t *len, char **err)
{
	static const char *const fields[] = { "can_id", "can_mask", NULL };
	if (list_of(n, "filters {can_id=, can_mask=}", err))
		return -1;
	if (n->nkids * sizeof(struct can_filter) > cap) {
		*err = xasprintf("%d:%d: at most %zu filters fit", n->line, n->col,
				 cap / sizeof(struct can_filter));
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *st = n->kids[i], *f;
		unsigned long long id = 0, mask = 0;
		if (can_check_fields(st, fields, "a CAN filter", err) ||
		    ((f = node_get_field(st, "can_id")) && can_eval_uint(x, f, 32, &id, err)) ||
		    ((f = node_get_field(st, "can_mask")) && can_eval_uint(x, f, 32, &mask, err)))
			return -1;
		struct can_filter cf = { .can_id = (canid_t)id, .can_mask = (canid_t)mask };
		memcpy(buf + i * sizeof(cf), &cf, sizeof(cf));
	}
	*len = (socklen_t)(n->nkids * sizeof(struct can_filter));
	return 0;
}

static struct node *can_filter_decode(const unsigned char *buf, socklen_t len)
{
	if (len % sizeof(struct can_filter))
		return node_str(buf, len);
	struct node *l = node_new(N_LIST);
	for (size_t at = 0; at < len; at += sizeof(struct can_filter)) {
		struct can_filter cf;
		memcpy(&cf, buf + at, sizeof(cf));
		struct node *st = node_new(N_STRUCT);
		node_field(st, "can_id", can_id_node(cf.can_id, 1));
		node_field(st, "can_mask", can_mask_node(cf.can_mask));
		node_push(l, st);
	}
	return l;
}

/* struct j1939_filter, field by field (sockopt.h's layouts) */
static const struct opt_field j1939_filter_f[] = {
	OF_U(name, offsetof(struct j1939_filter, name), 8),
	OF_U(name_mask, offsetof(struct j1939_filter, name_mask), 8),
	OF_U(pgn, offsetof(struct j1939_filter, pgn), 4),
	OF_U(pgn_mask, offsetof(struct j1939_filter, pgn_mask), 4),
	OF_U(addr, offsetof(struct j1939_filter, addr), 1),
	OF_U(addr_mask, offsetof(struct j1939_filter, addr_mask), 1),
};
static const struct opt_layout j1939_filter_l =
	OPT_LAYOUT("j1939_filter", sizeof(struct j1939_filter), 0, j1939_filter_f);

static int j1939_filter_encode(struct scope *x, const struct node *n, unsigned char *buf,
			       size_t cap, socklen_t *len, char **err)
{
	const struct opt_layout *v[] = { &j1939_filter_l };
	const size_t fsz = sizeof(struct j1939_filter);
	if (list_of(n, "J1939 filters {name=, name_mask=, pgn=, pgn_mask=, addr=, addr_mask=}",
		    err))
		return -1;
	if (n->nkids * fsz > cap) {
		*err = xasprintf("%d:%d: at most %zu filters fit", n->line, n->col, cap / fsz);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		socklen_t l;
		if (layout_encode(x, v, 1, n->kids[i], buf + i * fsz, fsz, &l, err))
			return -1;
	}
	*len = (socklen_t)(n->nkids * fsz);
	return 0;
}

static struct node *j1939_filter_decode(const unsigned char *buf, socklen_t len)
{
	const struct opt_layout *v[] = { &j1939_filter_l };
	const size_t fsz = sizeof(struct j1939_filter);
	if (len % fsz)
		return node_str(buf, len);
	struct node *l = node_new(N_LIST);
	for (size_t at = 0; at < len; at += fsz)
		node_push(l, layout_decode(v, 1, buf + at, (socklen_t)fsz));
	return l;
}

/* The ISO-TP option structures (linux/can/isotp.h). */
static const struct opt_field isotp_opts_f[] = {
	OF_U(flags, offsetof(struct can_isotp_options, flags), 4),
	OF_U(frame_txtime, offsetof(struct can_isotp_options, frame_txtime), 4),
	OF_U(ext_address, offsetof(struct can_isotp_options, ext_address), 1),
	OF_U(txpad_content, offsetof(struct can_isotp_options, txpad_content), 1),
	OF_U(rxpad_content, offsetof(struct can_isotp_options, rxpad_content), 1),
	OF_U(rx_ext_address, offsetof(struct can_isotp_options, rx_ext_address), 1),
};
static const struct opt_field isotp_fc_f[] = {
	OF_U(bs, offsetof(struct can_isotp_fc_options, bs), 1),
	OF_U(stmin, offsetof(struct can_isotp_fc_options, stmin), 1),
	OF_U(wftmax, offsetof(struct can_isotp_fc_options, wftmax), 1),
};
static const struct opt_field isotp_ll_f[] = {
	OF_U(mtu, offsetof(struct can_isotp_ll_options, mtu), 1),
	OF_U(tx_dl, offsetof(struct can_isotp_ll_options, tx_dl), 1),
	OF_U(tx_flags, offsetof(struct can_isotp_ll_options, tx_flags), 1),
};
static const struct opt_layout isotp_opts_l =
	OPT_LAYOUT("can_isotp_options", sizeof(struct can_isotp_options), 0, isotp_opts_f);
static const struct opt_layout isotp_fc_l =
	OPT_LAYOUT("can_isotp_fc_options", sizeof(struct can_isotp_fc_options), 0, isotp_fc_f);
static const struct opt_layout isotp_ll_l =
	OPT_LAYOUT("can_isotp_ll_options", sizeof(struct can_isotp_ll_options), 0, isotp_ll_f);

#define LAYOUT_CODEC(nm, layout)								\
	static int nm##_encode(struct scope *x, const struct node *n, unsigned char *buf,	\
			       size_t cap, socklen_t *len, char **err)				\
	{											\
		const struct opt_layout *v[] = { &layout };					\
		return layout_encode(x, v, 1, n, buf, cap, len, err);			\
	}											\
	static struct node *nm##_decode(const unsigned char *buf, socklen_t len)		\
	{											\
		const struct opt_layout *v[] = { &layout };					\
		return layout_decode(v, 1, buf, len);					\
	}
LAYOUT_CODEC(isotp_opts, isotp_opts_l)
LAYOUT_CODEC(isotp_fc, isotp_fc_l)
LAYOUT_CODEC(isotp_ll, isotp_ll_l)

const struct sockopt_ext can_opts[] = {
	{ SOL_CAN_RAW, CAN_RAW_FILTER, EXT_BUF, can_filter_encode, can_filter_decode, { 0 } },
	{ SOL_CAN_J1939, SO_J1939_FILTER, EXT_BUF, j1939_filter_encode, j1939_filter_decode, { 0 } },
	{ SOL_CAN_ISOTP, CAN_ISOTP_OPTS, sizeof(struct can_isotp_options), isotp_opts_encode,
	  isotp_opts_decode, { 0 } },
	{ SOL_CAN_ISOTP, CAN_ISOTP_RECV_FC, sizeof(struct can_isotp_fc_options), isotp_fc_encode,
	  isotp_fc_decode, { 0 } },
	{ SOL_CAN_ISOTP, CAN_ISOTP_LL_OPTS, sizeof(struct can_isotp_ll_options), isotp_ll_encode,
	  isotp_ll_decode, { 0 } },
	{ 0 },
};

