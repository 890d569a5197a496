// SPDX-License-Identifier: MIT
/*
 * Message calls: sendmsg/recvmsg with scatter/gather buffers and ancillary
 * data (sock/cmsg.h).  Notation, close to strace's:
 *
 * sendmsg(FD, MSG, FLAGS)
 *   MSG = {msg_name=ADDR, msg_iov=[IOV, ...], msg_control=[CMSG, ...],
 *          msg_controllen=N, msg_flags=0}, every field optional:
 *   - msg_name: a socket address (as for sendto) or NULL; absent = NULL.
 *   - IOV = {iov_base="bytes", iov_len=N}; iov_len defaults to the length of
 *     iov_base and may be smaller, not larger.
 *   - CMSG = {cmsg_level=L, cmsg_type=T, cmsg_data=DATA[, cmsg_len=N]}; DATA is
 *       [h1, h2, 7, $fd]         ints (4 bytes each): the descriptors of
 *                                SCM_RIGHTS (handles, numbers, $vars), or the
 *                                value of an int item such as IP_TOS, [0x10];
 *       {pid=.., uid=.., gid=..}  SCM_CREDENTIALS (struct ucred);
 *       {ipi_ifindex=.., ipi_spec_dst=inet_addr(".."), ipi_addr=inet_addr("..")}
 *                                IP_PKTINFO;
 *       {inet_pton(AF_INET6, "::1", &ipi6_addr), ipi6_ifindex=..}  IPV6_PKTINFO;
 *       {ivlen=16, iv=x"0001.."}  SOL_ALG ALG_SET_IV (struct af_alg_iv: a u32
 *                                length, then the IV; ivlen defaults to the
 *                                IV's length and may be given to disagree);
 *                                ALG_SET_OP [ALG_OP_ENCRYPT] and
 *                                ALG_SET_AEAD_ASSOCLEN [N] are int items, as
 *                                CPython's sendmsg_afalg sends them;
 *       "raw bytes"              anything, as is.
 *     Each item takes CMSG_SPACE(data) bytes; cmsg_len (default
 *     CMSG_LEN(data)) may be given to send a malformed header.
 *   - msg_controllen: the control length passed (default: the items' total),
 *     smaller to cut the last item short, larger to pad with zeros.
 *   - msg_flags is ignored by the kernel on send; it may be written as 0.
 *
 * recvmsg(FD, MSG_OUT, FLAGS[, IOV_LENS[, CONTROLLEN]])
 *   IOV_LENS = [16] or [4, 6, 5]: the buffers offered, one iovec each (several
 *   = a scatter read, Python's recvmsg_into); CONTROLLEN: the size of the
 *   control buffer offered (Python's ancbufsize), 0 or absent = none.  Without
 *   IOV_LENS the buffers are the iov_len of MSG_OUT's msg_iov entries; --mutate
 *   then perturbs a buffer size, which changes nothing unless the data fills
 *   the buffer, so cases give IOV_LENS unless every buffer is filled.
 *   What the kernel returned is decoded as
 *     {msg_name=ADDR, msg_iov=[{iov_base="..", iov_len=N}, ...],
 *      msg_control=[CMSG, ...], msg_controllen=N, msg_flags=MSG_TRUNC|...}
 *   - msg_name only when MSG_OUT names it (then a name buffer is passed, or
 *     NULL when it is written NULL); an address nobody wrote decodes as {}.
 *   - msg_iov: like strace, iov_base holds only the bytes the kernel stored in
 *     that buffer, iov_len is the buffer's size.
 *   - msg_control and msg_controllen (the length the kernel returned) only
 *     when a control buffer was offered.  CMSG = {cmsg_level=, cmsg_type=,
 *     cmsg_data=}, cmsg_data decoded per item: SCM_RIGHTS [fd, ...] (the new
 *     descriptors' numbers: capture them as $a and use them as descriptors),
 *     SCM_CREDENTIALS {pid=, uid=, gid=}, IP_PKTINFO and IPV6_PKTINFO as
 *     above, IP_TOS, IP_TTL, IPV6_HOPLIMIT, IPV6_TCLASS [int], anything else
 *     raw bytes "...".
 *   - msg_flags always, printed by name (MSG_TRUNC|MSG_CTRUNC).
 *   Received descriptors stay open until the case process exits.
 *
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "exec/interp.h"
#include "lang/fields.h"
#include "lang/match.h"
#include "sock/addr.h"
#include "sock/cmsg.h"
#include "util/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_IOV 16
#define MAX_BUF (1 << 20)	/* as recv's limit on one receive */

/* A step error from a helper's *err (which carries its own position). */
static void take_error(struct outcome *o, char *err)
{
	step_error(o, NULL, "%s", err);
	free(err);
}

static const struct node *arg_node(const struct step *st, int i)
{
	return arg_present(st, i) ? st->call_node->kids[i] : NULL;
}

static const struct flag_name msg_flag_names[] = {
	FLAG_NAME(MSG_OOB), FLAG_NAME(MSG_PEEK), FLAG_NAME(MSG_DONTROUTE), FLAG_NAME(MSG_CTRUNC),
	FLAG_NAME(MSG_TRUNC), FLAG_NAME(MSG_DONTWAIT), FLAG_NAME(MSG_EOR), FLAG_NAME(MSG_WAITALL),
	FLAG_NAME(MSG_CONFIRM), FLAG_NAME(MSG_ERRQUEUE), FLAG_NAME(MSG_NOSIGNAL), FLAG_NAME(MSG_MORE),
	FLAG_NAME(MSG_CMSG_CLOEXEC),
};

/* Everything sendmsg needs, owning the control buffer. */
struct send_msg {
	struct sockaddr_storage name;
	socklen_t namelen;
	struct iovec iov[MAX_IOV];
	size_t niov;
	struct cmsg_buf control;
	size_t controllen;
};

static int encode_iov(struct exec *x, const struct node *list, struct send_msg *m, char **err)
{
	static const char *const keys[] = { "iov_base", "iov_len", NULL };
	list = field_deref(&x->sc, list);
	if (list->kind != N_LIST)
		return field_error(err, list, "msg_iov is a list [{iov_base=\"...\", iov_len=N}, ...]");
	if (list->nkids > MAX_IOV)
		return field_error(err, list, "at most %d iovecs", MAX_IOV);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *e = list->kids[i];
		const struct node *base = node_get_field(e, "iov_base");
		const unsigned char *p = NULL;
		size_t n = 0;
		long long want;
		if (e->kind != N_STRUCT || !base)
			return field_error(err, e, "an iovec is {iov_base=\"...\", iov_len=N}");
		if (fields_only(e, keys, "an iovec", err) || field_str(&x->sc, base, &p, &n, err) ||
		    field_int(&x->sc, e, "iov_len", (long long)n, &want, err))
			return -1;
		/* the length is the case's to choose, but not past the bytes it wrote */
		if (want < 0 || (size_t)want > n)
			return field_error(err, e, "iov_len %lld is outside the %zu-byte iov_base", want, n);
		m->iov[i].iov_base = (void *)p;
		m->iov[i].iov_len = (size_t)want;
	}
	m->niov = list->nkids;
	return 0;
}

static int encode_control(struct exec *x, const struct node *list, struct send_msg *m,
			  char **err)
{
	list = field_deref(&x->sc, list);
	if (list->kind == N_NULL)
		return 0;
	if (list->kind != N_LIST)
		return field_error(err, list, "msg_control is a list [{cmsg_level=..}, ...] or NULL");
	for (size_t i = 0; i < list->nkids; i++)
		if (cmsg_add(&x->sc, &m->control, list->kids[i], err))
			return -1;
	return 0;
}

/* msg_controllen: the items' total unless given; a larger one pads with zeros. */
static int encode_controllen(struct exec *x, const struct node *msg, struct send_msg *m,
			     char **err)
{
	long long want;
	if (field_int(&x->sc, msg, "msg_controllen", (long long)m->control.len, &want, err))
		return -1;
	if (want < 0 || want > CMSG_MAX_CONTROL)
		return field_error(err, node_get_field(msg, "msg_controllen"),
			    "msg_controllen is 0 to %d", CMSG_MAX_CONTROL);
	if ((size_t)want > m->control.len) {
		m->control.buf = xrealloc(m->control.buf, (size_t)want);
		memset(m->control.buf + m->control.len, 0, (size_t)want - m->control.len);
	}
	m->controllen = (size_t)want;
	return 0;
}

static int encode_msg(struct exec *x, const struct node *msg, struct send_msg *m, char **err)
{
	static const char *const keys[] = { "msg_name", "msg_iov", "msg_control",
					    "msg_controllen", "msg_flags", NULL };
	msg = field_deref(&x->sc, msg);
	if (msg->kind != N_STRUCT)
		return field_error(err, msg, "a message is {msg_iov=[...], msg_control=[...], ...}");
	if (fields_only(msg, keys, "a message", err))
		return -1;
	const struct node *name = node_get_field(msg, "msg_name");
	const struct node *iov = node_get_field(msg, "msg_iov");
	const struct node *ctl = node_get_field(msg, "msg_control");
	if (name && addr_encode(&x->sc, name, &m->name, &m->namelen, err))
		return -1;
	if (m->namelen && addr_check_destination(&m->name, m->namelen, err))
		return -1;
	if (iov && encode_iov(x, iov, m, err))
		return -1;
	if (ctl && encode_control(x, ctl, m, err))
		return -1;
	return encode_controllen(x, msg, m, err);
}

static void run_sendmsg(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long flags = arg_int(x, st, 2, o);
	if (o->error)
		return;
	struct send_msg m;
	memset(&m, 0, sizeof(m));
	char *err = NULL;
	if (encode_msg(x, arg_node(st, 1), &m, &err)) {
		take_error(o, err);
	} else {
		struct msghdr h = {
			.msg_name = m.namelen ? &m.name : NULL, .msg_namelen = m.namelen,
			.msg_iov = m.iov, .msg_iovlen = m.niov,
			.msg_control = m.controllen ? m.control.buf : NULL,
			.msg_controllen = m.controllen,
		};
		TIMED(o, sendmsg(fd, &h, (int)flags));
	}
	free(m.control.buf);
}

/* ---- decoding what recvmsg received ---- */

/* Buffers recvmsg offers, owned here. */
struct recv_msg {
	struct sockaddr_storage name;
	struct iovec iov[MAX_IOV];
	size_t niov;
	unsigned char *control;
	size_t controllen;
	bool want_name, name_null;
};

/* Buffer sizes: IOV_LENS when given, else the msg_iov entries' iov_len. */
static int iov_sizes(struct exec *x, const struct node *lens, const struct node *pat,
		     long long *sizes, size_t *n, char **err)
{
	const struct node *list = lens;
	if (!list && pat->kind == N_STRUCT)
		list = node_get_field(pat, "msg_iov");
	*n = 0;
	if (!list)
		return 0;	/* no buffers at all */
	if (list->kind != N_LIST || list->nkids > MAX_IOV)
		return field_error(err, list, "the buffers are a list of up to %d sizes, [16]", MAX_IOV);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *v = list->kids[i];
		if (!lens)
			v = node_get_field(v, "iov_len");
		if (!v)
			return field_error(err, list->kids[i], "without the buffer sizes after the flags, "
				    "each iovec says its size: {iov_base=..., iov_len=N}");
		if (eval_int(&x->sc, v, &sizes[i], err))
			return -1;
		if (sizes[i] < 0 || sizes[i] > MAX_BUF)
			return field_error(err, v, "a buffer is 0 to %d bytes", MAX_BUF);
	}
	*n = list->nkids;
	return 0;
}

static int alloc_buffers(struct exec *x, const struct step *st, struct recv_msg *m, char **err)
{
	const struct node *pat = arg_node(st, 1);
	long long sizes[MAX_IOV], clen = 0;
	if (iov_sizes(x, arg_node(st, 3), pat, sizes, &m->niov, err))
		return -1;
	for (size_t i = 0; i < m->niov; i++) {
		m->iov[i].iov_len = (size_t)sizes[i];
		m->iov[i].iov_base = xcalloc(1, (size_t)sizes[i] + 1);
	}
	if (arg_present(st, 4) && eval_int(&x->sc, arg_node(st, 4), &clen, err))
		return -1;
	if (clen < 0 || clen > CMSG_MAX_CONTROL)
		return field_error(err, arg_node(st, 4), "the control buffer is 0 to %d bytes", CMSG_MAX_CONTROL);
	m->controllen = (size_t)clen;
	m->control = clen ? xcalloc(1, (size_t)clen) : NULL;
	const struct node *name = pat->kind == N_STRUCT ? node_get_field(pat, "msg_name") : NULL;
	m->want_name = name != NULL;
	m->name_null = name && name->kind == N_NULL;
	return 0;
}

static void free_buffers(struct recv_msg *m)
{
	for (size_t i = 0; i < m->niov; i++)
		free(m->iov[i].iov_base);
	free(m->control);
}

/* Like strace: each iov_base shows only what landed in that buffer. */
static struct node *decode_iov(const struct recv_msg *m, size_t got)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i < m->niov; i++) {
		size_t n = got < m->iov[i].iov_len ? got : m->iov[i].iov_len;
		got -= n;
		struct node *e = node_push(l, node_new(N_STRUCT));
		node_field(e, "iov_base", node_str(m->iov[i].iov_base, n));
		node_field(e, "iov_len", node_int((long long)m->iov[i].iov_len));
	}
	return l;
}

static struct node *decode_msg(int fd, const struct recv_msg *m, const struct msghdr *h,
			       size_t got)
{
	struct node *st = node_new(N_STRUCT);
	if (m->want_name)
		node_field(st, "msg_name", m->name_null ? node_new(N_NULL)
				: addr_decode_fd(fd, &m->name, h->msg_namelen));
	node_field(st, "msg_iov", decode_iov(m, got));
	if (m->controllen) {
		node_field(st, "msg_control", cmsg_decode(m->control, h->msg_controllen));
		node_field(st, "msg_controllen", node_int((long long)h->msg_controllen));
	}
	node_field(st, "msg_flags", flags_node(h->msg_flags, msg_flag_names,
					       ARRAY_SIZE(msg_flag_names)));
	return st;
}

static void run_recvmsg(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long flags = arg_int(x, st, 2, o);
	if (o->error)
		return;
	struct recv_msg m;
	memset(&m, 0, sizeof(m));
	char *err = NULL;
	if (alloc_buffers(x, st, &m, &err)) {
		take_error(o, err);
		free_buffers(&m);
		return;
	}
	struct msghdr h = {
		.msg_name = m.want_name && !m.name_null ? &m.name : NULL,
		.msg_namelen = m.want_name && !m.name_null ? sizeof(m.name) : 0,
		.msg_iov = m.iov, .msg_iovlen = m.niov,
		.msg_control = m.control, .msg_controllen = m.controllen,
	};
	TIMED(o, recvmsg(fd, &h, (int)flags));
	if (o->ret >= 0)
		o->actual[1] = decode_msg(fd, &m, &h, (size_t)o->ret);
	free_buffers(&m);
}

#define F A_FD
#define I A_INT
static const struct call_spec msg_calls[] = {
	{ "recvmsg", 3, 5, { F, A_PAT, I, A_VAL, I }, false, run_recvmsg },
	{ "sendmsg", 3, 3, { F, A_VAL, I }, false, run_sendmsg },
};
#undef F
#undef I

static const struct call_table calls_msg_table = { msg_calls, ARRAY_SIZE(msg_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, calls_msg_table);
