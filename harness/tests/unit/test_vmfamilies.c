/* SPDX-License-Identifier: MIT */
/*
 * The notations of the families only Debian's kernels have here: the
 * AF_TIPC, AF_QIPCRTR and AF_BLUETOOTH address codecs, the SOL_TIPC,
 * SOL_RDS and HCI option shapes, and the QRTR control and TIPC topology
 * payloads.  Each notation parses, encodes to the bytes a C program would
 * pass, and decodes back to the text written; errors name the field.
 */
#define _GNU_SOURCE
#include <linux/qrtr.h>
#include <linux/rds.h>
#include <linux/tipc.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/family.h"
#include "sock/addr.h"
#include "lang/case.h"
#include "exec/interp.h"
#include "sock/payload.h"
#include "sock/sockopt.h"
#include "tap.h"
#include "util/util.h"

static struct scope x;	/* no handles, no variables */

/* Argument I of the single step STEP, as the parser builds it. */
static struct node *parse_arg(const char *step, size_t i, char **errors)
{
	char *src = xasprintf("family AF_UNIX\ncase a\n  doc d\n  what w\n  %s\n", step);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (errors)
		*errors = cf->errors ? xstrndup(cf->errors, strcspn(cf->errors, "\n")) : NULL;
	if (!cf->errors && cf->ncases == 1 && cf->cases[0].nsteps == 1 &&
	    cf->cases[0].steps[0].call_node->nkids > i)
		n = node_clone(cf->cases[0].steps[0].call_node->kids[i]);
	else if (cf->errors && !errors)
		printf("#   parsing %s: %.*s\n", step, (int)strcspn(cf->errors, "\n"), cf->errors);
	casefile_free(cf);
	free(src);
	return n;
}

static struct node *parse_addr(const char *text)
{
	char *step = xasprintf("bind(3, %s)", text);
	struct node *n = parse_arg(step, 1, NULL);
	free(step);
	return n;
}

static char *print(const struct node *n)
{
	struct sbuf sb = { 0 };
	node_print(&sb, n, NULL, NULL);
	return sb_take(&sb);
}

/* TEXT encodes to WANT_LEN bytes (left in *SS) and decodes back to TEXT. */
static void round_trip(const char *text, socklen_t want_len, struct sockaddr_storage *ss)
{
	struct node *n = parse_addr(text);
	ok(n != NULL, "parses: %s", text);
	if (!n)
		return;
	socklen_t len = 0;
	char *err = NULL;
	is_int(addr_encode(&x, n, ss, &len, &err), 0, "encodes: %s", text);
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, want_len, "length %u", (unsigned)want_len);
	struct node *d = addr_decode(ss, len);
	char *back = print(d);
	is_str(back, text, "decodes and prints back the same");
	free(back);
	node_free(d);
	free(err);
	node_free(n);
}

/* TEXT parses but does not encode; the error contains WANT. */
static void encode_error(const char *text, const char *want)
{
	struct node *n = parse_addr(text);
	struct sockaddr_storage ss;
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) < 0, "refused: %s", text);
	ok(err && strstr(err, want), "error names the problem (%s)", want);
	if (err && !strstr(err, want))
		printf("#   error: %s\n", err);
	free(err);
	node_free(n);
}

static void test_tipc(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_tipc *t = (struct sockaddr_tipc *)&ss;

	round_trip("{sa_family=AF_TIPC, addrtype=TIPC_ADDR_NAMESEQ, scope=TIPC_CLUSTER_SCOPE, "
		   "addr={nameseq={type=1000, lower=1, upper=10}}}", sizeof(*t), &ss);
	ok(t->family == AF_TIPC && t->addrtype == TIPC_ADDR_NAMESEQ &&
	   t->scope == TIPC_CLUSTER_SCOPE && t->addr.nameseq.type == 1000 &&
	   t->addr.nameseq.lower == 1 && t->addr.nameseq.upper == 10,
	   "NAMESEQ: the sockaddr_tipc fields");
	round_trip("{sa_family=AF_TIPC, addrtype=TIPC_ADDR_NAME, scope=TIPC_NODE_SCOPE, "
		   "addr={name={name={type=1000, instance=5}, domain=0}}}", sizeof(*t), &ss);
	ok(t->addr.name.name.type == 1000 && t->addr.name.name.instance == 5 &&
	   t->addr.name.domain == 0, "NAME: type, instance, domain");
	round_trip("{sa_family=AF_TIPC, addrtype=TIPC_ADDR_ID, scope=0, "
		   "addr={id={ref=4294967295, node=16781313}}}", sizeof(*t), &ss);
	ok(t->addr.id.ref == 0xffffffffu && t->addr.id.node == 0x01001001,
	   "ID: ref is first, as in struct tipc_portid; 32-bit unsigned");
	/* a negative scope withdraws a binding; an unknown type keeps the words */
	round_trip("{sa_family=AF_TIPC, addrtype=TIPC_ADDR_NAMESEQ, scope=-3, "
		   "addr={nameseq={type=1, lower=2, upper=3}}}", sizeof(*t), &ss);
	is_int(t->scope, -3, "negative scope");
	round_trip("{sa_family=AF_TIPC, addrtype=9, scope=TIPC_ZONE_SCOPE, addr=[1, 2, 3]}",
		   sizeof(*t), &ss);
	/* a member that disagrees with addrtype is laid out as written */
	struct node *n = parse_addr("{sa_family=AF_TIPC, addrtype=TIPC_ADDR_ID, "
				    "addr={nameseq={type=7, lower=8, upper=9}}}");
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0 && t->addr.id.ref == 7 &&
	   t->addr.id.node == 8, "the member written decides the layout, not addrtype");
	node_free(n);
	/* the short form: fields left out are zero */
	n = parse_addr("{sa_family=AF_TIPC}");
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0 && len == sizeof(*t) &&
	   t->addrtype == 0, "{sa_family=AF_TIPC} is a zeroed sockaddr_tipc");
	node_free(n);
	/* the newer names are the same values */
	n = parse_addr("{sa_family=AF_TIPC, addrtype=TIPC_SERVICE_RANGE}");
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0 && t->addrtype == TIPC_ADDR_NAMESEQ,
	   "TIPC_SERVICE_RANGE is TIPC_ADDR_NAMESEQ");
	node_free(n);
	/* decoded short: only the family */
	struct node *d = addr_decode(&ss, 8);
	char *s = print(d);
	is_str(s, "{sa_family=AF_TIPC}", "an address shorter than sockaddr_tipc: the family");
	free(s);
	node_free(d);

	encode_error("{sa_family=AF_TIPC, addr={nameseq={type=1}, id={ref=1}}}", "one member");
	encode_error("{sa_family=AF_TIPC, addr={port={ref=1}}}", "addr has the fields");
	encode_error("{sa_family=AF_TIPC, addr={id={ref=1, lower=2}}}", "id has the fields");
	encode_error("{sa_family=AF_TIPC, addr={name={name={type=1, lower=2}}}}",
		     "name.name has the fields");
	encode_error("{sa_family=AF_TIPC, addr={nameseq=5}}", "nameseq is a structure");
	encode_error("{sa_family=AF_TIPC, addr={id={ref=4294967296}}}", "32-bit");
	encode_error("{sa_family=AF_TIPC, addr=[1, 2, 3, 4]}", "at most 3 words");
	char *perr = NULL;
	node_free(parse_arg("bind(3, {sa_family=AF_TIPC, port=1})", 1, &perr));
	ok(perr && strstr(perr, "port is not a field of AF_TIPC addresses"),
	   "the parser names the TIPC fields");
	free(perr);
}

static void test_qrtr(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_qrtr *q = (struct sockaddr_qrtr *)&ss;
	round_trip("{sa_family=AF_QIPCRTR, sq_node=1, sq_port=16384}", sizeof(*q), &ss);
	ok(q->sq_family == AF_QIPCRTR && q->sq_node == 1 && q->sq_port == 16384,
	   "sockaddr_qrtr fields");
	struct node *n = parse_addr("{sa_family=AF_QIPCRTR, sq_node=QRTR_NODE_BCAST, "
				    "sq_port=QRTR_PORT_CTRL}");
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0 && q->sq_node == QRTR_NODE_BCAST &&
	   q->sq_port == QRTR_PORT_CTRL, "QRTR_NODE_BCAST and QRTR_PORT_CTRL");
	struct node *d = addr_decode(&ss, len);
	struct sbuf sb = { 0 };
	node_print(&sb, d, n, NULL);
	char *s = sb_take(&sb);
	is_str(s, "{sa_family=AF_QIPCRTR, sq_node=QRTR_NODE_BCAST, sq_port=QRTR_PORT_CTRL}",
	       "they print by name against a pattern that used the names");
	free(s);
	node_free(d);
	node_free(n);
	encode_error("{sa_family=AF_QIPCRTR, sq_node=4294967296}", "32-bit");
}

static void test_bluetooth(void)
{
	struct sockaddr_storage ss;
	const unsigned char *b = (const unsigned char *)&ss;

	round_trip("{sa_family=AF_BLUETOOTH, l2_psm=4097, l2_bdaddr=\"00:1A:7D:DA:71:13\", "
		   "l2_cid=64, l2_bdaddr_type=1}", 14, &ss);
	static const unsigned char l2[14] = { AF_BLUETOOTH, 0, 0x01, 0x10, 0x13, 0x71, 0xda,
					      0x7d, 0x1a, 0x00, 0x40, 0x00, 0x01, 0 };
	ok(memcmp(b, l2, 13) == 0, "sockaddr_l2: little-endian PSM and CID, bdaddr reversed");
	round_trip("{sa_family=AF_BLUETOOTH, rc_bdaddr=\"11:22:33:44:55:66\", rc_channel=30}", 10,
		   &ss);
	static const unsigned char rc[9] = { AF_BLUETOOTH, 0, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
					     30 };
	ok(memcmp(b, rc, 9) == 0, "sockaddr_rc");
	round_trip("{sa_family=AF_BLUETOOTH, hci_dev=65535, hci_channel=3}", 6, &ss);
	static const unsigned char hci[6] = { AF_BLUETOOTH, 0, 0xff, 0xff, 3, 0 };
	ok(memcmp(b, hci, 6) == 0, "sockaddr_hci");
	round_trip("{sa_family=AF_BLUETOOTH, sco_bdaddr=\"00:00:00:FF:FF:FF\"}", 8, &ss);
	round_trip("{sa_family=AF_BLUETOOTH}", 2, &ss);
	round_trip("{sa_family=AF_BLUETOOTH, sa_data=\"\\x01\\x02\\x03\"}", 5, &ss);

	/* lower case in, upper case out */
	struct node *n = parse_addr("{sa_family=AF_BLUETOOTH, sco_bdaddr=\"aa:bb:cc:dd:ee:ff\"}");
	socklen_t len;
	char *err = NULL;
	ok(n && addr_encode(&x, n, &ss, &len, &err) == 0 && b[2] == 0xff && b[7] == 0xaa,
	   "a lower-case address encodes");
	struct node *d = addr_decode(&ss, len);
	char *s = print(d);
	is_str(s, "{sa_family=AF_BLUETOOTH, sco_bdaddr=\"AA:BB:CC:DD:EE:FF\"}",
	       "and decodes in upper case");
	free(s);
	node_free(d);
	node_free(n);

	/* an address a socket returned: the socket's protocol picks the structure */
	memset(&ss, 0, sizeof(ss));
	ss.ss_family = AF_BLUETOOTH;
	d = family_find(AF_BLUETOOTH)->addr->decode_sock(&ss, 10, SOCK_STREAM, 3);
	s = print(d);
	is_str(s, "{sa_family=AF_BLUETOOTH, rc_bdaddr=\"00:00:00:00:00:00\", rc_channel=0}",
	       "decode_sock: RFCOMM");
	free(s);
	node_free(d);
	d = family_find(AF_BLUETOOTH)->addr->decode_sock(&ss, 14, SOCK_SEQPACKET, 0);
	s = print(d);
	is_str(s, "{sa_family=AF_BLUETOOTH, l2_psm=0, l2_bdaddr=\"00:00:00:00:00:00\", l2_cid=0, "
		  "l2_bdaddr_type=0}", "decode_sock: L2CAP");
	free(s);
	node_free(d);
	d = family_find(AF_BLUETOOTH)->addr->decode_sock(&ss, 6, SOCK_STREAM, 0);
	s = print(d);
	is_str(s, "{sa_family=AF_BLUETOOTH, l2_psm=0}",
	       "decode_sock: a short L2CAP answer decodes the fields it holds whole");
	free(s);
	node_free(d);

	encode_error("{sa_family=AF_BLUETOOTH, l2_psm=1, rc_channel=2}", "another protocol");
	encode_error("{sa_family=AF_BLUETOOTH, l2_bdaddr=\"00:11:22:33:44\"}",
		     "is a Bluetooth address");
	encode_error("{sa_family=AF_BLUETOOTH, rc_bdaddr=\"00-11-22-33-44-55\"}",
		     "is a Bluetooth address");
	encode_error("{sa_family=AF_BLUETOOTH, l2_psm=65536}", "l2_psm is 0 to 65535");
	encode_error("{sa_family=AF_BLUETOOTH, rc_channel=256}", "rc_channel is 0 to 255");
}

/* The printed value of option ext E decoding LEN bytes of BUF. */
static char *ext_decode(const struct sockopt_ext *e, const void *buf, socklen_t len)
{
	struct node *d = e->decode(buf, len);
	char *s = print(d);
	node_free(d);
	return s;
}

static void test_options(void)
{
	unsigned char buf[256];
	socklen_t len;
	char *err = NULL;

	/* TIPC_GROUP_JOIN */
	const struct sockopt_ext *g = sockopt_shape(-1, SOL_TIPC, TIPC_GROUP_JOIN);
	ok(g != sockopt_int_shape() && g->name == TIPC_GROUP_JOIN,
	   "SOL_TIPC: TIPC_GROUP_JOIN has a shape");
	struct node *n = parse_arg("setsockopt(3, SOL_TIPC, TIPC_GROUP_JOIN, {type=4711, "
				   "instance=1, scope=TIPC_NODE_SCOPE, flags=TIPC_GROUP_LOOPBACK})",
				   3, NULL);
	ok(n && g->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 &&
	   len == sizeof(struct tipc_group_req), "a tipc_group_req encodes");
	struct tipc_group_req req;
	memcpy(&req, buf, sizeof(req));
	ok(req.type == 4711 && req.instance == 1 && req.scope == TIPC_NODE_SCOPE &&
	   req.flags == TIPC_GROUP_LOOPBACK, "with its four fields");
	char *s = ext_decode(g, buf, len);
	is_str(s, "{type=4711, instance=1, scope=3, flags=1}", "16 bytes decode as the structure");
	free(s);
	int type = 4711;
	s = ext_decode(g, &type, sizeof(type));
	is_str(s, "[4711]", "the kernel's 4-byte answer decodes as an int");
	free(s);
	node_free(n);

	/* SOL_RDS */
	const struct sockopt_ext *cancel = NULL, *trace = NULL;
	cancel = sockopt_shape(-1, SOL_RDS, RDS_CANCEL_SENT_TO);
	trace = sockopt_shape(-1, SOL_RDS, SO_RDS_MSG_RXPATH_LATENCY);
	if (cancel == sockopt_int_shape())
		cancel = NULL;
	if (trace == sockopt_int_shape())
		trace = NULL;
	ok(cancel && trace, "SOL_RDS: RDS_CANCEL_SENT_TO and SO_RDS_MSG_RXPATH_LATENCY");
	if (!cancel || !trace)
		return;
	const char *addr = "{sa_family=AF_INET, sin_port=htons(4000), "
			   "sin_addr=inet_addr(\"127.0.0.1\")}";
	char *step = xasprintf("setsockopt(3, SOL_RDS, RDS_CANCEL_SENT_TO, %s)", addr);
	n = parse_arg(step, 3, NULL);
	ok(n && cancel->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 &&
	   len == sizeof(struct sockaddr_in), "RDS_CANCEL_SENT_TO takes a sockaddr_in");
	s = ext_decode(cancel, buf, len);
	is_str(s, addr, "and decodes as one");
	free(s);
	free(step);
	node_free(n);
	n = parse_arg("setsockopt(3, SOL_RDS, SO_RDS_MSG_RXPATH_LATENCY, {rx_traces=2, "
		      "rx_trace_pos=[0, 1, 0]})", 3, NULL);
	ok(n && trace->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 &&
	   len == sizeof(struct rds_rx_trace_so) && buf[0] == 2 && buf[1] == 0 && buf[2] == 1,
	   "struct rds_rx_trace_so");
	s = ext_decode(trace, buf, len);
	is_str(s, "{rx_traces=2, rx_trace_pos=[0, 1, 0]}", "decodes with all its positions");
	free(s);
	node_free(n);
	n = parse_arg("setsockopt(3, SOL_RDS, SO_RDS_MSG_RXPATH_LATENCY, {rx_trace_pos=[0, 1, 2, "
		      "3]})", 3, NULL);
	ok(n && trace->encode(&x, n, buf, sizeof(buf), &len, &err) < 0 && err &&
	   strstr(err, "at most 3 positions"), "more positions than there are: an error");
	free(err);
	err = NULL;
	node_free(n);

	/* HCI_FILTER: Bluetooth sockets only */
	const struct sockopt_ext *f = &family_find(AF_BLUETOOTH)->own_opts[0];
	ok(f->level == 0 && f->name == 2, "the Bluetooth table has HCI_FILTER (SOL_HCI 0, 2)");
	ok(sockopt_shape(-1, 0, 2) == sockopt_int_shape(), "it does not take over IP_TTL (SOL_IP 0, 2)");
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	ok(fd < 0 || sockopt_shape(fd, 0, 2) == sockopt_int_shape(),
	   "not for an AF_INET socket either (sockopt_kind_fd)");
	if (fd >= 0)
		close(fd);
	n = parse_arg("setsockopt(3, SOL_HCI, HCI_FILTER, {type_mask=0x10, event_mask=[0xffffffff, "
		      "1], opcode=0x0c03})", 3, NULL);
	ok(n && f->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 && len == 16,
	   "a filter is 16 bytes, padding included");
	static const unsigned char want[16] = { 0x10, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0,
						0x03, 0x0c, 0, 0 };
	ok(memcmp(buf, want, 16) == 0, "type_mask, event_mask[2], opcode");
	s = ext_decode(f, buf, len);
	is_str(s, "{type_mask=16, event_mask=[4294967295, 1], opcode=3075}", "decodes back");
	free(s);
	s = ext_decode(f, buf, 4);
	is_str(s, "\"\\x10\\0\\0\\0\"", "an answer of another size stays bytes");
	free(s);
	node_free(n);
}

static char *payload_print(const struct payload_codec *c, const unsigned char *buf, size_t len)
{
	struct node *d = c->decode(buf, len);
	char *s = print(d);
	node_free(d);
	return s;
}

static void test_payloads(void)
{
	unsigned char buf[PAYLOAD_MAX];
	size_t len;
	char *err = NULL;

	/* QRTR control packets */
	const struct payload_codec *q = &family_find(AF_QIPCRTR)->payloads[0];
	ok(q->decode != NULL, "QRTR control packets for AF_QIPCRTR sockets");
	const char *lookup = "{cmd=10, service=24065, instance=7, node=0, port=0}";
	char *step = xasprintf("send(3, %s, 20, 0)", lookup);
	struct node *n = parse_arg(step, 1, NULL);
	ok(n && q->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 && len == 20,
	   "a control packet is 20 bytes");
	static const unsigned char lk[20] = { 10, 0, 0, 0, 0x01, 0x5e, 0, 0, 7, 0, 0, 0 };
	ok(memcmp(buf, lk, 20) == 0, "little-endian cmd, service, instance, node, port");
	char *s = payload_print(q, buf, len);
	is_str(s, lookup, "decodes back");
	free(s);
	free(step);
	node_free(n);
	n = parse_arg("send(3, {cmd=QRTR_TYPE_DEL_CLIENT, node=1, port=16384}, 20, 0)", 1, NULL);
	ok(n && q->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 && buf[4] == 1 &&
	   buf[8] == 0 && buf[9] == 0x40, "DEL_CLIENT: the client member, node then port");
	s = payload_print(q, buf, len);
	is_str(s, "{cmd=6, node=1, port=16384}", "decodes as the client member");
	free(s);
	node_free(n);
	n = parse_arg("send(3, {cmd=QRTR_TYPE_DEL_CLIENT, service=1}, 20, 0)", 1, NULL);
	ok(n && q->encode(&x, n, buf, sizeof(buf), &len, &err) < 0 && err &&
	   strstr(err, "QRTR control packet"), "DEL_CLIENT has no service field");
	free(err);
	err = NULL;
	node_free(n);

	/* TIPC topology messages */
	const struct payload_codec *t = &family_find(AF_TIPC)->payloads[0];
	ok(t->decode != NULL, "topology messages for AF_TIPC sockets");
	const char *sub = "{seq={type=5000, lower=1, upper=10}, timeout=-1, filter=1, "
			  "usr_handle=\"sockspec\"}";
	step = xasprintf("send(3, %s, 28, 0)", sub);
	n = parse_arg(step, 1, NULL);
	ok(n && t->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 &&
	   len == sizeof(struct tipc_subscr), "a subscription is a struct tipc_subscr");
	struct tipc_subscr ts;
	memcpy(&ts, buf, sizeof(ts));
	ok(ts.seq.type == 5000 && ts.seq.upper == 10 && ts.timeout == (__u32)TIPC_WAIT_FOREVER &&
	   ts.filter == TIPC_SUB_PORTS && !memcmp(ts.usr_handle, "sockspec", 8),
	   "in host order");
	s = payload_print(t, buf, len);
	is_str(s, sub, "decodes back, timeout signed");
	free(s);
	free(step);
	node_free(n);
	const char *evt = "{event=1, found_lower=5, found_upper=6, port={ref=123, node=0}, "
			  "s={seq={type=5000, lower=1, upper=10}, timeout=500, filter=2, "
			  "usr_handle=\"ab\\0\\0\\0\\0\\0\\0\"}}";
	step = xasprintf("recv(3, %s, 100, 0)", evt);
	n = parse_arg(step, 1, NULL);
	ok(n && t->encode(&x, n, buf, sizeof(buf), &len, &err) == 0 &&
	   len == sizeof(struct tipc_event), "an event is a struct tipc_event");
	s = payload_print(t, buf, len);
	is_str(s, evt, "decodes back");
	free(s);
	s = payload_print(t, buf, 5);
	is_str(s, "\"\\x01\\0\\0\\0\\x05\"", "other lengths stay bytes");
	free(s);
	free(step);
	node_free(n);
	n = parse_arg("send(3, {seq={type=1, middle=2}}, 28, 0)", 1, NULL);
	ok(n && t->encode(&x, n, buf, sizeof(buf), &len, &err) < 0 && err &&
	   strstr(err, "seq={type=, lower=, upper=}"), "unknown fields are named");
	free(err);
	node_free(n);
}

int main(void)
{
	test_tipc();
	test_qrtr();
	test_bluetooth();
	test_options();
	test_payloads();
	return tap_done();
}
