/**
 * The one check on a link a writer adds in the editor: the web (http, https)
 * or an email address (mailto), nothing else. Browsers ignore tabs, newlines
 * and leading control characters in a URL, so `java\tscript:` is JavaScript to
 * them; they are taken out before the scheme is read, never after.
 */
export type LinkCheck = { ok: true; href: string } | { ok: false; message: string }

const ALLOWED = new Set(['http:', 'https:', 'mailto:'])

/** Tabs, newlines, other C0 controls, DEL and invisible format characters: none belongs in a URL. */
// eslint-disable-next-line no-control-regex -- these are the characters being removed
const INVISIBLE = /[\u0000-\u001f\u007f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g

/** A bare host name such as www.example.com/page, to be read as https. */
const BARE_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#]|$)/i

const REFUSED =
  'Links must be web addresses (http:// or https://) or email addresses (mailto:). Other kinds of link are refused.'

export function checkLinkUrl(input: string): LinkCheck {
  const typed = input.replace(INVISIBLE, '').trim()
  if (typed === '') return { ok: false, message: 'Type or paste the address the link goes to.' }
  if (/\s/.test(typed)) return { ok: false, message: 'A web address has no spaces in it.' }
  const candidate = BARE_HOST.test(typed) ? `https://${typed}` : typed
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return { ok: false, message: REFUSED }
  }
  if (!ALLOWED.has(url.protocol)) return { ok: false, message: REFUSED }
  if (url.protocol === 'mailto:') {
    if (!/^[^@\s/]+@[^@\s/]+$/.test(url.pathname)) {
      return {
        ok: false,
        message: 'An email link needs an address, such as mailto:desk@example.com.',
      }
    }
  } else if (url.hostname === '') {
    return { ok: false, message: 'A web address needs a host, such as https://example.com.' }
  }
  return { ok: true, href: url.href }
}
