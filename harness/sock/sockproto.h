/* SPDX-License-Identifier: MIT */
/*
 * A socket's protocol, for the codecs that decode by it (addr.h's
 * decode_sock, payload.h).  SO_PROTOCOL answers for most families; where
 * it does not (it reads 0), the family's descriptor may tell the protocol
 * from what the socket accepts (core/family.h, protocol).
 */
#ifndef SOCKSPEC_SOCK_SOCKPROTO_H
#define SOCKSPEC_SOCK_SOCKPROTO_H

/* 0 and *domain, *type, *protocol set; -1 when FD is not a socket. */
int sock_identify(int fd, int *domain, int *type, int *protocol);

#endif
