/* SPDX-License-Identifier: MIT */
/*
 * A family's socket address codec, as its descriptor points to it
 * (core/family.h): encode turns what a case wrote,
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")},
 * into a sockaddr; decode turns what the kernel returned back into the
 * same notation (strace's), so expected and actual print alike.  The
 * parser checks a literal address against FIELDS; sock/addr.h dispatches.
 */
#ifndef SOCKSPEC_CORE_ADDRCODEC_H
#define SOCKSPEC_CORE_ADDRCODEC_H

#include <sys/socket.h>

struct scope;
struct node;

struct addr_codec {
	int family;
	const char *name;	/* "AF_INET" */
	const char *const *fields;	/* field names besides sa_family, NULL-terminated */
	/* ST is the struct node; fields other than sa_family are the codec's. */
	int (*encode)(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		      socklen_t *len, char **err);
	struct node *(*decode)(const struct sockaddr_storage *ss, socklen_t len);
	/*
	 * Optional: decode knowing the socket's SO_TYPE and SO_PROTOCOL, for
	 * families whose one sockaddr means different things per protocol
	 * (sockaddr_can: ISO-TP ids or a J1939 name; Bluetooth's per-protocol
	 * structures).  Used instead of decode when the socket is known.
	 */
	struct node *(*decode_sock)(const struct sockaddr_storage *ss, socklen_t len, int type,
				    int protocol);
};

#endif
