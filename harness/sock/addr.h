/* SPDX-License-Identifier: MIT */
/*
 * Per-family socket address codecs.  encode turns what a case wrote,
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")},
 * into a sockaddr; decode turns what the kernel returned back into the
 * same notation (strace's), so expected and actual print alike.
 */
#ifndef SOCKSPEC_ADDR_H
#define SOCKSPEC_ADDR_H

#include "lang/ast.h"

#include <stdint.h>
#include <sys/socket.h>

struct scope;

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

extern const struct addr_codec addr_unix, addr_inet, addr_inet6;
/* codecs that live in files of their own may be absent from a build */
extern const struct addr_codec addr_netlink __attribute__((weak));
extern const struct addr_codec addr_packet __attribute__((weak));
extern const struct addr_codec addr_can __attribute__((weak));
extern const struct addr_codec addr_alg __attribute__((weak));
extern const struct addr_codec addr_tipc __attribute__((weak));
extern const struct addr_codec addr_vsock __attribute__((weak));
extern const struct addr_codec addr_qrtr __attribute__((weak));
extern const struct addr_codec addr_bluetooth __attribute__((weak));

const struct addr_codec *addr_codec_find(int family);

/* Encode address node N (a struct, or NULL giving *len 0). 0 ok, -1 + *err. */
int addr_encode(struct scope *x, const struct node *n, struct sockaddr_storage *ss,
		socklen_t *len, char **err);

/* Decode what the kernel wrote; an unknown family prints generically. */
struct node *addr_decode(const struct sockaddr_storage *ss, socklen_t len);
/* The same for an address that socket FD returned (accept, getsockname,
 * recvfrom...): codecs with decode_sock see the socket's type and protocol. */
struct node *addr_decode_fd(int fd, const struct sockaddr_storage *ss, socklen_t len);

/*
 * May a step send to SS (connect, sendto, sendmsg's msg_name)?  The one
 * destination rule the harness enforces whatever a case says: AF_VSOCK
 * traffic goes only to VMADDR_CID_LOCAL, and only while the loopback
 * transport is there (without it the kernel would route CID 1 through the
 * guest-to-host transport, off this machine).  0 yes; -1 + *err.
 */
int addr_check_destination(const struct sockaddr_storage *ss, socklen_t len, char **err);

/* Helpers for codecs. */
struct node *addr_new(int family, const char *name);
/* Integer field KEY of ST (0 when absent). 0 ok, -1 + *err. */
int addr_field_int(struct scope *x, const struct node *st, const char *key,
		   long long *v, char **err);
/* The same for a 32-bit field: -1..-2^31 wrap (as C's conversion would),
 * anything outside int32..uint32 is an error. */
int addr_field_u32(struct scope *x, const struct node *st, const char *key, uint32_t *out,
		   char **err);
/* Reject fields the codec does not know, naming the first one. */
int addr_check_fields(const struct node *st, const char *const *known, char **err);

/*
 * Parse-time check of an address written in a case: sa_family present and,
 * for a family with a codec, only its fields.  0 ok; -1 with *col and *err.
 */
int addr_check_literal(const struct node *st, int *col, char **err);

#endif
