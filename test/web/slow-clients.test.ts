// Slow clients cannot starve the rest: a cap on connections per address
// (MAX_CONNECTIONS_PER_ADDRESS) turns away the hundreds an attacker opens,
// and header, request and keep-alive timeouts close the ones it keeps open,
// while a reader from another address is served as usual. Raw sockets, as a
// slowloris tool would use; the attacker's come from 127.0.0.2 (all of
// 127.0.0.0/8 is loopback on Linux), the reader's from 127.0.0.1.
import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { describe, test } from 'node:test'
import { ConfigError, loadConfig } from '../../src/config.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'

const CAP = 20
const ATTACKERS = 300

interface SlowSocket {
  socket: Socket
  /** Everything the server sent. */
  received: () => string
  closed: Promise<void>
}

/** Every socket a test opened, destroyed before its server is closed (which waits for them). */
const opened = new Set<Socket>()

function destroyOpened(): void {
  for (const socket of opened) socket.destroy()
  opened.clear()
}

/** A connection from `from` that sends `head` and then one more header line every 200 ms. */
function slowSocket(port: number, from: string, head: string): Promise<SlowSocket> {
  return new Promise((resolve) => {
    let received = ''
    const socket = connect({ host: '127.0.0.1', port, localAddress: from })
    opened.add(socket)
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    let drip: NodeJS.Timeout | undefined
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
    socket.on('error', () => {})
    void closed.then(() => clearInterval(drip))
    const ready = () => resolve({ socket, received: () => received, closed })
    socket.once('connect', () => {
      socket.write(head)
      drip = setInterval(() => {
        if (!socket.destroyed) socket.write('X-Slow: still typing\r\n')
      }, 200)
      ready()
    })
    socket.once('close', ready)
  })
}

describe('slow clients', () => {
  // Bounded, so that a server without these defences fails the test instead of holding it for minutes.
  const BOUND = { timeout: 20_000 }

  test(
    'hundreds of slow connections from one address: capped, timed out, and a reader still served',
    BOUND,
    async (t) => {
      t.after(destroyOpened)
      const ctx = await createTestContext(t, 'sqlite', {
        MAX_CONNECTIONS_PER_ADDRESS: String(CAP),
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      })
      const server = await startTestServer(t, ctx)
      const port = Number(new URL(server.url).port)
      const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`
      const attackers = await Promise.all(
        Array.from({ length: ATTACKERS }, () => slowSocket(port, '127.0.0.2', head)),
      )

      // A reader from another address, while the attack goes on.
      const reader = await server.get('/')
      assert.equal(reader.status, 200)
      await reader.text()

      await Promise.all(attackers.map(({ closed }) => closed))
      const turnedAway = attackers.filter(({ received }) => received() === '').length
      const timedOut = attackers.filter(({ received }) => received().startsWith('HTTP/1.1 408'))
      t.diagnostic(`${turnedAway} turned away at the cap, ${timedOut.length} timed out`)
      assert.ok(turnedAway >= ATTACKERS - CAP, `only ${turnedAway} turned away`)
      assert.ok(timedOut.length <= CAP, `${timedOut.length} kept open`)
      assert.equal(turnedAway + timedOut.length, ATTACKERS, 'every slow connection was closed')

      // The cap counts open connections: once they are gone, the address may connect again.
      const after = await fetch(server.url, { headers: {} })
      assert.equal(after.status, 200)
    },
  )

  test(
    'a body sent too slowly is refused with 408; idle keep-alive connections are closed',
    BOUND,
    async (t) => {
      t.after(destroyOpened)
      const ctx = await createTestContext(t, 'sqlite', {
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      })
      const server = await startTestServer(t, ctx)
      const port = Number(new URL(server.url).port)
      const slowBody = await slowSocket(
        port,
        '127.0.0.3',
        'POST /2026/11/17/any-story/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
          'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\n',
      )
      await slowBody.closed
      assert.match(slowBody.received(), /^HTTP\/1\.1 408/)

      // A connection kept alive and left idle after its answer is closed by the server.
      const idle = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.4' })
      opened.add(idle)
      let answer = ''
      idle.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')))
      idle.write(`GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
      await new Promise<void>((done) => idle.once('close', () => done()))
      assert.match(answer, /^HTTP\/1\.1 200/)
      assert.match(answer, /keep-alive: timeout=1/i)
      // The settings are the server's own.
      const http = server.app.server
      assert.equal(http.headersTimeout, 1000)
      assert.equal(http.requestTimeout, 2000)
      assert.equal(http.keepAliveTimeout, 1000)
    },
  )

  test(
    'a stopping server waits for a stalled request only for the grace, not the request timeout',
    BOUND,
    async (t) => {
      const ctx = await createTestContext(t, 'sqlite', {
        HTTP_HEADERS_TIMEOUT_SECONDS: '600',
        HTTP_REQUEST_TIMEOUT_SECONDS: '3600',
        HTTP_SHUTDOWN_GRACE_SECONDS: '0.2',
      })
      const server = await startTestServer(t, ctx)
      const port = Number(new URL(server.url).port)
      // Half a request's headers, then nothing (as a browser's spare socket, or a stalled client).
      const stalled = connect({ host: '127.0.0.1', port })
      stalled.on('error', () => {})
      // Read what comes, so the server's closing reaches the socket's close event.
      stalled.resume()
      const closed = new Promise<void>((done) => stalled.once('close', () => done()))
      await new Promise<void>((done) => stalled.once('connect', () => done()))
      stalled.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
      // Without the grace, this waits the hour of the request timeout and BOUND fails the test.
      await server.app.close()
      await closed
      assert.equal(stalled.destroyed, true)
    },
  )

  test('the defaults, and the cap left to the proxy behind one', () => {
    assert.deepEqual(loadConfig({}).http, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      shutdownGraceMs: 10_000,
      maxConnectionsPerAddress: 256,
    })
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).http.maxConnectionsPerAddress, 0)
    assert.equal(
      loadConfig({ TRUST_PROXY: 'true', MAX_CONNECTIONS_PER_ADDRESS: '5000' }).http
        .maxConnectionsPerAddress,
      5000,
    )
    for (const bad of [
      { HTTP_HEADERS_TIMEOUT_SECONDS: '0' },
      { HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: 'soon' },
      { MAX_CONNECTIONS_PER_ADDRESS: '-1' },
      { HTTP_SHUTDOWN_GRACE_SECONDS: '-1' },
    ]) {
      assert.throws(() => loadConfig(bad), ConfigError, JSON.stringify(bad))
    }
  })
})
