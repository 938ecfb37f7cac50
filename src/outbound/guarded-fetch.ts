// The one way Dateline calls other hosts (webhooks, media fetched for an import).
// A URL a user typed must never reach the machine's own services or its cloud's
// metadata endpoint, so every address a name resolves to is checked, and the
// connection goes to the address checked (no second lookup a rebinding DNS
// server could answer differently). Redirects, body size and time are capped.
import { lookup as dnsLookup } from 'node:dns'
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

export interface OutboundLimits {
  /** Loopback targets allowed (WEBHOOK_ALLOW_LOOPBACK, for local development and tests). */
  allowLoopback: boolean
  maxRedirects: number
  /** The most of a response body read; a longer one is refused. */
  maxBytes: number
  /** The whole exchange, redirects included. */
  timeoutMs: number
}

export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  allowLoopback: false,
  maxRedirects: 3,
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
}

export interface OutboundRequest {
  method?: 'GET' | 'HEAD' | 'POST'
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface OutboundResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The address that answered, after redirects. */
  url: string
}

export type OutboundFetch = (url: string, request?: OutboundRequest) => Promise<OutboundResponse>

export type RefusalReason = 'scheme' | 'address' | 'redirects' | 'size' | 'timeout' | 'network'

/** A call not made or not finished, with a reason an admin can act on. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message)
    this.name = 'OutboundRefusedError'
  }
}

/**
 * Why an address may not be called, or null when it may: only global unicast
 * addresses (and loopback when allowed). IPv4-mapped IPv6 is judged as IPv4.
 */
export function addressRefusal(address: string, allowLoopback: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`
  const range = ipaddr.process(address).range()
  if (range === 'unicast' || (range === 'loopback' && allowLoopback)) return null
  return `${address} is a ${range} address, which Dateline does not call`
}

function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      // Any refused address refuses the name: a resolver may hand out either.
      for (const { address } of addresses) {
        const refusal = addressRefusal(address, allowLoopback)
        if (refusal) {
          return callback(new OutboundRefusedError('address', `${hostname}: ${refusal}`), '', 0)
        }
      }
      const first = addresses[0]
      if (!first) {
        return callback(new OutboundRefusedError('network', `${hostname}: no address`), '', 0)
      }
      if (options.all) return callback(null, addresses)
      callback(null, first.address, first.family)
    })
  }
}

/** The next request after a redirect, as browsers do: 303 (and 301/302 after POST) become GET. */
function redirected(status: number, request: OutboundRequest): OutboundRequest {
  if (status === 307 || status === 308) return request
  if (status === 303 || request.method === 'POST') {
    const { body: _dropped, ...rest } = request
    return { ...rest, method: 'GET' }
  }
  return request
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    response.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        response.destroy(
          new OutboundRefusedError('size', `The answer is larger than ${maxBytes} bytes.`),
        )
        return
      }
      chunks.push(chunk)
    })
    response.on('end', () => resolve(Buffer.concat(chunks)))
    response.on('error', reject)
  })
}

function once(
  target: URL,
  request: OutboundRequest,
  limits: OutboundLimits,
  signal: AbortSignal,
): Promise<{ response: IncomingMessage; body: Buffer }> {
  const literal = target.hostname.replace(/^\[|\]$/g, '')
  if (isIP(literal)) {
    const refusal = addressRefusal(literal, limits.allowLoopback)
    if (refusal) return Promise.reject(new OutboundRefusedError('address', refusal))
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: request.method ?? 'GET',
        headers: request.headers,
        lookup: guardedLookup(limits.allowLoopback),
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume()
          resolve({ response, body: Buffer.alloc(0) })
          return
        }
        readCapped(response, limits.maxBytes).then((body) => resolve({ response, body }), reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

function asRefusal(error: unknown, signal: AbortSignal, limits: OutboundLimits): Error {
  if (error instanceof OutboundRefusedError) return error
  if (signal.aborted) {
    return new OutboundRefusedError('timeout', `No answer within ${limits.timeoutMs} ms.`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new OutboundRefusedError('network', message)
}

/** A fetch held to `limits`; every failure is an OutboundRefusedError. */
export function createGuardedFetch(overrides: Partial<OutboundLimits> = {}): OutboundFetch {
  const limits = { ...DEFAULT_OUTBOUND_LIMITS, ...overrides }
  return async (url, request = {}) => {
    const signal = AbortSignal.timeout(limits.timeoutMs)
    let target: URL
    try {
      target = new URL(url)
    } catch {
      throw new OutboundRefusedError('scheme', `${url} is not an address.`)
    }
    let current = request
    for (let hop = 0; ; hop++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new OutboundRefusedError('scheme', `Only http and https addresses are called.`)
      }
      if (target.username || target.password) {
        throw new OutboundRefusedError(
          'scheme',
          'Addresses with a user name or password are not called.',
        )
      }
      let answer: { response: IncomingMessage; body: Buffer }
      try {
        answer = await once(target, current, limits, signal)
      } catch (error) {
        throw asRefusal(error, signal, limits)
      }
      const { response, body } = answer
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (!(status >= 300 && status < 400 && location)) {
        return { status, headers: response.headers, body, url: target.href }
      }
      if (hop >= limits.maxRedirects) {
        throw new OutboundRefusedError('redirects', `More than ${limits.maxRedirects} redirects.`)
      }
      target = new URL(location, target)
      current = redirected(status, current)
    }
  }
}
