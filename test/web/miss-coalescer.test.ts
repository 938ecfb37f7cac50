// The miss coalescer over real HTTP, with renders the test finishes by hand:
// a reader who leaves while waiting for another's render must not leave the
// page marked as rendering forever.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { test } from 'node:test'
import { createMissCoalescer } from '../../src/web/page-cache/miss-coalescer.js'
import { createPageCache } from '../../src/web/page-cache/page-cache.js'

/** A server whose every render waits for the test; each request and render is reported. */
async function coalescingServer(t: { after: (fn: () => unknown) => void }) {
  const cache = createPageCache({
    memory: 1_000_000,
    maxAgeMs: 600_000,
    cacheControl: 'public, max-age=60',
    securityHeaders: {},
    now: () => 1_000_000,
  })
  const coalescer = createMissCoalescer(cache)
  const renders: ServerResponse[] = []
  const arrivals: ServerResponse[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    arrivals.push(response)
    server.emit('arrived')
    void coalescer.answerMiss(request, response, () => {
      renders.push(response)
      server.emit('rendering')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => {
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as AddressInfo
  const until = async (event: 'arrived' | 'rendering', count: () => boolean) => {
    while (!count()) await once(server, event)
  }
  return { server, port, coalescer, renders, arrivals, until }
}

/** A GET whose answer (status and body) is awaited. */
function fetchPage(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    }).on('error', reject)
  })
}

// With the page left marked, the third reader would wait for good: the timeout turns that into a failure.
test(
  'a reader who leaves while waiting does not leave the page rendering forever',
  { timeout: 10_000 },
  async (t) => {
    const { port, coalescer, renders, arrivals, until } = await coalescingServer(t)
    // The first reader's render is under way.
    const first = fetchPage(port, '/missing')
    await until('rendering', () => renders.length === 1)
    // A second reader arrives, waits for it, and leaves before it ends.
    const leaving = connect(port, '127.0.0.1')
    leaving.write('GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n')
    await until('arrived', () => arrivals.length === 2)
    const waiting = arrivals[1]!
    leaving.destroy()
    if (!waiting.destroyed) await once(waiting, 'close')
    // The first render answers with a page that is not kept (a 404): the waiter wakes to nothing.
    renders[0]!.writeHead(404, { 'content-type': 'text/plain' }).end('no such page')
    assert.deepEqual(await first, { status: 404, body: 'no such page' })
    // A third reader is not kept waiting on the one who left: it renders, and is answered.
    const third = fetchPage(port, '/missing')
    await until('rendering', () => renders.some((response) => response === arrivals[2]))
    arrivals[2]!.writeHead(404, { 'content-type': 'text/plain' }).end('still no such page')
    assert.deepEqual(await third, { status: 404, body: 'still no such page' })
    assert.equal(coalescer.pending, 0, 'no render is left marked as under way')
    assert.ok(!renders.includes(waiting), 'nothing was rendered for the reader who left')
  },
)
