// SPDX-License-Identifier: MIT
#include "payload.h"
#include "util.h"

#include <sys/socket.h>

const struct payload_codec *payload_find(int fd)
{
	const struct payload_table *tables[] = { &payload_can_table, &payload_qrtr_table,
						 &payload_tipc_table };
	int domain, protocol;
	socklen_t l = sizeof(int);
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l) != 0)
		return NULL;
	l = sizeof(int);
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &l) != 0)
		return NULL;
	for (size_t t = 0; t < ARRAY_SIZE(tables); t++)
		for (size_t i = 0; tables[t] && i < tables[t]->n; i++)
			if (tables[t]->codecs[i].domain == domain &&
			    tables[t]->codecs[i].protocol == protocol)
				return &tables[t]->codecs[i];
	return NULL;
}
