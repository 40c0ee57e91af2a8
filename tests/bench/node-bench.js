// SPDX-License-Identifier: MIT
// node-bench.js: the Node.js sctp module (npm, UDP mode) as a peer of `make bench`: flood,
// ping-pong and setup tests between two processes over UDP on loopback, one JSON line out.
//   node node-bench.js server UDP_PORT PEER_UDP_PORT
//   node node-bench.js client UDP_PORT PEER_UDP_PORT flood|latency|setup LEN SECS
// The tests and their measurement points are those of usrsctp_bench.c (flood: the server times
// from the first data message to the end marker 'E' and answers with what it counted).  The
// module serves one association per SCTP port pair over a UDP socket, so the server listens
// (passively) on ports 5001..5000+N ahead of the client, which takes them in turn.
'use strict'
const dgram = require('dgram')
const sctp = require('sctp')

const [role, udpPortS, peerUdpS, mode, lenS, secsS] = process.argv.slice(2)
const udpPort = parseInt(udpPortS, 10)
const peerUdp = parseInt(peerUdpS, 10)
const len = parseInt(lenS || '1000', 10)
const secs = parseFloat(secsS || '2')
const AHEAD = 16 // passive sockets the server keeps open ahead of the client
const fail = msg => { console.error('node-bench: ' + msg); process.exit(1) }
const nowNs = () => process.hrtime.bigint()

const udp = dgram.createSocket({ type: 'udp4' })
udp.bind(udpPort, '127.0.0.1', () => udp.connect(peerUdp, '127.0.0.1', () => {
  if (role === 'server') server(); else client()
}))

function server () {
  let next = 5001
  const open = () => {
    const port = next++
    const sock = sctp.connect({
      passive: true, localPort: port, port: port + 1000, udpTransport: udp
    })
    let bytes = 0; let msgs = 0; let tFirst = 0n; let opened = false
    sock.on('error', () => {})
    sock.on('connect', () => { if (!opened) { opened = true; open() } })
    sock.on('data', d => {
      if (!opened) { opened = true; open() }
      if (d.length === 1 && d[0] === 0x45) { // 'E': the end marker
        const r = { bytes, messages: msgs, seconds: msgs ? Number(nowNs() - tFirst) / 1e9 : 0 }
        sock.write(Buffer.from('R' + JSON.stringify(r)))
        return
      }
      if (d[0] === 0x50) { sock.write(d); return } // 'P': a ping
      if (d[0] === 0x53) return // 'S': setup, the client ends it
      if (!msgs) tFirst = nowNs()
      bytes += d.length
      msgs++
    })
  }
  for (let i = 0; i < AHEAD; i++) open()
  console.log('listening')
}

function client () {
  let port = 5001
  const t0 = nowNs()
  const tEnd = t0 + BigInt(Math.round(secs * 1e9))
  const connect = cb => {
    const p = port++
    const sock = sctp.connect({ localPort: p + 1000, port: p, udpTransport: udp })
    sock.on('error', e => fail('socket error: ' + e.message))
    sock.on('connect', () => cb(sock))
    return sock
  }
  const done = r => { console.log(JSON.stringify(r)); process.exit(0) }
  setTimeout(() => fail('no result ' + (secs + 20) + ' s after the start'), (secs + 20) * 1000)
  if (mode === 'setup') {
    let n = 0
    const one = () => {
      if (nowNs() >= tEnd) {
        return done({ mode: 'setup', associations: n, seconds: Number(nowNs() - t0) / 1e9 })
      }
      connect(sock => {
        sock.on('end', () => { n++; one() })
        sock.write(Buffer.from('S'))
        sock.end() // the client ends it: the module's server-side end() never reaches us
      })
    }
    return one()
  }
  if (mode === 'latency') {
    const samples = []
    const ping = Buffer.alloc(len); ping[0] = 0x50
    return connect(sock => {
      let t = nowNs()
      sock.on('data', d => {
        if (d.length !== len) fail('the pong is ' + d.length + ' bytes, not ' + len)
        const now = nowNs()
        samples.push(Number(now - t))
        if (now >= tEnd) {
          samples.sort((a, b) => a - b)
          const n = samples.length
          return done({
            mode: 'latency',
            pings: n,
            p50_us: samples[n >> 1] / 1e3,
            p99_us: samples[Math.floor(n * 99 / 100)] / 1e3
          })
        }
        t = nowNs()
        sock.write(ping)
      })
      sock.write(ping)
    })
  }
  const msg = Buffer.alloc(len); msg[0] = 0x44 // 'D'
  connect(sock => {
    let ended = false
    sock.on('data', d => {
      if (d[0] !== 0x52) fail('not a result')
      const r = JSON.parse(d.slice(1).toString())
      done({ mode: 'flood', length: len, bytes: r.bytes, messages: r.messages, seconds: r.seconds })
    })
    const pump = () => {
      while (!ended) {
        if (nowNs() >= tEnd) { ended = true; sock.write(Buffer.from('E')); return }
        if (!sock.write(msg)) return sock.once('drain', pump)
      }
    }
    pump()
  })
}
