/* SPDX-License-Identifier: MIT */
/*
 * The AF_ALG and AF_VSOCK notations: struct sockaddr_alg and struct
 * sockaddr_vm (bytes and lengths as a C program passes them, decoded and
 * printed back as written), the destination guard, the SO_VM_SOCKETS_*
 * option shapes, and the SOL_ALG control messages sendmsg lays out --
 * checked byte by byte by a sendmsg() of this file's own that the
 * interpreter calls instead of the system's, so nothing is sent.
 */
#define _GNU_SOURCE
#include <linux/if_alg.h>
#include <linux/vm_sockets.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/family.h"
#include "sock/addr.h"
#include "lang/case.h"
#include "exec/interp.h"
#include "exec/record.h"
#include "sock/sockopt.h"
#include "tap.h"
#include "util/util.h"

static struct scope x;	/* no handles, no variables */

/* The address argument of "bind(3, TEXT)" as the parser builds it. */
static struct node *parse_addr(const char *text, char **errors)
{
	char *src = xasprintf("family AF_ALG\ncase a\n  doc d\n  what w\n  bind(3, %s)\n", text);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	struct node *n = NULL;
	if (errors)
		*errors = cf->errors ? xstrdup(cf->errors) : NULL;
	if (!cf->errors && cf->ncases == 1 && cf->cases[0].nsteps == 1)
		n = node_clone(cf->cases[0].steps[0].call_node->kids[1]);
	casefile_free(cf);
	free(src);
	return n;
}

static char *print(const struct node *n)
{
	struct sbuf sb = { 0 };
	node_print(&sb, n, NULL, NULL);
	return sb_take(&sb);
}

/* TEXT encodes to WANT_LEN bytes (in *SS) and decodes back to BACK (TEXT if NULL). */
static void round_trip(const char *text, socklen_t want_len, struct sockaddr_storage *ss,
		       const char *back)
{
	struct node *n = parse_addr(text, NULL);
	ok(n != NULL, "parses: %s", text);
	if (!n)
		return;
	socklen_t len = 12345;
	char *err = NULL;
	is_int(addr_encode(&x, n, ss, &len, &err), 0, "encodes");
	if (err)
		printf("#   error: %s\n", err);
	is_int(len, want_len, "length %u", (unsigned)want_len);
	struct node *d = addr_decode(ss, len);
	char *s = print(d);
	is_str(s, back ? back : text, "decodes and prints back");
	free(s);
	node_free(d);
	free(err);
	node_free(n);
}

/* The encoder's error for TEXT (NULL when it encodes). */
static char *encode_error(const char *text)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char *err = NULL;
	struct node *n = parse_addr(text, NULL);
	if (!n)
		return xstrdup("(does not parse)");
	if (addr_encode(&x, n, &ss, &len, &err) == 0) {
		free(err);
		err = NULL;
	}
	node_free(n);
	return err;
}

static void test_alg(void)
{
	struct sockaddr_storage ss;
	const struct sockaddr_alg *sa = (const struct sockaddr_alg *)&ss;

	round_trip("{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0, salg_mask=0, "
		   "salg_name=\"sha256\"}", sizeof(struct sockaddr_alg), &ss, NULL);
	ok(sa->salg_family == AF_ALG && !memcmp(sa->salg_type, "hash", 5) &&
	   !memcmp(sa->salg_name, "sha256", 7), "family, type and name where struct sockaddr_alg has them");

	round_trip("{sa_family=AF_ALG, salg_type=\"aead\", salg_name=\"gcm(aes)\"}",
		   sizeof(struct sockaddr_alg), &ss,
		   "{sa_family=AF_ALG, salg_type=\"aead\", salg_feat=0, salg_mask=0, "
		   "salg_name=\"gcm(aes)\"}");
	round_trip("{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0x1000, salg_mask=4096, "
		   "salg_name=\"sha1\"}", sizeof(struct sockaddr_alg), &ss,
		   "{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=4096, salg_mask=4096, "
		   "salg_name=\"sha1\"}");
	is_int(sa->salg_feat, 0x1000, "salg_feat is the u32 after the type");

	/* the limits: 63 bytes fit the classic structure, longer names get their NUL */
	char text[512], name[200];
	memset(name, 'n', 105);
	for (size_t l = 63; l <= 104; l++) {
		if (l != 63 && l != 64 && l != 103 && l != 104)
			continue;
		name[l] = 0;
		snprintf(text, sizeof(text), "{sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0, "
			 "salg_mask=0, salg_name=\"%s\"}", name);
		socklen_t want = l < 64 ? 88 : l < 104 ? (socklen_t)(24 + l + 1) : 128;
		round_trip(text, want, &ss, NULL);
		name[l] = 'n';
	}
	char *e = encode_error("{sa_family=AF_ALG, salg_type=\"hash\", salg_name=\"n\" * 105}");
	ok(e && strstr(e, "salg_name holds at most 104 bytes here, not 105"), "a 105-byte name is refused (%s)",
	   e ? e : "accepted");
	free(e);

	round_trip("{sa_family=AF_ALG, salg_type=\"hashhashhashha\", salg_feat=0, salg_mask=0, "
		   "salg_name=\"sha256\"}", 88, &ss, NULL);
	ok(!memcmp(sa->salg_type, "hashhashhashha", 14), "a 14-byte type fills the field, no NUL");
	e = encode_error("{sa_family=AF_ALG, salg_type=\"hashhashhashhas\", salg_name=\"sha256\"}");
	ok(e && strstr(e, "salg_type holds at most 14 bytes here, not 15"), "a 15-byte type is refused (%s)",
	   e ? e : "accepted");
	free(e);

	char *errors = NULL;
	struct node *n = parse_addr("{sa_family=AF_ALG, salg_typ=\"hash\"}", &errors);
	ok(!n && errors && strstr(errors, "salg_typ is not a field of AF_ALG addresses (fields: "
				  "salg_type, salg_feat, salg_mask, salg_name)"),
	   "a misspelt field is a parse error naming the fields");
	free(errors);
	node_free(n);
}

static void test_vsock(void)
{
	struct sockaddr_storage ss;
	const struct sockaddr_vm *vm = (const struct sockaddr_vm *)&ss;

	round_trip("{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_LOCAL, svm_port=1234}",
		   sizeof(struct sockaddr_vm), &ss, NULL);
	ok(vm->svm_cid == 1 && vm->svm_port == 1234 && vm->svm_flags == 0 &&
	   vm->svm_reserved1 == 0, "cid, port, no flags");
	round_trip("{sa_family=AF_VSOCK, svm_cid=1, svm_port=1234}", 16, &ss,
		   "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_LOCAL, svm_port=1234}");
	round_trip("{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_ANY, svm_port=VMADDR_PORT_ANY}", 16,
		   &ss, NULL);
	ok(vm->svm_cid == VMADDR_CID_ANY && vm->svm_port == VMADDR_PORT_ANY, "the wildcards");
	round_trip("{sa_family=AF_VSOCK, svm_cid=-1, svm_port=-1}", 16, &ss,
		   "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_ANY, svm_port=VMADDR_PORT_ANY}");
	round_trip("{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=0}", 16, &ss, NULL);
	round_trip("{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HYPERVISOR, svm_port=7}", 16, &ss, NULL);
	round_trip("{sa_family=AF_VSOCK, svm_cid=3, svm_port=4294967294}", 16, &ss, NULL);
	round_trip("{sa_family=AF_VSOCK, svm_cid=1, svm_port=5, svm_flags=VMADDR_FLAG_TO_HOST}", 16,
		   &ss, "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_LOCAL, svm_port=5, svm_flags=1}");
	is_int(vm->svm_flags, VMADDR_FLAG_TO_HOST, "svm_flags");

	struct node *d = addr_decode(&ss, 8);
	char *s = print(d);
	is_str(s, "{sa_family=AF_VSOCK}", "a short answer decodes to the family alone");
	free(s);
	node_free(d);
}

/* The guard every connect/sendto/sendmsg goes through. */
static void test_destination(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_vm *vm = (struct sockaddr_vm *)&ss;
	char *err = NULL;

	memset(&ss, 0, sizeof(ss));
	vm->svm_family = AF_VSOCK;
	vm->svm_cid = VMADDR_CID_HOST;
	vm->svm_port = 1234;
	is_int(addr_check_destination(&ss, sizeof(*vm), &err), -1, "CID 2 is refused");
	is_str(err, "refused: AF_VSOCK steps may only reach VMADDR_CID_LOCAL (1), not CID 2; "
	       "other CIDs leave this machine", "  saying why");
	free(err);
	err = NULL;
	vm->svm_cid = VMADDR_CID_LOCAL;
	is_int(addr_check_destination(&ss, 8, &err), -1, "a short address is refused");
	free(err);
	err = NULL;
	int rc = addr_check_destination(&ss, sizeof(*vm), &err);
	if (access("/sys/module/vsock_loopback", F_OK) == 0) {
		is_int(rc, 0, "CID 1 with the loopback transport loaded is allowed");
	} else {
		is_int(rc, -1, "CID 1 without a loopback transport module is refused");
		ok(err && strstr(err, "declare 'requires module vsock_loopback'"), "  saying what to declare");
	}
	free(err);
	err = NULL;
	ss.ss_family = AF_INET;
	is_int(addr_check_destination(&ss, 16, &err), 0, "other families are not the guard's");
	free(err);
}

/* Option VALUE at (LEVEL, NAME): encoded length, then decoded and printed. */
static void opt_round_trip(int level, int name, const char *value, socklen_t want_len,
			   const char *back)
{
	char *src = xasprintf("family AF_VSOCK\ncase a\n  doc d\n  what w\n"
			      "  setsockopt(3, 1, 2, %s)\n", value);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	free(src);
	ok(!cf->errors && cf->ncases == 1, "parses: %s", value);
	if (cf->errors || cf->ncases != 1) {
		casefile_free(cf);
		return;
	}
	const struct node *n = cf->cases[0].steps[0].call_node->kids[3];
	const struct sockopt_ext *k = sockopt_shape(-1, level, name);
	unsigned char buf[256];
	socklen_t len = 0;
	char *err = NULL;
	is_int(sockopt_encode(&x, k, n, buf, sizeof(buf), &len, &err), 0, "encodes");
	is_int(len, want_len, "optlen %u", (unsigned)want_len);
	is_int((long long)k->bufsize, want_len, "getsockopt offers as much");
	struct node *d = sockopt_decode(k, buf, len);
	char *s = print(d);
	is_str(s, back ? back : value, "decodes and prints back");
	free(s);
	node_free(d);
	free(err);
	casefile_free(cf);
}

static void test_vsock_options(void)
{
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE, "[262144]", 8, NULL);
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_BUFFER_MIN_SIZE, "[128]", 8, NULL);
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_BUFFER_MAX_SIZE, "[1099511627776]", 8, NULL);
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD, "{tv_sec=1, tv_usec=500000}",
		       2 * sizeof(long), NULL);
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW, "{tv_sec=-1, tv_usec=2}", 16,
		       NULL);
	opt_round_trip(AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT, "{tv_usec=7}", 2 * sizeof(long),
		       "{tv_sec=0, tv_usec=7}");

	unsigned char b[8];
	uint64_t big = 1ULL << 40;
	memcpy(b, &big, 8);
	struct node *d = sockopt_decode(sockopt_shape(-1, AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE), b, 8);
	char *s = print(d);
	is_str(s, "[1099511627776]", "a u64 above 32 bits decodes whole");
	free(s);
	node_free(d);
	d = sockopt_decode(sockopt_shape(-1, AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE), b, 4);
	s = print(d);
	is_str(s, "\"\\0\\0\\0\\0\"", "an answer of another size is raw bytes");
	free(s);
	node_free(d);
	ok(sockopt_shape(-1, AF_VSOCK, SO_VM_SOCKETS_TRUSTED) == sockopt_int_shape(), "other SO_VM_* options are ints");
}

/* ---- SOL_ALG control messages, seen by a sendmsg that sends nothing ---- */

static unsigned char sent_control[1024];
static size_t sent_controllen;
static int sent_calls;

/* Replaces the C library's for this program: records what would be sent. */
ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
{
	(void)fd;
	(void)flags;
	sent_calls++;
	sent_controllen = m->msg_controllen < sizeof(sent_control) ? m->msg_controllen
								     : sizeof(sent_control);
	memcpy(sent_control, m->msg_control, sent_controllen);
	size_t n = 0;
	for (size_t i = 0; i < m->msg_iovlen; i++)
		n += m->msg_iov[i].iov_len;
	return (ssize_t)n;
}

/* Run STEP (a sendmsg on descriptor 3); the case's status and reason. */
static enum status run_step(const char *step, char **reason)
{
	char *src = xasprintf("family AF_ALG\ncase a\n  doc d\n  what w\n  %s\n", step);
	struct casefile *cf = casefile_parse_text("x.case", src, NULL);
	free(src);
	*reason = NULL;
	if (cf->errors || cf->ncases != 1) {
		*reason = xstrdup(cf->errors ? cf->errors : "no case");
		casefile_free(cf);
		return ST_ERROR;
	}
	int p[2];
	if (pipe(p) != 0) {
		casefile_free(cf);
		return ST_ERROR;
	}
	struct report rep = { .fd = p[1] };
	sent_calls = 0;
	sent_controllen = 0;
	interp_run(&cf->cases[0], &rep, false, NULL);
	close(p[1]);
	char buf[8192];
	ssize_t got = read(p[0], buf, sizeof(buf));
	close(p[0]);
	struct case_result r;
	memset(&r, 0, sizeof(r));
	report_parse(&r, buf, got > 0 ? (size_t)got : 0);
	enum status s = r.have_status ? r.status : ST_ERROR;
	if (r.reason)
		*reason = xstrdup(r.reason);
	case_result_free(&r);
	casefile_free(cf);
	return s;
}

/* The item at OFF of the recorded control data: level, type, data and its length. */
static const unsigned char *item(size_t *off, int *level, int *type, size_t *dlen)
{
	struct cmsghdr h;
	if (*off + sizeof(h) > sent_controllen)
		return NULL;
	memcpy(&h, sent_control + *off, sizeof(h));
	*level = h.cmsg_level;
	*type = h.cmsg_type;
	*dlen = h.cmsg_len - CMSG_LEN(0);
	const unsigned char *d = sent_control + *off + CMSG_LEN(0);
	*off += CMSG_SPACE(*dlen);
	return d;
}

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static void test_alg_control(void)
{
	char *reason;
	enum status s = run_step(
		"sendmsg(3, {msg_iov=[{iov_base=\"abc\"}], msg_control=["
		"{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_OP, cmsg_data=[ALG_OP_ENCRYPT]}, "
		"{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_IV, cmsg_data={ivlen=16, "
		"iv=x\"000102030405060708090a0b0c0d0e0f\"}}, "
		"{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_AEAD_ASSOCLEN, cmsg_data=[20]}]}, 0) = 3",
		&reason);
	is_int(s, ST_PASS, "sendmsg_afalg's three items are sent (%s)", reason ? reason : "");
	free(reason);
	is_int(sent_calls, 1, "one sendmsg");
	is_int((long long)sent_controllen, (long long)(CMSG_SPACE(4) + CMSG_SPACE(20) + CMSG_SPACE(4)),
	       "msg_controllen: the three items' CMSG_SPACE");
	size_t off = 0, dlen = 0;
	int level = 0, type = 0;
	const unsigned char *d = item(&off, &level, &type, &dlen);
	ok(d && level == SOL_ALG && type == ALG_SET_OP && dlen == 4 && u32_at(d) == ALG_OP_ENCRYPT,
	   "ALG_SET_OP: a 4-byte ALG_OP_ENCRYPT");
	d = item(&off, &level, &type, &dlen);
	ok(d && level == SOL_ALG && type == ALG_SET_IV && dlen == 20 && u32_at(d) == 16 &&
	   !memcmp(d + 4, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", 16),
	   "ALG_SET_IV: struct af_alg_iv, ivlen 16 then the IV");
	d = item(&off, &level, &type, &dlen);
	ok(d && level == SOL_ALG && type == ALG_SET_AEAD_ASSOCLEN && dlen == 4 && u32_at(d) == 20,
	   "ALG_SET_AEAD_ASSOCLEN: a 4-byte 20");

	s = run_step("sendmsg(3, {msg_control=[{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_IV, "
		     "cmsg_data={iv=x\"0001020304050607\"}}]}, MSG_MORE) = 0", &reason);
	is_int(s, ST_PASS, "an IV without ivlen (%s)", reason ? reason : "");
	free(reason);
	off = 0;
	d = item(&off, &level, &type, &dlen);
	ok(d && dlen == 12 && u32_at(d) == 8, "ivlen is the IV's length");

	s = run_step("sendmsg(3, {msg_control=[{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_IV, "
		     "cmsg_data={ivlen=16, iv=x\"0001\"}}]}, 0) = 0", &reason);
	is_int(s, ST_PASS, "an ivlen that disagrees with the IV (%s)", reason ? reason : "");
	free(reason);
	off = 0;
	d = item(&off, &level, &type, &dlen);
	ok(d && dlen == 6 && u32_at(d) == 16 && d[4] == 0 && d[5] == 1,
	   "is sent as written: ivlen 16, two bytes of IV");

	s = run_step("sendmsg(3, {msg_control=[{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_IV, "
		     "cmsg_data={ivsize=16}}]}, 0) = 0", &reason);
	is_int(s, ST_ERROR, "an unknown field is the case's error");
	ok(reason && strstr(reason, "ivsize is not a field of ALG_SET_IV data {ivlen=N, iv=\"...\"}"),
	   "  naming the field (%s)", reason ? reason : "");
	free(reason);
	is_int(sent_calls, 0, "  and nothing is sent");

	s = run_step("sendmsg(3, {msg_control=[{cmsg_level=SOL_ALG, cmsg_type=ALG_SET_OP, "
		     "cmsg_data={ivlen=16}}]}, 0) = 0", &reason);
	is_int(s, ST_ERROR, "ALG_SET_OP has no {...} form");
	free(reason);
}

int main(void)
{
	test_alg();
	test_vsock();
	test_destination();
	test_vsock_options();
	test_alg_control();
	return tap_done();
}
