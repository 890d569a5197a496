/* SPDX-License-Identifier: MIT */
/*
 * The AF_CAN notation: struct sockaddr_can (family_find(AF_CAN)->addr->c), CAN_RAW frames and
 * CAN_BCM messages (payload_can.c), the CAN option shapes (sockopt_can.c).
 * What a case writes is parsed, laid out as the kernel ABI has it, decoded
 * back and printed the way the runner prints an actual value (with the
 * pattern as the hint), which must give the text written.  No CAN socket is
 * needed: this machine's kernel may not have any.
 */
#define _GNU_SOURCE
#include <linux/can.h>
#include <linux/can/bcm.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <linux/can/raw.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/family.h"
#include "sock/addr.h"
#include "family/can/notation.h"
#include "lang/case.h"
#include "fixtures/fixture.h"
#include "exec/interp.h"
#include "sock/payload.h"
#include "sock/sockopt.h"
#include "sock/sockproto.h"
#include "tap.h"
#include "util/util.h"

static struct scope x;	/* no handles, no variables */

/* Argument ARG of the one step of a case whose step is STEP_FMT with TEXT in it. */
static struct node *parse_arg(const char *step_fmt, const char *text, size_t arg)
{
	char *step = xasprintf(step_fmt, text);
	char *src = xasprintf("family AF_CAN\ncase a\n  doc d\n  what w\n  %s\n", step);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (cf->errors)
		printf("#   parsing %s: %.*s\n", step, (int)strcspn(cf->errors, "\n"), cf->errors);
	else if (cf->ncases == 1 && cf->cases[0].nsteps == 1)
		n = node_clone(cf->cases[0].steps[0].call_node->kids[arg]);
	casefile_free(cf);
	free(src);
	free(step);
	return n;
}

static char *print_hinted(const struct node *n, const struct node *hint)
{
	struct sbuf sb = { 0 };
	node_print(&sb, n, hint, NULL);
	return sb_take(&sb);
}

static const struct payload_codec *codec(int protocol)
{
	for (const struct payload_codec *c = family_find(AF_CAN)->payloads; c->decode; c++)
		if (c->protocol == protocol)
			return c;
	return NULL;
}

/* --- payloads --------------------------------------------------------- */

/* TEXT (a write's buffer) lays out to WANT_LEN bytes in BUF and decodes to TEXT. */
static void payload_round_trip(int protocol, const char *text, size_t want_len, unsigned char *buf)
{
	const struct payload_codec *c = codec(protocol);
	struct node *n = parse_arg("write(3, %s, 16)", text, 1);
	ok(c && n, "parses: %s", text);
	if (!c || !n) {
		node_free(n);
		return;
	}
	size_t len = 0;
	char *err = NULL;
	memset(buf, 0xee, PAYLOAD_MAX);
	int rc = c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err);
	is_int(rc, 0, "lays out: %s", text);
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, want_len, "  in %zu bytes", want_len);
	struct node *d = c->decode(buf, len);
	char *back = print_hinted(d, n);
	is_str(back, text, "  decodes and prints back the same");
	char *as_written = print_hinted(n, NULL);
	is_str(as_written, text, "  and the parsed value prints as written");
	free(as_written);
	free(back);
	free(err);
	node_free(d);
	node_free(n);
}

static char *payload_error(int protocol, const char *text)
{
	const struct payload_codec *c = codec(protocol);
	struct node *n = parse_arg("write(3, %s, 16)", text, 1);
	unsigned char *buf = xmalloc(PAYLOAD_MAX);
	size_t len;
	char *err = NULL;
	if (!c || !n || c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0) {
		free(err);
		err = NULL;
	}
	free(buf);
	node_free(n);
	return err;
}

static char *decode_print(int protocol, const void *buf, size_t len)
{
	struct node *d = codec(protocol)->decode(buf, len);
	char *s = print_hinted(d, NULL);
	node_free(d);
	return s;
}

static void test_raw_frames(void)
{
	unsigned char *buf = xmalloc(PAYLOAD_MAX);
	struct can_frame cf;
	struct canfd_frame fd;

	payload_round_trip(CAN_RAW, "{can_id=0x123, len=2, data=\"\\x01\\x02\"}", CAN_MTU, buf);
	memcpy(&cf, buf, sizeof(cf));
	ok(cf.can_id == 0x123 && cf.len == 2 && cf.data[0] == 1 && cf.data[1] == 2,
	   "  struct can_frame: can_id %#x, len %d", cf.can_id, cf.len);
	ok(cf.__pad == 0 && cf.__res0 == 0 && cf.len8_dlc == 0 && cf.data[2] == 0 && cf.data[7] == 0,
	   "  padding and unused data bytes are zero");

	payload_round_trip(CAN_RAW, "{can_id=0x12345678|CAN_EFF_FLAG, len=1, data=\"e\"}", CAN_MTU, buf);
	memcpy(&cf, buf, sizeof(cf));
	is_int(cf.can_id, 0x12345678 | CAN_EFF_FLAG, "  the flag is bit 31");
	payload_round_trip(CAN_RAW, "{can_id=0x7ff|CAN_RTR_FLAG, len=4, data=\"\\0\\0\\0\\0\"}", CAN_MTU,
			   buf);
	payload_round_trip(CAN_RAW, "{can_id=0x40|CAN_ERR_FLAG, len=8, data=\"\\0\\0\\0\\0\\0\\0\\0\\0\"}",
			   CAN_MTU, buf);
	payload_round_trip(CAN_RAW, "{can_id=0x1|CAN_EFF_FLAG|CAN_RTR_FLAG, len=0, data=\"\"}", CAN_MTU,
			   buf);
	payload_round_trip(CAN_RAW, "{can_id=0, len=8, data=\"abcdefgh\"}", CAN_MTU, buf);
	/* more data than len: all of it is laid out, len says what counts */
	payload_round_trip(CAN_RAW, "{can_id=0x1, len=8, len8_dlc=12, data=\"abcdefgh\"}", CAN_MTU, buf);
	memcpy(&cf, buf, sizeof(cf));
	is_int(cf.len8_dlc, 12, "  len8_dlc is laid out");

	/* CAN FD: written with flags (or more than 8 bytes) */
	payload_round_trip(CAN_RAW, "{can_id=0x123, len=12, flags=CANFD_BRS|CANFD_FDF, data=\"0123456789ab\"}",
			   CANFD_MTU, buf);
	memcpy(&fd, buf, sizeof(fd));
	ok(fd.len == 12 && fd.flags == (CANFD_BRS | CANFD_FDF) && !memcmp(fd.data, "0123456789ab", 12) &&
	   fd.data[12] == 0 && fd.data[63] == 0,
	   "  struct canfd_frame: len %d, flags %#x, zero after the data", fd.len, fd.flags);
	payload_round_trip(CAN_RAW, "{can_id=0x1, len=2, flags=0, data=\"fd\"}", CANFD_MTU, buf);
	payload_round_trip(CAN_RAW, "{can_id=0x1, len=9, flags=CANFD_ESI, data=\"123456789\"}", CANFD_MTU,
			   buf);

	/* len defaults to the data's length; the data to nothing */
	const struct payload_codec *c = codec(CAN_RAW);
	struct node *n = parse_arg("write(3, %s, 16)", "{can_id=0x5, data=\"ab\"}", 1);
	size_t len = 0;
	char *err = NULL;
	ok(n && c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0 && len == CAN_MTU,
	   "a frame without len lays out");
	char *s = decode_print(CAN_RAW, buf, len);
	is_str(s, "{can_id=0x5, len=2, data=\"ab\"}", "  with the data's length");
	free(s);
	node_free(n);
	n = parse_arg("write(3, %s, 16)", "{can_id=0x5, data=\"0123456789\"}", 1);
	ok(n && c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0 && len == CANFD_MTU,
	   "ten data bytes make a CAN FD frame");
	node_free(n);
	n = parse_arg("write(3, %s, 16)", "{can_id=0x5, len=9}", 1);
	ok(n && c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0 && len == CANFD_MTU,
	   "and so does a len above 8");
	node_free(n);
	free(err);

	/* what reads of other sizes give */
	s = decode_print(CAN_RAW, "\xff\x07\0\0\x08\0\0\0", 8);
	is_str(s, "\"\\xff\\x07\\0\\0\\x08\\0\\0\\0\"", "an 8-byte read decodes as bytes");
	free(s);
	memset(&cf, 0, sizeof(cf));
	cf.can_id = 0x100;
	cf.len = 12;	/* nonsense from the wire is shown, but only 8 data bytes */
	memcpy(cf.data, "abcdefgh", 8);
	s = decode_print(CAN_RAW, &cf, sizeof(cf));
	is_str(s, "{can_id=0x100, len=12, data=\"abcdefgh\"}", "a classic frame shows at most 8 bytes");
	free(s);

	/* errors a case can make */
	char *e = payload_error(CAN_RAW, "{can_id=0x1, dlc=2}");
	ok(e && strstr(e, "dlc is not a field of a CAN frame"), "unknown field: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_RAW, "{can_id=0x1, flags=0, data=\"a\" * 65}");
	ok(e && strstr(e, "at most 64 data bytes"), "65 data bytes: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_RAW, "{can_id=0x100000000, len=0}");
	ok(e && strstr(e, "does not fit in 32 bits"), "can_id beyond 32 bits: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_RAW, "{can_id=0x1, len=256}");
	ok(e && strstr(e, "does not fit in 8 bits"), "len beyond a byte: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_RAW, "[{can_id=0x1, len=0}]");
	ok(e && strstr(e, "one frame"), "a list on a raw socket: %s", e ? e : "no error");
	free(e);
	free(buf);
}

static void test_bcm(void)
{
	unsigned char *buf = xmalloc(PAYLOAD_MAX);
	struct bcm_msg_head h;

	payload_round_trip(CAN_BCM,
			   "{opcode=TX_SETUP, flags=SETTIMER|STARTTIMER, count=0, ival1={tv_sec=0, tv_usec=0}, "
			   "ival2={tv_sec=0, tv_usec=100000}, can_id=0x123, nframes=1, "
			   "frames=[{can_id=0x123, len=2, data=\"\\x01\\x02\"}]}",
			   sizeof(h) + CAN_MTU, buf);
	memcpy(&h, buf, sizeof(h));
	ok(h.opcode == TX_SETUP && h.flags == (SETTIMER | STARTTIMER) && h.ival2.tv_usec == 100000 &&
	   h.can_id == 0x123 && h.nframes == 1, "  struct bcm_msg_head as the kernel reads it");
	is_int(buf[sizeof(h)], 0x23, "  the frame follows the 56-byte head");

	payload_round_trip(CAN_BCM,
			   "{opcode=RX_TIMEOUT, flags=SETTIMER|STARTTIMER, count=0, ival1={tv_sec=0, tv_usec=500000}, "
			   "ival2={tv_sec=0, tv_usec=0}, can_id=0x202, nframes=0, frames=[]}",
			   sizeof(h), buf);
	payload_round_trip(CAN_BCM,
			   "{opcode=TX_EXPIRED, flags=SETTIMER|STARTTIMER|TX_COUNTEVT|TX_ANNOUNCE, count=0, "
			   "ival1={tv_sec=1, tv_usec=2}, ival2={tv_sec=3, tv_usec=4}, can_id=0x1abcdef|CAN_EFF_FLAG, "
			   "nframes=0, frames=[]}", sizeof(h), buf);
	payload_round_trip(CAN_BCM,
			   "{opcode=RX_CHANGED, flags=RX_FILTER_ID|CAN_FD_FRAME, count=0, ival1={tv_sec=0, tv_usec=0}, "
			   "ival2={tv_sec=0, tv_usec=0}, can_id=0x205, nframes=1, "
			   "frames=[{can_id=0x205, len=12, flags=CANFD_BRS|CANFD_FDF, data=\"0123456789ab\"}]}",
			   sizeof(h) + CANFD_MTU, buf);
	payload_round_trip(CAN_BCM,
			   "{opcode=TX_SETUP, flags=0, count=0, ival1={tv_sec=0, tv_usec=0}, ival2={tv_sec=0, tv_usec=0}, "
			   "can_id=0x128, nframes=2, frames=[{can_id=0x128, len=1, data=\"a\"}, "
			   "{can_id=0x128, len=1, data=\"b\"}]}", sizeof(h) + 2 * CAN_MTU, buf);
	/* with CAN_FD_FRAME even a frame written without flags is a struct canfd_frame */
	const struct payload_codec *c = codec(CAN_BCM);
	struct node *n = parse_arg("write(3, %s, 16)",
				   "{opcode=TX_SEND, flags=CAN_FD_FRAME, frames=[{can_id=0x1, len=2, data=\"ab\"}]}", 1);
	size_t len = 0;
	char *err = NULL;
	ok(n && c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0, "an FD message lays out");
	is_int(len, sizeof(h) + CANFD_MTU, "  with a 72-byte frame");
	memcpy(&h, buf, sizeof(h));
	is_int(h.nframes, 1, "  nframes defaults to the frames listed");
	node_free(n);
	/* nframes may disagree on purpose */
	n = parse_arg("write(3, %s, 16)", "{opcode=TX_SEND, nframes=3, frames=[]}", 1);
	ok(n && c->encode(&x, n, buf, PAYLOAD_MAX, &len, &err) == 0 && len == sizeof(h),
	   "nframes=3 with no frames: a bare head");
	memcpy(&h, buf, sizeof(h));
	is_int(h.nframes, 3, "  that says 3");
	node_free(n);
	free(err);

	/* decoding what the kernel may send */
	memset(&h, 0, sizeof(h));
	h.opcode = 99;
	h.flags = SETTIMER | 0x10000;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), "\x01\x02\x03", 3);
	char *s = decode_print(CAN_BCM, buf, sizeof(h) + 3);
	is_str(s, "{opcode=99, flags=SETTIMER|0x10000, count=0, ival1={tv_sec=0, tv_usec=0}, "
	       "ival2={tv_sec=0, tv_usec=0}, can_id=0, nframes=0, frames=[\"\\x01\\x02\\x03\"]}",
	       "an unknown opcode, unknown flag bits, a partial frame");
	free(s);
	s = decode_print(CAN_BCM, "\x01\0\0\0", 4);
	is_str(s, "\"\\x01\\0\\0\\0\"", "less than a head decodes as bytes");
	free(s);

	char *e = payload_error(CAN_BCM, "{opcode=TX_SEND, frame=[]}");
	ok(e && strstr(e, "frame is not a field of a broadcast manager message"), "unknown field: %s",
	   e ? e : "no error");
	free(e);
	e = payload_error(CAN_BCM, "{opcode=TX_SEND, frames={can_id=1}}");
	ok(e && strstr(e, "frames is a list"), "frames not a list: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_BCM, "{opcode=TX_SEND, ival1={sec=1}}");
	ok(e && strstr(e, "sec is not a field of a bcm_timeval"), "bad timeval: %s", e ? e : "no error");
	free(e);
	e = payload_error(CAN_BCM, "{opcode=TX_SEND, frames=[{can_id=0x1, len=2, flags=0}]}");
	ok(e && strstr(e, "flags is not a field of a CAN frame"),
	   "flags on a classic BCM frame: %s", e ? e : "no error");
	free(e);
	free(buf);
}

/* --- addresses -------------------------------------------------------- */

/* TEXT encodes to 24 bytes and decodes (for PROTOCOL; -1: without a socket, LEN bytes) to TEXT. */
static void addr_round_trip(const char *text, int protocol, socklen_t dlen,
			    struct sockaddr_storage *ss)
{
	struct node *n = parse_arg("bind(3, %s)", text, 1);
	ok(n != NULL, "parses: %s", text);
	if (!n)
		return;
	socklen_t len = 0;
	char *err = NULL;
	is_int(addr_encode(&x, n, ss, &len, &err), 0, "  encodes");
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, sizeof(struct sockaddr_can), "  as the whole sockaddr_can");
	struct node *d = protocol < 0 ? addr_decode(ss, dlen)
				      : family_find(AF_CAN)->addr->decode_sock(ss, dlen, SOCK_DGRAM, protocol);
	char *back = print_hinted(d, n);
	is_str(back, text, "  decodes (%d bytes) and prints back the same", (int)dlen);
	free(back);
	free(err);
	node_free(d);
	node_free(n);
}

static void test_addresses(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_can *a = (struct sockaddr_can *)&ss;
	int lo = 1;	/* lo is index 1 in every network namespace */

	addr_round_trip("{sa_family=AF_CAN, can_ifindex=if_nametoindex(\"lo\")}", CAN_RAW, 8, &ss);
	is_int(a->can_ifindex, lo, "  can_ifindex");
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0}", CAN_RAW, 8, &ss);
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0}", -1, 8, &ss);
	/* an index no link has decodes as a number */
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=9999}", CAN_BCM, 24, &ss);

	addr_round_trip("{sa_family=AF_CAN, can_ifindex=if_nametoindex(\"lo\"), can_addr={tp={rx_id=0x123, tx_id=0x321}}}",
			CAN_ISOTP, 16, &ss);
	ok(a->can_addr.tp.rx_id == 0x123 && a->can_addr.tp.tx_id == 0x321, "  rx_id and tx_id");
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr={tp={rx_id=0x18da00f1|CAN_EFF_FLAG, tx_id=0}}}",
			CAN_ISOTP, 16, &ss);
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr={tp={rx_id=0x1, tx_id=0x2}}}", -1, 16, &ss);

	addr_round_trip("{sa_family=AF_CAN, can_ifindex=if_nametoindex(\"lo\"), can_addr={j1939={name=0x1234, pgn=0x12300, addr=0x20}}}",
			CAN_J1939, 24, &ss);
	ok(a->can_addr.j1939.name == 0x1234 && a->can_addr.j1939.pgn == 0x12300 &&
	   a->can_addr.j1939.addr == 0x20, "  name, pgn and addr");
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr={j1939={name=J1939_NO_NAME, pgn=J1939_NO_PGN, addr=J1939_NO_ADDR}}}",
			CAN_J1939, 24, &ss);
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr={j1939={name=7, pgn=74496, addr=32}}}",
			-1, 24, &ss);
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr={j1939={name=0x7fffffffffffffff, pgn=0, addr=0}}}",
			CAN_J1939, 24, &ss);

	/* union bytes a raw socket's answer should not have: shown raw */
	addr_round_trip("{sa_family=AF_CAN, can_ifindex=0, can_addr=\"\\x01\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}",
			CAN_RAW, 24, &ss);
	memset(&ss, 0, sizeof(ss));
	a->can_family = AF_CAN;
	struct node *d = family_find(AF_CAN)->addr->decode_sock(&ss, 24, SOCK_RAW, CAN_RAW);
	char *s = print_hinted(d, NULL);
	is_str(s, "{sa_family=AF_CAN, can_ifindex=0}", "zero union bytes of a raw socket are not shown");
	free(s);
	node_free(d);
	d = family_find(AF_CAN)->addr->decode_sock(&ss, 8, SOCK_DGRAM, CAN_ISOTP);
	s = print_hinted(d, NULL);
	is_str(s, "{sa_family=AF_CAN, can_ifindex=0}", "an ISO-TP answer of 8 bytes has no ids");
	free(s);
	node_free(d);
	d = addr_decode(&ss, 4);
	s = print_hinted(d, NULL);
	is_str(s, "{sa_family=AF_CAN}", "4 bytes: the family alone");
	free(s);
	node_free(d);

	/* the parser checks fields; the codec checks the union */
	struct node *n = parse_arg("bind(3, %s)", "{sa_family=AF_CAN, can_addr={tp={rx_id=1}, j1939={addr=2}}}", 1);
	char *err = NULL;
	socklen_t len;
	ok(n && addr_encode(&x, n, &ss, &len, &err) < 0 && err && strstr(err, "holds one member"),
	   "two union members: %s", err ? err : "no error");
	free(err);
	err = NULL;
	node_free(n);
	n = parse_arg("bind(3, %s)", "{sa_family=AF_CAN, can_addr={isotp={rx_id=1}}}", 1);
	ok(n && addr_encode(&x, n, &ss, &len, &err) < 0 && err && strstr(err, "isotp is not a field of can_addr"),
	   "unknown member: %s", err ? err : "no error");
	free(err);
	err = NULL;
	node_free(n);
	n = parse_arg("bind(3, %s)", "{sa_family=AF_CAN, can_addr={j1939={addr=256}}}", 1);
	ok(n && addr_encode(&x, n, &ss, &len, &err) < 0 && err && strstr(err, "does not fit in 8 bits"),
	   "an addr beyond a byte: %s", err ? err : "no error");
	free(err);
	node_free(n);
}

/* --- options ---------------------------------------------------------- */

static void opt_round_trip(int level, int name, const char *text, socklen_t want_len,
			   unsigned char *buf)
{
	struct node *n = parse_arg("setsockopt(3, SOL_SOCKET, SO_TYPE, %s)", text, 3);
	const struct sockopt_ext *k = sockopt_shape(-1, level, name);
	ok(n != NULL, "parses: %s", text);
	if (!n)
		return;
	socklen_t len = 0;
	char *err = NULL;
	is_int(sockopt_encode(&x, k, n, buf, 256, &len, &err), 0, "  encodes");
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, want_len, "  in %u bytes", (unsigned)want_len);
	struct node *d = sockopt_decode(k, buf, len);
	char *back = print_hinted(d, n);
	is_str(back, text, "  decodes and prints back the same");
	free(back);
	free(err);
	node_free(d);
	node_free(n);
}

static void test_options(void)
{
	unsigned char buf[256];
	struct can_filter f[2];

	opt_round_trip(SOL_CAN_RAW, CAN_RAW_FILTER,
		       "[{can_id=0x123, can_mask=CAN_SFF_MASK}, {can_id=0x12345678|CAN_EFF_FLAG, "
		       "can_mask=CAN_EFF_MASK|CAN_EFF_FLAG|CAN_RTR_FLAG}]", 16, buf);
	memcpy(f, buf, sizeof(f));
	ok(f[0].can_id == 0x123 && f[0].can_mask == CAN_SFF_MASK &&
	   f[1].can_mask == (CAN_EFF_MASK | CAN_EFF_FLAG | CAN_RTR_FLAG), "  struct can_filter[2]");
	opt_round_trip(SOL_CAN_RAW, CAN_RAW_FILTER, "[{can_id=0x123|CAN_INV_FILTER, can_mask=0x7f0}]", 8, buf);
	is_int(((struct can_filter *)buf)->can_id, 0x123 | CAN_INV_FILTER, "  CAN_INV_FILTER is bit 29");
	opt_round_trip(SOL_CAN_RAW, CAN_RAW_FILTER, "[{can_id=0, can_mask=0}]", 8, buf);
	opt_round_trip(SOL_CAN_RAW, CAN_RAW_FILTER, "[{can_id=0x1, can_mask=CAN_EFF_FLAG}]", 8, buf);
	opt_round_trip(SOL_CAN_RAW, CAN_RAW_FILTER, "[]", 0, buf);
	is_int(sockopt_shape(-1, SOL_CAN_RAW, CAN_RAW_FILTER)->bufsize, 256,
	       "getsockopt offers room for 32 filters");

	opt_round_trip(SOL_CAN_J1939, SO_J1939_FILTER,
		       "[{name=0, name_mask=0, pgn=0x12400, pgn_mask=J1939_PGN_PDU1_MAX, addr=0x20, addr_mask=0xff}]",
		       sizeof(struct j1939_filter), buf);
	struct j1939_filter jf;
	memcpy(&jf, buf, sizeof(jf));
	ok(jf.pgn == 0x12400 && jf.pgn_mask == J1939_PGN_PDU1_MAX && jf.addr == 0x20 &&
	   jf.addr_mask == 0xff, "  struct j1939_filter");

	opt_round_trip(SOL_CAN_ISOTP, CAN_ISOTP_OPTS,
		       "{flags=CAN_ISOTP_TX_PADDING, frame_txtime=50000, ext_address=0, txpad_content=0xaa, "
		       "rxpad_content=0xcc, rx_ext_address=0}", sizeof(struct can_isotp_options), buf);
	struct can_isotp_options io;
	memcpy(&io, buf, sizeof(io));
	ok(io.flags == CAN_ISOTP_TX_PADDING && io.frame_txtime == 50000 && io.txpad_content == 0xaa &&
	   io.rxpad_content == 0xcc, "  struct can_isotp_options");
	opt_round_trip(SOL_CAN_ISOTP, CAN_ISOTP_RECV_FC, "{bs=4, stmin=5, wftmax=0}", 3, buf);
	opt_round_trip(SOL_CAN_ISOTP, CAN_ISOTP_LL_OPTS, "{mtu=CANFD_MTU, tx_dl=64, tx_flags=CANFD_BRS}", 3, buf);
	ok(sockopt_shape(-1, SOL_CAN_RAW, CAN_RAW_LOOPBACK) == sockopt_int_shape(), "CAN_RAW_LOOPBACK is an int");
	ok(sockopt_shape(-1, SOL_CAN_ISOTP, CAN_ISOTP_TX_STMIN) == sockopt_int_shape(), "CAN_ISOTP_TX_STMIN is an int");

	struct node *n = parse_arg("setsockopt(3, SOL_SOCKET, SO_TYPE, %s)", "[1]", 3);
	socklen_t len;
	char *err = NULL;
	ok(n && sockopt_encode(&x, sockopt_shape(-1, SOL_CAN_RAW, CAN_RAW_FILTER), n, buf, sizeof(buf), &len,
			       &err) < 0 && err, "[1] is no filter: %s", err ? err : "no error");
	free(err);
	node_free(n);
}

/* --- shared pieces ---------------------------------------------------- */

static void is_printed(struct node *n, const char *want, const char *what)
{
	char *s = print_hinted(n, NULL);
	is_str(s, want, "%s", what);
	free(s);
	node_free(n);
}

static void test_notation(void)
{
	is_printed(can_id_node(0x123, 0), "0x123", "an 11-bit id");
	is_printed(can_id_node(0, 0), "0", "id 0");
	is_printed(can_id_node(CAN_EFF_FLAG, 0), "0|CAN_EFF_FLAG", "29-bit id 0");
	is_printed(can_id_node(0xffffffff, 0), "0x1fffffff|CAN_EFF_FLAG|CAN_RTR_FLAG|CAN_ERR_FLAG",
		   "every bit, flags from the highest down");
	is_printed(can_id_node(0x123 | CAN_INV_FILTER, 1), "0x123|CAN_INV_FILTER", "bit 29 in a filter");
	is_printed(can_mask_node(CAN_SFF_MASK), "CAN_SFF_MASK", "the 11-bit mask");
	is_printed(can_mask_node(CAN_EFF_MASK | CAN_EFF_FLAG), "CAN_EFF_MASK|CAN_EFF_FLAG", "the 29-bit mask");
	is_printed(can_mask_node(CAN_EFF_FLAG | CAN_RTR_FLAG), "CAN_EFF_FLAG|CAN_RTR_FLAG", "flags alone");
	is_printed(can_mask_node(0x7f0), "0x7f0", "another mask");
	is_printed(can_mask_node(0), "0", "no mask");

	/* the parser keeps hex literals hex (printed normalized, as %#x) */
	struct node *n = parse_arg("write(3, %s, 16)", "{can_id=0x07FF, len=0x0}", 1);
	is_printed(n, "{can_id=0x7ff, len=0}", "hex literals print as hex");

	/* sock_identify: the domain, type and protocol of a socket */
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0), d = -1, t = -1, p = -1;
	ok(fd >= 0 && sock_identify(fd, &d, &t, &p) == 0 && d == AF_UNIX && t == SOCK_DGRAM && p == 0,
	   "sock_identify on AF_UNIX: %d %d %d", d, t, p);
	close(fd);
	ok(sock_identify(999, &d, &t, &p) < 0, "sock_identify on no socket fails");
}

/* --- the vxcan fixture ------------------------------------------------ */

/* The first error line of a case whose body is BODY, or NULL. */
static char *case_error(const char *body, struct casefile **out)
{
	char *src = xasprintf("family AF_CAN\ncase a\n  doc d\n  what w\n%s", body);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	free(src);
	char *e = cf->errors ? xstrndup(cf->errors, strcspn(cf->errors, "\n")) : NULL;
	if (out)
		*out = cf;
	else
		casefile_free(cf);
	return e;
}

static void test_vxcan_fixture(void)
{
	struct casefile *cf = NULL;
	char *e = case_error("  netns peer\n  vxcan vxcan0 peer:vxcan1\n  link vxcan0 up mtu 72\n"
			     "  s = socket(AF_CAN, SOCK_RAW, CAN_RAW)\n", &cf);
	is_str(e, NULL, "vxcan NAME NS:PEER parses");
	const struct fixture *f = cf && cf->ncases ? cf->cases[0].fixtures : NULL;
	ok(f && cf->cases[0].nfixtures == 2 && f[0].kind == FX_VXCAN && !strcmp(f[0].ifname, "vxcan0") &&
	   f[0].ns == 0 && !strcmp(f[0].peer, "vxcan1") && f[0].peer_ns == 1,
	   "  a vxcan pair, the peer end in the declared namespace");
	ok(f && f[1].kind == FX_LINK && f[1].up == 1 && f[1].mtu == 72, "  and link up with the CAN FD MTU");
	free(e);
	casefile_free(cf);

	e = case_error("  vxcan vxcan0 vxcan1\n  s = socket(AF_CAN, SOCK_RAW, CAN_RAW)\n", &cf);
	ok(!e && cf->cases[0].nfixtures == 1 && cf->cases[0].fixtures[0].peer_ns == 0,
	   "both ends in the case's namespace");
	free(e);
	casefile_free(cf);
	e = case_error("  vxcan vxcan0\n", NULL);
	ok(e && strstr(e, "expected: vxcan NAME [NS:]PEER"), "one name: %s", e ? e : "no error");
	free(e);
	e = case_error("  netns peer\n  vxcan peer:vxcan0 vxcan1\n", NULL);
	ok(e && strstr(e, "the first end is in the case's namespace"), "first end elsewhere: %s",
	   e ? e : "no error");
	free(e);
	e = case_error("  vxcan vxcan0 nowhere:vxcan1\n", NULL);
	ok(e && strstr(e, "'nowhere' is not a namespace"), "unknown namespace: %s", e ? e : "no error");
	free(e);
}

int main(void)
{
	test_raw_frames();
	test_bcm();
	test_addresses();
	test_options();
	test_notation();
	test_vxcan_fixture();
	return tap_done();
}
