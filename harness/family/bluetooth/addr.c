// SPDX-License-Identifier: MIT
/*
 * AF_BLUETOOTH: one family, one address structure per protocol, written
 * with the field names of the C structures (BlueZ's headers):
 *
 *   BTPROTO_L2CAP   {sa_family=AF_BLUETOOTH, l2_psm=4097, l2_bdaddr="00:00:00:00:00:00",
 *                    l2_cid=0, l2_bdaddr_type=BDADDR_BREDR}          struct sockaddr_l2
 *   BTPROTO_RFCOMM  {sa_family=AF_BLUETOOTH, rc_bdaddr="00:00:00:00:00:00", rc_channel=1}
 *   BTPROTO_HCI     {sa_family=AF_BLUETOOTH, hci_dev=HCI_DEV_NONE, hci_channel=HCI_CHANNEL_RAW}
 *   BTPROTO_SCO     {sa_family=AF_BLUETOOTH, sco_bdaddr="00:00:00:00:00:00"}
 *
 * socket.rst's (bdaddr, psm), (bdaddr, channel), (device_id,) and bdaddr.
 * - A Bluetooth address is a string of six hex pairs in the usual display
 *   order, most significant first (BDADDR_ANY is "00:00:00:00:00:00",
 *   BDADDR_LOCAL "00:00:00:FF:FF:FF"); the kernel keeps it least
 *   significant byte first, and the codec reverses it.  Decoded addresses
 *   are upper case, so patterns are written in upper case too.
 * - l2_psm and l2_cid are little-endian in the ABI (BlueZ's htobs()); they
 *   are written as plain numbers and the codec converts them.
 * - Encoding: the fields written pick the structure (l2_*, rc_*, hci_*,
 *   sco_*; mixing them is an error) and its size is the address length;
 *   {sa_family=AF_BLUETOOTH} alone is just the family, 2 bytes.
 * - Decoding: an address a socket returned is decoded as its protocol's
 *   structure (decode_sock: SO_PROTOCOL); without a socket, by length
 *   (14 L2CAP, 10 RFCOMM, 8 SCO, 6 HCI).
 * Fields left out of an address passed in are zero.
 */
#include "sock/addr.h"
#include "lang/match.h"
#include "util/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The kernel ABI (include/net/bluetooth/ headers), kept here so the codec does
 * not depend on BlueZ's headers being installed. */
#define PROTO_L2CAP 0
#define PROTO_HCI 1
#define PROTO_SCO 2
#define PROTO_RFCOMM 3
#define PROTO_RAW -2	/* sa_data: bytes as given */

struct bt_l2 {
	sa_family_t family;
	uint16_t psm;
	uint8_t bdaddr[6];
	uint16_t cid;
	uint8_t bdaddr_type;
};
struct bt_rc {
	sa_family_t family;
	uint8_t bdaddr[6];
	uint8_t channel;
};
struct bt_hci {
	sa_family_t family;
	uint16_t dev;
	uint16_t channel;
};
struct bt_sco {
	sa_family_t family;
	uint8_t bdaddr[6];
};

_Static_assert(sizeof(struct bt_l2) == 14, "sockaddr_l2 is 14 bytes");
_Static_assert(sizeof(struct bt_rc) == 10, "sockaddr_rc is 10 bytes");
_Static_assert(sizeof(struct bt_hci) == 6, "sockaddr_hci is 6 bytes");
_Static_assert(sizeof(struct bt_sco) == 8, "sockaddr_sco is 8 bytes");

static const char *const bt_fields[] = {
	"l2_psm", "l2_bdaddr", "l2_cid", "l2_bdaddr_type",
	"rc_bdaddr", "rc_channel",
	"hci_dev", "hci_channel",
	"sco_bdaddr",
	"sa_data",	/* another protocol's address: its bytes after the family */
	NULL,
};

/* The structure a field belongs to, by its prefix; -1 for none. */
static int field_proto(const char *k)
{
	if (!strncmp(k, "l2_", 3))
		return PROTO_L2CAP;
	if (!strncmp(k, "rc_", 3))
		return PROTO_RFCOMM;
	if (!strncmp(k, "hci_", 4))
		return PROTO_HCI;
	if (!strncmp(k, "sco_", 4))
		return PROTO_SCO;
	return PROTO_RAW;
}

/* Little-endian 16 bits, whatever the host's order. */
static uint16_t le16(uint16_t v)
{
	const uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	uint16_t r;
	memcpy(&r, b, 2);
	return r;
}

static uint16_t from_le16(uint16_t v)
{
	uint8_t b[2];
	memcpy(b, &v, 2);
	return (uint16_t)(b[0] | b[1] << 8);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "00:1A:7D:DA:71:13" -> out[0] = 0x13 ... out[5] = 0x00. */
static int parse_bdaddr(const unsigned char *s, size_t n, uint8_t out[6])
{
	if (n != 17)
		return -1;
	for (int i = 0; i < 6; i++) {
		const unsigned char *p = s + 3 * i;
		int hi = hexval(p[0]), lo = hexval(p[1]);
		if (hi < 0 || lo < 0 || (i < 5 && p[2] != ':'))
			return -1;
		out[5 - i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static struct node *bdaddr_node(const uint8_t b[6])
{
	char s[18];
	snprintf(s, sizeof(s), "%02X:%02X:%02X:%02X:%02X:%02X", b[5], b[4], b[3], b[2], b[1],
		 b[0]);
	return node_str(s, 17);
}

static int field_bdaddr(struct scope *x, const struct node *st, const char *key, uint8_t out[6],
			char **err)
{
	const struct node *f = node_get_field(st, key);
	if (!f)
		return 0;
	unsigned char buf[64];
	size_t n;
	if (eval_bytes(x, f, buf, sizeof(buf), &n, err))
		return -1;
	if (parse_bdaddr(buf, n, out)) {
		*err = xasprintf("%d:%d: %s is a Bluetooth address, \"00:1A:7D:DA:71:13\"", f->line,
				 f->col, key);
		return -1;
	}
	return 0;
}

/* Integer field KEY, at most MAX (a field of that many bits). */
static int field_uint(struct scope *x, const struct node *st, const char *key,
		      unsigned long long max, unsigned long long *out, char **err)
{
	long long v;
	if (addr_field_int(x, st, key, &v, err))
		return -1;
	if (v < 0 || (unsigned long long)v > max) {
		const struct node *f = node_get_field(st, key);
		*err = xasprintf("%d:%d: %s is 0 to %llu", f->line, f->col, key, max);
		return -1;
	}
	*out = (unsigned long long)v;
	return 0;
}

static int bt_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		     socklen_t *len, char **err)
{
	if (addr_check_fields(st, bt_fields, err))
		return -1;
	int proto = -1;
	bool any = false;
	for (size_t i = 0; i < st->nkids; i++) {
		const char *k = node_entry_key(st->kids[i]);
		if (!k || !strcmp(k, "sa_family"))
			continue;
		int p = field_proto(k);
		if (any && p != proto) {
			*err = xasprintf("%d:%d: %s belongs to another protocol's address than the "
					 "fields before it", st->kids[i]->line, st->kids[i]->col, k);
			return -1;
		}
		proto = p;
		any = true;
	}
	unsigned long long a = 0, b = 0, c = 0;
	switch (proto) {
	case PROTO_L2CAP: {
		struct bt_l2 *l2 = (struct bt_l2 *)ss;
		if (field_uint(x, st, "l2_psm", 0xffff, &a, err) ||
		    field_uint(x, st, "l2_cid", 0xffff, &b, err) ||
		    field_uint(x, st, "l2_bdaddr_type", 0xff, &c, err) ||
		    field_bdaddr(x, st, "l2_bdaddr", l2->bdaddr, err))
			return -1;
		l2->psm = le16((uint16_t)a);
		l2->cid = le16((uint16_t)b);
		l2->bdaddr_type = (uint8_t)c;
		*len = sizeof(*l2);
		return 0;
	}
	case PROTO_RFCOMM: {
		struct bt_rc *rc = (struct bt_rc *)ss;
		if (field_uint(x, st, "rc_channel", 0xff, &a, err) ||
		    field_bdaddr(x, st, "rc_bdaddr", rc->bdaddr, err))
			return -1;
		rc->channel = (uint8_t)a;
		*len = sizeof(*rc);
		return 0;
	}
	case PROTO_HCI: {
		struct bt_hci *h = (struct bt_hci *)ss;
		if (field_uint(x, st, "hci_dev", 0xffff, &a, err) ||
		    field_uint(x, st, "hci_channel", 0xffff, &b, err))
			return -1;
		h->dev = (uint16_t)a;
		h->channel = (uint16_t)b;
		*len = sizeof(*h);
		return 0;
	}
	case PROTO_SCO: {
		struct bt_sco *sco = (struct bt_sco *)ss;
		if (field_bdaddr(x, st, "sco_bdaddr", sco->bdaddr, err))
			return -1;
		*len = sizeof(*sco);
		return 0;
	}
	case PROTO_RAW: {
		size_t n;
		if (eval_bytes(x, node_get_field(st, "sa_data"),
			       (unsigned char *)ss + sizeof(sa_family_t),
			       sizeof(*ss) - sizeof(sa_family_t), &n, err))
			return -1;
		*len = (socklen_t)(sizeof(sa_family_t) + n);
		return 0;
	}
	}
	*len = sizeof(sa_family_t);
	return 0;
}

/* Does an address of LEN bytes hold all of MEMBER? */
#define HAS(len, type, member) ((len) >= offsetof(type, member) + sizeof(((type *)0)->member))

static struct node *decode_as(const struct sockaddr_storage *ss, socklen_t len, int proto)
{
	struct node *st = addr_new(AF_BLUETOOTH, "AF_BLUETOOTH");
	switch (proto) {
	case PROTO_L2CAP: {
		const struct bt_l2 *l2 = (const struct bt_l2 *)ss;
		if (HAS(len, struct bt_l2, psm))
			node_field(st, "l2_psm", node_int(from_le16(l2->psm)));
		if (HAS(len, struct bt_l2, bdaddr))
			node_field(st, "l2_bdaddr", bdaddr_node(l2->bdaddr));
		if (HAS(len, struct bt_l2, cid))
			node_field(st, "l2_cid", node_int(from_le16(l2->cid)));
		if (HAS(len, struct bt_l2, bdaddr_type))
			node_field(st, "l2_bdaddr_type", node_int(l2->bdaddr_type));
		break;
	}
	case PROTO_RFCOMM: {
		const struct bt_rc *rc = (const struct bt_rc *)ss;
		if (HAS(len, struct bt_rc, bdaddr))
			node_field(st, "rc_bdaddr", bdaddr_node(rc->bdaddr));
		if (HAS(len, struct bt_rc, channel))
			node_field(st, "rc_channel", node_int(rc->channel));
		break;
	}
	case PROTO_HCI: {
		const struct bt_hci *h = (const struct bt_hci *)ss;
		if (HAS(len, struct bt_hci, dev))
			node_field(st, "hci_dev", node_int(h->dev));
		if (HAS(len, struct bt_hci, channel))
			node_field(st, "hci_channel", node_int(h->channel));
		break;
	}
	case PROTO_SCO: {
		const struct bt_sco *sco = (const struct bt_sco *)ss;
		if (HAS(len, struct bt_sco, bdaddr))
			node_field(st, "sco_bdaddr", bdaddr_node(sco->bdaddr));
		break;
	}
	default:
		/* a protocol without a structure here: its bytes after the family */
		if (len > sizeof(sa_family_t)) {
			size_t n = len > sizeof(*ss) ? sizeof(*ss) : len;
			node_field(st, "sa_data", node_str((const unsigned char *)ss +
							   sizeof(sa_family_t),
							   n - sizeof(sa_family_t)));
		}
	}
	return st;
}

static struct node *bt_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	int proto = len == sizeof(struct bt_l2) ? PROTO_L2CAP :
		    len == sizeof(struct bt_rc) ? PROTO_RFCOMM :
		    len == sizeof(struct bt_sco) ? PROTO_SCO :
		    len == sizeof(struct bt_hci) ? PROTO_HCI : -1;
	return decode_as(ss, len, proto);
}

static struct node *bt_decode_sock(const struct sockaddr_storage *ss, socklen_t len, int type,
				   int protocol)
{
	(void)type;
	if (protocol != PROTO_L2CAP && protocol != PROTO_RFCOMM && protocol != PROTO_HCI &&
	    protocol != PROTO_SCO)
		return bt_decode(ss, len);
	return decode_as(ss, len, protocol);
}

const struct addr_codec addr_bluetooth = {
	.family = AF_BLUETOOTH,
	.name = "AF_BLUETOOTH",
	.fields = bt_fields,
	.encode = bt_encode,
	.decode = bt_decode,
	.decode_sock = bt_decode_sock,
};
