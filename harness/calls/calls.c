// SPDX-License-Identifier: MIT
/*
 * Call handlers.  Each one fetches its arguments, makes exactly one system
 * call timed by TIMED(), and decodes what the kernel wrote back into
 * o->actual[] at the argument's position, leaving all judging to the
 * interpreter.
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "sock/addr.h"
#include "exec/interp.h"
#include "sock/payload.h"
#include "sock/sockopt.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static bool is_null(const struct step *st, int i)
{
	return !arg_present(st, i) || st->call_node->kids[i]->kind == N_NULL;
}

static void run_socket(struct exec *x, const struct step *st, struct outcome *o)
{
	long long d = arg_int(x, st, 0, o), t = arg_int(x, st, 1, o), p = arg_int(x, st, 2, o);
	if (!o->error)
		TIMED(o, socket((int)d, (int)t, (int)p));
}

static void run_socketpair(struct exec *x, const struct step *st, struct outcome *o)
{
	long long d = arg_int(x, st, 0, o), t = arg_int(x, st, 1, o), p = arg_int(x, st, 2, o);
	int sv[2] = { -1, -1 };
	if (o->error)
		return;
	TIMED(o, socketpair((int)d, (int)t, (int)p, sv));
	if (o->ret == 0) {
		o->newfds[0] = sv[0];
		o->newfds[1] = sv[1];
		o->nnew = 2;
	}
}

/* The harness's destination rule (addr_check_destination): a refusal is a
 * step error, never a call. */
static int destination_ok(const struct sockaddr_storage *ss, socklen_t len, struct outcome *o)
{
	char *err = NULL;
	if (addr_check_destination(ss, len, &err) == 0)
		return 1;
	step_error(o, NULL, "%s", err);
	free(err);
	return 0;
}

/* bind and connect: (fd, address[, addrlen]) */
static void run_addr_in(struct exec *x, const struct step *st, struct outcome *o,
			int (*fn)(int, const struct sockaddr *, socklen_t), bool sends)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = arg_fd(x, st, 0, o);
	if (o->error || arg_addr(x, st, 1, &ss, &len, o))
		return;
	socklen_t encoded = len;
	if (arg_present(st, 2))
		len = (socklen_t)arg_int(x, st, 2, o);
	if (sends && !is_null(st, 1) && !destination_ok(&ss, encoded, o))
		return;
	if (!o->error)
		TIMED(o, fn(fd, is_null(st, 1) ? NULL : (struct sockaddr *)&ss, len));
}

static void run_bind(struct exec *x, const struct step *st, struct outcome *o)
{
	run_addr_in(x, st, o, bind, false);
}

static void run_connect(struct exec *x, const struct step *st, struct outcome *o)
{
	run_addr_in(x, st, o, connect, true);
}

static void run_listen(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long b = arg_int(x, st, 1, o);
	if (!o->error)
		TIMED(o, listen(fd, (int)b));
}

/* An address socket FD returned at argument I, with its length at LEN_I. */
static void addr_out(const struct step *st, int fd, int i, int len_i,
		     struct sockaddr_storage *ss, socklen_t len, struct outcome *o)
{
	if (o->ret < 0)
		return;
	if (!is_null(st, i))
		o->actual[i] = addr_decode_fd(fd, ss, len);
	if (len_i >= 0 && arg_present(st, len_i)) {
		o->actual[len_i] = node_new(N_LIST);
		node_push(o->actual[len_i], node_int(len));
	}
}

static void run_accept4(struct exec *x, const struct step *st, struct outcome *o)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	int fd = arg_fd(x, st, 0, o);
	long long flags = arg_present(st, 2) ? arg_int(x, st, 2, o) : 0;
	if (o->error)
		return;
	bool null = is_null(st, 1);
	TIMED(o, accept4(fd, null ? NULL : (struct sockaddr *)&ss, null ? NULL : &len, (int)flags));
	addr_out(st, fd, 1, -1, &ss, len, o);
}

static void run_name(struct exec *x, const struct step *st, struct outcome *o,
		     int (*fn)(int, struct sockaddr *, socklen_t *))
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	int fd = arg_fd(x, st, 0, o);
	if (o->error)
		return;
	TIMED(o, fn(fd, (struct sockaddr *)&ss, &len));
	addr_out(st, fd, 1, 2, &ss, len, o);
}

static void run_getsockname(struct exec *x, const struct step *st, struct outcome *o)
{
	run_name(x, st, o, getsockname);
}

static void run_getpeername(struct exec *x, const struct step *st, struct outcome *o)
{
	run_name(x, st, o, getpeername);
}

/* send(fd, buf, len, flags), sendto(fd, buf, len, flags, addr), write(fd, buf, len) */
static void run_send_common(struct exec *x, const struct step *st, struct outcome *o, int kind)
{
	size_t len;
	int fd = arg_fd(x, st, 0, o);
	const unsigned char *buf = arg_buf(x, st, 1, &len, o);
	long long flags = kind != 2 ? arg_int(x, st, 3, o) : 0;
	struct sockaddr_storage ss;
	socklen_t alen = 0;
	if (o->error || (kind == 1 && arg_addr(x, st, 4, &ss, &alen, o)))
		return;
	if (kind == 1 && !is_null(st, 4) && !destination_ok(&ss, alen, o))
		return;
	if (kind == 2)
		TIMED(o, write(fd, buf, len));
	else if (kind == 1)
		TIMED(o, sendto(fd, buf, len, (int)flags,
				is_null(st, 4) ? NULL : (struct sockaddr *)&ss, alen));
	else
		TIMED(o, send(fd, buf, len, (int)flags));
}

static void run_send(struct exec *x, const struct step *st, struct outcome *o)
{
	run_send_common(x, st, o, 0);
}

static void run_sendto(struct exec *x, const struct step *st, struct outcome *o)
{
	run_send_common(x, st, o, 1);
}

static void run_write(struct exec *x, const struct step *st, struct outcome *o)
{
	run_send_common(x, st, o, 2);
}

/* recv(fd, buf, len, flags), recvfrom(..., addr), read(fd, buf, len) */
static void run_recv_common(struct exec *x, const struct step *st, struct outcome *o, int kind)
{
	int fd = arg_fd(x, st, 0, o);
	long long len = arg_int(x, st, 2, o);
	long long flags = kind != 2 ? arg_int(x, st, 3, o) : 0;
	if (o->error)
		return;
	if (len < 0 || len > 1 << 20) {
		step_error(o, st->call_node->kids[2], "a receive length is 0 to 1048576");
		return;
	}
	unsigned char *buf = xcalloc(1, (size_t)len + 1);
	struct sockaddr_storage ss;
	socklen_t alen = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	bool null = kind != 1 || is_null(st, 4);
	if (kind == 2)
		TIMED(o, read(fd, buf, (size_t)len));
	else
		TIMED(o, recvfrom(fd, buf, (size_t)len, (int)flags,
				  null ? NULL : (struct sockaddr *)&ss, null ? NULL : &alen));
	if (o->ret >= 0) {
		/* like strace: only the bytes actually stored in the buffer */
		size_t got = (size_t)o->ret < (size_t)len ? (size_t)o->ret : (size_t)len;
		const struct node *pat = st->call_node->kids[1];
		const struct payload_codec *c = NULL;
		if (pat->kind == N_STRUCT || pat->kind == N_LIST) {
			c = payload_find(fd);
			if (!c)
				step_error(o, pat, "this socket's data has no structure notation; "
					   "write a string pattern");
		}
		o->actual[1] = c ? c->decode(buf, got) : node_str(buf, got);
		if (kind == 1)
			addr_out(st, fd, 4, -1, &ss, alen, o);
	}
	free(buf);
}

static void run_recv(struct exec *x, const struct step *st, struct outcome *o)
{
	run_recv_common(x, st, o, 0);
}

static void run_recvfrom(struct exec *x, const struct step *st, struct outcome *o)
{
	run_recv_common(x, st, o, 1);
}

static void run_read(struct exec *x, const struct step *st, struct outcome *o)
{
	run_recv_common(x, st, o, 2);
}

static void run_close(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	if (o->error)
		return;
	TIMED(o, close(fd));
	/* whatever close returned, the descriptor is gone (see close(2)) */
	const struct node *h = st->call_node->kids[0];
	if (h->kind == N_HANDLE && (o->ret == 0 || o->err == EINTR))
		x->sc.fds[h->ival] = -1;
}

static void run_shutdown(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long how = arg_int(x, st, 1, o);
	if (!o->error)
		TIMED(o, shutdown(fd, (int)how));
}

static void run_setsockopt(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long level = arg_int(x, st, 1, o), name = arg_int(x, st, 2, o);
	if (o->error)
		return;
	unsigned char buf[256];
	socklen_t len;
	char *err = NULL;
	if (sockopt_encode(&x->sc, sockopt_shape(fd, (int)level, (int)name), st->call_node->kids[3],
			   buf, sizeof(buf), &len, &err)) {
		step_error(o, NULL, "%s", err);
		free(err);
		return;
	}
	if (arg_present(st, 4))
		len = (socklen_t)arg_int(x, st, 4, o);
	if (len > sizeof(buf))
		step_error(o, st->call_node->kids[4], "optlen larger than %zu", sizeof(buf));
	if (!o->error)
		TIMED(o, setsockopt(fd, (int)level, (int)name, is_null(st, 3) ? NULL : buf, len));
}

static void run_getsockopt(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long level = arg_int(x, st, 1, o), name = arg_int(x, st, 2, o);
	if (o->error)
		return;
	const struct sockopt_ext *shape = sockopt_shape(fd, (int)level, (int)name);
	unsigned char buf[256];
	memset(buf, 0, sizeof(buf));
	socklen_t len = (socklen_t)shape->bufsize;
	TIMED(o, getsockopt(fd, (int)level, (int)name, buf, &len));
	if (o->ret < 0)
		return;
	o->actual[3] = sockopt_decode(shape, buf, len);
	if (arg_present(st, 4)) {
		o->actual[4] = node_new(N_LIST);
		node_push(o->actual[4], node_int(len));
	}
}

static void run_fcntl(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long cmd = arg_int(x, st, 1, o);
	long long a = arg_present(st, 2) ? arg_int(x, st, 2, o) : 0;
	if (!o->error)
		TIMED(o, fcntl(fd, (int)cmd, (long)a));
}

/* ioctl(fd, REQUEST, [int]): the int-valued requests such as FIONREAD */
static void run_ioctl(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long req = arg_int(x, st, 1, o);
	if (o->error)
		return;
	int v = 0;
	TIMED(o, ioctl(fd, (unsigned long)req, &v));
	if (o->ret >= 0) {
		o->actual[2] = node_new(N_LIST);
		node_push(o->actual[2], node_int(v));
	}
}

static void run_dup(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	if (!o->error)
		TIMED(o, dup(fd));
}

/* For the self-tests: a case that dies of a signal must not take the runner along. */
static void run_raise(struct exec *x, const struct step *st, struct outcome *o)
{
	long long sig = arg_int(x, st, 0, o);
	if (!o->error)
		TIMED(o, raise((int)sig));
}

static void run_usleep(struct exec *x, const struct step *st, struct outcome *o)
{
	long long us = arg_int(x, st, 0, o);
	if (!o->error)
		TIMED(o, usleep((useconds_t)us));
}

#define F A_FD
#define I A_INT
static const struct call_spec calls[] = {
	{ "accept", 2, 2, { F, A_ADDR_OUT }, true, run_accept4 },
	{ "accept4", 3, 3, { F, A_ADDR_OUT, I }, true, run_accept4 },
	{ "bind", 2, 3, { F, A_ADDR, I }, false, run_bind },
	{ "close", 1, 1, { F }, false, run_close },
	{ "connect", 2, 3, { F, A_ADDR, I }, false, run_connect },
	{ "dup", 1, 1, { F }, true, run_dup },
	{ "fcntl", 2, 3, { F, I, I }, false, run_fcntl },
	{ "getpeername", 2, 3, { F, A_ADDR_OUT, A_LEN_OUT }, false, run_getpeername },
	{ "getsockname", 2, 3, { F, A_ADDR_OUT, A_LEN_OUT }, false, run_getsockname },
	{ "getsockopt", 4, 5, { F, I, I, A_OPT_OUT, A_LEN_OUT }, false, run_getsockopt },
	{ "ioctl", 3, 3, { F, I, A_OPT_OUT }, false, run_ioctl },
	{ "listen", 2, 2, { F, I }, false, run_listen },
	{ "raise", 1, 1, { I }, false, run_raise },
	{ "read", 3, 3, { F, A_BUF_OUT, I }, false, run_read },
	{ "recv", 4, 4, { F, A_BUF_OUT, I, I }, false, run_recv },
	{ "recvfrom", 5, 5, { F, A_BUF_OUT, I, I, A_ADDR_OUT }, false, run_recvfrom },
	{ "send", 4, 4, { F, A_BUF, I, I }, false, run_send },
	{ "sendto", 5, 5, { F, A_BUF, I, I, A_ADDR }, false, run_sendto },
	{ "setsockopt", 4, 5, { F, I, I, A_OPT, I }, false, run_setsockopt },
	{ "shutdown", 2, 2, { F, I }, false, run_shutdown },
	{ "socket", 3, 3, { I, I, I }, true, run_socket },
	{ "socketpair", 4, 4, { I, I, I, A_NEWFDS }, false, run_socketpair },
	{ "usleep", 1, 1, { I }, false, run_usleep },
	{ "write", 3, 3, { F, A_BUF, I }, false, run_write },
};
#undef F
#undef I

static const struct call_table core_calls = { calls, ARRAY_SIZE(calls) };
SOCKSPEC_REGISTER(calls, struct call_table, core_calls);
