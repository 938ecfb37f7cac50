// The HTTP server's defences against slow and greedy clients (README,
// "Security"): timeouts for a request's headers, for the whole request, and
// for idle keep-alive connections, and a cap on the connections one address
// may hold open, so that thousands of slow connections from one place cannot
// take every socket the server has.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Config } from '../config.js'

export type HttpLimits = Config['http']

/** An HTTP server with the limits in place; `handle` answers each request. */
export function createLimitedServer(
  limits: HttpLimits,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node looks for expired requests this often (30 s by default): a slow
      // client is closed within a quarter of its timeout, not half a minute later.
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4,
      ),
    },
    handle,
  )
  if (limits.maxConnectionsPerAddress > 0) capPerAddress(server, limits.maxConnectionsPerAddress)
  return server
}

/** Closes, as soon as it is accepted, any connection beyond `cap` open ones from its address. */
function capPerAddress(server: Server, cap: number): void {
  const open = new Map<string, number>()
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? ''
    const count = (open.get(address) ?? 0) + 1
    if (count > cap) {
      socket.destroy()
      return
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left <= 0) open.delete(address)
      else open.set(address, left)
    })
  })
}

/**
 * Lets the requests under way when the server stops finish for `graceMs`, then
 * closes every connection left: a client that stalls mid-request (or a
 * browser's unused pre-opened socket) must not hold a deploy up for the whole
 * request timeout. Call it as closing begins.
 */
export function closeAfterGrace(server: Server, graceMs: number): void {
  const timer = setTimeout(() => server.closeAllConnections(), graceMs)
  server.once('close', () => clearTimeout(timer))
}
