/* SPDX-License-Identifier: MIT */
/* The parts of AF_CAN that family.c puts together (core/family.h). */
#ifndef SOCKSPEC_FAMILY_CAN_CAN_H
#define SOCKSPEC_FAMILY_CAN_CAN_H

#include "sock/addr.h"
#include "sock/payload.h"
#include "sock/sockopt.h"

extern const struct addr_codec addr_can;		/* addr.c */
extern const struct sockopt_ext can_opts[];		/* sockopt.c */
extern const struct payload_codec can_codecs[];		/* payload.c */
int can_protocol(int fd, int type);			/* protocol.c */

#endif
