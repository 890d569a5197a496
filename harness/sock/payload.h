/* SPDX-License-Identifier: MIT */
/*
 * Structured data in send and receive buffers.  Some sockets carry C
 * structures rather than a byte stream: a CAN_RAW socket reads and writes
 * struct can_frame, a CAN_BCM socket a bcm_msg_head followed by frames.
 * Where a buffer goes, a case may then write the structure,
 *
 *   write(s, {can_id=0x123, len=2, data="\x01\x02"}, 16) = 16
 *   read(s, {can_id=0x123, len=2, data="\x01\x02"}, 16) = 16
 *
 * and the codec its family declares for the socket's protocol lays
 * it out, or decodes the received bytes into the same notation.  A string
 * in a buffer position stays raw bytes, for any socket.  Received bytes are
 * decoded only when the case's pattern is a structure or a list.
 */
#ifndef SOCKSPEC_SOCK_PAYLOAD_H
#define SOCKSPEC_SOCK_PAYLOAD_H

#include "lang/ast.h"

#include <stddef.h>

struct scope;

struct payload_codec {
	int protocol;		/* the family's sockets it applies to (SO_PROTOCOL) */
	const char *what;	/* for errors: "a CAN frame {can_id=, len=, data=}" */
	/* N (a struct or list) into BUF (CAP bytes); *len = bytes laid out. 0 ok, -1 + *err */
	int (*encode)(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      size_t *len, char **err);
	/* LEN received bytes into the notation; never NULL */
	struct node *(*decode)(const unsigned char *buf, size_t len);
};

/* The codec for socket FD, or NULL (not a socket, or no codec for it). */
const struct payload_codec *payload_find(int fd);

/* Largest structured buffer a step may lay out. */
#define PAYLOAD_MAX 65536

#endif
