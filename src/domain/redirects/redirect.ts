import { hasAnyControl } from '../../text/control-characters.js'
import { ValidationError } from '../errors.js'

/** Where a redirect came from: an editor, a CSV file, an import, or a section or author that moved. */
export type RedirectSource = 'editor' | 'csv' | 'import' | 'section' | 'author' | 'tag'

/** An old address that answers 301 with a new one. */
export interface Redirect {
  /** The old address as a key (redirectKey): a path, and the query when it names the page. */
  from: string
  /** A path on this site, or an absolute http(s) address elsewhere. */
  to: string
  source: RedirectSource
  createdAt: Date
  updatedAt: Date
}

export const REDIRECT_LIMITS = { addressLength: 2000, csvBytes: 2_000_000, csvRows: 20_000 }

/** Prefixes that are the site's own machinery: no redirect may take them over. */
export const RESERVED_PREFIXES = ['/admin', '/assets', '/media', '/api', '/preview'] as const

/** Query parameters that say where a click came from, never which page it asks for. */
const TRACKING_PARAM = /^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ref)$/

const BASE = 'http://redirect.invalid'

/**
 * The one form an address takes for matching: the path (percent-encoded as a
 * browser sends it, repeated and trailing slashes dropped, lower case, as
 * WordPress and Ghost match slugs) and the query parameters that remain once
 * tracking ones are dropped, sorted. Undefined when it is not an address.
 */
export function redirectKey(address: string): string | undefined {
  let url: URL
  try {
    // A leading // would be read as a host: collapse it first, as the router does.
    url = new URL(address.replace(/^\/{2,}/, '/'), BASE)
  } catch {
    return undefined
  }
  const path = url.pathname
    .replace(/\/{2,}/g, '/')
    .replace(/(.)\/$/, '$1')
    .toLowerCase()
  const params = [...url.searchParams]
    .filter(([name]) => !TRACKING_PARAM.test(name.toLowerCase()))
    .map(
      ([name, value]) => `${encodeURIComponent(name.toLowerCase())}=${encodeURIComponent(value)}`,
    )
    .sort()
  return params.length === 0 ? path : `${path}?${params.join('&')}`
}

/** The key without its query: `/old-story?amp=1` still finds `/old-story`. */
export function pathOfKey(key: string): string {
  const question = key.indexOf('?')
  return question < 0 ? key : key.slice(0, question)
}

// Spaces, quotes and angle brackets have no place in an address someone typed (nor controls).
const UNSAFE = /[\s<>"\\]/

function assertAddress(value: string, field: 'from' | 'to', label: string): void {
  if (value === '') {
    throw new ValidationError('address_missing', `Enter the ${label}.`, { field })
  }
  if (value.length > REDIRECT_LIMITS.addressLength) {
    throw new ValidationError(
      'address_too_long',
      `The ${label} is longer than ${REDIRECT_LIMITS.addressLength} characters.`,
      { field },
    )
  }
  if (UNSAFE.test(value) || hasAnyControl(value)) {
    throw new ValidationError(
      'address_unsafe',
      `The ${label} has spaces, quotes or control characters; an address has none.`,
      { field },
    )
  }
}

/** An old address as typed (a path, or the old site's full URL) → its key, or a ValidationError. */
export function oldAddressKey(typed: string): string {
  const value = typed.trim()
  assertAddress(value, 'from', 'old address')
  const absolute = /^https?:\/\//i.test(value)
  if (!absolute && !value.startsWith('/')) {
    throw new ValidationError(
      'old_address_not_a_path',
      'The old address is a path starting with / (such as /2015/11/old-story/) or the old site’s full address.',
      { field: 'from' },
    )
  }
  const key = redirectKey(absolute ? value.replace(/^https?:\/\/[^/?#]*/i, '') || '/' : value)
  if (!key || key === '/') {
    throw new ValidationError(
      'old_address_is_home',
      'The front page cannot be redirected; give the old story’s address.',
      { field: 'from' },
    )
  }
  const path = pathOfKey(key)
  if (RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
    throw new ValidationError(
      'old_address_reserved',
      `${path} belongs to the site itself and cannot be redirected.`,
      { field: 'from' },
    )
  }
  return key
}

/** A new address as typed: a path on this site, or an http(s) address elsewhere. */
export function newAddress(typed: string): string {
  const value = typed.trim()
  assertAddress(value, 'to', 'new address')
  if (value.startsWith('/') && !value.startsWith('//')) {
    return value.replace(/\/{2,}/g, '/')
  }
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username) {
    throw new ValidationError(
      'new_address_invalid',
      'The new address is a path on this site starting with / or a full http:// or https:// address.',
      { field: 'to' },
    )
  }
  return url.href
}

/** The key a local target would be matched by, so chains can be followed; undefined for other sites. */
export function localKeyOf(target: string): string | undefined {
  return target.startsWith('/') ? redirectKey(target) : undefined
}
