import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The security headers every response carries. Pages are server-rendered and
 * need nothing from another host and no inline script or style, so the policy
 * allows neither. HSTS and upgrade-insecure-requests only mean something, and
 * are only safe, over HTTPS.
 */
export function securityHeaders({
  https,
  imageOrigin,
}: {
  https: boolean
  /** Where pictures come from besides this host: MEDIA_PUBLIC_URL's origin (a CDN or bucket). */
  imageOrigin?: string | undefined
}): Readonly<Record<string, string>> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${imageOrigin ? ` ${imageOrigin}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
  return Object.freeze({
    'content-security-policy': policy,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  })
}

/**
 * The policy with frames allowed from exactly these origins: a page showing
 * embeds lets their players load, and only theirs (every other page keeps
 * default-src 'self' for frames).
 */
export function withFrameSources(policy: string, origins: readonly string[]): string {
  if (origins.length === 0) return policy
  const unique = [...new Set(origins)].sort()
  return `${policy}; frame-src ${unique.join(' ')}`
}

/** Sets the headers on every response that goes through a route or a 404. */
export const securityHeadersPlugin = fp<{ headers: Readonly<Record<string, string>> }>(
  async (app: FastifyInstance, { headers }) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers)
    })
  },
  { name: 'security-headers' },
)
