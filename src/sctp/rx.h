/* SPDX-License-Identifier: MIT */
/* rx.h: the context of one received packet while its chunks are processed. */
#ifndef SCT_SCTP_RX_H
#define SCT_SCTP_RX_H

#include "sctp/internal.h"
#include "wire/chunk.h"
#include "wire/param.h"
#include "wire/wire_err.h"
#include "wire/sctp.h"

/* Bytes of error causes gathered for one ERROR chunk per packet. */
#define SCT_RX_ERR_MAX 1024

struct sct_rx {
	struct sct_stack *s;
	const struct sct_pktinfo *pi;
	const uint8_t *pkt;
	size_t len;
	struct sct_sctp_hdr hdr;
	sct_time_t now;
	struct sct_assoc *a;	     /* the association the packet belongs to, if any */
	struct sct_path *path;	     /* the path it came from (when a is set) */
	struct sct_ep *ep;	     /* the endpoint, for association-less processing */
	bool stop;		     /* discard the rest of the packet */
	bool got_data;		     /* the packet carried DATA (counted once for 6.2) */
	uint32_t first_tsn;	     /* of the packet's first DATA chunk */
	uint8_t err[SCT_RX_ERR_MAX]; /* causes to report in one ERROR chunk */
	size_t err_len;
};

/* ---- input.c */
/* queue an association-less reply to the packet's sender */
int sct_rx_reply(struct sct_rx *rx, uint32_t vtag, const uint8_t *chunk, size_t len);
struct sct_cause;
/* an ABORT to the sender: @vtag, T bit as given, one optional cause */
void sct_rx_reply_abort(struct sct_rx *rx, uint32_t vtag, bool t_bit,
			const struct sct_cause *cause);

/* ---- sm_init.c: RFC 9260 5.1, 5.2 */
void sct_sf_5_1_b_init(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_5_2_init_existing(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_5_1_c_init_ack(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_5_1_5_cookie_echo(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_5_1_e_cookie_ack(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_5_2_6_stale_cookie(struct sct_rx *rx, uint32_t staleness_us);

/* ---- data_rx.c, data_tx.c: RFC 9260 6 */
void sct_sf_6_2_data(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_6_2_1_sack(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_ecne(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_cwr(struct sct_rx *rx, const struct sct_chunk *c);

/* ---- sm_term.c: RFC 9260 9, 8.3 */
void sct_sf_9_1_abort(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_9_2_shutdown(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_9_2_shutdown_ack(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_9_2_shutdown_complete(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_3_3_10_error(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_8_3_heartbeat(struct sct_rx *rx, const struct sct_chunk *c);
void sct_sf_8_3_heartbeat_ack(struct sct_rx *rx, const struct sct_chunk *c);

/* ---- helpers shared by the handlers */
/* add every usable peer address of an INIT/INIT ACK (RFC 9260 5.1.2) */
int sct_assoc_take_addrs(struct sct_assoc *a, const struct sct_addr *src, uint16_t encap_port,
			 const struct sct_init_params *ip);
/* send an ABORT (with @cause, may be NULL) to the association's peer, then close it */
void sct_abort_assoc(struct sct_assoc *a, uint16_t how, int err, const struct sct_cause *cause);
/* the bytes of an ABORT or ERROR chunk with one cause (NULL: none) into @w */
int sct_build_cause_chunk(struct sct_wr *w, uint8_t type, uint8_t flags,
			  const struct sct_cause *cause);

#endif /* SCT_SCTP_RX_H */
