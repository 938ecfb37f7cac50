// Bad-input probes of the public site: every page a reader asks for, and the
// comment form, each part of each request in turn replaced by a bad value.
import { randomBytes } from 'node:crypto'
import { send, type RawRequest } from '../http.js'
import { inUrl } from '../junk.js'
import type { Seeded } from '../seed.js'
import { freshNetwork, type Site } from '../site.js'
import { form, FORM, type Probe } from './probe.js'

/** The reader's pages: articles, listings, archives, search, feeds, sitemaps, threads. */
export function readerProbes(site: Site, seeded: Seeded): Record<string, Probe> {
  const raw = async (request: RawRequest) => (await send(site.url, request)).status
  const get = (path: string, headers: Record<string, string> = {}) =>
    raw({ method: 'GET', path, headers })
  const parts = seeded.path.split('/').slice(1)
  const withJunkPart = (value: string, index: number, suffix = '') => {
    const changed = parts.map((part, at) => (at === index % parts.length ? inUrl(value) : part))
    return `/${changed.join('/')}${suffix}`
  }
  const tag = seeded.article.tags[0]?.slug ?? 'harbour'
  const author = seeded.article.bylines[0]?.slug ?? 'ada-brekke'
  return {
    'GET /:year/:month/:day/:slug': (v, i) => get(withJunkPart(v, i)),
    'GET article ?comments ?reply ?comment': (v, i) =>
      get(`${seeded.path}?${['comments', 'reply', 'comment', 'page'][i % 4]}=${inUrl(v)}`),
    'GET /:section ?page': (v, i) =>
      get(i % 2 ? `/${inUrl(v)}` : `/news?page=${inUrl(v)}&page=${i % 7}`),
    'GET /authors/:slug, /tags/:slug': (v, i) =>
      get(
        i % 2
          ? `/authors/${i % 4 ? inUrl(v) : author}?page=${inUrl(v)}`
          : `/tags/${i % 4 ? inUrl(v) : tag}?page=${inUrl(v)}`,
      ),
    'GET archives /:year/:month/:day': (v, i) =>
      get(['/', `/2026/`, `/2026/11/`][i % 3] + inUrl(v) + (i % 5 ? '' : `?page=${inUrl(v)}`)),
    'GET /search ?q ?page': (v, i) =>
      get(`/search?q=${inUrl(v)}${i % 3 ? '' : `&page=${inUrl(v)}`}${i % 11 ? '' : '&q=twice'}`),
    'GET feeds and sitemaps': (v, i) =>
      get(
        [
          `/${inUrl(v)}/feed.rss`,
          `/authors/${inUrl(v)}/feed.atom`,
          `/tags/${inUrl(v)}/feed.json`,
          `/sitemaps/${inUrl(v)}`,
          `/feed.rss?${inUrl(v)}=${inUrl(v)}`,
          `/sitemap.xml`,
        ][i % 6] ?? '/',
        { 'if-none-match': v.slice(0, 200).replace(/[^\x20-\x7e]/g, ''), 'accept-encoding': 'br' },
      ),
    'GET comment token and comment feeds': (v, i) =>
      get(withJunkPart(v, i, ['/comments/token', '/comments.atom', '/comments.json'][i % 3])),
    'GET /threads/:slug, /at-a-glance': (v, i) =>
      get(i % 2 ? `/threads/${inUrl(v)}` : `/at-a-glance?page=${inUrl(v)}`),
  }
}

/** A reader's comment: its fields, and bodies and types no form sends. */
export function commentProbes(site: Site, seeded: Seeded): Record<string, Probe> {
  const raw = async (request: RawRequest) => (await send(site.url, request)).status
  const parts = seeded.path.split('/').slice(1)
  const withJunkPart = (value: string, index: number, suffix = '') => {
    const changed = parts.map((part, at) => (at === index % parts.length ? inUrl(value) : part))
    return `/${changed.join('/')}${suffix}`
  }
  return {
    'POST comment (fields)': async (v, i) => {
      const token = await site.formToken(seeded.article.id)
      const field = ['name', 'email', 'body', 'parent_id', '_csrf', 'website'][i % 6] ?? 'body'
      const fields: Record<string, string | string[]> = {
        _csrf: token,
        name: 'Ingrid Solberg',
        email: '',
        body: `A reader's words ${randomBytes(4).toString('hex')}.`,
        website: '',
        [field]: i % 13 === 0 ? [v, v] : v,
      }
      if (i % 9 === 0) fields.parent_id = seeded.comment.id
      return raw({
        method: 'POST',
        path: `${seeded.path}/comments`,
        headers: {
          'content-type': FORM,
          'x-forwarded-for': i % 17 ? freshNetwork() : inUrl(v).slice(0, 100) || '::1',
          ...(i % 2 ? { accept: 'application/json' } : {}),
          ...(i % 23 === 0 ? { origin: 'https://evil.example' } : {}),
        },
        body: form(fields),
      })
    },
    'POST comment (bodies and types)': async (v, i) =>
      raw({
        method: 'POST',
        path: i % 5 ? `${seeded.path}/comments` : withJunkPart(v, i, '/comments'),
        headers: {
          'content-type': [FORM, 'application/json', 'text/plain', 'multipart/form-data', v][
            i % 5
          ]!.replace(/[^\x20-\x7e]/g, ''),
          'x-forwarded-for': freshNetwork(),
        },
        body: i % 3 ? v : `_csrf=${inUrl(v)}&name=${inUrl(v)}&body=${inUrl(v)}&name`,
      }),
  }
}
