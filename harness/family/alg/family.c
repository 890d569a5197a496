// SPDX-License-Identifier: MIT
/*
 * AF_ALG (core/family.h): the kernel's crypto API, hash, hmac, skcipher,
 * aead and rng.  This project's own machine has no AF_ALG, so its cases
 * run in the VMs (scripts/vm-run).
 */
#include "core/family.h"
#include "core/feature.h"
#include "exec/probe.h"
#include "family/alg/alg.h"

#include <linux/if_alg.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

/* bind(fd, {salg_type=ARGS[0], salg_name=ARGS[1]}): is the algorithm there? */
static void alg_bind_probe(int fd, const struct probe *p, struct probe_result *out)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", p->args[0]);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", p->args[1]);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		probe_set_errno(out, "bind", errno);
}

static const struct avail_feature alg_features[] = {
	{ .name = "AF_ALG",
	  .subjects = { "socket.AF_ALG", "socket.SOL_ALG", "socket.ALG_*" },
	  .config = { "CONFIG_CRYPTO_USER_API" },
	  .probe = { "socket(AF_ALG, SOCK_SEQPACKET, 0)", PROBE_SOCKET, AF_ALG, SOCK_SEQPACKET, 0 },
	  .cases = { "af_alg/*" } },
	{ .name = "sendmsg_afalg", .parent = "AF_ALG",
	  .subjects = { "socket.socket.sendmsg_afalg" },
	  .config = { "CONFIG_CRYPTO_USER_API_SKCIPHER" },
	  .probe = { "bind(socket(AF_ALG, SOCK_SEQPACKET, 0), {salg_type=\"skcipher\", salg_name=\"cbc(aes)\"})",
		     PROBE_CUSTOM, AF_ALG, SOCK_SEQPACKET, 0, .args = { "skcipher", "cbc(aes)" },
		     .run = alg_bind_probe } },
	{ 0 },
};

static const struct module_sym alg_modules[] = {
	{ "af_alg", "CONFIG_CRYPTO_USER_API" }, { "algif_aead", "CONFIG_CRYPTO_USER_API_AEAD" },
	{ "algif_hash", "CONFIG_CRYPTO_USER_API_HASH" }, { "algif_rng", "CONFIG_CRYPTO_USER_API_RNG" },
	{ "algif_skcipher", "CONFIG_CRYPTO_USER_API_SKCIPHER" },
	{ 0 },
};

SOCKSPEC_FAMILY(alg_family, AF_ALG,
	.cases = "af_alg",
	.vm_only = true,
	.addr = &addr_alg,
	.cmsgs = alg_cmsgs,
	.modules = alg_modules,
	.features = alg_features);
