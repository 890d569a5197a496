/* SPDX-License-Identifier: MIT */
/*
 * The generated constants table against the values the headers give this
 * very file (glibc ones), and against the kernel ABI numbers for the uapi
 * families, whose headers cannot be included next to glibc's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "lang/consts.h"
#include "tap.h"

static long long val(const char *name)
{
	long long v = -12345;

	if (consts_lookup(name, &v) != 0)
		printf("#   %s not in the table\n", name);
	return v;
}

static int sorted_unique(const struct sym *tab, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++) {
		if (strcmp(tab[i - 1].name, tab[i].name) >= 0) {
			printf("#   out of order: %s, %s\n",
			       tab[i - 1].name, tab[i].name);
			return 0;
		}
	}
	return 1;
}

static void test_glibc_values(void)
{
	is_int(val("AF_UNIX"), 1, "AF_UNIX");
	is_int(val("AF_INET6"), 10, "AF_INET6");
	is_int(val("PF_INET"), PF_INET, "PF_INET");
	is_int(val("SOCK_STREAM"), 1, "SOCK_STREAM (a glibc enum)");
	is_int(val("SOCK_NONBLOCK"), 04000, "SOCK_NONBLOCK");
	is_int(val("SOCK_CLOEXEC"), SOCK_CLOEXEC, "SOCK_CLOEXEC");
	is_int(val("SO_REUSEADDR"), 2, "SO_REUSEADDR");
	is_int(val("SOL_SOCKET"), 1, "SOL_SOCKET");
	is_int(val("SOMAXCONN"), SOMAXCONN, "SOMAXCONN");
	is_int(val("IPPROTO_UDPLITE"), 136, "IPPROTO_UDPLITE");
	is_int(val("IPV6_V6ONLY"), 26, "IPV6_V6ONLY");
	is_int(val("MSG_PEEK"), 2, "MSG_PEEK");
	is_int(val("SHUT_RDWR"), SHUT_RDWR, "SHUT_RDWR");
	is_int(val("INADDR_BROADCAST"), 4294967295LL,
	       "INADDR_BROADCAST is unsigned, not -1");
	is_int(val("INADDR_LOOPBACK"), 0x7f000001, "INADDR_LOOPBACK");
	is_int(val("O_NONBLOCK"), O_NONBLOCK, "O_NONBLOCK");
	is_int(val("F_GETFL"), 3, "F_GETFL");
	is_int(val("FD_CLOEXEC"), 1, "FD_CLOEXEC");
	is_int(val("EAI_AGAIN"), -3, "EAI_AGAIN is negative");
	is_int(val("POLLIN"), 1, "POLLIN (prefix without underscore)");
	is_int(val("FIONREAD"), 0x541b, "FIONREAD");
	is_int(val("SIOCINQ"), 0x541b, "SIOCINQ, an alias of FIONREAD");
	is_int(val("IFNAMSIZ"), 16, "IFNAMSIZ");
	is_int(val("TCP_ESTABLISHED"), 1, "TCP_ESTABLISHED (enum, no macro)");
	is_int(val("EINVAL"), EINVAL, "errno names are constants too");
	is_int(val("SIGSEGV"), SIGSEGV, "SIGSEGV (signal numbers, for raise())");
	is_int(val("SIGABRT"), SIGABRT, "SIGABRT");
	is_int(val("SIGKILL"), SIGKILL, "SIGKILL");
	is_int(val("SIGPIPE"), SIGPIPE, "SIGPIPE");
}

static void test_uapi_values(void)
{
	is_int(val("AF_CAN"), 29, "AF_CAN");
	is_int(val("CAN_RAW"), 1, "CAN_RAW");
	is_int(val("CAN_EFF_FLAG"), 0x80000000LL, "CAN_EFF_FLAG is unsigned");
	is_int(val("TX_SETUP"), 1, "TX_SETUP (bcm enum)");
	is_int(val("RX_FILTER_ID"), 0x20, "RX_FILTER_ID (bcm flag)");
	is_int(val("ALG_SET_KEY"), 1, "ALG_SET_KEY");
	is_int(val("VMADDR_CID_LOCAL"), 1, "VMADDR_CID_LOCAL");
	is_int(val("VMADDR_CID_ANY"), 4294967295LL, "VMADDR_CID_ANY");
	is_int(val("IOCTL_VM_SOCKETS_GET_LOCAL_CID"), 0x7b9,
	       "IOCTL_VM_SOCKETS_GET_LOCAL_CID (_IO needs linux/ioctl.h)");
	is_int(val("AF_QIPCRTR"), 42, "AF_QIPCRTR");
	is_int(val("SOL_TIPC"), 271, "SOL_TIPC");
	is_int(val("TIPC_ADDR_NAMESEQ"), 1, "TIPC_ADDR_NAMESEQ");
	is_int(val("NETLINK_ROUTE"), 0, "NETLINK_ROUTE");
	is_int(val("RTM_NEWLINK"), 16, "RTM_NEWLINK");
	is_int(val("NLM_F_REQUEST"), 1, "NLM_F_REQUEST");
	is_int(val("ETH_P_ALL"), 3, "ETH_P_ALL");
}

static void test_absent(void)
{
	long long v = 77;

	is_int(consts_lookup("NO_SUCH_CONSTANT", &v), -1, "unknown name");
	is_int(v, 77, "unknown name leaves *value alone");
	is_int(consts_lookup("", &v), -1, "empty name");
	is_int(consts_lookup("IN6ADDR_ANY_INIT", &v), -1,
	       "a braced initializer is not an integer constant");
	is_int(consts_lookup("NLMSG_ALIGN", &v), -1,
	       "function-like macros are left out");
	is_int(consts_lookup("AF_", &v), -1, "a bare prefix is no name");
	is_int(consts_lookup("SIG_DFL", &v), -1, "SIG_DFL is a pointer, not a constant");
	is_int(consts_lookup("SIG_IGN", &v), -1, "SIG_IGN is a pointer, not a constant");
	is_int(consts_lookup("SIG_ERR", &v), -1, "SIG_ERR is a pointer, not a constant");
	is_int(consts_lookup("SIGRTMIN", &v), -1,
	       "SIGRTMIN is a call in glibc, not the kernel's 32");
}

static void test_names(void)
{
	is_str(consts_name(1, "SOCK_"), "SOCK_STREAM", "consts_name SOCK_ 1");
	is_str(consts_name(2, "SOCK_"), "SOCK_DGRAM", "consts_name SOCK_ 2");
	is_str(consts_name(2, "AF_"), "AF_INET", "consts_name AF_ 2");
	is_str(consts_name(10, "AF_"), "AF_INET6", "consts_name AF_ 10");
	is_str(consts_name(12345678, "SOCK_"), NULL, "no name for the value");
	is_str(consts_name(1, "NO_SUCH_PREFIX_"), NULL, "no such prefix");
	{
		const char *n = consts_name(1, "AF_");

		ok(n && (!strcmp(n, "AF_UNIX") || !strcmp(n, "AF_LOCAL") ||
			 !strcmp(n, "AF_FILE")),
		   "consts_name AF_ 1 is one of the aliases (%s)",
		   n ? n : "(null)");
	}
}

static void test_errno(void)
{
	int e = -1;

	is_int(errno_lookup("EINVAL", &e), 0, "errno_lookup EINVAL");
	is_int(e, 22, "EINVAL is 22");
	is_int(errno_lookup("EWOULDBLOCK", &e), 0, "errno_lookup EWOULDBLOCK");
	is_int(e, 11, "EWOULDBLOCK is 11");
	is_int(errno_lookup("EAI_AGAIN", &e), -1, "EAI_ is not errno");
	is_int(errno_lookup("ENOSUCHERRNO", &e), -1, "unknown errno name");
	is_str(errno_name(11), "EAGAIN", "errno_name 11");
	is_str(errno_name(EINVAL), "EINVAL", "errno_name EINVAL");
	is_str(errno_name(ECONNREFUSED), "ECONNREFUSED",
	       "errno_name ECONNREFUSED");
	is_str(errno_name(0), NULL, "errno_name 0");
	is_str(errno_name(-1), NULL, "errno_name -1");
}

static void test_tables(void)
{
	ok(consts_table_len > 1000, "consts_table has %zu names",
	   consts_table_len);
	ok(sorted_unique(consts_table, consts_table_len),
	   "consts_table sorted, no duplicates");
	ok(errno_table_len > 100, "errno_table has %zu names", errno_table_len);
	ok(sorted_unique(errno_table, errno_table_len),
	   "errno_table sorted, no duplicates");
}

int main(void)
{
	test_glibc_values();
	test_uapi_values();
	test_absent();
	test_names();
	test_errno();
	test_tables();
	return tap_done();
}
