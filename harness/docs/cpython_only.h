/* SPDX-License-Identifier: MIT */
/*
 * Documented objects of socket.rst that describe CPython itself rather than
 * anything the kernel does: exception aliases, the module's default
 * timeout, file objects over sockets, Windows' WSAIoctl() constants whose
 * text says so without an availability note.  `sockspec coverage` leaves
 * them out of the percentage and lists them apart, each with its reason,
 * so the number measures what a kernel test can cover.
 */
#ifndef SOCKSPEC_DOCS_CPYTHON_ONLY_H
#define SOCKSPEC_DOCS_CPYTHON_ONLY_H

/* Why TARGET is outside a kernel suite's reach, or NULL when it is not. */
const char *cover_not_kernel(const char *target);

#endif
