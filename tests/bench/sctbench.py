#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# sctbench.py: `make bench`'s system benchmarks: sctun against usrsctp, the Node.js sctp module
# and a null TUN forwarder, on this machine, in one run; one table as text and JSON.
"""
Usage (as root, from the build directory; `make bench` does it):
    sctbench.py --srcdir DIR --builddir DIR [--runs N] [--secs S] [--quick] [--out PREFIX]

What runs (the top README's "Benchmarks" section says more):
  namespaces P and S joined by a veth (10.99.1.1 - 10.99.1.2), an sctund in each in routed
  mode (P owns 10.99.2.2, S 10.99.3.2 behind their TUNs); sctpperf (linked with libsctun)
  from P to S.  Namespaces P2 and S2 the same, their sctund in shared mode, for unmodified
  iperf3 --sctp under sctun-run (its TCP control connection needs the kernel's addresses).
  usrsctp_bench from P to S over raw IP (10.99.1.x, the same veth), and over UDP
  encapsulation on P's loopback; node-bench.js (the npm sctp module) over UDP on P's
  loopback; tunfwd, a null forwarder between a TUN in P (10.99.5.1) and one in S
  (10.99.5.2), carrying kernel TCP (iperf3) and ICMP (ping): the TUN ceiling.
  Then one sctund without a TUN and memassoc: RSS per idle association.
Every case runs --runs times, interleaved (round 1 of every case, then round 2...), so each
peer is measured under the same load as sctun; the table has medians.
"""
import argparse
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def log(msg):
    print(msg, flush=True)


class Bench:
    def __init__(self, a):
        self.a = a
        self.src = os.path.abspath(a.srcdir)
        self.build = os.path.abspath(a.builddir)
        self.tmp = tempfile.mkdtemp(prefix='sctun-bench.')
        os.chmod(self.tmp, 0o755)
        tag = 'bench%d' % (os.getpid() % 100000)
        self.P, self.S = tag + 'p', tag + 's'
        self.P2, self.S2 = tag + 'q', tag + 't'
        # U: loopback only, for the peers that run over UDP on loopback.  Not P: usrsctp opens
        # raw IP sockets even in UDP mode, and would answer the raw-IP test's packets in P.
        self.U = tag + 'u'
        self.tag = tag
        self.namespaces = []
        self.procs = []  # (name, Popen), stopped in reverse order
        self.port = 6000  # fresh ports for one-shot servers
        self.results = {}  # case -> list of dicts (or None when a run failed)
        self.errors = {}
        self.keep_logs = False
        self.kept = {}  # name -> how to start it again
        self.skipped = {}  # column -> reason
        self.sctund = os.path.join(self.build, 'src/daemon/sctund')
        self.sctpperf = os.path.join(self.build, 'tools/sctpperf')
        self.sctunctl = os.path.join(self.build, 'tools/sctunctl')
        self.run_tool = os.path.join(self.build, 'tools/sctun-run')
        self.lib = os.path.join(self.build, 'src/shim/.libs/libsctun.so')
        self.ub = os.path.join(self.build, 'tests/bench/usrsctp_bench')
        self.tunfwd = os.path.join(self.build, 'tests/bench/tunfwd')
        self.memassoc = os.path.join(self.build, 'tests/bench/memassoc')
        self.node_js = os.path.join(self.src, 'tests/bench/node-bench.js')
        self.node_path = os.environ.get('SCTUN_NODE_PATH', '/usr/local/lib/sctun-node/node_modules')
        self.env = dict(os.environ, SCTUN_LIB=self.lib, NODE_PATH=self.node_path)

    # ------------------------------------------------------------------ processes
    def sh(self, *cmd, check=True, timeout=30):
        r = subprocess.run(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        if check and r.returncode:
            raise RuntimeError('%s: exit %d: %s' % (' '.join(cmd), r.returncode, r.stdout.strip()))
        return r.stdout

    def start(self, name, ns, cmd, env=None, wait_for=None, stdin=None):
        """A long-lived process in namespace ns, its output in tmp/name.log."""
        logf = open(os.path.join(self.tmp, name + '.log'), 'w')
        full = (['ip', 'netns', 'exec', ns] if ns else []) + cmd
        p = subprocess.Popen(full, stdout=logf, stderr=subprocess.STDOUT, env=env or self.env,
                             start_new_session=True, stdin=stdin or subprocess.DEVNULL)
        self.procs.append((name, p))
        if wait_for:
            self.wait_log(name, p, wait_for)
        return p

    def start_kept(self, name, ns, cmd, env=None, wait_for=None):
        """A server the cases share: ensure() starts it again should it die."""
        self.kept[name] = (ns, cmd, env, wait_for)
        return self.start(name, ns, cmd, env=env, wait_for=wait_for)

    def ensure(self, name):
        """Before a case: its shared server runs (a crashed one is started again, and said)."""
        p = [q for n, q in self.procs if n == name]
        if p and p[-1].poll() is None:
            return
        rc = p[-1].returncode if p else None
        if p:
            self.procs = [(n, q) for n, q in self.procs if q is not p[-1]]
        self.errors.setdefault(name, []).append('exited with status %s: started again' % rc)
        log('   %s exited (status %s): starting it again' % (name, rc))
        ns, cmd, env, wait_for = self.kept[name]
        self.start(name, ns, cmd, env=env, wait_for=wait_for)

    def wait_log(self, name, p, word, secs=10):
        path = os.path.join(self.tmp, name + '.log')
        t_end = time.time() + secs
        while time.time() < t_end:
            with open(path) as f:
                if word in f.read():
                    return
            if p.poll() is not None:
                break
            time.sleep(0.05)
        with open(path) as f:
            raise RuntimeError('%s did not start: %s' % (name, f.read()[-500:]))

    def stop(self, p, grace=3.0):
        """TERM, then KILL after the grace period: the process group we started, nothing else."""
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait(5)
        self.procs = [(n, q) for n, q in self.procs if q is not p]

    def client(self, ns, cmd, timeout, env=None):
        """A client run: its stdout (the result), or RuntimeError with its output."""
        full = (['ip', 'netns', 'exec', ns] if ns else []) + cmd
        p = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env or self.env, start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop(p, 1.0)
            raise RuntimeError('%s: no result in %d s' % (os.path.basename(cmd[0]), timeout))
        if p.returncode:
            raise RuntimeError('%s: exit %d: %s' % (os.path.basename(cmd[0]), p.returncode,
                                                    (err or out).strip()[-300:]))
        return out

    def next_port(self):
        self.port += 2
        return self.port

    # ------------------------------------------------------------------ set-up
    def mkns(self, name):
        self.sh('ip', 'netns', 'add', name)
        self.namespaces.append(name)
        self.sh('ip', '-n', name, 'link', 'set', 'lo', 'up')

    def pair(self, a, b, va, vb):
        self.mkns(a)
        self.mkns(b)
        self.sh('ip', 'link', 'add', va, 'netns', a, 'type', 'veth', 'peer', 'name', vb, 'netns', b)
        self.sh('ip', '-n', a, 'addr', 'add', '10.99.1.1/24', 'dev', va)
        self.sh('ip', '-n', b, 'addr', 'add', '10.99.1.2/24', 'dev', vb)
        self.sh('ip', '-n', a, 'link', 'set', va, 'up')
        self.sh('ip', '-n', b, 'link', 'set', vb, 'up')

    def sctund_start(self, name, ns, *args):
        sock = os.path.join(self.tmp, name + '.sock')
        self.start(name, ns, [self.sctund, '-f', '-S', sock] + list(args), wait_for='running')
        return sock

    def setup(self):
        t = self.tag
        self.pair(self.P, self.S, t + 'vp', t + 'vs')
        for ns in (self.P, self.S):
            self.sh('ip', 'netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1')
        self.sh('ip', '-n', self.P, 'route', 'add', '10.99.3.0/24', 'via', '10.99.1.2')
        self.sh('ip', '-n', self.S, 'route', 'add', '10.99.2.0/24', 'via', '10.99.1.1')
        self.sock_p = self.sctund_start('sctund-p', self.P, '-i', t + 'tun',
                                        '--host-addr', '10.99.2.1/24', '-a', '10.99.2.2')
        self.sock_s = self.sctund_start('sctund-s', self.S, '-i', t + 'tun',
                                        '--host-addr', '10.99.3.1/24', '-a', '10.99.3.2')
        self.start_kept('sctpperf-s', self.S, [self.sctpperf, '-s', '-p', '5210'],
                   env=dict(self.env, SCTUN_SOCKET=self.sock_s), wait_for='listening')
        # shared mode, for iperf3 (and sctpperf beside it)
        self.pair(self.P2, self.S2, t + 'vq', t + 'vt')
        self.sock_p2 = self.sctund_start('sctund-p2', self.P2, '-i', t + 'tun', '--shared')
        self.sock_s2 = self.sctund_start('sctund-s2', self.S2, '-i', t + 'tun', '--shared')
        self.start_kept('sctpperf-s2', self.S2, [self.sctpperf, '-s', '-p', '5210'],
                   env=dict(self.env, SCTUN_SOCKET=self.sock_s2), wait_for='listening')
        # usrsctp: raw IP P -> S (server in S), UDP encapsulation on U's loopback
        self.mkns(self.U)
        if 'usrsctp' not in self.skipped:
            self.start_kept('usrsctp-raw-s', self.S, [self.ub, '-s', '-p', '5400'],
                            wait_for='listening')
            self.start_kept('usrsctp-udp-s', self.U, [self.ub, '-s', '-p', '5500', '-U', '9911'],
                            wait_for='listening')
        # the null forwarder: TUN fa in P (10.99.5.1), TUN fb in S (10.99.5.2), same MTU as sctund's
        self.start('tunfwd', None, [self.tunfwd, self.P, t + 'fa', self.S, t + 'fb'],
                   wait_for='running')
        for ns, dev, me, peer in ((self.P, t + 'fa', '10.99.5.1', '10.99.5.2'),
                                  (self.S, t + 'fb', '10.99.5.2', '10.99.5.1')):
            self.sh('ip', '-n', ns, 'addr', 'add', me + '/32', 'peer', peer, 'dev', dev)
            self.sh('ip', '-n', ns, 'link', 'set', dev, 'mtu', '1500', 'up')
        self.start_kept('iperf3-ceiling-s', self.S,
                   ['iperf3', '-s', '--forceflush', '-B', '10.99.5.2', '-p', '5600'],
                   wait_for='listening')

    def cleanup(self):
        for name, p in reversed(list(self.procs)):
            self.stop(p)
        for ns in self.namespaces:
            subprocess.run(['ip', 'netns', 'del', ns], stderr=subprocess.DEVNULL)
        if self.a.keep or self.keep_logs:
            log('logs kept in ' + self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------------ the cases
    def perf(self, ns, sock, host, mode, length, parallel=1):
        T = self.a.secs
        self.ensure('sctpperf-s' if ns == self.P else 'sctpperf-s2')
        out = self.client(ns, [self.sctpperf, '-c', host, '-p', '5210', '-m', mode, '-l',
                               str(length), '-t', str(T), '-i', '0', '-P', str(parallel),
                               '-J'], T + 30,
                          env=dict(self.env, SCTUN_SOCKET=sock))
        e = json.loads(out)['end']
        if mode in ('throughput', 'rate'):
            r = e['receiver']
            return {'mbit': r['bits_per_second'] / 1e6, 'msgs': r['messages_per_second']}
        if mode == 'latency':
            return {'p50': e['latency']['p50_us'], 'p99': e['latency']['p99_us']}
        return {'setup': e['setup']['per_second']}

    def iperf3_sctp(self, length):
        T = max(1, round(self.a.secs))  # iperf3 -t takes whole seconds
        port = self.next_port()
        # a fresh one-shot server per run: a second test on one iperf3 -s through sctun fails
        # ("unable to start stream listener: Address already in use", see the README)
        srv = self.start('iperf3-sctp-s', self.S2, [self.run_tool, '-S', self.sock_s2, 'iperf3',
                                                   '-s', '-1', '--forceflush', '-p', str(port)],
                         wait_for='listening')
        try:
            out = self.client(self.P2, [self.run_tool, '-S', self.sock_p2, 'iperf3', '-c',
                                        '10.99.1.2', '-p', str(port), '--sctp', '-t', str(T),
                                        '-l', str(length), '-J'], T + 30)
            bps = json.loads(out)['end']['sum_received']['bits_per_second']
            return {'mbit': bps / 1e6, 'msgs': bps / 8 / length}
        finally:
            self.stop(srv)

    def usrsctp(self, udp, mode, length):
        T = self.a.secs
        self.ensure('usrsctp-udp-s' if udp else 'usrsctp-raw-s')
        if udp:
            cmd = [self.ub, '-c', '127.0.0.1', '-p', '5500', '-U', '9912', '-R', '9911']
        else:
            cmd = [self.ub, '-c', '10.99.1.2', '-p', '5400']
        out = self.client(self.U if udp else self.P,
                          cmd + ['-m', mode, '-l', str(length), '-t', str(T)], T + 30)
        return self.peer_result(json.loads(out))

    def peer_result(self, j):
        if j['mode'] == 'flood':
            s = j['seconds']
            if s <= 0:
                raise RuntimeError('no data arrived')
            return {'mbit': j['bytes'] * 8 / s / 1e6, 'msgs': j['messages'] / s}
        if j['mode'] == 'latency':
            return {'p50': j['p50_us'], 'p99': j['p99_us']}
        return {'setup': j['associations'] / j['seconds']}

    def node(self, mode, length):
        T = self.a.secs
        port = 9930 + (self.next_port() % 40) * 2
        srv = self.start('node-s', self.U, ['node', self.node_js, 'server', str(port),
                                            str(port + 1)], wait_for='listening')
        try:
            out = self.client(self.U, ['node', self.node_js, 'client', str(port + 1), str(port),
                                       mode, str(length), str(T)], T + 30)
            return self.peer_result(json.loads(out))
        finally:
            self.stop(srv)

    def ceiling_tcp(self, length):
        T = max(1, round(self.a.secs))  # iperf3 -t takes whole seconds
        self.ensure('iperf3-ceiling-s')
        out = self.client(self.P, ['iperf3', '-c', '10.99.5.2', '-p', '5600', '-t', str(T),
                                   '-l', str(length), '-J'], T + 30)
        bps = json.loads(out)['end']['sum_received']['bits_per_second']
        return {'mbit': bps / 1e6, 'msgs': bps / 8 / length}

    def ceiling_ping(self):
        T = self.a.secs
        # 56 bytes of ICMP data: a 64-byte ICMP message, as the 64-byte pings
        out = self.client(self.P, ['ping', '-n', '-i', '0.0005', '-s', '56', '-w',
                                   str(max(1, round(T))), '10.99.5.2'], T + 30)
        s = sorted(float(w[5:]) * 1000 for w in out.split() if w.startswith('time='))
        if not s:
            raise RuntimeError('no ping answered')
        return {'p50': s[len(s) // 2], 'p99': s[len(s) * 99 // 100]}

    def cases(self):
        """(case name, column, function) in the order of a round."""
        P, S = self.P, self.S
        c = []
        peer_mode = {'throughput': ('F', 'flood'), 'rate': ('F', 'flood'),
                     'latency': ('L', 'latency'), 'setup': ('S', 'setup')}
        for mode, length, row in (('throughput', 1000, 'tput1000'),
                                  ('throughput', 16384, 'tput16k'), ('rate', 100, 'rate100'),
                                  ('latency', 64, 'lat64'), ('setup', 1, 'setup')):
            c.append((row, 'sctun',
                      lambda m=mode, l=length: self.perf(P, self.sock_p, '10.99.3.2', m, l)))
            if 'usrsctp' not in self.skipped:
                um = peer_mode[mode][0]
                c.append((row, 'usrsctp-raw', lambda m=um, l=length: self.usrsctp(False, m, l)))
                c.append((row, 'usrsctp-udp', lambda m=um, l=length: self.usrsctp(True, m, l)))
            if 'node' not in self.skipped:
                nm = peer_mode[mode][1]
                # the module refuses a message above its 16 KiB window: 16000 bytes there
                nl = 16000 if length == 16384 else length
                c.append((row, 'node', lambda m=nm, l=nl: self.node(m, l)))
        # setup capacity: 32 associations being set up at once (usrsctp_bench and the node
        # module only do one at a time: no peer in this row)
        c.append(('setup32', 'sctun',
                  lambda: self.perf(P, self.sock_p, '10.99.3.2', 'setup', 1, parallel=32)))
        for length, row in ((1000, 'tput1000'), (16384, 'tput16k')):
            c.append((row, 'sctun-shared', lambda l=length: self.perf(
                self.P2, self.sock_p2, '10.99.1.2', 'throughput', l)))
            c.append((row, 'sctun-iperf3', lambda l=length: self.iperf3_sctp(l)))
        for length, row in ((1000, 'tput1000'), (16384, 'tput16k'), (100, 'rate100')):
            c.append((row, 'ceiling', lambda l=length: self.ceiling_tcp(l)))
        c.append(('lat64', 'ceiling', self.ceiling_ping))
        return c

    def run_cases(self):
        cases = self.cases()
        for r in range(self.a.runs):
            log('-- round %d of %d (load %s)' % (r + 1, self.a.runs, loadavg()))
            for row, col, fn in cases:
                key = row + '/' + col
                try:
                    res = fn()
                    log('   %-22s %s' % (key, ' '.join('%s=%.1f' % kv for kv in res.items())))
                except Exception as e:  # a failed run is reported, not fatal
                    res = None
                    self.errors.setdefault(key, []).append(str(e))
                    log('   %-22s FAILED: %s' % (key, e))
                self.results.setdefault(key, []).append(res)

    # ------------------------------------------------------------------ memory
    def rss_kib(self, pid):
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
        raise RuntimeError('no VmRSS')

    def memory(self):
        levels = [1000, 10000] if self.a.quick else [1000, 10000, 100000]
        m = k = int(math.ceil(math.sqrt(levels[-1])))
        for r in range(self.a.mem_runs):
            # both ends of every association live in this sctund: 2 x 100k endpoints > the
            # default max_assocs (131072), so it is raised for this test
            sock = self.sctund_start('sctund-mem', self.U, '-u', '9899',
                                     '--set', 'max_assocs=262144')
            d = [p for n, p in self.procs if n == 'sctund-mem'][-1]
            ma = subprocess.Popen(['ip', 'netns', 'exec', self.U, self.memassoc, '30000', str(m),
                                   str(k), '0'] + [str(x) for x in levels],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env=dict(self.env, SCTUN_SOCKET=sock), start_new_session=True)
            self.procs.append(('memassoc', ma))
            try:
                base = None
                t0 = time.time()
                for lv in [0] + levels:
                    line = readline_timeout(ma, 180)
                    w = line.split()
                    if len(w) != 6 or w[0] != 'level':
                        raise RuntimeError('memassoc: %r' % line)
                    up, failed = int(w[3]), int(w[5])
                    time.sleep(0.3)
                    rss = self.rss_kib(d.pid)
                    estab = json.loads(self.sh('ip', 'netns', 'exec', self.U, self.sctunctl, '-S',
                                               sock, '-j', 'stats'))['sctp']['SctpCurrEstab']
                    if lv == 0:
                        base = rss
                    else:
                        res = {'up': up, 'failed': failed, 'endpoints': estab,
                               'rss_kib': rss, 'base_kib': base,
                               'kib_per_assoc': (rss - base) / up if up else 0,
                               'seconds': time.time() - t0}
                        key = 'mem%dk/sctun' % (lv // 1000)
                        self.results.setdefault(key, []).append(res)
                        log('   %-22s %d up (%d failed, sctund has %d endpoints), RSS %d KiB '
                            '(%d without associations): %.2f KiB per association' %
                            (key, up, failed, estab, rss, base, res['kib_per_assoc']))
                        if up < lv:
                            self.errors.setdefault(key, []).append(
                                'only %d of %d associations came up (%d failed)' % (up, lv, failed))
                    ma.stdin.write('\n')
                    ma.stdin.flush()
            except Exception as e:
                log('   memory: FAILED: %s' % e)
                self.errors.setdefault('mem', []).append(str(e))
            finally:
                self.stop(ma)
                self.stop(d)


def readline_timeout(p, secs):
    import select
    r, _, _ = select.select([p.stdout], [], [], secs)
    if not r:
        raise RuntimeError('no answer in %d s' % secs)
    line = p.stdout.readline()
    if not line:
        raise RuntimeError('exited (%s)' % p.poll())
    return line.strip()


def loadavg():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


# ---------------------------------------------------------------------- the table
ROWS = [  # row, metric, unit, label, higher is better
    ('tput1000', 'mbit', 'Mbit/s', 'throughput, 1000-byte messages', True),
    ('tput16k', 'mbit', 'Mbit/s', 'throughput, 16 KiB messages', True),
    ('rate100', 'msgs', 'msg/s', 'message rate, 100-byte messages', True),
    ('lat64', 'p50', 'us', 'latency 64 B ping-pong, p50', False),
    ('lat64', 'p99', 'us', 'latency 64 B ping-pong, p99', False),
    ('setup', 'setup', '/s', 'association setup rate', True),
    ('setup32', 'setup', '/s', 'setup rate, 32 at a time', True),
]
COLS = ['sctun', 'sctun-shared', 'sctun-iperf3', 'usrsctp-raw', 'usrsctp-udp', 'node', 'ceiling']
RATIOS = [('sctun/usrsctp-raw', 'usrsctp-raw'), ('sctun/usrsctp-udp', 'usrsctp-udp'),
          ('sctun/node', 'node'), ('sctun/ceiling', 'ceiling')]


def fmt(v):
    if v is None:
        return '-'
    if v >= 100000:
        return '%.0fk' % (v / 1000)
    if v >= 100:
        return '%.0f' % v
    return '%.3g' % v


def table(b, a, t_start):
    res = b.results
    doc = {'tool': 'sctun make bench', 'runs': a.runs, 'seconds_per_run': a.secs,
           'quick': a.quick, 'cpus': os.cpu_count(), 'load_before': b.load_before,
           'load_after': loadavg(), 'wall_seconds': round(time.time() - t_start, 1),
           'rows': [], 'memory': [], 'errors': b.errors, 'skipped': b.skipped,
           'raw': res}
    lines = []
    w = 42
    head = '%-*s' % (w, 'median of %d runs (%.3g s each)' % (a.runs, a.secs))
    head += ''.join('%13s' % c for c in COLS) + ''.join('%18s' % r for r, _ in RATIOS)
    lines.append(head)
    for row, metric, unit, label, higher in ROWS:
        med = {}
        n_ok = {}
        for c in COLS:
            vals = [x[metric] for x in res.get(row + '/' + c, []) if x and metric in x]
            n_ok[c] = len(vals)
            med[c] = statistics.median(vals) if vals else None
        ratios = {}
        for rname, c in RATIOS:
            ratios[rname] = (med['sctun'] / med[c] if med['sctun'] and med[c] else None)
        line = '%-*s' % (w, '%s (%s)' % (label, unit))
        line += ''.join('%13s' % fmt(med[c]) for c in COLS)
        line += ''.join('%18s' % ('%.2f' % ratios[r] if ratios[r] else '-') for r, _ in RATIOS)
        lines.append(line)
        doc['rows'].append({'row': row, 'metric': metric, 'unit': unit, 'label': label,
                            'higher_is_better': higher, 'median': med, 'runs_ok': n_ok,
                            'ratios': ratios})
    for lv in ('mem1k', 'mem10k', 'mem100k'):
        vals = [x for x in res.get(lv + '/sctun', []) if x]
        if not vals:
            if not (a.quick and lv == 'mem100k'):
                lines.append('%-*s  not measured' %
                             (w, 'sctund RSS per idle association, %s' % lv[3:]))
            continue
        kib = statistics.median(x['kib_per_assoc'] for x in vals)
        up = min(x['up'] for x in vals)
        lines.append('%-*s%13s   (both ends in one sctund: %.2f KiB per endpoint; '
                     '%d up, RSS %d MiB)' %
                     (w, 'sctund RSS per idle association, %s (KiB)' % lv[3:], '%.2f' % kib,
                      kib / 2, up, max(x['rss_kib'] for x in vals) // 1024))
        doc['memory'].append({'level': lv[3:], 'kib_per_assoc': kib, 'kib_per_endpoint': kib / 2,
                              'runs_ok': len(vals), 'min_up': up})
    lines.append('')
    lines.append('sctun: sctpperf between two routed sctund (two namespaces, a veth); '
                 'sctun-shared: the same in shared mode; sctun-iperf3: iperf3 --sctp under '
                 'sctun-run, shared mode.')
    lines.append('usrsctp-raw: usrsctp_bench over raw IP between the same namespaces; usrsctp-udp: '
                 'over UDP encapsulation on loopback; node: the npm sctp module over UDP on '
                 'loopback (16000-byte messages in the 16 KiB row).')
    lines.append('ceiling: kernel TCP (iperf3, same write sizes; rate = bytes/100) and ping '
                 'through tunfwd, a null forwarder between two TUNs at MTU 1500.')
    lines.append('Ratios are sctun/peer: above 1 is better for sctun except latency (below 1 is '
                 'better).  Load average before %s, after %s, %d CPUs; %.0f s in all.' %
                 (doc['load_before'], doc['load_after'], doc['cpus'], doc['wall_seconds']))
    for k, v in sorted(b.errors.items()):
        lines.append('failed runs of %s: %d (%s)' % (k, len(v), v[-1][:160]))
    for k, v in sorted(b.skipped.items()):
        lines.append('not measured: %s (%s)' % (k, v))
    return '\n'.join(lines) + '\n', doc


def main():
    ap = argparse.ArgumentParser(description='sctun system benchmarks (make bench)')
    ap.add_argument('--srcdir', default='.')
    ap.add_argument('--builddir', default='.')
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--secs', type=float, default=None,
                    help='seconds per run (default 2, quick 0.5)')
    ap.add_argument('--quick', action='store_true', help='short runs, memory up to 10k only')
    ap.add_argument('--mem-runs', type=int, default=None)
    ap.add_argument('--out', default='bench-results', help='PREFIX: PREFIX.txt and PREFIX.json')
    ap.add_argument('--keep', action='store_true', help='keep the logs')
    a = ap.parse_args()
    if a.secs is None:
        a.secs = 0.5 if a.quick else 2.0
    if a.mem_runs is None:
        a.mem_runs = min(a.runs, 5)
    if a.runs < 1 or a.secs <= 0:
        ap.error('--runs and --secs must be positive')
    if os.geteuid() != 0:
        sys.exit('sctbench: needs root (network namespaces, TUN devices)')
    for t in ('ip', 'iperf3', 'ping'):
        if not shutil.which(t):
            sys.exit('sctbench: needs %s (scripts/install-deps)' % t)
    b = Bench(a)
    for f in (b.sctund, b.sctpperf, b.sctunctl, b.run_tool, b.lib, b.tunfwd, b.memassoc):
        if not os.path.exists(f):
            sys.exit('sctbench: %s not built' % f)
    if not os.path.exists(b.ub):
        b.skipped['usrsctp'] = 'usrsctp_bench not built (libusrsctp-dev)'
    if not shutil.which('node') or not os.path.exists(os.path.join(b.node_path,
                                                                   'sctp/package.json')):
        b.skipped['node'] = ('needs node and the npm sctp module in %s (scripts/install-deps)' %
                             b.node_path)
    b.load_before = loadavg()
    t_start = time.time()

    def on_signal(sig, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_signal)
    try:
        log('sctbench: %d runs of %.3g s per case%s; load average %s on %d CPUs' %
            (a.runs, a.secs, ' (quick)' if a.quick else '', b.load_before, os.cpu_count()))
        b.setup()
        b.run_cases()
        log('-- memory per idle association')
        b.memory()
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        b.keep_logs = True
        fatal = str(e)
    else:
        fatal = None
    finally:
        b.cleanup()
    if fatal:
        sys.exit('sctbench: set-up failed: %s' % fatal)
    text, doc = table(b, a, t_start)
    with open(a.out + '.txt', 'w') as f:
        f.write(text)
    with open(a.out + '.json', 'w') as f:
        json.dump(doc, f, indent=1)
    print()
    print(text, end='')
    log('table: %s.txt and %s.json' % (os.path.abspath(a.out), os.path.abspath(a.out)))
    # sctun's own figures must exist: a bench whose sctun runs all failed is a failure
    bad = [r['row'] + '/' + r['metric'] for r in doc['rows'] if not r['runs_ok']['sctun']]
    if bad:
        sys.exit('sctbench: no sctun result for ' + ', '.join(bad))


if __name__ == '__main__':
    main()
