/* SPDX-License-Identifier: MIT */
/* The parts of AF_ALG that family.c puts together (core/family.h). */
#ifndef SOCKSPEC_FAMILY_ALG_ALG_H
#define SOCKSPEC_FAMILY_ALG_ALG_H

#include "sock/addr.h"
#include "sock/cmsg.h"

extern const struct addr_codec addr_alg;	/* addr.c */
extern const struct cmsg_shape alg_cmsgs[];	/* cmsg.c */

#endif
