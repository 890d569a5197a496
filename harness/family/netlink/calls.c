// SPDX-License-Identifier: MIT
/*
 * Netlink calls: rtnetlink requests and their answers without writing
 * netlink bytes in a case.  Each call works on a netlink socket the case
 * made (socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)), builds the request
 * with libmnl, and decodes what the kernel answered into the case notation.
 *
 * rtm_getlink_dump(FD, LINKS_OUT) = N
 *   An RTM_GETLINK dump (NLM_F_REQUEST|NLM_F_DUMP).  LINKS_OUT is the list of
 *   links in the order the kernel sent them (a list pattern has one entry
 *   per link), N how many there are:
 *     rtm_getlink_dump(n, [{ifi_index=1, ifname="lo", ...}, {ifname="veth1", ...}]) = 2
 *   A link decodes as
 *     {ifi_index=2, ifname="veth0", ifi_type=ARPHRD_ETHER,
 *      ifi_flags=IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST|IFF_LOWER_UP,
 *      mtu=1500, promiscuity=0, address=[0x2, 0x42, 0xac, 0x11, 0, 0x2]}
 *   (the ifinfomsg fields, then the IFLA_IFNAME, IFLA_MTU, IFLA_PROMISCUITY
 *   and IFLA_ADDRESS attributes under short names; an attribute the kernel
 *   did not send is left out).  ifi_type and ifi_flags print by name when
 *   the pattern used names; address prints like sll_addr, so a MAC captured
 *   here (address=$mac) compares with one an AF_PACKET address shows.
 *
 * rtm_getlink(FD, IFNAME, LINK_OUT) = 0
 *   One link, asked for by name (IFLA_IFNAME); the kernel's refusal is the
 *   call's error: rtm_getlink(n, "nosuch0", _) = -1 ENODEV.
 *
 * nlmsg_request(FD, NLMSG_TYPE, NLM_FLAGS) = N
 *   A request of any type, with exactly the flags given and a zeroed
 *   16-byte body (an empty ifinfomsg for rtnetlink).  Answers are read until
 *   the request is complete: an NLMSG_ERROR, an NLMSG_DONE, or (no dump, no
 *   NLM_F_ACK) the one reply.  N counts the data messages; an NLMSG_ERROR
 *   with a non-zero code makes the call fail with that errno:
 *     nlmsg_request(n, 0x7fff, NLM_F_REQUEST|NLM_F_ACK) = -1 EOPNOTSUPP
 *     nlmsg_request(n, RTM_GETLINK, NLM_F_REQUEST|NLM_F_ACK) = -1 EINVAL
 *   A request the kernel leaves unanswered (no NLM_F_ACK and nothing to
 *   reply) is an error in the case after 2 s, not a kernel result.
 *
 * nlmsg_recv(FD, MSG_OUT, FLAGS) = BYTES
 *   recv() of one datagram, for notifications a group member receives.
 *   MSG_OUT is its first message, as strace prints one: [header, body]
 *     nlmsg_recv(n, [{nlmsg_len=_, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0,
 *                     nlmsg_seq=0, nlmsg_pid=0}, {ifname="lo", ...}], 0) = >0
 *   The body is a link (as above) for RTM_NEWLINK/RTM_DELLINK on
 *   NETLINK_ROUTE, {error=EOPNOTSUPP, msg={header}} for NLMSG_ERROR (the
 *   errno by name and positive, where strace writes -EOPNOTSUPP, which
 *   does not parse here; 0 for an ack), else the payload as bytes.  The
 *   header's nlmsg_type and nlmsg_flags print by name when the pattern used
 *   names.  A datagram that is not a netlink message (NETLINK_USERSOCK user
 *   data) decodes as its bytes, "...", instead of a list.
 *
 * The request calls match answers by sequence number: other messages read
 * meanwhile (notifications, when the socket is in a multicast group) are
 * dropped, so cases use separate sockets for requests and notifications.
 */
#define _GNU_SOURCE
#include "core/callspec.h"
#include "core/registry.h"
#include "lang/consts.h"
#include "exec/interp.h"
#include "util/util.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* a dump datagram is at most 32 KiB (the kernel sizes them from recv's) */
#define NL_BUF 32768
/* how long a request may go unanswered before the case is told it erred */
#define NL_ANSWER_MS 2000

/* Sequence numbers for requests: distinct within a case process. */
static unsigned next_seq(void)
{
	static unsigned seq;
	return ++seq;
}

/* Hardware address bytes as strace prints them (%#x), compared by value. */
static struct node *hwaddr_node(const unsigned char *p, size_t n)
{
	struct node *l = node_new(N_LIST);
	for (size_t i = 0; i < n; i++) {
		char name[8];
		snprintf(name, sizeof(name), "%#x", p[i]);
		node_push(l, node_sym(name, p[i]));
	}
	return l;
}

static int link_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;
	unsigned type = mnl_attr_get_type(a);
	/* attributes newer than our headers are simply not shown */
	if (type <= IFLA_MAX)
		tb[type] = a;
	return MNL_CB_OK;
}

static void put_u32_attr(struct node *st, const char *key, const struct nlattr *a)
{
	if (a && mnl_attr_validate(a, MNL_TYPE_U32) == 0)
		node_field(st, key, node_int(mnl_attr_get_u32(a)));
}

/* RTM_NEWLINK body -> {ifi_index=.., ifname="..", ifi_type=.., ...} */
static struct node *link_decode(const struct nlmsghdr *nlh)
{
	struct node *st = node_new(N_STRUCT);
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return st;
	const struct nlattr *tb[IFLA_MAX + 1];
	memset(tb, 0, sizeof(tb));
	mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, tb);
	node_field(st, "ifi_index", node_int(ifi->ifi_index));
	const struct nlattr *name = tb[IFLA_IFNAME];
	if (name && mnl_attr_validate(name, MNL_TYPE_NUL_STRING) == 0)
		node_field(st, "ifname", node_str(mnl_attr_get_str(name),
						  strlen(mnl_attr_get_str(name))));
	node_field(st, "ifi_type", node_int(ifi->ifi_type));
	node_field(st, "ifi_flags", node_int(ifi->ifi_flags));
	put_u32_attr(st, "mtu", tb[IFLA_MTU]);
	put_u32_attr(st, "promiscuity", tb[IFLA_PROMISCUITY]);
	const struct nlattr *addr = tb[IFLA_ADDRESS];
	if (addr)
		node_field(st, "address", hwaddr_node(mnl_attr_get_payload(addr),
						      mnl_attr_get_payload_len(addr)));
	return st;
}

/* ---- request and answer ---- */

struct nl_answer {
	unsigned seq;
	struct node *links;	/* decoded RTM_NEWLINK bodies, or NULL: count only */
	int count;		/* data messages of ours seen */
	bool silent;		/* the kernel did not answer in time */
};

static int answer_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_answer *a = data;
	/* mnl_cb_run lets seq 0 through: a notification, not our answer */
	if (nlh->nlmsg_seq != a->seq)
		return MNL_CB_OK;
	a->count++;
	if (a->links && nlh->nlmsg_type == RTM_NEWLINK)
		node_push(a->links, link_decode(nlh));
	return MNL_CB_OK;
}

/* Wait for the next datagram; false (a->silent) when none comes in time. */
static bool await(int fd, struct nl_answer *a)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;
	while ((r = poll(&p, 1, NL_ANSWER_MS)) < 0 && errno == EINTR)
		;
	if (r == 0)
		a->silent = true;
	return r != 0;	/* r < 0: let recv() report the socket's error */
}

/*
 * Send the LEN-byte request in REQ and read answers until it is complete:
 * an NLMSG_DONE or NLMSG_ERROR, or for a single reply (ONE) the first data
 * message.  Returns the number of data messages, or -1 with errno (the
 * kernel's error from NLMSG_ERROR, or the socket's).
 */
static int nl_exchange(int fd, const void *req, size_t len, bool one, struct nl_answer *a)
{
	if (send(fd, req, len, 0) < 0)
		return -1;
	char *buf = xmalloc(NL_BUF);
	int ret = MNL_CB_OK;
	while (ret == MNL_CB_OK && !(one && a->count) && await(fd, a)) {
		ssize_t n = recv(fd, buf, NL_BUF, MSG_TRUNC);
		if (n < 0) {
			ret = MNL_CB_ERROR;
		} else if (n > NL_BUF) {
			errno = EMSGSIZE;
			ret = MNL_CB_ERROR;
		} else {
			ret = mnl_cb_run(buf, (size_t)n, a->seq, 0, answer_cb, a);
		}
	}
	int e = errno;
	free(buf);
	errno = e;
	return ret == MNL_CB_ERROR ? -1 : a->count;
}

/* An nlmsghdr of TYPE with FLAGS and our sequence number, at the start of BUF. */
static struct nlmsghdr *put_header(char *buf, unsigned type, unsigned flags, unsigned seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (__u16)type;
	nlh->nlmsg_flags = (__u16)flags;
	nlh->nlmsg_seq = seq;
	return nlh;
}

/* RTM_GETLINK for IFNAME (NULL: a dump of every link). */
static int getlink(int fd, const char *ifname, struct nl_answer *a)
{
	char req[256];
	unsigned flags = NLM_F_REQUEST | (ifname ? 0 : NLM_F_DUMP);
	struct nlmsghdr *nlh = put_header(req, RTM_GETLINK, flags, a->seq);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (ifname)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	return nl_exchange(fd, nlh, nlh->nlmsg_len, ifname != NULL, a);
}

static void report_silence(const struct step *st, const struct nl_answer *a, struct outcome *o)
{
	if (a->silent)
		step_error(o, NULL, "%s(): the kernel did not answer within %d ms",
			   st->call->name, NL_ANSWER_MS);
}

static void run_rtm_getlink_dump(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	if (o->error)
		return;
	struct nl_answer a = { .seq = next_seq(), .links = node_new(N_LIST) };
	TIMED(o, getlink(fd, NULL, &a));
	report_silence(st, &a, o);
	if (o->ret >= 0 && !o->error)
		o->actual[1] = a.links;
	else
		node_free(a.links);
}

static void run_rtm_getlink(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	const struct node *name = st->call_node->kids[1];
	if (name->kind != N_STR || strlen((const char *)name->bytes) != name->len)
		step_error(o, name, "an interface name is a string without NUL bytes");
	if (o->error)
		return;
	struct nl_answer a = { .seq = next_seq(), .links = node_new(N_LIST) };
	TIMED(o, getlink(fd, (const char *)name->bytes, &a));
	report_silence(st, &a, o);
	if (o->ret >= 0 && !o->error && a.links->nkids == 1) {
		o->actual[2] = a.links->kids[0];
		a.links->nkids = 0;
		o->ret = 0;	/* one link: the call succeeded, as the kernel's answer did */
	} else if (o->ret >= 0 && !o->error) {
		step_error(o, NULL, "rtm_getlink(): the kernel answered with %d messages and %zu links",
			   a.count, a.links->nkids);
	}
	node_free(a.links);
}

static int request(int fd, unsigned type, unsigned flags, struct nl_answer *a)
{
	char req[64];
	struct nlmsghdr *nlh = put_header(req, type, flags, a->seq);
	/* zeroed body: long enough for the family header of any rtnetlink type */
	memset(mnl_nlmsg_put_extra_header(nlh, 16), 0, 16);
	bool one = !(flags & (NLM_F_DUMP | NLM_F_ACK));
	return nl_exchange(fd, nlh, nlh->nlmsg_len, one, a);
}

static void run_nlmsg_request(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long type = arg_int(x, st, 1, o), flags = arg_int(x, st, 2, o);
	if (!o->error && (type < 0 || type > 0xffff || flags < 0 || flags > 0xffff))
		step_error(o, NULL, "nlmsg_type and nlmsg_flags are 16-bit values");
	if (o->error)
		return;
	struct nl_answer a = { .seq = next_seq() };
	TIMED(o, request(fd, (unsigned)type, (unsigned)flags, &a));
	report_silence(st, &a, o);
}

/* ---- receiving one message ---- */

static struct node *header_decode(const struct nlmsghdr *nlh)
{
	struct node *h = node_new(N_STRUCT);
	node_field(h, "nlmsg_len", node_int(nlh->nlmsg_len));
	node_field(h, "nlmsg_type", node_int(nlh->nlmsg_type));
	node_field(h, "nlmsg_flags", node_int(nlh->nlmsg_flags));
	node_field(h, "nlmsg_seq", node_int(nlh->nlmsg_seq));
	node_field(h, "nlmsg_pid", node_int(nlh->nlmsg_pid));
	return h;
}

/* {error=ENAME, msg={header of the request}}: the errno positive, by name */
static struct node *error_decode(const struct nlmsghdr *nlh)
{
	struct node *st = node_new(N_STRUCT);
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
		return st;
	const char *name = e->error ? errno_name(-e->error) : NULL;
	node_field(st, "error", name ? node_sym(name, -e->error) : node_int(-e->error));
	node_field(st, "msg", header_decode(&e->msg));
	return st;
}

static struct node *body_decode(const struct nlmsghdr *nlh, int protocol)
{
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return error_decode(nlh);
	if (protocol == NETLINK_ROUTE &&
	    (nlh->nlmsg_type == RTM_NEWLINK || nlh->nlmsg_type == RTM_DELLINK))
		return link_decode(nlh);
	return node_str(mnl_nlmsg_get_payload(nlh), mnl_nlmsg_get_payload_len(nlh));
}

static void run_nlmsg_recv(struct exec *x, const struct step *st, struct outcome *o)
{
	int fd = arg_fd(x, st, 0, o);
	long long flags = arg_int(x, st, 2, o);
	if (o->error)
		return;
	/* the body's meaning depends on the protocol: RTM_NEWLINK is 16, so is GENL_ID_CTRL */
	int protocol = -1;
	socklen_t plen = sizeof(protocol);
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &plen) < 0)
		protocol = -1;
	char *buf = xmalloc(NL_BUF);
	TIMED(o, recv(fd, buf, NL_BUF, (int)flags));
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	int len = o->ret > NL_BUF ? NL_BUF : (int)o->ret;
	if (o->ret >= 0 && mnl_nlmsg_ok(nlh, len)) {
		struct node *m = node_new(N_LIST);
		node_push(m, header_decode(nlh));
		node_push(m, body_decode(nlh, protocol));
		o->actual[1] = m;
	} else if (o->ret >= 0) {
		/* not a netlink message (a user-to-user datagram): the bytes as they are */
		o->actual[1] = node_str(buf, (size_t)len);
	}
	free(buf);
}

#define F A_FD
#define I A_INT
static const struct call_spec nl_calls[] = {
	{ "nlmsg_recv", 3, 3, { F, A_PAT, I }, false, run_nlmsg_recv },
	{ "nlmsg_request", 3, 3, { F, I, I }, false, run_nlmsg_request },
	{ "rtm_getlink", 3, 3, { F, A_VAL, A_PAT }, false, run_rtm_getlink },
	{ "rtm_getlink_dump", 2, 2, { F, A_PAT }, false, run_rtm_getlink_dump },
};
#undef F
#undef I

static const struct call_table calls_nl_table = { nl_calls, ARRAY_SIZE(nl_calls) };
SOCKSPEC_REGISTER(calls, struct call_table, calls_nl_table);
