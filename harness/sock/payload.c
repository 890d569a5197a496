// SPDX-License-Identifier: MIT
#include "sock/payload.h"
#include "core/family.h"
#include "sock/sockproto.h"

const struct payload_codec *payload_find(int fd)
{
	int domain, type, protocol;
	if (sock_identify(fd, &domain, &type, &protocol) != 0)
		return NULL;
	const struct sockspec_family *f = family_find(domain);
	for (const struct payload_codec *c = f ? f->payloads : NULL; c && c->decode; c++)
		if (c->protocol == protocol)
			return c;
	return NULL;
}
