// SPDX-License-Identifier: MIT
/*
 * Message calls: sendmsg/recvmsg with scatter/gather buffers and ancillary
 * data, poll, open and sendfile (to have a file to send), and the CMSG_LEN/
 * CMSG_SPACE macros as calls.  Notation, close to strace's:
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
 * poll([{fd=FD, events=POLLIN|POLLOUT}, ...], NFDS, TIMEOUT_MS[, REVENTS_OUT])
 *   REVENTS_OUT is what strace prints after the return value: the entries
 *   with a non-zero revents, [{fd=s, revents=POLLIN}], or [] when none.
 *
 * open(PATH, FLAGS[, MODE])          returns a descriptor; a relative PATH is
 *                                    inside the case's private directory
 * sendfile(OUT_FD, IN_FD, OFFSET, COUNT[, OFFSET_OUT])
 *   OFFSET is NULL (read from, and advance, IN_FD's file position) or [N];
 *   OFFSET_OUT the offset the kernel wrote back, [N] (NULL when OFFSET is).
 * cmsg_len(N), cmsg_space(N)         return CMSG_LEN(N), CMSG_SPACE(N)
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "sock/addr.h"
#include "exec/interp.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_alg.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_IOV 16
#define MAX_BUF (1 << 20)	/* as recv's limit on one receive */
#define MAX_CONTROL 65536
#define MAX_DATA 1024		/* one item's data: SCM_MAX_FD (253) ints fit */
#define MAX_POLL 64

/* ---- small helpers ---- */

/* Store "line:col: message" in *err (the interpreter's format) and fail. */
static int fail(char **err, const struct node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char **err, const struct node *at, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	/* decoded values and captured ones have no position: the step's is used */
	if (at && at->line)
		*err = xasprintf("%d:%d: %s", at->line, at->col, msg ? msg : "?");
	else
		*err = xstrdup(msg ? msg : "?");
	free(msg);
	return -1;
}

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

/* A $variable stands for what it captured. */
static const struct node *deref(struct exec *x, const struct node *n)
{
	if (n && n->kind == N_VAR) {
		const struct node *b = var_get(&x->sc, n->name);
		return b ? b : n;
	}
	return n;
}

/* The bytes of a string value (or a $var holding one), without copying. */
static int str_value(struct exec *x, const struct node *n, const unsigned char **p,
		     size_t *len, char **err)
{
	const struct node *v = deref(x, n);
	if (v->kind == N_VAR)
		return fail(err, n, "$%s is used before a step captured it", v->name);
	if (v->kind != N_STR || v->abstract)
		return fail(err, n, "expected a string \"...\" here");
	*p = v->bytes;
	*len = v->len;
	return 0;
}

/* Reject struct fields not in KNOWN (NULL-terminated), naming the first. */
static int check_keys(const struct node *st, const char *const *known, const char *what,
		      char **err)
{
	const struct node *e = node_unknown_field(st, known, NULL);
	if (e) {
		const char *k = node_entry_key(e);
		return fail(err, e, "%s is not a field of %s", k ? k : "this value", what);
	}
	return 0;
}

/* Integer field KEY of struct ST, DEF when absent. */
static int field_int(struct exec *x, const struct node *st, const char *key, long long def,
		     long long *v, char **err)
{
	const struct node *f = node_get_field(st, key);
	*v = def;
	return f ? eval_int(&x->sc, f, v, err) : 0;
}

/*
 * Flag words as strace prints them: known bits by name, the rest as a
 * number; 0 stays 0.  A single name is a constant, several an or.
 */
struct flag_name {
	const char *name;
	long long bit;
};

#define FLAG(n) { #n, n }
static const struct flag_name msg_flag_names[] = {
	FLAG(MSG_OOB), FLAG(MSG_PEEK), FLAG(MSG_DONTROUTE), FLAG(MSG_CTRUNC),
	FLAG(MSG_TRUNC), FLAG(MSG_DONTWAIT), FLAG(MSG_EOR), FLAG(MSG_WAITALL),
	FLAG(MSG_CONFIRM), FLAG(MSG_ERRQUEUE), FLAG(MSG_NOSIGNAL), FLAG(MSG_MORE),
	FLAG(MSG_CMSG_CLOEXEC),
};
static const struct flag_name poll_names[] = {
	FLAG(POLLIN), FLAG(POLLPRI), FLAG(POLLOUT), FLAG(POLLERR), FLAG(POLLHUP),
	FLAG(POLLNVAL), FLAG(POLLRDNORM), FLAG(POLLRDBAND), FLAG(POLLWRNORM),
	FLAG(POLLWRBAND), FLAG(POLLMSG), FLAG(POLLRDHUP),
};
#undef FLAG

static struct node *flags_node(long long v, const struct flag_name *names, size_t n)
{
	if (v == 0)
		return node_int(0);
	struct node *or = node_new(N_OR);
	long long rest = v;
	for (size_t i = 0; i < n; i++)
		if (rest & names[i].bit) {
			node_push(or, node_sym(names[i].name, names[i].bit));
			rest &= ~names[i].bit;
		}
	if (rest)
		node_push(or, node_int(rest));
	if (or->nkids > 1)
		return or;
	struct node *only = or->kids[0];
	or->nkids = 0;
	node_free(or);
	return only;
}

/* ---- ancillary data items ---- */

/* Fields of the structures an item can carry. */
enum fkind { FK_INT, FK_UINT, FK_IN4, FK_IN6 };

struct field {
	const char *name;
	size_t off;
	enum fkind kind;
};

static const struct field ucred_fields[] = {
	{ "pid", offsetof(struct ucred, pid), FK_INT },
	{ "uid", offsetof(struct ucred, uid), FK_UINT },
	{ "gid", offsetof(struct ucred, gid), FK_UINT },
	{ NULL, 0, FK_INT },
};
static const struct field pktinfo_fields[] = {
	{ "ipi_ifindex", offsetof(struct in_pktinfo, ipi_ifindex), FK_INT },
	{ "ipi_spec_dst", offsetof(struct in_pktinfo, ipi_spec_dst), FK_IN4 },
	{ "ipi_addr", offsetof(struct in_pktinfo, ipi_addr), FK_IN4 },
	{ NULL, 0, FK_INT },
};
static const struct field pktinfo6_fields[] = {
	{ "ipi6_addr", offsetof(struct in6_pktinfo, ipi6_addr), FK_IN6 },
	{ "ipi6_ifindex", offsetof(struct in6_pktinfo, ipi6_ifindex), FK_UINT },
	{ NULL, 0, FK_INT },
};

/* How an item's data reads, by (level, type). */
enum ikind { IK_FDS, IK_STRUCT, IK_INT, IK_ALG_IV };

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

struct item_shape {
	int level, type;
	const char *level_name, *type_name;
	enum ikind kind;
	const struct field *fields;	/* IK_STRUCT */
	size_t size;			/* IK_STRUCT */
};

static const struct item_shape shapes[] = {
	{ SOL_SOCKET, SCM_RIGHTS, "SOL_SOCKET", "SCM_RIGHTS", IK_FDS, NULL, 0 },
	{ SOL_SOCKET, SCM_CREDENTIALS, "SOL_SOCKET", "SCM_CREDENTIALS", IK_STRUCT, ucred_fields,
	  sizeof(struct ucred) },
	{ SOL_IP, IP_PKTINFO, "SOL_IP", "IP_PKTINFO", IK_STRUCT, pktinfo_fields,
	  sizeof(struct in_pktinfo) },
	{ SOL_IP, IP_TOS, "SOL_IP", "IP_TOS", IK_INT, NULL, 0 },
	{ SOL_IP, IP_TTL, "SOL_IP", "IP_TTL", IK_INT, NULL, 0 },
	{ SOL_IPV6, IPV6_PKTINFO, "SOL_IPV6", "IPV6_PKTINFO", IK_STRUCT, pktinfo6_fields,
	  sizeof(struct in6_pktinfo) },
	{ SOL_IPV6, IPV6_HOPLIMIT, "SOL_IPV6", "IPV6_HOPLIMIT", IK_INT, NULL, 0 },
	{ SOL_IPV6, IPV6_TCLASS, "SOL_IPV6", "IPV6_TCLASS", IK_INT, NULL, 0 },
	{ SOL_ALG, ALG_SET_OP, "SOL_ALG", "ALG_SET_OP", IK_INT, NULL, 0 },
	{ SOL_ALG, ALG_SET_IV, "SOL_ALG", "ALG_SET_IV", IK_ALG_IV, NULL, 0 },
	{ SOL_ALG, ALG_SET_AEAD_ASSOCLEN, "SOL_ALG", "ALG_SET_AEAD_ASSOCLEN", IK_INT, NULL, 0 },
};

static const struct item_shape *shape_find(long long level, long long type)
{
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++)
		if (shapes[i].level == level && shapes[i].type == type)
			return &shapes[i];
	return NULL;
}

/* ---- encoding what sendmsg sends ---- */

/* [a, b, ...]: 4-byte ints (descriptors for SCM_RIGHTS, values otherwise). */
static int encode_ints(struct exec *x, const struct node *list, unsigned char *out,
		       size_t *len, char **err)
{
	if (list->nkids * sizeof(int) > MAX_DATA)
		return fail(err, list, "at most %zu ints in one item", MAX_DATA / sizeof(int));
	for (size_t i = 0; i < list->nkids; i++) {
		long long v;
		if (eval_int(&x->sc, list->kids[i], &v, err))
			return -1;
		int iv = (int)v;
		memcpy(out + i * sizeof(int), &iv, sizeof(int));
	}
	*len = list->nkids * sizeof(int);
	return 0;
}

static int encode_field(struct exec *x, const struct field *f, const struct node *v,
			unsigned char *out, char **err)
{
	if (f->kind == FK_IN4 || f->kind == FK_IN6) {
		unsigned char b[16];
		size_t n, want = f->kind == FK_IN4 ? 4 : 16;
		if (eval_bytes(&x->sc, v, b, sizeof(b), &n, err))
			return -1;
		if (n != want)
			return fail(err, v, "%s needs an IPv%c address", f->name,
				    f->kind == FK_IN4 ? '4' : '6');
		memcpy(out + f->off, b, n);
		return 0;
	}
	long long iv;
	if (eval_int(&x->sc, v, &iv, err))
		return -1;
	/* int, uid_t, gid_t and unsigned ifindex are all 4 bytes */
	int32_t i32 = (int32_t)iv;
	memcpy(out + f->off, &i32, sizeof(i32));
	return 0;
}

/* {key=value, ...} of a struct-valued item; fields left out are zero. */
static int encode_struct(struct exec *x, const struct item_shape *sh, const struct node *st,
			 unsigned char *out, size_t *len, char **err)
{
	if (!sh || sh->kind != IK_STRUCT)
		return fail(err, st, "this cmsg_level/cmsg_type has no {...} form; write [ints] or "
			    "\"bytes\"");
	memset(out, 0, sh->size);
	for (size_t i = 0; i < st->nkids; i++) {
		const struct node *e = st->kids[i];
		const char *k = node_entry_key(e);
		const struct field *f = sh->fields;
		while (f->name && (!k || strcmp(f->name, k)))
			f++;
		if (!f->name)
			return fail(err, e, "%s is not a field of %s data", k ? k : "this value",
				    sh->type_name);
		if (encode_field(x, f, e, out, err))
			return -1;
	}
	*len = sh->size;
	return 0;
}

/*
 * {ivlen=N, iv="..."}: struct af_alg_iv, a u32 length and the IV right
 * after it.  ivlen is the IV's length unless given, so a case can announce
 * more or fewer bytes than it sends.
 */
static int encode_alg_iv(struct exec *x, const struct node *st, unsigned char *out,
			 size_t *len, char **err)
{
	static const char *const keys[] = { "ivlen", "iv", NULL };
	const struct node *ivn = node_get_field(st, "iv");
	unsigned char iv[MAX_DATA];
	size_t n = 0;
	long long ivlen;
	if (check_keys(st, keys, "ALG_SET_IV data {ivlen=N, iv=\"...\"}", err))
		return -1;
	if (ivn && eval_bytes(&x->sc, ivn, iv, sizeof(iv) - sizeof(__u32), &n, err))
		return -1;
	if (field_int(x, st, "ivlen", (long long)n, &ivlen, err))
		return -1;
	__u32 l32 = (__u32)ivlen;
	memcpy(out, &l32, sizeof(l32));
	memcpy(out + sizeof(l32), iv, n);
	*len = sizeof(l32) + n;
	return 0;
}

static int encode_data(struct exec *x, const struct item_shape *sh, const struct node *d,
		       unsigned char *out, size_t *len, char **err)
{
	d = deref(x, d);
	if (d->kind == N_LIST)
		return encode_ints(x, d, out, len, err);
	if (d->kind == N_STRUCT && sh && sh->kind == IK_ALG_IV)
		return encode_alg_iv(x, d, out, len, err);
	if (d->kind == N_STRUCT)
		return encode_struct(x, sh, d, out, len, err);
	if (d->kind == N_STR) {
		if (d->len > MAX_DATA)
			return fail(err, d, "at most %d bytes of data in one item", MAX_DATA);
		memcpy(out, d->bytes, d->len);
		*len = d->len;
		return 0;
	}
	return fail(err, d, "cmsg_data is [ints], {struct} or \"bytes\"");
}

/* A growing control buffer. */
struct control {
	unsigned char *buf;
	size_t len;
};

/* Append one {cmsg_level=, cmsg_type=, cmsg_data=[, cmsg_len=]} item. */
static int control_add(struct exec *x, struct control *c, const struct node *item, char **err)
{
	static const char *const keys[] = { "cmsg_len", "cmsg_level", "cmsg_type", "cmsg_data",
					    NULL };
	if (item->kind != N_STRUCT)
		return fail(err, item, "a control message is {cmsg_level=, cmsg_type=, cmsg_data=}");
	long long level, type, clen;
	const struct node *data = node_get_field(item, "cmsg_data");
	if (check_keys(item, keys, "a control message", err) ||
	    field_int(x, item, "cmsg_level", 0, &level, err) ||
	    field_int(x, item, "cmsg_type", 0, &type, err))
		return -1;
	unsigned char d[MAX_DATA];
	size_t dlen = 0;
	if (data && encode_data(x, shape_find(level, type), data, d, &dlen, err))
		return -1;
	if (field_int(x, item, "cmsg_len", (long long)CMSG_LEN(dlen), &clen, err))
		return -1;
	size_t at = c->len;
	if (at + CMSG_SPACE(dlen) > MAX_CONTROL)
		return fail(err, item, "more than %d bytes of control data", MAX_CONTROL);
	c->len += CMSG_SPACE(dlen);
	c->buf = xrealloc(c->buf, c->len);
	memset(c->buf + at, 0, c->len - at);
	struct cmsghdr h = { .cmsg_len = (size_t)clen, .cmsg_level = (int)level,
			     .cmsg_type = (int)type };
	memcpy(c->buf + at, &h, sizeof(h));
	memcpy(c->buf + at + CMSG_LEN(0), d, dlen);
	return 0;
}

/* Everything sendmsg needs, owning the control buffer. */
struct send_msg {
	struct sockaddr_storage name;
	socklen_t namelen;
	struct iovec iov[MAX_IOV];
	size_t niov;
	struct control control;
	size_t controllen;
};

static int encode_iov(struct exec *x, const struct node *list, struct send_msg *m, char **err)
{
	static const char *const keys[] = { "iov_base", "iov_len", NULL };
	list = deref(x, list);
	if (list->kind != N_LIST)
		return fail(err, list, "msg_iov is a list [{iov_base=\"...\", iov_len=N}, ...]");
	if (list->nkids > MAX_IOV)
		return fail(err, list, "at most %d iovecs", MAX_IOV);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *e = list->kids[i];
		const struct node *base = node_get_field(e, "iov_base");
		const unsigned char *p = NULL;
		size_t n = 0;
		long long want;
		if (e->kind != N_STRUCT || !base)
			return fail(err, e, "an iovec is {iov_base=\"...\", iov_len=N}");
		if (check_keys(e, keys, "an iovec", err) || str_value(x, base, &p, &n, err) ||
		    field_int(x, e, "iov_len", (long long)n, &want, err))
			return -1;
		/* the length is the case's to choose, but not past the bytes it wrote */
		if (want < 0 || (size_t)want > n)
			return fail(err, e, "iov_len %lld is outside the %zu-byte iov_base", want, n);
		m->iov[i].iov_base = (void *)p;
		m->iov[i].iov_len = (size_t)want;
	}
	m->niov = list->nkids;
	return 0;
}

static int encode_control(struct exec *x, const struct node *list, struct send_msg *m,
			  char **err)
{
	list = deref(x, list);
	if (list->kind == N_NULL)
		return 0;
	if (list->kind != N_LIST)
		return fail(err, list, "msg_control is a list [{cmsg_level=..}, ...] or NULL");
	for (size_t i = 0; i < list->nkids; i++)
		if (control_add(x, &m->control, list->kids[i], err))
			return -1;
	return 0;
}

/* msg_controllen: the items' total unless given; a larger one pads with zeros. */
static int encode_controllen(struct exec *x, const struct node *msg, struct send_msg *m,
			     char **err)
{
	long long want;
	if (field_int(x, msg, "msg_controllen", (long long)m->control.len, &want, err))
		return -1;
	if (want < 0 || want > MAX_CONTROL)
		return fail(err, node_get_field(msg, "msg_controllen"),
			    "msg_controllen is 0 to %d", MAX_CONTROL);
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
	msg = deref(x, msg);
	if (msg->kind != N_STRUCT)
		return fail(err, msg, "a message is {msg_iov=[...], msg_control=[...], ...}");
	if (check_keys(msg, keys, "a message", err))
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

static struct node *decode_field(const struct field *f, const unsigned char *data)
{
	if (f->kind == FK_IN4 || f->kind == FK_IN6) {
		int af = f->kind == FK_IN4 ? AF_INET : AF_INET6;
		char buf[INET6_ADDRSTRLEN];
		inet_ntop(af, data + f->off, buf, sizeof(buf));
		if (af == AF_INET)
			return node_call("inet_addr", node_str(buf, strlen(buf)));
		/* strace: inet_pton(AF_INET6, "::1", &ipi6_addr), as for sin6_addr */
		struct node *c = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
		node_push(c, node_str(buf, strlen(buf)));
		struct node *ref = node_push(c, node_new(N_REF));
		ref->name = xstrdup(f->name);
		return c;
	}
	int32_t v;
	memcpy(&v, data + f->off, sizeof(v));
	return node_int(f->kind == FK_UINT ? (long long)(uint32_t)v : (long long)v);
}

static struct node *decode_struct(const struct item_shape *sh, const unsigned char *data)
{
	struct node *st = node_new(N_STRUCT);
	for (const struct field *f = sh->fields; f->name; f++) {
		struct node *v = decode_field(f, data);
		if (v->kind == N_CALL && v->nkids == 3)
			node_push(st, v);	/* keyed by its &field */
		else
			node_field(st, f->name, v);
	}
	return st;
}

static struct node *decode_ints(const unsigned char *data, size_t len)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
		int v;
		memcpy(&v, data + i, sizeof(v));
		node_push(l, node_int(v));
	}
	return l;
}

static struct node *decode_alg_iv(const unsigned char *data, size_t len)
{
	__u32 l32;
	memcpy(&l32, data, sizeof(l32));
	struct node *st = node_new(N_STRUCT);
	node_field(st, "ivlen", node_int(l32));
	node_field(st, "iv", node_str(data + sizeof(l32), len - sizeof(l32)));
	return st;
}

static struct node *decode_data(const struct item_shape *sh, const unsigned char *data,
				size_t len)
{
	/* nothing sends these back; decoded as written, for symmetry */
	if (sh && sh->kind == IK_ALG_IV && len >= sizeof(__u32))
		return decode_alg_iv(data, len);
	if (sh && sh->kind == IK_FDS && len % sizeof(int) == 0)
		return decode_ints(data, len);
	if (sh && sh->kind == IK_STRUCT && len == sh->size)
		return decode_struct(sh, data);
	if (sh && sh->kind == IK_INT && (len == sizeof(int) || len == 1)) {
		/* IP_TOS arrives as one byte, the others as an int */
		if (len == sizeof(int))
			return decode_ints(data, len);
		struct node *l = node_new(N_LIST);
		node_push(l, node_int(data[0]));
		return l;
	}
	return node_str(data, len);
}

static struct node *decode_item(const struct cmsghdr *h, const unsigned char *data, size_t len)
{
	const struct item_shape *sh = shape_find(h->cmsg_level, h->cmsg_type);
	struct node *it = node_new(N_STRUCT);
	node_field(it, "cmsg_level",
		   sh ? node_sym(sh->level_name, sh->level) : node_int(h->cmsg_level));
	node_field(it, "cmsg_type", sh ? node_sym(sh->type_name, sh->type) : node_int(h->cmsg_type));
	node_field(it, "cmsg_data", decode_data(sh, data, len));
	return it;
}

/*
 * The items in the LEN bytes the kernel returned, walked by hand (headers
 * copied out) so a truncated last item cannot send the walk past the end.
 */
static struct node *decode_control(const unsigned char *buf, size_t len)
{
	struct node *l = node_new(N_LIST);
	size_t off = 0;
	while (off + sizeof(struct cmsghdr) <= len) {
		struct cmsghdr h;
		memcpy(&h, buf + off, sizeof(h));
		if (h.cmsg_len < CMSG_LEN(0))
			break;
		size_t end = h.cmsg_len < len - off ? h.cmsg_len : len - off;
		node_push(l, decode_item(&h, buf + off + CMSG_LEN(0), end - CMSG_LEN(0)));
		if (h.cmsg_len >= len - off)
			break;	/* the kernel truncates only the last item */
		off += CMSG_ALIGN(h.cmsg_len);
	}
	return l;
}

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
		return fail(err, list, "the buffers are a list of up to %d sizes, [16]", MAX_IOV);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *v = list->kids[i];
		if (!lens)
			v = node_get_field(v, "iov_len");
		if (!v)
			return fail(err, list->kids[i], "without the buffer sizes after the flags, "
				    "each iovec says its size: {iov_base=..., iov_len=N}");
		if (eval_int(&x->sc, v, &sizes[i], err))
			return -1;
		if (sizes[i] < 0 || sizes[i] > MAX_BUF)
			return fail(err, v, "a buffer is 0 to %d bytes", MAX_BUF);
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
	if (clen < 0 || clen > MAX_CONTROL)
		return fail(err, arg_node(st, 4), "the control buffer is 0 to %d bytes", MAX_CONTROL);
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
		node_field(st, "msg_control", decode_control(m->control, h->msg_controllen));
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

/* ---- poll ---- */

struct poll_set {
	struct pollfd fds[MAX_POLL];
	const struct node *fd_nodes[MAX_POLL];	/* as written, to print names */
	size_t n;
};

static int poll_entries(struct exec *x, const struct node *list, struct poll_set *ps, char **err)
{
	static const char *const keys[] = { "fd", "events", NULL };
	list = deref(x, list);
	if (list->kind != N_LIST || list->nkids > MAX_POLL)
		return fail(err, list, "poll takes a list of up to %d {fd=h, events=POLLIN}", MAX_POLL);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct node *e = list->kids[i];
		long long fd, ev;
		if (e->kind != N_STRUCT || !node_get_field(e, "fd"))
			return fail(err, e, "a poll entry is {fd=h, events=POLLIN|...}");
		if (check_keys(e, keys, "a poll entry", err) ||
		    field_int(x, e, "fd", -1, &fd, err) || field_int(x, e, "events", 0, &ev, err))
			return -1;
		ps->fds[i].fd = (int)fd;
		ps->fds[i].events = (short)ev;
		ps->fd_nodes[i] = node_get_field(e, "fd");
	}
	ps->n = list->nkids;
	return 0;
}

/* strace's "= 1 ([{fd=3, revents=POLLIN}])": only entries with revents. */
static struct node *decode_revents(const struct poll_set *ps)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i < ps->n; i++) {
		if (!ps->fds[i].revents)
			continue;
		const struct node *w = ps->fd_nodes[i];
		struct node *e = node_push(l, node_new(N_STRUCT));
		/* a handle prints by name; anything else as the number polled */
		struct node *fd = w->kind == N_HANDLE ? node_clone(w) : node_int(ps->fds[i].fd);
		node_field(e, "fd", fd);
		node_field(e, "revents", flags_node(ps->fds[i].revents, poll_names,
						    ARRAY_SIZE(poll_names)));
	}
	return l;
}

static void run_poll(struct exec *x, const struct step *st, struct outcome *o)
{
	long long nfds = arg_int(x, st, 1, o), timeout = arg_int(x, st, 2, o);
	if (o->error)
		return;
	struct poll_set ps;
	memset(&ps, 0, sizeof(ps));
	char *err = NULL;
	if (poll_entries(x, arg_node(st, 0), &ps, &err)) {
		take_error(o, err);
		return;
	}
	if (nfds < 0 || (size_t)nfds > ps.n) {
		step_error(o, arg_node(st, 1), "nfds %lld is outside the %zu entries given", nfds, ps.n);
		return;
	}
	TIMED(o, poll(ps.fds, (nfds_t)nfds, (int)timeout));
	if (o->ret >= 0 && arg_present(st, 3))
		o->actual[3] = decode_revents(&ps);
}

/* ---- files ---- */

static void run_open(struct exec *x, const struct step *st, struct outcome *o)
{
	long long flags = arg_int(x, st, 1, o);
	long long mode = arg_present(st, 2) ? arg_int(x, st, 2, o) : 0;
	const unsigned char *p = NULL;
	size_t len = 0;
	char *err = NULL;
	if (o->error)
		return;
	if (str_value(x, arg_node(st, 0), &p, &len, &err)) {
		take_error(o, err);
		return;
	}
	if (strlen((const char *)p) != len) {
		step_error(o, arg_node(st, 0), "a path cannot hold a NUL byte");
		return;
	}
	TIMED(o, open((const char *)p, (int)flags, (mode_t)mode));
}

/* [N] or NULL: the offset sendfile reads from and writes back. */
static int offset_arg(struct exec *x, const struct node *n, off_t *off, bool *null, char **err)
{
	n = deref(x, n);
	*null = n->kind == N_NULL;
	if (*null)
		return 0;
	long long v;
	if (n->kind != N_LIST || n->nkids != 1)
		return fail(err, n, "an offset is [N] or NULL");
	if (eval_int(&x->sc, n->kids[0], &v, err))
		return -1;
	*off = (off_t)v;
	return 0;
}

static void run_sendfile(struct exec *x, const struct step *st, struct outcome *o)
{
	int out = arg_fd(x, st, 0, o), in = arg_fd(x, st, 1, o);
	long long count = arg_int(x, st, 3, o);
	if (o->error)
		return;
	off_t off = 0;
	bool null;
	char *err = NULL;
	if (offset_arg(x, arg_node(st, 2), &off, &null, &err)) {
		take_error(o, err);
		return;
	}
	if (count < 0) {
		step_error(o, arg_node(st, 3), "a count is not negative");
		return;
	}
	TIMED(o, sendfile(out, in, null ? NULL : &off, (size_t)count));
	if (o->ret < 0 || !arg_present(st, 4))
		return;
	if (null) {
		o->actual[4] = node_new(N_NULL);
	} else {
		o->actual[4] = node_new(N_LIST);
		node_push(o->actual[4], node_int((long long)off));
	}
}

/* ---- CMSG_LEN / CMSG_SPACE ---- */

static void run_cmsg_macro(struct exec *x, const struct step *st, struct outcome *o, bool space)
{
	long long n = arg_int(x, st, 0, o);
	if (o->error)
		return;
	if (n < 0 || n > MAX_CONTROL) {
		step_error(o, arg_node(st, 0), "a data length is 0 to %d", MAX_CONTROL);
		return;
	}
	o->ret = (long long)(space ? CMSG_SPACE((size_t)n) : CMSG_LEN((size_t)n));
	o->err = 0;
	o->elapsed = 0;
}

static void run_cmsg_len(struct exec *x, const struct step *st, struct outcome *o)
{
	run_cmsg_macro(x, st, o, false);
}

static void run_cmsg_space(struct exec *x, const struct step *st, struct outcome *o)
{
	run_cmsg_macro(x, st, o, true);
}

#define F A_FD
#define I A_INT
static const struct call_spec msg_calls[] = {
	{ "cmsg_len", 1, 1, { I }, false, run_cmsg_len },
	{ "cmsg_space", 1, 1, { I }, false, run_cmsg_space },
	{ "open", 2, 3, { A_VAL, I, I }, true, run_open },
	{ "poll", 3, 4, { A_VAL, I, I, A_PAT }, false, run_poll },
	{ "recvmsg", 3, 5, { F, A_PAT, I, A_VAL, I }, false, run_recvmsg },
	{ "sendfile", 4, 5, { F, F, A_VAL, I, A_PAT }, false, run_sendfile },
	{ "sendmsg", 3, 3, { F, A_VAL, I }, false, run_sendmsg },
};
#undef F
#undef I

static const struct call_table calls_msg_table = { msg_calls, ARRAY_SIZE(msg_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, calls_msg_table);
