// SPDX-License-Identifier: MIT
#include "sock/payload.h"
#include "sock/sockproto.h"
#include "util/util.h"

const struct payload_codec *payload_find(int fd)
{
	const struct payload_table *tables[] = { &payload_can_table, &payload_qrtr_table,
						 &payload_tipc_table };
	int domain, type, protocol;
	if (sock_identify(fd, &domain, &type, &protocol) != 0)
		return NULL;
	for (size_t t = 0; t < ARRAY_SIZE(tables); t++)
		for (size_t i = 0; tables[t] && i < tables[t]->n; i++)
			if (tables[t]->codecs[i].domain == domain &&
			    tables[t]->codecs[i].protocol == protocol)
				return &tables[t]->codecs[i];
	return NULL;
}
