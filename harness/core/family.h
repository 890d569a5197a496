/* SPDX-License-Identifier: MIT */
/*
 * An address family, declared once in its own folder (harness/family/AF/):
 * everything the harness knows of it, in the spirit of LTP's struct
 * tst_test.  The shared code reads only these descriptors: the address,
 * option, payload and ancillary-data notations, the protocol of a socket,
 * the destination rule, the config fragment, the availability features
 * and their probes, and the families the suite runs only in VMs.  No list
 * anywhere names the families; each registers itself:
 *
 *   SOCKSPEC_FAMILY(can_family, AF_CAN,
 *           .cases = "af_can",
 *           .addr = &can_addr,
 *           ...);
 *
 * (a folder may declare several: family/inet/ has AF_INET and AF_INET6).
 * The constants its cases name come from its consts.list (headers and
 * name prefixes, read by scripts/gen-consts).  ci/check-families fails
 * the build when a family folder lacks a descriptor, its consts.list or
 * its cases folder, or holds a part no descriptor uses.
 */
#ifndef SOCKSPEC_CORE_FAMILY_H
#define SOCKSPEC_CORE_FAMILY_H

#include "core/registry.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

struct addr_codec;		/* sock/addr.h */
struct sockopt_ext;		/* sock/sockopt.h */
struct payload_codec;		/* sock/payload.h */
struct cmsg_shape;		/* sock/cmsg.h */
struct avail_feature;		/* core/feature.h */

/* A kernel module the family's cases load, and the symbol it is built under. */
struct module_sym {
	const char *module;		/* "can_raw" (as modprobe names it) */
	const char *config;		/* "CONFIG_CAN_RAW" */
};

/*
 * The tables a descriptor points to live in the files of its folder and
 * end with an all-zero entry ({ 0 }), so that they can be defined in one
 * file and referred to from another.
 */
struct sockspec_family {
	const char *name;		/* "AF_CAN" */
	int af;				/* AF_CAN */
	const char *cases;		/* the folder of its cases under cases/: "af_can" */
	/*
	 * This project's own machine lacks it (README.md): make check-vm runs
	 * the mutation check of its cases in the guests, the only place
	 * where they can be seen to fail.
	 */
	bool vm_only;

	/* sockaddr notation; NULL: {sa_family=..., sa_data="..."} */
	const struct addr_codec *addr;

	/*
	 * Option shapes (levels and names not listed are ints).  OPTS apply
	 * to any socket (the levels are the family's protocol's: SOL_CAN_RAW,
	 * SOL_TIPC); OWN_OPTS only to the family's own sockets, for levels
	 * whose numbers other families use too (Bluetooth's SOL_HCI is 0,
	 * SOL_IP's).
	 */
	const struct sockopt_ext *opts;
	const struct sockopt_ext *own_opts;

	/* structures in the data of its sockets, by protocol (CAN frames) */
	const struct payload_codec *payloads;

	/* ancillary data items of its levels (IP_PKTINFO, ALG_SET_IV) */
	const struct cmsg_shape *cmsgs;

	/* modules its cases load and the link kinds its fixtures make */
	const struct module_sym *modules;

	/* its documented features with a Linux availability note */
	const struct avail_feature *features;

	/*
	 * The protocol of socket FD of type TYPE when SO_PROTOCOL does not
	 * say (Linux records none for AF_CAN), or NULL.
	 */
	int (*protocol)(int fd, int type);

	/*
	 * May a step send to SS (connect, sendto, sendmsg's msg_name)?  0 yes,
	 * -1 with *err (malloc'd).  NULL: anywhere.  The rule holds whatever
	 * a case declares (AF_VSOCK: VMADDR_CID_LOCAL only).
	 */
	int (*destination)(const struct sockaddr_storage *ss, socklen_t len, char **err);
};

#define SOCKSPEC_FAMILY(id, af_const, ...)					\
	_Static_assert((af_const) > 0 && (af_const) < 64,			\
		       #af_const " is an address family number");		\
	static const struct sockspec_family id = {				\
		.name = #af_const, .af = (af_const), __VA_ARGS__		\
	};									\
	SOCKSPEC_REGISTER(family, struct sockspec_family, id)

/* The family of number AF, or NULL. */
const struct sockspec_family *family_find(int af);
/* The family whose cases are in cases/DIR ("af_can"), or NULL. */
const struct sockspec_family *family_of_cases(const char *dir);

/* Every family, by address family number (then name): FAMILIES[0..*N). */
const struct sockspec_family *const *families(size_t *n);

#endif
