// SPDX-License-Identifier: MIT
// node-sctp-client.js: the Node.js sctp module (npm "sctp", UDP mode) as the peer of sctund's
// echo service over RFC 6951 encapsulation: N messages of growing size, each echoed byte for
// byte, then a graceful end.  Usage: node node-sctp-client.js UDP_PORT SCTP_PORT N
'use strict'
const dgram = require('dgram')
const sctp = require('sctp')

const udpPort = parseInt(process.argv[2], 10)
const sctpPort = parseInt(process.argv[3], 10)
const count = parseInt(process.argv[4] || '10', 10)
const fail = msg => { console.log('FAIL: ' + msg); process.exit(1) }
setTimeout(() => fail('timeout after 20 s'), 20000)

// message i: i * 601 + 1 bytes (the module cannot take a message above its 16 KiB window)
const message = i => {
  const b = Buffer.alloc(i * 601 + 1)
  for (let k = 0; k < b.length; k++) b[k] = (k * 31 + i) & 0xff
  return b
}

const udp = dgram.createSocket({type: 'udp4'})
udp.bind(0, '127.0.0.1', () => {
  udp.connect(udpPort, '127.0.0.1', () => {
    const sock = sctp.connect({localPort: 5001, port: sctpPort, udpTransport: udp})
    let got = Buffer.alloc(0)
    let want = Buffer.alloc(0)
    sock.on('error', e => fail('socket error: ' + e.message))
    sock.on('connect', () => {
      console.log('ok: association up with sctund over UDP port ' + udpPort)
      for (let i = 0; i < count; i++) {
        const m = message(i)
        want = Buffer.concat([want, m])
        sock.write(m)
      }
    })
    sock.on('data', d => {
      got = Buffer.concat([got, d])
      if (got.length < want.length) return
      if (!got.equals(want)) fail('echoed bytes differ')
      console.log('ok: ' + count + ' messages (' + want.length + ' bytes) echoed byte for byte')
      sock.end()
    })
    sock.on('end', () => {
      console.log('ok: graceful end')
      process.exit(0)
    })
  })
})
