/* SPDX-License-Identifier: MIT */
/*
 * A socket's protocol, for the codecs that decode by it (addr.h's
 * decode_sock, payload.h).  SO_PROTOCOL answers for most families, but
 * Linux's AF_CAN never records the protocol a socket was made with
 * (can_create leaves sk_protocol 0), so for AF_CAN it is found from what
 * the socket accepts: CAN_RAW is the SOCK_RAW one, and of the SOCK_DGRAM
 * ones ISO-TP and J1939 each answer getsockopt at their own level while
 * the broadcast manager answers none.
 */
#ifndef SOCKSPEC_SOCKPROTO_H
#define SOCKSPEC_SOCKPROTO_H

/* 0 and *domain, *type, *protocol set; -1 when FD is not a socket. */
int sock_identify(int fd, int *domain, int *type, int *protocol);

#endif
