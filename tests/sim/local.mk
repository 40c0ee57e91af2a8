# SPDX-License-Identifier: MIT
# tests/sim/local.mk: the seeded discrete-event network simulator over the SCTP core.
# --- sim
check_PROGRAMS += tests/sim/simrun
tests_sim_simrun_SOURCES = \
	tests/sim/sim.c tests/sim/sim.h \
	tests/sim/link.c tests/sim/link.h \
	tests/sim/node.c tests/sim/node.h \
	tests/sim/world.c tests/sim/world.h \
	tests/sim/scenario.h \
	tests/sim/scenario_setup.c \
	tests/sim/scenario_collision.c \
	tests/sim/scenario_restart.c \
	tests/sim/scenario_many.c \
	tests/sim/flow.c tests/sim/flow.h \
	tests/sim/scenario_data.c \
	tests/sim/simrun.c
tests_sim_simrun_LDADD = src/sctp/libsctsctp.la -lm
dist_check_SCRIPTS += tests/sim/check.sh
TESTS += tests/sim/check.sh

.PHONY: soak
SOAK_SEEDS ?= 10000
## make soak: every simulator scenario for SOAK_SEEDS seeds (10000 unless set).
soak: tests/sim/simrun
	./tests/sim/simrun all --seed 1 --seeds $(SOAK_SEEDS) --strict
# --- end sim
