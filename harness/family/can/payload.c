// SPDX-License-Identifier: MIT
/*
 * What CAN_RAW and CAN_BCM sockets read and write (payload.h), as
 * structures:
 *
 * CAN_RAW: one frame per read or write.
 *   {can_id=0x123, len=2, data="\x01\x02"}                  struct can_frame, 16 bytes
 *   {can_id=0x123, len=12, flags=CANFD_BRS, data="..."}     struct canfd_frame, 72 bytes
 *   {can_id=0x123|CAN_RTR_FLAG, len=0, data=""}             a remote request
 *   can_id is a CAN identifier (can_notation.h).  A frame written with a
 *   flags field, or more than 8 data bytes, is a CAN FD frame; a CAN FD
 *   frame read back always shows flags (0 when none), a classic one never
 *   does.  len defaults to the length of data; data shows the first len
 *   bytes (at most 8 or 64), the rest of the buffer is zero when written.
 *   len8_dlc (a classic frame's DLC 9..15 of an 8-byte frame) is shown
 *   when it is not 0.  Reads of another size decode as raw bytes.
 *
 * CAN_BCM: a struct bcm_msg_head and its frames.
 *   {opcode=TX_SETUP, flags=SETTIMER|STARTTIMER, count=0,
 *    ival1={tv_sec=0, tv_usec=0}, ival2={tv_sec=0, tv_usec=100000},
 *    can_id=0x123, nframes=1, frames=[{can_id=0x123, len=2, data="\x01\x02"}]}
 *   opcode prints by name (TX_SETUP ... RX_CHANGED), flags as the bcm.h
 *   names in bit order (SETTIMER|STARTTIMER|TX_COUNTEVT|...|CAN_FD_FRAME);
 *   ival1 and ival2 are struct bcm_timeval.  With CAN_FD_FRAME in flags the
 *   frames are struct canfd_frame (each then shows flags).  Written, every
 *   field may be left out (zero), nframes defaults to the number of frames
 *   listed, and frames=[] may disagree with nframes on purpose.  Read, the
 *   frames are those the message carries (a trailing partial frame shows as
 *   a string).
 */
#include "family/can/can.h"
#include "family/can/notation.h"
#include "lang/match.h"
#include "sock/payload.h"
#include "util/util.h"

#include <linux/can.h>
#include <linux/can/bcm.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static const char *const frame_fields[] = { "can_id", "len", "flags", "len8_dlc", "data", NULL };

static const struct can_flag canfd_flags[] = {
	{ "CANFD_BRS", CANFD_BRS }, { "CANFD_ESI", CANFD_ESI }, { "CANFD_FDF", CANFD_FDF },
};

/* Whether ST, written as a frame, is a CAN FD one. */
static bool written_fd(struct scope *x, const struct node *st)
{
	const struct node *d = node_get_field(st, "data"), *l = node_get_field(st, "len");
	long long v;
	char *err = NULL;
	if (node_get_field(st, "flags"))
		return true;
	if (d && d->kind == N_STR && d->len > CAN_MAX_DLEN)
		return true;
	if (l && eval_int(x, l, &v, &err) == 0 && v > CAN_MAX_DLEN)
		return true;
	free(err);
	return false;
}

/*
 * Frame ST into OUT (the size of struct canfd_frame when FD, else of struct
 * can_frame; the two share their first fields).  0 ok, -1 + *err.
 */
static int encode_frame(struct scope *x, const struct node *st, bool fd, unsigned char *out,
			char **err)
{
	static const char *const classic_fields[] = { "can_id", "len", "len8_dlc", "data", NULL };
	struct canfd_frame f;
	memset(&f, 0, sizeof(f));
	if (can_check_fields(st, fd ? frame_fields : classic_fields,
			     fd ? "a CAN FD frame" : "a CAN frame", err))
		return -1;
	unsigned long long id = 0, len = 0, flags = 0, l8 = 0;
	const struct node *n;
	size_t dlen = 0, cap = fd ? CANFD_MAX_DLEN : CAN_MAX_DLEN;
	if ((n = node_get_field(st, "data"))) {
		unsigned char b[CANFD_MAX_DLEN + 1];
		if (eval_bytes(x, n, b, sizeof(b), &dlen, err))
			return -1;
		if (dlen > cap) {
			*err = xasprintf("%d:%d: %s carries at most %zu data bytes", n->line, n->col,
					 fd ? "a CAN FD frame" : "a CAN frame", cap);
			return -1;
		}
		memcpy(f.data, b, dlen);
	}
	len = dlen;
	if (((n = node_get_field(st, "can_id")) && can_eval_uint(x, n, 32, &id, err)) ||
	    ((n = node_get_field(st, "len")) && can_eval_uint(x, n, 8, &len, err)) ||
	    ((n = node_get_field(st, "flags")) && can_eval_uint(x, n, 8, &flags, err)) ||
	    ((n = node_get_field(st, "len8_dlc")) && can_eval_uint(x, n, 8, &l8, err)))
		return -1;
	f.can_id = (canid_t)id;
	f.len = (__u8)len;
	if (fd) {
		f.flags = (__u8)flags;
		memcpy(out, &f, sizeof(f));
	} else {
		struct can_frame c;
		memset(&c, 0, sizeof(c));
		c.can_id = f.can_id;
		c.len = f.len;
		c.len8_dlc = (__u8)l8;
		memcpy(c.data, f.data, sizeof(c.data));
		memcpy(out, &c, sizeof(c));
	}
	return 0;
}

/* A frame of exactly CAN_MTU or CANFD_MTU bytes, decoded. */
static struct node *decode_frame(const unsigned char *buf, bool fd)
{
	struct canfd_frame f;
	memset(&f, 0, sizeof(f));
	memcpy(&f, buf, fd ? sizeof(struct canfd_frame) : sizeof(struct can_frame));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "can_id", can_id_node(f.can_id, 0));
	node_field(st, "len", node_int(f.len));
	if (fd) {
		node_field(st, "flags", can_flags_node(f.flags, canfd_flags, ARRAY_SIZE(canfd_flags)));
	} else {
		struct can_frame c;
		memcpy(&c, buf, sizeof(c));
		if (c.len8_dlc)
			node_field(st, "len8_dlc", node_int(c.len8_dlc));
	}
	size_t n = f.len < (fd ? CANFD_MAX_DLEN : CAN_MAX_DLEN) ? f.len
		 : (fd ? CANFD_MAX_DLEN : CAN_MAX_DLEN);
	node_field(st, "data", node_str(f.data, n));
	return st;
}

static int raw_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      size_t *len, char **err)
{
	if (n->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: a CAN_RAW socket writes one frame: {can_id=, len=, data=}",
				 n->line, n->col);
		return -1;
	}
	bool fd = written_fd(x, n);
	size_t size = fd ? CANFD_MTU : CAN_MTU;
	if (size > cap) {
		*err = xstrdup("no room for a frame");
		return -1;
	}
	if (encode_frame(x, n, fd, buf, err))
		return -1;
	*len = size;
	return 0;
}

static struct node *raw_decode(const unsigned char *buf, size_t len)
{
	if (len == CAN_MTU || len == CANFD_MTU)
		return decode_frame(buf, len == CANFD_MTU);
	return node_str(buf, len);
}

/* --- the broadcast manager ----------------------------------------- */

static const char *const bcm_fields[] = {
	"opcode", "flags", "count", "ival1", "ival2", "can_id", "nframes", "frames", NULL,
};

static const char *const bcm_opcodes[] = {
	[TX_SETUP] = "TX_SETUP", [TX_DELETE] = "TX_DELETE", [TX_READ] = "TX_READ",
	[TX_SEND] = "TX_SEND", [RX_SETUP] = "RX_SETUP", [RX_DELETE] = "RX_DELETE",
	[RX_READ] = "RX_READ", [TX_STATUS] = "TX_STATUS", [TX_EXPIRED] = "TX_EXPIRED",
	[RX_STATUS] = "RX_STATUS", [RX_TIMEOUT] = "RX_TIMEOUT", [RX_CHANGED] = "RX_CHANGED",
};

static const struct can_flag bcm_flags[] = {
	{ "SETTIMER", SETTIMER }, { "STARTTIMER", STARTTIMER }, { "TX_COUNTEVT", TX_COUNTEVT },
	{ "TX_ANNOUNCE", TX_ANNOUNCE }, { "TX_CP_CAN_ID", TX_CP_CAN_ID },
	{ "RX_FILTER_ID", RX_FILTER_ID }, { "RX_CHECK_DLC", RX_CHECK_DLC },
	{ "RX_NO_AUTOTIMER", RX_NO_AUTOTIMER }, { "RX_ANNOUNCE_RESUME", RX_ANNOUNCE_RESUME },
	{ "TX_RESET_MULTI_IDX", TX_RESET_MULTI_IDX }, { "RX_RTR_FRAME", RX_RTR_FRAME },
	{ "CAN_FD_FRAME", CAN_FD_FRAME },
};

static int encode_timeval(struct scope *x, const struct node *st, struct bcm_timeval *tv,
			  char **err)
{
	static const char *const tv_fields[] = { "tv_sec", "tv_usec", NULL };
	long long v;
	const struct node *n;
	if (can_check_fields(st, tv_fields, "a bcm_timeval {tv_sec=, tv_usec=}", err))
		return -1;
	if ((n = node_get_field(st, "tv_sec"))) {
		if (eval_int(x, n, &v, err))
			return -1;
		tv->tv_sec = (long)v;
	}
	if ((n = node_get_field(st, "tv_usec"))) {
		if (eval_int(x, n, &v, err))
			return -1;
		tv->tv_usec = (long)v;
	}
	return 0;
}

static int bcm_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      size_t *len, char **err)
{
	struct bcm_msg_head h;
	memset(&h, 0, sizeof(h));
	if (can_check_fields(n, bcm_fields, "a broadcast manager message", err))
		return -1;
	unsigned long long v;
	const struct node *f;
	if (((f = node_get_field(n, "opcode")) && can_eval_uint(x, f, 32, &v, err)))
		return -1;
	h.opcode = f ? (__u32)v : 0;
	if (((f = node_get_field(n, "flags")) && can_eval_uint(x, f, 32, &v, err)))
		return -1;
	h.flags = f ? (__u32)v : 0;
	if (((f = node_get_field(n, "count")) && can_eval_uint(x, f, 32, &v, err)))
		return -1;
	h.count = f ? (__u32)v : 0;
	if (((f = node_get_field(n, "can_id")) && can_eval_uint(x, f, 32, &v, err)))
		return -1;
	h.can_id = f ? (canid_t)v : 0;
	if (((f = node_get_field(n, "ival1")) && encode_timeval(x, f, &h.ival1, err)) ||
	    ((f = node_get_field(n, "ival2")) && encode_timeval(x, f, &h.ival2, err)))
		return -1;
	const struct node *frames = node_get_field(n, "frames");
	if (frames && frames->kind != N_LIST) {
		*err = xasprintf("%d:%d: frames is a list: [{can_id=, len=, data=}, ...]",
				 frames->line, frames->col);
		return -1;
	}
	size_t nf = frames ? frames->nkids : 0;
	if ((f = node_get_field(n, "nframes"))) {
		if (can_eval_uint(x, f, 32, &v, err))
			return -1;
		h.nframes = (__u32)v;
	} else {
		h.nframes = (__u32)nf;
	}
	bool fd = h.flags & CAN_FD_FRAME;
	size_t fsz = fd ? CANFD_MTU : CAN_MTU, at = sizeof(h);
	if (at + nf * fsz > cap) {
		*err = xasprintf("%d:%d: too many frames for one message", n->line, n->col);
		return -1;
	}
	memcpy(buf, &h, sizeof(h));
	for (size_t i = 0; i < nf; i++, at += fsz)
		if (encode_frame(x, frames->kids[i], fd, buf + at, err))
			return -1;
	*len = at;
	return 0;
}

static struct node *timeval_node(const struct bcm_timeval *tv)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "tv_sec", node_int(tv->tv_sec));
	node_field(st, "tv_usec", node_int(tv->tv_usec));
	return st;
}

static struct node *bcm_decode(const unsigned char *buf, size_t len)
{
	struct bcm_msg_head h;
	if (len < sizeof(h))
		return node_str(buf, len);
	memcpy(&h, buf, sizeof(h));
	struct node *st = node_new(N_STRUCT);
	if (h.opcode < ARRAY_SIZE(bcm_opcodes) && bcm_opcodes[h.opcode])
		node_field(st, "opcode", node_sym(bcm_opcodes[h.opcode], h.opcode));
	else
		node_field(st, "opcode", node_int(h.opcode));
	node_field(st, "flags", can_flags_node(h.flags, bcm_flags, ARRAY_SIZE(bcm_flags)));
	node_field(st, "count", node_int(h.count));
	node_field(st, "ival1", timeval_node(&h.ival1));
	node_field(st, "ival2", timeval_node(&h.ival2));
	node_field(st, "can_id", can_id_node(h.can_id, 0));
	node_field(st, "nframes", node_int(h.nframes));
	bool fd = h.flags & CAN_FD_FRAME;
	size_t fsz = fd ? CANFD_MTU : CAN_MTU, at = sizeof(h);
	struct node *frames = node_new(N_LIST);
	for (; at + fsz <= len; at += fsz)
		node_push(frames, decode_frame(buf + at, fd));
	if (at < len)
		node_push(frames, node_str(buf + at, len - at));
	node_field(st, "frames", frames);
	return st;
}

const struct payload_codec can_codecs[] = {
	{ CAN_RAW, "a CAN frame {can_id=, len=, data=}", raw_encode, raw_decode },
	{ CAN_BCM, "a broadcast manager message {opcode=, flags=, ..., frames=[...]}",
	  bcm_encode, bcm_decode },
	{ 0 },
};

