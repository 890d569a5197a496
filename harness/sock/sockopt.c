// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "sock/sockopt.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#ifndef SOL_MPTCP
#define SOL_MPTCP 284
#endif
#define MPTCP_INFO_OPT 1	/* linux/mptcp.h MPTCP_INFO, at level SOL_MPTCP */
#ifndef SO_ATTACH_REUSEPORT_CBPF
#define SO_ATTACH_REUSEPORT_CBPF 51
#endif

/*
 * Option values laid out as C structures, described field by field with the
 * offsets of the kernel ABI, so one table both encodes {key=value, ...} for
 * setsockopt and decodes what getsockopt returned.  Fields are decoded only
 * when the kernel's answer covers them (TCP_INFO grows with each release).
 */
#define U OF_U
#define S OF_S
#define BITS OF_BITS
#define IN4 OF_IN4
#define IN6 OF_IN6

/* struct tcp_info (linux/tcp.h); x86 and the other little-endian ABIs put the
 * first bit-field in the low bits. */
static const struct opt_field tcp_info_f[] = {
	U(tcpi_state, 0, 1), U(tcpi_ca_state, 1, 1), U(tcpi_retransmits, 2, 1),
	U(tcpi_probes, 3, 1), U(tcpi_backoff, 4, 1), U(tcpi_options, 5, 1),
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	BITS(tcpi_snd_wscale, 6, 0, 4), BITS(tcpi_rcv_wscale, 6, 4, 4),
	BITS(tcpi_delivery_rate_app_limited, 7, 0, 1), BITS(tcpi_fastopen_client_fail, 7, 1, 2),
#else
	BITS(tcpi_snd_wscale, 6, 4, 4), BITS(tcpi_rcv_wscale, 6, 0, 4),
	BITS(tcpi_delivery_rate_app_limited, 7, 7, 1), BITS(tcpi_fastopen_client_fail, 7, 5, 2),
#endif
	U(tcpi_rto, 8, 4), U(tcpi_ato, 12, 4), U(tcpi_snd_mss, 16, 4), U(tcpi_rcv_mss, 20, 4),
	U(tcpi_unacked, 24, 4), U(tcpi_sacked, 28, 4), U(tcpi_lost, 32, 4),
	U(tcpi_retrans, 36, 4), U(tcpi_fackets, 40, 4),
	U(tcpi_last_data_sent, 44, 4), U(tcpi_last_ack_sent, 48, 4),
	U(tcpi_last_data_recv, 52, 4), U(tcpi_last_ack_recv, 56, 4),
	U(tcpi_pmtu, 60, 4), U(tcpi_rcv_ssthresh, 64, 4), U(tcpi_rtt, 68, 4),
	U(tcpi_rttvar, 72, 4), U(tcpi_snd_ssthresh, 76, 4), U(tcpi_snd_cwnd, 80, 4),
	U(tcpi_advmss, 84, 4), U(tcpi_reordering, 88, 4), U(tcpi_rcv_rtt, 92, 4),
	U(tcpi_rcv_space, 96, 4), U(tcpi_total_retrans, 100, 4),
	U(tcpi_pacing_rate, 104, 8), U(tcpi_max_pacing_rate, 112, 8),
	U(tcpi_bytes_acked, 120, 8), U(tcpi_bytes_received, 128, 8),
	U(tcpi_segs_out, 136, 4), U(tcpi_segs_in, 140, 4),
	U(tcpi_notsent_bytes, 144, 4), U(tcpi_min_rtt, 148, 4),
	U(tcpi_data_segs_in, 152, 4), U(tcpi_data_segs_out, 156, 4),
	U(tcpi_delivery_rate, 160, 8), U(tcpi_busy_time, 168, 8),
	U(tcpi_rwnd_limited, 176, 8), U(tcpi_sndbuf_limited, 184, 8),
	U(tcpi_delivered, 192, 4), U(tcpi_delivered_ce, 196, 4),
	U(tcpi_bytes_sent, 200, 8), U(tcpi_bytes_retrans, 208, 8),
	U(tcpi_dsack_dups, 216, 4), U(tcpi_reord_seen, 220, 4),
	U(tcpi_rcv_ooopack, 224, 4), U(tcpi_snd_wnd, 228, 4),
	U(tcpi_rcv_wnd, 232, 4), U(tcpi_rehash, 236, 4),
	U(tcpi_total_rto, 240, 2), U(tcpi_total_rto_recoveries, 242, 2),
	U(tcpi_total_rto_time, 244, 4),
};

/* struct mptcp_info (linux/mptcp.h) */
static const struct opt_field mptcp_info_f[] = {
	U(mptcpi_subflows, 0, 1), U(mptcpi_add_addr_signal, 1, 1),
	U(mptcpi_add_addr_accepted, 2, 1), U(mptcpi_subflows_max, 3, 1),
	U(mptcpi_add_addr_signal_max, 4, 1), U(mptcpi_add_addr_accepted_max, 5, 1),
	U(mptcpi_flags, 8, 4), U(mptcpi_token, 12, 4),
	U(mptcpi_write_seq, 16, 8), U(mptcpi_snd_una, 24, 8), U(mptcpi_rcv_nxt, 32, 8),
	U(mptcpi_local_addr_used, 40, 1), U(mptcpi_local_addr_max, 41, 1),
	U(mptcpi_csum_enabled, 42, 1), U(mptcpi_retransmits, 44, 4),
	U(mptcpi_bytes_retrans, 48, 8), U(mptcpi_bytes_sent, 56, 8),
	U(mptcpi_bytes_received, 64, 8), U(mptcpi_bytes_acked, 72, 8),
	U(mptcpi_subflows_total, 80, 1),
};

static const struct opt_field in_addr_f[] = { IN4(s_addr, 0) };
static const struct opt_field ip_mreq_f[] = { IN4(imr_multiaddr, 0), IN4(imr_interface, 4) };
static const struct opt_field ip_mreqn_f[] = {
	IN4(imr_multiaddr, 0), IN4(imr_address, 4), S(imr_ifindex, 8, 4),
};
static const struct opt_field ip_mreq_source_f[] = {
	IN4(imr_multiaddr, 0), IN4(imr_interface, 4), IN4(imr_sourceaddr, 8),
};
static const struct opt_field ipv6_mreq_f[] = { IN6(ipv6mr_multiaddr, 0), S(ipv6mr_interface, 16, 4) };

#define LAYOUT OPT_LAYOUT
static const struct opt_layout tcp_info_l = LAYOUT("tcp_info", 248, 256, tcp_info_f);
static const struct opt_layout mptcp_info_l = LAYOUT("mptcp_info", 81, 256, mptcp_info_f);
static const struct opt_layout in_addr_l = LAYOUT("in_addr", 4, 0, in_addr_f);
static const struct opt_layout ip_mreq_l = LAYOUT("ip_mreq", 8, 0, ip_mreq_f);
static const struct opt_layout ip_mreqn_l = LAYOUT("ip_mreqn", 12, 0, ip_mreqn_f);
static const struct opt_layout ip_mreq_source_l = LAYOUT("ip_mreq_source", 12, 0, ip_mreq_source_f);
static const struct opt_layout ipv6_mreq_l = LAYOUT("ipv6_mreq", 20, 0, ipv6_mreq_f);

/* Internal kinds beyond the public enum: a structure shape, or a BPF program. */
#define KIND_FPROG ((int)OPT_BYTES + 1)
#define KIND_STRUCT0 ((int)OPT_BYTES + 2)

static const struct {
	int level, name;
	int kind;				/* enum opt_kind, or internal */
	const struct opt_layout *v[3];		/* KIND_STRUCT0: variants, by field set */
} shapes[] = {
	{ SOL_SOCKET, SO_RCVTIMEO, OPT_TIMEVAL, { 0 } },
	{ SOL_SOCKET, SO_SNDTIMEO, OPT_TIMEVAL, { 0 } },
	{ SOL_SOCKET, SO_LINGER, OPT_LINGER, { 0 } },
	{ SOL_SOCKET, SO_PEERCRED, OPT_UCRED, { 0 } },
	{ SOL_SOCKET, SO_BINDTODEVICE, OPT_STRING, { 0 } },
	{ SOL_SOCKET, SO_PEERSEC, OPT_STRING, { 0 } },
	{ SOL_SOCKET, SO_ATTACH_FILTER, KIND_FPROG, { 0 } },
	{ SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, KIND_FPROG, { 0 } },
	{ IPPROTO_TCP, TCP_CONGESTION, OPT_STRING, { 0 } },
	{ IPPROTO_TCP, TCP_ULP, OPT_STRING, { 0 } },
	{ IPPROTO_TCP, TCP_CC_INFO, OPT_BYTES, { 0 } },
	{ IPPROTO_TCP, TCP_SAVED_SYN, OPT_BYTES, { 0 } },
	{ IPPROTO_TCP, TCP_FASTOPEN_KEY, OPT_BYTES, { 0 } },
	{ IPPROTO_TCP, TCP_INFO, KIND_STRUCT0, { &tcp_info_l } },
	{ SOL_MPTCP, MPTCP_INFO_OPT, KIND_STRUCT0, { &mptcp_info_l } },
	{ IPPROTO_IP, IP_MULTICAST_IF, KIND_STRUCT0, { &in_addr_l, &ip_mreq_l, &ip_mreqn_l } },
	{ IPPROTO_IP, IP_ADD_MEMBERSHIP, KIND_STRUCT0, { &ip_mreq_l, &ip_mreqn_l } },
	{ IPPROTO_IP, IP_DROP_MEMBERSHIP, KIND_STRUCT0, { &ip_mreq_l, &ip_mreqn_l } },
	{ IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, KIND_STRUCT0, { &ip_mreq_source_l } },
	{ IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, KIND_STRUCT0, { &ip_mreq_source_l } },
	{ IPPROTO_IP, IP_BLOCK_SOURCE, KIND_STRUCT0, { &ip_mreq_source_l } },
	{ IPPROTO_IP, IP_UNBLOCK_SOURCE, KIND_STRUCT0, { &ip_mreq_source_l } },
	{ IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, KIND_STRUCT0, { &ipv6_mreq_l } },
	{ IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, KIND_STRUCT0, { &ipv6_mreq_l } },
};

/*
 * Options of other families' files: kind KIND_EXT0 + 256 * table + entry.
 * The core table's KIND_STRUCT0 rows stay below KIND_EXT0.
 */
#define KIND_EXT0 ((int)OPT_BYTES + 1024)

static const struct sockopt_table *const ext_tables[] = {
	&sockopt_can_table, &sockopt_alg_table, &sockopt_tipc_table,
	&sockopt_vsock_table, &sockopt_rds_table, &sockopt_bt_table,
};

static const struct sockopt_ext *ext_of(int kind)
{
	if (kind < KIND_EXT0)
		return NULL;
	size_t t = (size_t)(kind - KIND_EXT0) / 256, e = (size_t)(kind - KIND_EXT0) % 256;
	const struct sockopt_table *tb = t < ARRAY_SIZE(ext_tables) ? ext_tables[t] : NULL;
	return tb && e < tb->n ? &tb->opts[e] : NULL;
}

/* DOMAIN 0: the tables for any socket; else also the one for that family. */
static int ext_kind(int domain, int level, int name)
{
	for (size_t t = 0; t < ARRAY_SIZE(ext_tables); t++) {
		const struct sockopt_table *tb = ext_tables[t];
		if (!tb || (tb->domain && tb->domain != domain))
			continue;
		for (size_t e = 0; e < tb->n && e < 256; e++)
			if (tb->opts[e].level == level && tb->opts[e].name == name)
				return KIND_EXT0 + (int)(t * 256 + e);
	}
	return -1;
}

/* A structure kind is KIND_STRUCT0 + the row of its shape. */
static int shape_row(int kind)
{
	if (kind >= KIND_EXT0)
		return -1;
	int row = kind - KIND_STRUCT0;
	return row >= 0 && (size_t)row < ARRAY_SIZE(shapes) ? row : -1;
}

enum opt_kind sockopt_kind_fd(int fd, int level, int name)
{
	int domain;
	socklen_t l = sizeof(domain);
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l) == 0 && domain) {
		int ek = ext_kind(domain, level, name);
		if (ek >= 0)
			return (enum opt_kind)ek;
	}
	return sockopt_kind(level, name);
}

enum opt_kind sockopt_kind(int level, int name)
{
	int ek = ext_kind(0, level, name);
	if (ek >= 0)
		return (enum opt_kind)ek;
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
		if (shapes[i].level == level && shapes[i].name == name)
			return (enum opt_kind)(shapes[i].kind == KIND_STRUCT0 ? KIND_STRUCT0 + (int)i
									 : shapes[i].kind);
	return OPT_INT;
}

size_t sockopt_size(enum opt_kind kind)
{
	const struct sockopt_ext *ext = ext_of((int)kind);
	if (ext)
		return ext->bufsize;
	int row = shape_row((int)kind);
	if (row >= 0) {
		size_t max = 0;
		for (size_t i = 0; i < ARRAY_SIZE(shapes[row].v) && shapes[row].v[i]; i++) {
			const struct opt_layout *l = shapes[row].v[i];
			size_t s = l->bufsize ? l->bufsize : l->size;
			if (s > max)
				max = s;
		}
		return max;
	}
	if ((int)kind == KIND_FPROG)
		return sizeof(struct sock_fprog);
	switch (kind) {
	case OPT_INT: return sizeof(int);
	case OPT_TIMEVAL: return sizeof(struct timeval);
	case OPT_LINGER: return sizeof(struct linger);
	case OPT_UCRED: return sizeof(struct ucred);
	case OPT_STRING: return 64;
	case OPT_BYTES: return 256;
	}
	return sizeof(int);
}

static int struct_fields(struct scope *x, const struct node *n, const char *const *keys,
			 long long *vals, size_t nkeys, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: this option takes a {...} value", n->line, n->col);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const char *k = node_entry_key(n->kids[i]);
		size_t j;
		for (j = 0; j < nkeys && (!k || strcmp(k, keys[j])); j++)
			;
		if (j == nkeys) {
			*err = xasprintf("%d:%d: unknown field for this option", n->kids[i]->line,
					 n->kids[i]->col);
			return -1;
		}
		if (eval_int(x, n->kids[i], &vals[j], err))
			return -1;
	}
	return 0;
}

static const struct opt_field *layout_field(const struct opt_layout *l, const char *key)
{
	for (size_t i = 0; key && i < l->nf; i++)
		if (!strcmp(l->f[i].name, key))
			return &l->f[i];
	return NULL;
}

/* The first variant that has every field N names. */
static const struct opt_layout *pick_variant(const struct opt_layout *const *v, size_t nv,
					     const struct node *n)
{
	for (size_t i = 0; i < nv && v[i]; i++) {
		const struct opt_layout *l = v[i];
		size_t j;
		for (j = 0; j < n->nkids; j++)
			if (!layout_field(l, node_entry_key(n->kids[j])))
				break;
		if (j == n->nkids)
			return l;
	}
	return NULL;
}

static void put_uint(unsigned char *p, size_t size, unsigned long long v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;
	uint64_t u64 = v;
	switch (size) {
	case 1: memcpy(p, &u8, 1); break;
	case 2: memcpy(p, &u16, 2); break;
	case 4: memcpy(p, &u32, 4); break;
	default: memcpy(p, &u64, 8); break;
	}
}

static unsigned long long get_uint(const unsigned char *p, size_t size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	switch (size) {
	case 1: memcpy(&u8, p, 1); return u8;
	case 2: memcpy(&u16, p, 2); return u16;
	case 4: memcpy(&u32, p, 4); return u32;
	default: memcpy(&u64, p, 8); return u64;
	}
}

int sockopt_layout_encode(struct scope *x, const struct opt_layout *const *variants, size_t nv,
			  const struct node *n, unsigned char *buf, size_t cap, socklen_t *len,
			  char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: this option takes a {...} value", n->line, n->col);
		return -1;
	}
	const struct opt_layout *l = pick_variant(variants, nv, n);
	if (!l) {
		*err = xasprintf("%d:%d: no structure of this option has all these fields",
				 n->line, n->col);
		return -1;
	}
	if (l->size > cap) {
		*err = xasprintf("%d:%d: %s is too large", n->line, n->col, l->name);
		return -1;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const struct opt_field *f = layout_field(l, node_entry_key(e));
		unsigned char *p = buf + f->off;
		if (f->type == FT_INADDR || f->type == FT_IN6ADDR) {
			size_t want = f->type == FT_INADDR ? 4 : 16, got;
			unsigned char b[16];
			long long v;
			char *e2 = NULL;
			if (eval_bytes(x, e, b, sizeof(b), &got, &e2) == 0 && got == want) {
				memcpy(p, b, want);
			} else {
				free(e2);
				e2 = NULL;
				if (want != 4 || eval_int(x, e, &v, err))
					return -1;
				uint32_t a = (uint32_t)v;	/* htonl(INADDR_ANY): network order already */
				memcpy(p, &a, 4);
			}
			free(e2);
			continue;
		}
		long long v;
		if (eval_int(x, e, &v, err))
			return -1;
		if (f->bits) {
			unsigned mask = ((1u << f->bits) - 1u) << f->shift;
			p[0] = (unsigned char)((p[0] & ~mask) | (((unsigned)v << f->shift) & mask));
		} else {
			put_uint(p, f->size, (unsigned long long)v);
		}
	}
	*len = (socklen_t)l->size;
	return 0;
}

struct node *sockopt_layout_decode(const struct opt_layout *const *variants, size_t nv,
				   const unsigned char *buf, socklen_t len)
{
	/* the variant of exactly this size, else the largest one the answer covers */
	const struct opt_layout *l = NULL;
	for (size_t v = 0; v < nv && variants[v]; v++) {
		const struct opt_layout *c = variants[v];
		if (c->size == len) {
			l = c;
			break;
		}
		if (c->f[0].off + c->f[0].size <= len && (!l || c->size > l->size))
			l = c;
	}
	if (!l)
		return node_str(buf, len);
	struct node *st = node_new(N_STRUCT);
	for (size_t i = 0; i < l->nf; i++) {
		const struct opt_field *f = &l->f[i];
		if ((size_t)f->off + f->size > len)
			continue;
		const unsigned char *p = buf + f->off;
		if (f->type == FT_INADDR) {
			char s[INET_ADDRSTRLEN];
			inet_ntop(AF_INET, p, s, sizeof(s));
			node_field(st, f->name, node_call("inet_addr", node_str(s, strlen(s))));
		} else if (f->type == FT_IN6ADDR) {
			char s[INET6_ADDRSTRLEN];
			inet_ntop(AF_INET6, p, s, sizeof(s));
			struct node *pton = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
			node_push(pton, node_str(s, strlen(s)));
			struct node *ref = node_new(N_REF);
			ref->name = xstrdup(f->name);
			node_push(pton, ref);
			node_push(st, pton);
		} else if (f->bits) {
			node_field(st, f->name, node_int((p[0] >> f->shift) & ((1u << f->bits) - 1u)));
		} else if (f->type == FT_S) {
			unsigned long long u = get_uint(p, f->size);
			long long v = f->size == 1 ? (int8_t)u : f->size == 2 ? (int16_t)u
				    : f->size == 4 ? (int32_t)u : (long long)u;
			node_field(st, f->name, node_int(v));
		} else {
			node_field(st, f->name, node_int((long long)get_uint(p, f->size)));
		}
	}
	return st;
}

/*
 * A classic BPF program, as {len=N, filter=[{code=0x30, jt=0, jf=0, k=0}, ...]}.
 * The instructions are laid out in BUF after the struct sock_fprog that
 * points to them, so they live exactly as long as the call's buffer.
 */
static int encode_fprog(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			socklen_t *len, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: a BPF program is {len=N, filter=[{code=..., jt=..., "
				 "jf=..., k=...}, ...]}", n->line, n->col);
		return -1;
	}
	struct sock_fprog fp = { 0 };
	size_t at = sizeof(fp), count = 0;
	bool has_len = false;
	for (size_t i = 0; i < n->nkids; i++) {
		const struct node *e = n->kids[i];
		const char *k = node_entry_key(e);
		long long v;
		if (k && !strcmp(k, "len")) {
			if (eval_int(x, e, &v, err))
				return -1;
			fp.len = (unsigned short)v;
			has_len = true;
		} else if (k && !strcmp(k, "filter") && e->kind == N_LIST) {
			fp.filter = (struct sock_filter *)(buf + at);
			for (size_t j = 0; j < e->nkids; j++, count++) {
				static const char *const keys[] = { "code", "jt", "jf", "k" };
				long long ins[4] = { 0, 0, 0, 0 };
				if (at + sizeof(struct sock_filter) > cap) {
					*err = xasprintf("%d:%d: too many instructions", e->line, e->col);
					return -1;
				}
				if (struct_fields(x, e->kids[j], keys, ins, 4, err))
					return -1;
				struct sock_filter f = { (uint16_t)ins[0], (uint8_t)ins[1],
							 (uint8_t)ins[2], (uint32_t)ins[3] };
				memcpy(buf + at, &f, sizeof(f));
				at += sizeof(f);
			}
		} else {
			*err = xasprintf("%d:%d: a BPF program has the fields len and filter=[...]",
					 e->line, e->col);
			return -1;
		}
	}
	if (!has_len)
		fp.len = (unsigned short)count;
	memcpy(buf, &fp, sizeof(fp));
	*len = sizeof(fp);
	return 0;
}

int sockopt_encode(struct scope *x, enum opt_kind kind, const struct node *n,
		   unsigned char *buf, size_t cap, socklen_t *len, char **err)
{
	memset(buf, 0, cap);
	*len = 0;
	if (n->kind == N_NULL)
		return 0;
	if (n->kind == N_STR) {	/* raw bytes for any option */
		size_t l;
		if (eval_bytes(x, n, buf, cap, &l, err))
			return -1;
		*len = (socklen_t)l;
		return 0;
	}
	const struct sockopt_ext *ext = ext_of((int)kind);
	if (ext)
		return ext->encode(x, n, buf, cap, len, err);
	int row = shape_row((int)kind);
	if (row >= 0)
		return sockopt_layout_encode(x, shapes[row].v, ARRAY_SIZE(shapes[row].v), n, buf,
					     cap, len, err);
	if ((int)kind == KIND_FPROG)
		return encode_fprog(x, n, buf, cap, len, err);
	long long v[3] = { 0, 0, 0 };
	switch (kind) {
	case OPT_TIMEVAL: {
		static const char *const k[] = { "tv_sec", "tv_usec" };
		if (struct_fields(x, n, k, v, 2, err))
			return -1;
		struct timeval tv = { .tv_sec = v[0], .tv_usec = v[1] };
		memcpy(buf, &tv, sizeof(tv));
		*len = sizeof(tv);
		return 0;
	}
	case OPT_LINGER: {
		static const char *const k[] = { "l_onoff", "l_linger" };
		if (struct_fields(x, n, k, v, 2, err))
			return -1;
		struct linger l = { .l_onoff = (int)v[0], .l_linger = (int)v[1] };
		memcpy(buf, &l, sizeof(l));
		*len = sizeof(l);
		return 0;
	}
	case OPT_UCRED: {
		static const char *const k[] = { "pid", "uid", "gid" };
		if (struct_fields(x, n, k, v, 3, err))
			return -1;
		struct ucred u = { .pid = (pid_t)v[0], .uid = (uid_t)v[1], .gid = (gid_t)v[2] };
		memcpy(buf, &u, sizeof(u));
		*len = sizeof(u);
		return 0;
	}
	default:
		break;
	}
	if (n->kind != N_LIST || n->nkids != 1) {
		*err = xasprintf("%d:%d: an int option value is written [N]", n->line, n->col);
		return -1;
	}
	if (eval_int(x, n->kids[0], &v[0], err))
		return -1;
	int i = (int)v[0];
	memcpy(buf, &i, sizeof(i));
	*len = sizeof(i);
	return 0;
}

struct node *sockopt_decode(enum opt_kind kind, const unsigned char *buf, socklen_t len)
{
	struct node *st;
	const struct sockopt_ext *ext = ext_of((int)kind);
	if (ext)
		return ext->decode(buf, len);
	int row = shape_row((int)kind);
	if (row >= 0)
		return sockopt_layout_decode(shapes[row].v, ARRAY_SIZE(shapes[row].v), buf, len);
	switch (kind) {
	case OPT_TIMEVAL:
		if (len != sizeof(struct timeval))
			break;
		struct timeval tv;
		memcpy(&tv, buf, sizeof(tv));
		st = node_new(N_STRUCT);
		node_field(st, "tv_sec", node_int(tv.tv_sec));
		node_field(st, "tv_usec", node_int(tv.tv_usec));
		return st;
	case OPT_LINGER:
		if (len != sizeof(struct linger))
			break;
		struct linger l;
		memcpy(&l, buf, sizeof(l));
		st = node_new(N_STRUCT);
		node_field(st, "l_onoff", node_int(l.l_onoff));
		node_field(st, "l_linger", node_int(l.l_linger));
		return st;
	case OPT_UCRED:
		if (len != sizeof(struct ucred))
			break;
		struct ucred u;
		memcpy(&u, buf, sizeof(u));
		st = node_new(N_STRUCT);
		node_field(st, "pid", node_int(u.pid));
		node_field(st, "uid", node_int(u.uid));
		node_field(st, "gid", node_int(u.gid));
		return st;
	case OPT_STRING:
		return node_str(buf, strnlen((const char *)buf, len));
	case OPT_INT:
		if (len == sizeof(int)) {
			int i;
			memcpy(&i, buf, sizeof(i));
			st = node_new(N_LIST);
			node_push(st, node_int(i));
			return st;
		}
		if (len == 1) {	/* some IP options answer with one byte */
			st = node_new(N_LIST);
			node_push(st, node_int(buf[0]));
			return st;
		}
		break;
	case OPT_BYTES:
		break;
	}
	return node_str(buf, len);
}
