import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import {
  addressRefusal,
  createGuardedFetch,
  OutboundRefusedError,
  type RefusalReason,
} from '../../src/outbound/guarded-fetch.js'

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void

/** A loopback server whose routes the tests write. */
function serve(routes: Record<string, Handler>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const handler = routes[request.url ?? '']
      if (!handler) return response.writeHead(404).end()
      handler(request, response, Buffer.concat(chunks).toString())
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  )
}

async function refusal(promise: Promise<unknown>): Promise<RefusalReason> {
  const error = await promise.then(
    () => assert.fail('the call was made'),
    (caught: unknown) => caught,
  )
  assert.ok(error instanceof OutboundRefusedError, String(error))
  return error.reason
}

describe('addressRefusal', () => {
  test('global unicast addresses may be called', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) {
      assert.equal(addressRefusal(address, false), null, address)
    }
  })

  test('loopback, private, link-local, metadata and other special ranges may not', () => {
    for (const address of [
      '127.0.0.1',
      '127.9.9.9',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::',
    ]) {
      assert.match(addressRefusal(address, false) ?? 'allowed', /does not call/, address)
    }
  })

  test('loopback is allowed only when asked for, and nothing else with it', () => {
    assert.equal(addressRefusal('127.0.0.1', true), null)
    assert.equal(addressRefusal('::1', true), null)
    assert.match(addressRefusal('10.0.0.1', true) ?? '', /private/)
    assert.match(addressRefusal('169.254.169.254', true) ?? '', /linkLocal/)
  })
})

describe('createGuardedFetch', () => {
  let origin = ''
  let server: Server
  let hits = 0
  before(async () => {
    ;({ server, origin } = await serve({
      '/ok': (_request, response) => response.end('fine'),
      '/echo': (request, response, body) =>
        response.end(JSON.stringify({ method: request.method, body })),
      '/big': (_request, response) => response.end('x'.repeat(2_000)),
      '/silent': () => {
        hits++
      },
      '/to-metadata': (_request, response) =>
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/loop': (_request, response) => response.writeHead(302, { location: '/loop' }).end(),
      '/see-other': (_request, response) => response.writeHead(303, { location: '/echo' }).end(),
      '/temporary': (_request, response) => response.writeHead(307, { location: '/echo' }).end(),
    }))
  })
  after(() => {
    server.closeAllConnections()
    server.close()
  })

  test('refuses loopback by default, by address and by name', async () => {
    const guarded = createGuardedFetch()
    assert.equal(await refusal(guarded(`${origin}/ok`)), 'address')
    const port = new URL(origin).port
    assert.equal(await refusal(guarded(`http://localhost:${port}/ok`)), 'address')
    assert.equal(await refusal(guarded(`http://[::ffff:127.0.0.1]:${port}/ok`)), 'address')
  })

  test('refuses private and metadata addresses without connecting', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true })
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
    ]) {
      assert.equal(await refusal(guarded(url)), 'address', url)
    }
  })

  test('calls loopback when allowed', async () => {
    const answer = await createGuardedFetch({ allowLoopback: true })(`${origin}/ok`)
    assert.equal(answer.status, 200)
    assert.equal(answer.body.toString(), 'fine')
  })

  test('checks every redirect target', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true })
    assert.equal(await refusal(guarded(`${origin}/to-metadata`)), 'address')
  })

  test('caps redirects', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true, maxRedirects: 3 })
    assert.equal(await refusal(guarded(`${origin}/loop`)), 'redirects')
  })

  test('a 303 after POST becomes GET without the body; a 307 keeps both', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true })
    const post = { method: 'POST' as const, body: 'payload' }
    const seeOther: unknown = JSON.parse(
      (await guarded(`${origin}/see-other`, post)).body.toString(),
    )
    assert.deepEqual(seeOther, { method: 'GET', body: '' })
    const temporary: unknown = JSON.parse(
      (await guarded(`${origin}/temporary`, post)).body.toString(),
    )
    assert.deepEqual(temporary, { method: 'POST', body: 'payload' })
  })

  test('caps the size of an answer', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true, maxBytes: 1_000 })
    assert.equal(await refusal(guarded(`${origin}/big`)), 'size')
    const roomy = createGuardedFetch({ allowLoopback: true, maxBytes: 2_000 })
    assert.equal((await roomy(`${origin}/big`)).body.length, 2_000)
  })

  test('gives up on a server that does not answer', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true, timeoutMs: 200 })
    assert.equal(await refusal(guarded(`${origin}/silent`)), 'timeout')
    assert.equal(hits, 1)
  })

  test('calls only http and https addresses without credentials', async () => {
    const guarded = createGuardedFetch({ allowLoopback: true })
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://x/', 'not a url']) {
      assert.equal(await refusal(guarded(url)), 'scheme', url)
    }
    assert.equal(await refusal(guarded(`${origin.replace('//', '//user:pw@')}/ok`)), 'scheme')
  })
})
