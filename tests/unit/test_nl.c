/* SPDX-License-Identifier: MIT */
/* test_nl.c: netlink parsing without a kernel: messages captured from Linux 6.18. */
#include "config.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "daemon/netcfg.h"
#include "daemon/nl.h"
#include "harness.h"

/* RTM_NEWADDR from an RTM_GETADDR dump: 127.0.0.1/8 on lo (ifindex 1), label "lo". */
static const char addr4_hex[] =
    "4c0000001400020001000000ef040000020880fe01000000080001007f000001080002007f000001"
    "070003006c6f0000080008008000000014000600ffffffffffffffff6098020060980200";
/* RTM_NEWADDR: ::1/128 on lo, no IFA_LOCAL (IPv6 uses IFA_ADDRESS only). */
static const char addr6_hex[] =
    "500000001400020002000000ef0400000a8080fe010000001400010000000000000000000000000000000001"
    "14000600ffffffffffffffff6098020060980200080008008000000005000b0001000000";
/* NLMSG_ERROR -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG (RTM_NEWADDR /33). */
static const char err_hex[] =
    "44000000020000030300000081060000eaffffff20000000140005060300000000000000"
    "20000100697076343a20496e76616c696420707265666978206c656e67746800";
/* NLMSG_ERROR 0: the ACK of an RTM_NEWRULE. */
static const char ack_hex[] =
    "24000000020000010400000007a21afc000000001c000000200005040400000000000000";

static size_t unhex(const char *hex, uint8_t *buf, size_t cap)
{
	return sct_test_unhex(hex, buf, cap);
}

static void nl_parse_captured_newaddr_v4(void)
{
	uint8_t buf[256] __attribute__((aligned(4)));
	struct nl_ifaddr a;
	struct sct_addr want;

	CU_ASSERT_EQUAL_FATAL(unhex(addr4_hex, buf, sizeof(buf)), 76);
	CU_ASSERT_EQUAL_FATAL(nl_parse_addr((struct nlmsghdr *)buf, &a), 0);
	sct_addr_v4u32(&want, 0x7f000001);
	CU_ASSERT_TRUE(sct_addr_eq(&a.addr, &want));
	CU_ASSERT_EQUAL(a.prefix, 8);
	CU_ASSERT_EQUAL(a.ifindex, 1);
	CU_ASSERT_EQUAL(a.scope, RT_SCOPE_HOST);
	CU_ASSERT_EQUAL(a.flags, 0x80); /* IFA_F_PERMANENT, from IFA_FLAGS */
}

static void nl_parse_captured_newaddr_v6(void)
{
	uint8_t buf[256] __attribute__((aligned(4)));
	struct nl_ifaddr a;
	struct nl_event ev;

	CU_ASSERT_EQUAL_FATAL(unhex(addr6_hex, buf, sizeof(buf)), 80);
	CU_ASSERT_EQUAL_FATAL(nl_parse_addr((struct nlmsghdr *)buf, &a), 0);
	CU_ASSERT_TRUE(sct_addr_is_loopback(&a.addr));
	CU_ASSERT_EQUAL(a.prefix, 128);
	/* The same message as a notification is an "address added" event. */
	CU_ASSERT_EQUAL_FATAL(nl_event_parse((struct nlmsghdr *)buf, &ev), 0);
	CU_ASSERT_EQUAL(ev.type, NL_EV_ADDR_ADD);
	CU_ASSERT_EQUAL(ev.addr.prefix, 128);
}

static void nl_parse_rejects_malformed(void)
{
	uint8_t buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nl_ifaddr a;
	struct nl_event ev;

	unhex(addr4_hex, buf, sizeof(buf));
	buf[24] = 6; /* IFA_ADDRESS nla_len 6: an IPv4 address of 2 bytes */
	buf[32] = 6; /* IFA_LOCAL too */
	CU_ASSERT_EQUAL(nl_parse_addr(nlh, &a), -EBADMSG);
	unhex(addr4_hex, buf, sizeof(buf));
	buf[17] = 33; /* prefix length past 32 */
	CU_ASSERT_EQUAL(nl_parse_addr(nlh, &a), -EBADMSG);
	unhex(addr4_hex, buf, sizeof(buf));
	buf[48] = 7; /* IFA_FLAGS with a 3-byte payload: not a u32 */
	CU_ASSERT_EQUAL(nl_parse_addr(nlh, &a), -EBADMSG);
	unhex(addr4_hex, buf, sizeof(buf));
	buf[16] = 7; /* AF_UNIX */
	CU_ASSERT_EQUAL(nl_parse_addr(nlh, &a), -EAFNOSUPPORT);
	unhex(addr4_hex, buf, sizeof(buf));
	nlh->nlmsg_len = 20; /* shorter than the ifaddrmsg header */
	CU_ASSERT_EQUAL(nl_parse_addr(nlh, &a), -EBADMSG);
	nlh->nlmsg_type = RTM_NEWROUTE;
	CU_ASSERT_EQUAL(nl_event_parse(nlh, &ev), -ENOMSG);
}

static void nl_ack_ext_ack_message(void)
{
	uint8_t buf[256] __attribute__((aligned(4)));
	char msg[NL_ERRMSG_MAX], small[8];
	size_t n = unhex(err_hex, buf, sizeof(buf));

	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n, msg, sizeof(msg)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(msg, "ipv4: Invalid prefix length");
	/* A short buffer gets a cut, still terminated, message. */
	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n, small, sizeof(small)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(small, "ipv4: I");
	/* Truncated datagram: the header claims more than we have. */
	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n - 4, msg, sizeof(msg)), -EBADMSG);
}

static void nl_ack_plain_ack(void)
{
	uint8_t buf[64] __attribute__((aligned(4)));
	char msg[NL_ERRMSG_MAX] = "stale";
	size_t n = unhex(ack_hex, buf, sizeof(buf));

	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "");
	/* A positive error field is not something the kernel sends. */
	buf[16] = 1;
	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n, msg, sizeof(msg)), -EBADMSG);
	/* Another message type is not an ack. */
	((struct nlmsghdr *)buf)->nlmsg_type = RTM_NEWADDR;
	CU_ASSERT_EQUAL(nl_ack_parse((struct nlmsghdr *)buf, n, msg, sizeof(msg)), -EBADMSG);
}

static void nl_msg_build_parse_rule(void)
{
	uint8_t buf[256] __attribute__((aligned(4)));
	struct fib_rule_hdr_like {
		uint8_t family, dst_len, src_len, tos, table, res1, res2, action;
		uint32_t flags;
	} frh = {.family = 2, .action = 2 /* FR_ACT_GOTO */};
	struct nlmsghdr *nlh = nl_msg_new(buf, RTM_NEWRULE, 0, &frh, sizeof(frh));
	struct nl_rule r;
	uint32_t v;

	/* FRA_PRIORITY 10, FRA_GOTO 100, FRA_IIFNAME "tun0", by hand as the kernel sends them. */
	v = 10;
	memcpy(buf + nlh->nlmsg_len, "\x08\x00\x06\x00", 4);
	memcpy(buf + nlh->nlmsg_len + 4, &v, 4);
	v = 100;
	memcpy(buf + nlh->nlmsg_len + 8, "\x08\x00\x04\x00", 4);
	memcpy(buf + nlh->nlmsg_len + 12, &v, 4);
	memcpy(buf + nlh->nlmsg_len + 16, "\x09\x00\x03\x00tun0\0\0\0\0", 12);
	nlh->nlmsg_len += 28;
	CU_ASSERT_EQUAL(nlh->nlmsg_flags, NLM_F_REQUEST);
	CU_ASSERT_EQUAL_FATAL(nl_parse_rule(nlh, &r), 0);
	CU_ASSERT_EQUAL(r.pref, 10);
	CU_ASSERT_EQUAL(r.target, 100);
	CU_ASSERT_EQUAL(r.action, 2);
	CU_ASSERT_STRING_EQUAL(r.iif, "tun0");
}

static void netcfg_prefix_contains_bits(void)
{
	struct netcfg_prefix p;
	struct sct_addr a;

	sct_addr_parse(&p.addr, "10.99.1.1");
	p.prefix = 23;
	sct_addr_parse(&a, "10.99.0.200");
	CU_ASSERT_TRUE(netcfg_prefix_contains(&p, &a));
	sct_addr_parse(&a, "10.99.2.1");
	CU_ASSERT_FALSE(netcfg_prefix_contains(&p, &a));
	sct_addr_parse(&a, "fd00::1");
	CU_ASSERT_FALSE(netcfg_prefix_contains(&p, &a));
	p.prefix = 0;
	sct_addr_parse(&a, "192.0.2.1");
	CU_ASSERT_TRUE(netcfg_prefix_contains(&p, &a));
	sct_addr_parse(&p.addr, "fd00:99:1::1");
	p.prefix = 64;
	sct_addr_parse(&a, "fd00:99:1::abcd");
	CU_ASSERT_TRUE(netcfg_prefix_contains(&p, &a));
	sct_addr_parse(&a, "fd00:99:2::1");
	CU_ASSERT_FALSE(netcfg_prefix_contains(&p, &a));
}

static const struct sct_test nl_tests[] = {
    SCT_TEST(nl_parse_captured_newaddr_v4),
    SCT_TEST(nl_parse_captured_newaddr_v6),
    SCT_TEST(nl_parse_rejects_malformed),
    SCT_TEST(nl_ack_ext_ack_message),
    SCT_TEST(nl_ack_plain_ack),
    SCT_TEST(nl_msg_build_parse_rule),
    SCT_TEST(netcfg_prefix_contains_bits),
    SCT_TEST_END,
};

SCT_TEST_MAIN(nl_tests)
