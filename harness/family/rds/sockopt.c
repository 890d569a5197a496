// SPDX-License-Identifier: MIT
/*
 * SOL_RDS option shapes.  RDS_RECVERR, RDS_CONG_MONITOR and
 * SO_RDS_TRANSPORT are ints; two options are not:
 *
 *   RDS_CANCEL_SENT_TO  the destination whose queued messages are dropped,
 *                       a socket address as for sendto:
 *                       {sa_family=AF_INET, sin_port=htons(4000),
 *                        sin_addr=inet_addr("127.0.0.1")}
 *   SO_RDS_MSG_RXPATH_LATENCY  struct rds_rx_trace_so,
 *                       {rx_traces=2, rx_trace_pos=[0, 1]}: how many receive
 *                       path latencies to report with each message, and
 *                       which (RDS_MSG_RX_HDR_TO_DGRAM_START...); the
 *                       positions not listed are 0
 *
 * Both are set-only in the kernel; what a getsockopt of them returns
 * decodes the same way.
 */
#include "sock/addr.h"
#include "lang/match.h"
#include "sock/sockopt.h"
#include "util/util.h"

#include <linux/rds.h>
#include <string.h>

static int cancel_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	struct sockaddr_storage ss;
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: RDS_CANCEL_SENT_TO takes a socket address {sa_family=..}",
				 n->line, n->col);
		return -1;
	}
	if (addr_encode(x, n, &ss, len, err))
		return -1;
	if (*len > cap) {
		*err = xasprintf("%d:%d: address too long here", n->line, n->col);
		return -1;
	}
	memcpy(buf, &ss, *len);
	return 0;
}

static struct node *cancel_decode(const unsigned char *buf, socklen_t len)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, buf, len < sizeof(ss) ? len : sizeof(ss));
	return addr_decode(&ss, len);
}

static int trace_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			socklen_t *len, char **err)
{
	static const char shape[] = "{rx_traces=N, rx_trace_pos=[P, ...]}";
	struct rds_rx_trace_so t;
	memset(&t, 0, sizeof(t));
	if (n->kind != N_STRUCT || cap < sizeof(t)) {
		*err = xasprintf("%d:%d: SO_RDS_MSG_RXPATH_LATENCY takes %s", n->line, n->col,
				 shape);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const char *k = node_entry_key(e);
		long long v;
		if (k && !strcmp(k, "rx_traces")) {
			if (eval_int(x, e, &v, err))
				return -1;
			t.rx_traces = (__u8)v;
		} else if (k && !strcmp(k, "rx_trace_pos") && e->kind == N_LIST &&
			   e->nkids <= RDS_MSG_RX_DGRAM_TRACE_MAX) {
			for (size_t j = 0; j < e->nkids; j++) {
				if (eval_int(x, e->kids[j], &v, err))
					return -1;
				t.rx_trace_pos[j] = (__u8)v;
			}
		} else {
			*err = xasprintf("%d:%d: SO_RDS_MSG_RXPATH_LATENCY takes %s (at most %d "
					 "positions)", e->line, e->col, shape,
					 RDS_MSG_RX_DGRAM_TRACE_MAX);
			return -1;
		}
	}
	memcpy(buf, &t, sizeof(t));
	*len = sizeof(t);
	return 0;
}

static struct node *trace_decode(const unsigned char *buf, socklen_t len)
{
	struct rds_rx_trace_so t;
	if (len != sizeof(t))
		return node_str(buf, len);
	memcpy(&t, buf, sizeof(t));
	struct node *st = node_new(N_STRUCT), *pos = node_new(N_LIST);
	node_field(st, "rx_traces", node_int(t.rx_traces));
	for (int i = 0; i < RDS_MSG_RX_DGRAM_TRACE_MAX; i++)
		node_push(pos, node_int(t.rx_trace_pos[i]));
	node_field(st, "rx_trace_pos", pos);
	return st;
}

const struct sockopt_ext rds_opts[] = {
	{ SOL_RDS, RDS_CANCEL_SENT_TO, sizeof(struct sockaddr_storage), cancel_encode,
	  cancel_decode, { 0 } },
	{ SOL_RDS, SO_RDS_MSG_RXPATH_LATENCY, sizeof(struct rds_rx_trace_so), trace_encode,
	  trace_decode, { 0 } },
	{ 0 },
};

