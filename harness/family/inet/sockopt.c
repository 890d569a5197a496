// SPDX-License-Identifier: MIT
/*
 * Option values of the IP, IPv6, TCP and MPTCP levels: the structures
 * (struct tcp_info, mptcp_info, the multicast requests) laid out with the
 * offsets of the kernel ABI, and the name-valued and byte-valued TCP
 * options.  They apply to any socket: the levels are the protocols'.
 */
#include "family/inet/inet.h"
#include "sock/sockopt.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#ifndef SOL_MPTCP
#define SOL_MPTCP 284
#endif
#define MPTCP_INFO_OPT 1	/* linux/mptcp.h MPTCP_INFO, at level SOL_MPTCP */

#define U OF_U
#define S OF_S
#define BITS OF_BITS

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

static const struct opt_field in_addr_f[] = { OF_IN4(s_addr, 0) };
static const struct opt_field ip_mreq_f[] = { OF_IN4(imr_multiaddr, 0), OF_IN4(imr_interface, 4) };
static const struct opt_field ip_mreqn_f[] = {
	OF_IN4(imr_multiaddr, 0), OF_IN4(imr_address, 4), S(imr_ifindex, 8, 4),
};
static const struct opt_field ip_mreq_source_f[] = {
	OF_IN4(imr_multiaddr, 0), OF_IN4(imr_interface, 4), OF_IN4(imr_sourceaddr, 8),
};
static const struct opt_field ipv6_mreq_f[] = { OF_IN6(ipv6mr_multiaddr, 0), S(ipv6mr_interface, 16, 4) };

static const struct opt_layout tcp_info_l = OPT_LAYOUT("tcp_info", 248, 256, tcp_info_f);
static const struct opt_layout mptcp_info_l = OPT_LAYOUT("mptcp_info", 81, 256, mptcp_info_f);
static const struct opt_layout in_addr_l = OPT_LAYOUT("in_addr", 4, 0, in_addr_f);
static const struct opt_layout ip_mreq_l = OPT_LAYOUT("ip_mreq", 8, 0, ip_mreq_f);
static const struct opt_layout ip_mreqn_l = OPT_LAYOUT("ip_mreqn", 12, 0, ip_mreqn_f);
static const struct opt_layout ip_mreq_source_l = OPT_LAYOUT("ip_mreq_source", 12, 0, ip_mreq_source_f);
static const struct opt_layout ipv6_mreq_l = OPT_LAYOUT("ipv6_mreq", 20, 0, ipv6_mreq_f);

#define BYTES(level, name) { level, name, 256, sockopt_bytes_encode, sockopt_bytes_decode, { 0 } }
#define NAMED(level, name) { level, name, 64, sockopt_int_encode, sockopt_string_decode, { 0 } }

const struct sockopt_ext inet_opts[] = {
	NAMED(IPPROTO_TCP, TCP_CONGESTION),
	NAMED(IPPROTO_TCP, TCP_ULP),
	BYTES(IPPROTO_TCP, TCP_CC_INFO),
	BYTES(IPPROTO_TCP, TCP_SAVED_SYN),
	BYTES(IPPROTO_TCP, TCP_FASTOPEN_KEY),
	SOCKOPT_LAYOUTS(IPPROTO_TCP, TCP_INFO, 256, &tcp_info_l),
	SOCKOPT_LAYOUTS(SOL_MPTCP, MPTCP_INFO_OPT, 256, &mptcp_info_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_MULTICAST_IF, 12, &in_addr_l, &ip_mreq_l, &ip_mreqn_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_ADD_MEMBERSHIP, 12, &ip_mreq_l, &ip_mreqn_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_DROP_MEMBERSHIP, 12, &ip_mreq_l, &ip_mreqn_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, 12, &ip_mreq_source_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, 12, &ip_mreq_source_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_BLOCK_SOURCE, 12, &ip_mreq_source_l),
	SOCKOPT_LAYOUTS(IPPROTO_IP, IP_UNBLOCK_SOURCE, 12, &ip_mreq_source_l),
	SOCKOPT_LAYOUTS(IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, 20, &ipv6_mreq_l),
	SOCKOPT_LAYOUTS(IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, 20, &ipv6_mreq_l),
	{ 0 },
};
