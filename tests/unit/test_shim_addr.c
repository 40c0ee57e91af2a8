/* SPDX-License-Identifier: MIT */
/* test_shim_addr.c: the shim's sockaddr <-> sct_ipc_addr conversion and address copy-out. */
#include "config.h"

#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "shim/shim.h"

static struct sockaddr_in sin4(const char *a, uint16_t port)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons(port);
	inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}

static struct sockaddr_in6 sin6(const char *a, uint16_t port, uint32_t scope)
{
	struct sockaddr_in6 s;

	memset(&s, 0, sizeof(s));
	s.sin6_family = AF_INET6;
	s.sin6_port = htons(port);
	s.sin6_scope_id = scope;
	inet_pton(AF_INET6, a, &s.sin6_addr);
	return s;
}

static void shim_addr_v4_to_ipc(void)
{
	struct sockaddr_in s = sin4("192.0.2.1", 5000);
	struct sct_ipc_addr a;
	const uint8_t want[16] = {192, 0, 2, 1};

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s, sizeof(s), &a), 0);
	CU_ASSERT_EQUAL(a.family, SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(a.port, 5000);
	CU_ASSERT_EQUAL(a.scope, 0);
	SCT_ASSERT_BYTES(a.addr, want, 16);
}

static void shim_addr_v6_to_ipc_keeps_scope(void)
{
	struct sockaddr_in6 s = sin6("fe80::1", 36412, 3);
	struct sct_ipc_addr a;
	const uint8_t want[16] = {0xfe, 0x80, [15] = 1};

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s, sizeof(s), &a), 0);
	CU_ASSERT_EQUAL(a.family, SCT_IPC_AF_INET6);
	CU_ASSERT_EQUAL(a.port, 36412);
	CU_ASSERT_EQUAL(a.scope, 3);
	SCT_ASSERT_BYTES(a.addr, want, 16);
}

static void shim_addr_v4_mapped_becomes_inet(void)
{
	struct sockaddr_in6 s = sin6("::ffff:198.51.100.7", 2905, 0);
	struct sct_ipc_addr a;
	const uint8_t want[16] = {198, 51, 100, 7};

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s, sizeof(s), &a), 0);
	CU_ASSERT_EQUAL(a.family, SCT_IPC_AF_INET);
	CU_ASSERT_EQUAL(a.port, 2905);
	SCT_ASSERT_BYTES(a.addr, want, 16);
	/* the codec accepts what we made (no bytes past the 4) */
	{
		uint8_t b[SCT_IPC_ADDR_LEN];

		CU_ASSERT_EQUAL(sct_ipc_addr_encode(&a, b, sizeof(b)), 0);
	}
}

static void shim_addr_bad_lengths_and_families(void)
{
	struct sockaddr_in s4 = sin4("10.0.0.1", 1);
	struct sockaddr_in6 s6 = sin6("2001:db8::1", 1, 0);
	struct sockaddr_storage un;
	struct sct_ipc_addr a;

	memset(&un, 0, sizeof(un));
	un.ss_family = AF_UNIX;
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(NULL, sizeof(s4), &a), -EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s4, 0, &a), -EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s4, sizeof(s4) - 1, &a),
			-EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s6, sizeof(s6) - 1, &a),
			-EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s6, sizeof(s4), &a), -EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&un, sizeof(un), &a),
			-EAFNOSUPPORT);
	/* longer than needed is fine (sockaddr_storage) */
	memset(&un, 0, sizeof(un));
	memcpy(&un, &s4, sizeof(s4));
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&un, sizeof(un), &a), 0);
	/* an IPv6 address on an AF_INET socket is refused, IPv4 on AF_INET6 is fine */
	CU_ASSERT_EQUAL(shim_addr_for_socket(AF_INET, (struct sockaddr *)&s6, sizeof(s6), &a),
			-EINVAL);
	CU_ASSERT_EQUAL(shim_addr_for_socket(AF_INET6, (struct sockaddr *)&s4, sizeof(s4), &a), 0);
	CU_ASSERT_EQUAL(a.family, SCT_IPC_AF_INET);
}

static void shim_addr_ipc_to_sockaddr_by_socket_family(void)
{
	struct sockaddr_in6 s6 = sin6("::ffff:192.0.2.9", 80, 0), w6;
	struct sockaddr_in s4 = sin4("192.0.2.9", 80), w4;
	struct sockaddr_storage ss;
	struct sct_ipc_addr a;

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s4, sizeof(s4), &a), 0);
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, AF_INET, &ss), (int)sizeof(w4));
	memcpy(&w4, &ss, sizeof(w4));
	CU_ASSERT_EQUAL(w4.sin_family, AF_INET);
	CU_ASSERT_EQUAL(memcmp(&w4, &s4, sizeof(s4)), 0);
	/* IPv4 peer on an AF_INET6 socket: v4-mapped */
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, AF_INET6, &ss), (int)sizeof(w6));
	memcpy(&w6, &ss, sizeof(w6));
	CU_ASSERT_EQUAL(memcmp(&w6, &s6, sizeof(s6)), 0);
	/* IPv6 roundtrip with scope */
	s6 = sin6("fe80::2", 9, 4);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr((struct sockaddr *)&s6, sizeof(s6), &a), 0);
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, AF_INET6, &ss), (int)sizeof(w6));
	memcpy(&w6, &ss, sizeof(w6));
	CU_ASSERT_EQUAL(memcmp(&w6, &s6, sizeof(s6)), 0);
	a.family = 9;
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, AF_INET6, &ss), -EAFNOSUPPORT);
}

static void shim_addr_copy_out_truncates_like_the_kernel(void)
{
	struct sockaddr_in s4 = sin4("203.0.113.5", 7), out;
	struct sockaddr_storage ss;
	socklen_t len = 8;
	uint8_t small[8];

	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &s4, sizeof(s4));
	CU_ASSERT_EQUAL(shim_addr_copy_out(&ss, sizeof(s4), (struct sockaddr *)small, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(s4)); /* the full length, though only 8 bytes were copied */
	CU_ASSERT_EQUAL(memcmp(small, &s4, 8), 0);
	len = sizeof(out);
	CU_ASSERT_EQUAL(shim_addr_copy_out(&ss, sizeof(s4), (struct sockaddr *)&out, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof(s4));
	CU_ASSERT_EQUAL(memcmp(&out, &s4, sizeof(s4)), 0);
	len = (socklen_t)-1;
	CU_ASSERT_EQUAL(shim_addr_copy_out(&ss, sizeof(s4), (struct sockaddr *)&out, &len),
			-EINVAL);
	CU_ASSERT_EQUAL(shim_addr_copy_out(&ss, sizeof(s4), NULL, NULL), 0);
}

static const struct sct_test addr_tests[] = {
    SCT_TEST(shim_addr_v4_to_ipc),
    SCT_TEST(shim_addr_v6_to_ipc_keeps_scope),
    SCT_TEST(shim_addr_v4_mapped_becomes_inet),
    SCT_TEST(shim_addr_bad_lengths_and_families),
    SCT_TEST(shim_addr_ipc_to_sockaddr_by_socket_family),
    SCT_TEST(shim_addr_copy_out_truncates_like_the_kernel),
    SCT_TEST_END,
};

SCT_TEST_MAIN(addr_tests)
